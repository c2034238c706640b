"""Property matchers: what an ``expect`` block may say about one value.

``Ada`` / ``10`` / ``true``  equals (numbers compare as numbers: HubSpot's ``"10.00"`` equals ``10``)
``absent`` (or ``null``)     no value: missing, null or empty string (HubSpot returns null for empty)
``any``                      some non-empty value
``{approx: 10.5, tol: 0.01}`` a number within ``tol`` (default 0.005: money)
``{equals: absent}``         the literal, when a value reads like a matcher word
``{contains: x}``, ``{one_of: [..]}``, ``{at_least: n}``, ``{at_most: n}``
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from scenarios.errors import Mark, ScenarioError

WORDS = {"absent": "absent", "any": "any"}
KEYED = ("equals", "approx", "contains", "one_of", "at_least", "at_most")
DEFAULT_TOLERANCE = 0.005


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def is_absent(value: Any) -> bool:
    """No value, as HubSpot and Shopify show it: missing, null or ''."""
    return value is None or value == "" or value == [] or value == {}


def values_equal(expected: Any, actual: Any) -> bool:
    """Scenario equality: numbers numerically, booleans against 'true'/'false', the rest exactly."""
    if expected is None:
        return is_absent(actual)
    if actual is None:
        return False
    if isinstance(expected, bool):
        return actual is expected or str(actual).strip().lower() == str(expected).lower()
    if isinstance(expected, int | float):
        number = _number(actual)
        return number is not None and abs(number - expected) < 1e-9
    if isinstance(expected, dict):
        return (isinstance(actual, dict) and expected.keys() == actual.keys()
                and all(values_equal(v, actual[k]) for k, v in expected.items()))
    if isinstance(expected, list):
        return (isinstance(actual, list) and len(expected) == len(actual)
                and all(values_equal(e, a) for e, a in zip(expected, actual, strict=True)))
    return str(actual) == str(expected)


@dataclass(frozen=True)
class Matcher:
    """One parsed matcher; ``test`` says whether an actual value satisfies it."""

    op: str
    value: Any = None
    tol: float = DEFAULT_TOLERANCE

    def test(self, actual: Any) -> bool:
        if self.op == "absent":
            return is_absent(actual)
        if self.op == "any":
            return not is_absent(actual)
        if self.op == "equals":
            return values_equal(self.value, actual)
        if self.op == "one_of":
            return any(values_equal(option, actual) for option in self.value)
        if self.op == "contains":
            if isinstance(actual, list | tuple | set):
                return any(values_equal(self.value, item) for item in actual)
            return actual is not None and str(self.value) in str(actual)
        number = _number(actual)
        if number is None:
            return False
        if self.op == "approx":
            return abs(number - float(self.value)) <= self.tol
        if self.op == "at_least":
            return number >= float(self.value)
        return number <= float(self.value)  # at_most

    def resolved(self, resolve: Callable[[Any], Any]) -> Matcher:
        """The same matcher with ``${name.field}`` references filled in and the value mapped as the
        target holds it (a sandbox's tagged emails, names, phones and order numbers)."""
        return Matcher(self.op, resolve(self.value), self.tol)

    def describe(self) -> str:
        if self.op in ("absent", "any"):
            return {"absent": "absent", "any": "any value"}[self.op]
        if self.op == "equals":
            return repr(self.value)
        if self.op == "approx":
            return f"≈ {self.value!r} (±{self.tol:g})"
        return f"{self.op.replace('_', ' ')} {self.value!r}"


def _check_number(key: str, value: Any, mark: Mark) -> None:
    if _number(value) is None:
        raise ScenarioError(mark, f"bad matcher: {key} needs a number, got {value!r}")


def parse_matcher(raw: Any, mark: Mark) -> Matcher:
    """Turn what a scenario wrote into a Matcher; a malformed one is an error at ``mark``."""
    if raw is None:
        return Matcher("absent")
    if isinstance(raw, str) and raw in WORDS:
        return Matcher(WORDS[raw])
    if not isinstance(raw, dict):
        return Matcher("equals", raw)
    keys = set(raw) - {"tol"}
    if len(keys) != 1 or not keys <= set(KEYED):
        unknown = sorted(str(k) for k in keys - set(KEYED)) or sorted(str(k) for k in keys)
        raise ScenarioError(mark, f"bad matcher {unknown}: use one of {', '.join(KEYED)}, "
                                  "or the words absent / any (write {equals: {...}} to compare a mapping)")
    op = keys.pop()
    value = raw[op]
    if "tol" in raw and op != "approx":
        raise ScenarioError(mark, f"bad matcher: tol only goes with approx, not {op}")
    if op in ("approx", "at_least", "at_most"):
        _check_number(op, value, mark)
    if op == "one_of" and not isinstance(value, list):
        raise ScenarioError(mark, "bad matcher: one_of needs a list")
    tol = raw.get("tol", DEFAULT_TOLERANCE)
    if op == "approx":
        _check_number("tol", tol, mark)
    return Matcher(op, value, float(tol))


def parse_matchers(raw: Any, mark: Mark, what: str) -> dict[str, Matcher]:
    """A mapping of name → matcher (a property list in an expectation)."""
    if not isinstance(raw, dict):
        raise ScenarioError(mark, f"{what}: expected a mapping of property: matcher, got {raw!r}")
    marks = getattr(raw, "marks", {})
    return {str(k): parse_matcher(v, marks.get(k, mark)) for k, v in raw.items()}
