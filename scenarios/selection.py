"""``--tags`` and ``--rules``: which scenarios of the given paths run."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from scenarios.model import Scenario


def names(values: str | Sequence[str] | None) -> frozenset[str]:
    """``"portable,reference"`` or ``["C1", "D4,D5"]`` as a set of names (empty: no filter)."""
    if not values:
        return frozenset()
    if isinstance(values, str):
        values = [values]
    return frozenset(part.strip() for value in values for part in value.split(",") if part.strip())


def selected(scenario: Scenario, tags: Iterable[str] = (), rules: Iterable[str] = ()) -> bool:
    """A scenario runs when it has one of ``tags`` (if any are given) and names one of ``rules``
    (if any are given)."""
    tags, rules = frozenset(tags), frozenset(rules)
    return (not tags or bool(tags & set(scenario.tags))) and (not rules or bool(rules & set(scenario.rules)))
