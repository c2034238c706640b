"""Journal subscription filters: validate a ``Filter`` body and test it against a record's properties.

A filter holds conditions on CRM object properties, all of which must hold (AND); a subscription with
several filters lets an event through when any one of them holds (OR). Pure functions, no state.
"""

from __future__ import annotations

from mocks.hubspot import errors

OPERATORS = ("EQ", "N_EQ", "LT", "GT", "LTE", "GTE", "CONTAINS", "STARTS_WITH", "ENDS_WITH", "IN", "NOT_IN",
             "IS_EMPTY", "IS_NOT_EMPTY")
FILTER_TYPES = ("CRM_OBJECT_PROPERTY",)
_LIST_OPERATORS = ("IN", "NOT_IN")
_UNARY = ("IS_EMPTY", "IS_NOT_EMPTY")


def check_filter(raw: dict) -> dict:
    """The filter as stored (only the schema's fields); 400 for anything the schema does not allow."""
    conditions = raw.get("conditions")
    if not isinstance(conditions, list) or not conditions:
        raise errors.validation("filter.conditions must be a non-empty array",
                                context={"conditions": [str(conditions)]})
    out = []
    for condition in conditions:
        if not isinstance(condition, dict):
            raise errors.validation("Each condition must be an object")
        missing = [n for n in ("filterType", "operator", "property") if not condition.get(n)]
        if missing:
            raise errors.validation(f"Some required fields were not set: [{', '.join(missing)}]")
        if condition["filterType"] not in FILTER_TYPES:
            raise errors.validation(f"filterType must be one of {', '.join(FILTER_TYPES)}",
                                    context={"filterType": [str(condition["filterType"])]})
        operator = condition["operator"]
        if operator not in OPERATORS:
            raise errors.validation(f"operator must be one of {', '.join(OPERATORS)}",
                                    context={"operator": [str(operator)]})
        kept = {"filterType": condition["filterType"], "operator": operator, "property": str(condition["property"])}
        if operator in _LIST_OPERATORS:
            values = condition.get("values")
            if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
                raise errors.validation(f"{operator} needs values, an array of strings")
            kept["values"] = values
        elif operator not in _UNARY:
            if not isinstance(condition.get("value"), str):
                raise errors.validation(f"{operator} needs a string value")
            kept["value"] = condition["value"]
        out.append(kept)
    return {"conditions": out}


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def condition_holds(condition: dict, properties: dict[str, str]) -> bool:
    actual = properties.get(condition["property"]) or ""
    operator = condition["operator"]
    if operator == "IS_EMPTY":
        return actual == ""
    if operator == "IS_NOT_EMPTY":
        return actual != ""
    if operator in _LIST_OPERATORS:
        inside = actual.lower() in (v.lower() for v in condition["values"])
        return inside if operator == "IN" else not inside
    expected = condition["value"]
    if operator in ("EQ", "N_EQ"):
        same = actual.lower() == expected.lower()
        return same if operator == "EQ" else not same
    if operator in ("CONTAINS", "STARTS_WITH", "ENDS_WITH"):
        a, e = actual.lower(), expected.lower()
        return {"CONTAINS": e in a, "STARTS_WITH": a.startswith(e), "ENDS_WITH": a.endswith(e)}[operator]
    left, right = _number(actual), _number(expected)
    if left is None or right is None:
        left, right = actual, expected  # type: ignore[assignment]
        if actual == "":
            return False
    return {"LT": left < right, "GT": left > right, "LTE": left <= right, "GTE": left >= right}[operator]


def filter_passes(definition: dict, properties: dict[str, str]) -> bool:
    return all(condition_holds(c, properties) for c in definition["conditions"])
