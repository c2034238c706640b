"""The ``expect`` step: a mapping of subject → what must hold, checked together after each other.

Every entry is checked and every mismatch reported (not just the first), so one failure shows the
whole difference between expected and actual.
"""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Mapping
from functools import cache
from types import MappingProxyType
from typing import Any

from scenarios.errors import Mark, Mismatch, ScenarioError, StepFailed
from scenarios.expectations import other, records, reports, shopify_records
from scenarios.expectations.base import Expectation, Subject
from scenarios.model import LoadContext, Step
from scenarios.yamlnodes import mark_of


@cache
def subject_registry() -> Mapping[str, Subject]:
    """Every subject an ``expect`` block may name, by name."""
    return MappingProxyType({s.name: s for s in (*records.SUBJECTS, *shopify_records.SUBJECTS, *other.SUBJECTS,
                                                       *reports.SUBJECTS)})


def _split_key(key: str, registry: Mapping[str, Subject], mark: Mark) -> tuple[Subject, str]:
    """``deal o1`` → (deal, "o1"): the longest subject name that starts the key."""
    for name in sorted(registry, key=len, reverse=True):
        if key == name or key.startswith(name + " "):
            subject, arg = registry[name], key[len(name):].strip()
            if subject.arg == "required" and not arg:
                raise ScenarioError(mark, f"expect {name}: say which one (e.g. `{name} …`); {subject.help}")
            if subject.arg == "none" and arg:
                raise ScenarioError(mark, f"expect {name} takes nothing after its name; {subject.help}")
            return subject, arg
    first = key.split(" ")[0]
    close = difflib.get_close_matches(first, list(registry), n=3, cutoff=0.5)
    hint = f" (did you mean {' or '.join(repr(c) for c in close)}?)" if close else ""
    raise ScenarioError(mark, f"unknown expectation {key!r}{hint}; known: {', '.join(sorted(registry))}")


def parse_expect(step: Step, ctx: LoadContext) -> tuple[Expectation, ...]:
    """Load-time parse of an ``expect`` step's mapping into expectations."""
    value = step.arg
    if not isinstance(value, dict) or not value:
        raise ScenarioError(step.mark, "expect: a mapping of subject: expectation, e.g. "
                                       "`contact ada@example.com: {firstname: Ada}`")
    registry = subject_registry()
    parsed = []
    for key, spec in value.items():
        mark = mark_of(value, key, step.mark)
        subject, arg = _split_key(str(key).strip(), registry, mark)
        parsed.append(Expectation(subject, str(key).strip(), subject.parse(arg, spec, mark, ctx), mark))
    return tuple(parsed)


def run_expect(world: Any, step: Step) -> None:
    """Check every expectation; raise StepFailed listing all mismatches."""
    mismatches: list[Mismatch] = []
    for expectation in step.spec:
        if expectation.subject.mock_only and not world.session.admin_enabled:
            world.note(f"left out on {world.session.target}: {expectation.label} at {expectation.mark} "
                       "(reads a mock's journal)")
            continue
        try:
            found = expectation.subject.check(world, expectation.spec)
        except StepFailed as error:
            found = [Mismatch(expectation.label, "(error)", "a readable record", str(error))]
        mismatches += [dataclasses.replace(m, mark=expectation.mark) for m in found]
    if mismatches:
        raise StepFailed(f"{len(mismatches)} expectation(s) not met", mismatches)
