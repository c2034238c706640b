"""Every step kind, by the name a scenario writes."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from types import MappingProxyType

from scenarios.expectations import parse_expect, run_expect
from scenarios.model import StepKind
from scenarios.steps import control, hubspot, shopify, twoway

EXPECT = StepKind("expect", run_expect, parse=parse_expect,
                  help="expect: {subject: expectation, …} — see the expectation reference")


@cache
def step_registry() -> Mapping[str, StepKind]:
    """The read-only registry of step kinds."""
    kinds = (*shopify.STEPS, *hubspot.STEPS, *twoway.STEPS, *control.STEPS, EXPECT)
    names = [k.name for k in kinds]
    duplicates = {n for n in names if names.count(n) > 1}
    if duplicates:
        raise RuntimeError(f"step kinds defined twice: {sorted(duplicates)}")
    return MappingProxyType({k.name: k for k in kinds})
