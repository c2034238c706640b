"""Turning a run's outcome into text: the step that failed, and expected vs actual per property."""

from __future__ import annotations

import json
from typing import Any

from scenarios.errors import Mismatch
from scenarios.model import Scenario, Step


def show_expected(value: Any) -> str:
    """Expected values arrive as matcher descriptions (``'Ada'``, ``absent``, ``≈ 10 (±0.005)``)."""
    if isinstance(value, str):
        return value
    return json.dumps(value, default=str, ensure_ascii=False)


def show_actual(value: Any) -> str:
    """An actual value: strings quoted, structures as compact JSON, None as absent."""
    if value is None:
        return "absent (null)"
    if isinstance(value, dict | list):
        return json.dumps(value, default=str, ensure_ascii=False)
    return repr(value)


def format_mismatches(mismatches: list[Mismatch], indent: str = "  ") -> str:
    """Grouped by subject: each property with its expected and actual value."""
    lines: list[str] = []
    subject = None
    for m in mismatches:
        if m.subject != subject:
            subject = m.subject
            where = f"  ({m.mark})" if m.mark else ""
            lines.append(f"{indent}{subject}{where}")
        lines.append(f"{indent}  {m.field}:")
        lines.append(f"{indent}    expected: {show_expected(m.expected)}")
        lines.append(f"{indent}    actual:   {show_actual(m.actual)}")
        if m.note:
            lines.append(f"{indent}    ({m.note})")
    return "\n".join(lines)


def format_failure(scenario: Scenario, step: Step, message: str, mismatches: list[Mismatch]) -> str:
    """The whole failure message: scenario, the step (with file:line), then the differences."""
    head = [f"scenario: {scenario.name}", f"step {step.number} at {step.mark}: {step.title()}", message]
    body = format_mismatches(mismatches)
    return "\n".join(head + ([body] if body else []))
