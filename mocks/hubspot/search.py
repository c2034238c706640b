"""CRM search semantics as pure functions: request validation, filter matching, sorting.

HubSpot's rules: groups are ORed, filters in a group ANDed; string matching is case-insensitive except
for enumerations; numbers compare numerically and dates by instant (epoch millis or ISO accepted).
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Callable
from dataclasses import dataclass

from mocks.hubspot import errors
from mocks.hubspot.values import parse_moment, to_number, to_text

OPERATORS = {"EQ", "NEQ", "LT", "LTE", "GT", "GTE", "BETWEEN", "IN", "NOT_IN", "HAS_PROPERTY",
             "NOT_HAS_PROPERTY", "CONTAINS_TOKEN", "NOT_CONTAINS_TOKEN"}
MAX_GROUPS, MAX_FILTERS_PER_GROUP, MAX_FILTERS = 5, 6, 18
MAX_LIMIT, MAX_RESULTS = 200, 10_000
_TOKEN_SPLIT = re.compile(r"[^0-9a-z@._+-]+")

# Looks up the ids associated with a record: (record_id, to_type_segment) -> set of ids (or None: unknown type)
AssocLookup = Callable[[int, str], "set[int] | None"]


@dataclass(frozen=True)
class Filter:
    prop: str
    op: str
    value: str | None
    high: str | None
    values: tuple[str, ...]


@dataclass(frozen=True)
class SearchRequest:
    groups: tuple[tuple[Filter, ...], ...]
    sort_prop: str | None
    descending: bool
    query: str | None
    properties: tuple[str, ...] | None
    limit: int
    offset: int


def _bad(message: str) -> errors.ApiError:
    return errors.validation(message, errors=[{"message": message, "code": "INVALID_SEARCH_REQUEST"}])


def parse_request(body: object) -> SearchRequest:
    """Validate a search body; raise HubSpot's 400 VALIDATION_ERROR for anything it refuses."""
    if not isinstance(body, dict):
        raise _bad("The search request body must be a JSON object")
    raw_groups = body.get("filterGroups") or []
    if not isinstance(raw_groups, list):
        raise _bad("filterGroups must be a list")
    if len(raw_groups) > MAX_GROUPS:
        raise _bad(f"Too many filter groups ({len(raw_groups)}). The maximum is {MAX_GROUPS}.")
    groups, total = [], 0
    for raw_group in raw_groups:
        raw_filters = raw_group.get("filters") if isinstance(raw_group, dict) else None
        if not isinstance(raw_filters, list):
            raise _bad("Each filter group needs a list of filters")
        if len(raw_filters) > MAX_FILTERS_PER_GROUP:
            raise _bad(f"Too many filters in a group ({len(raw_filters)}). The maximum is {MAX_FILTERS_PER_GROUP}.")
        total += len(raw_filters)
        groups.append(tuple(_parse_filter(f) for f in raw_filters))
    if total > MAX_FILTERS:
        raise _bad(f"Too many filters ({total}). The maximum across all groups is {MAX_FILTERS}.")
    sort_prop, descending = _parse_sorts(body.get("sorts"))
    limit = body.get("limit", 10)
    if limit is None:
        limit = 10
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 0 or limit > MAX_LIMIT:
        raise _bad(f"limit must be an integer from 0 to {MAX_LIMIT}")
    after = body.get("after")
    try:
        offset = int(str(after)) if after not in (None, "") else 0
    except ValueError:
        raise _bad(f"after must be a numeric offset, got {after!r}") from None
    if offset < 0:
        raise _bad("after must not be negative")
    if offset + limit > MAX_RESULTS:
        raise _bad(f"Paging beyond {MAX_RESULTS} results is not supported (after={offset}, limit={limit}); "
                   "narrow the filters instead.")
    props = body.get("properties")
    if props is not None and not (isinstance(props, list) and all(isinstance(p, str) for p in props)):
        raise _bad("properties must be a list of property names")
    query = body.get("query")
    if query is not None and not isinstance(query, str):
        raise _bad("query must be a string")
    return SearchRequest(tuple(groups), sort_prop, descending, query or None,
                         tuple(props) if props is not None else None, limit, offset)


def _parse_filter(raw: object) -> Filter:
    if not isinstance(raw, dict) or not isinstance(raw.get("propertyName"), str):
        raise _bad("Each filter needs a propertyName and an operator")
    op = str(raw.get("operator", "EQ"))
    if op not in OPERATORS:
        raise _bad(f"Unknown filter operator {op!r}; use one of {sorted(OPERATORS)}")
    value, high, values = raw.get("value"), raw.get("highValue"), raw.get("values")
    if op in ("IN", "NOT_IN"):
        if not isinstance(values, list) or not values:
            raise _bad(f"Operator {op} needs a non-empty values list")
    elif op == "BETWEEN":
        if value is None or high is None:
            raise _bad("Operator BETWEEN needs value and highValue")
    elif op not in ("HAS_PROPERTY", "NOT_HAS_PROPERTY") and value is None:
        raise _bad(f"Operator {op} needs a value")
    try:
        return Filter(raw["propertyName"], op, to_text(value), to_text(high),
                      tuple(to_text(v) or "" for v in (values or [])))
    except Exception:  # noqa: BLE001 - objects as values
        raise _bad("Filter values must be strings, numbers or booleans") from None


def _parse_sorts(raw: object) -> tuple[str | None, bool]:
    if not raw:
        return None, False
    if not isinstance(raw, list):
        raise _bad("sorts must be a list")
    if len(raw) > 1:
        raise _bad("Only one sort is allowed")
    sort = raw[0]
    if isinstance(sort, str):
        return (sort[1:], True) if sort.startswith("-") else (sort, False)
    if isinstance(sort, dict) and isinstance(sort.get("propertyName"), str):
        direction = str(sort.get("direction", "ASCENDING")).upper()
        if direction not in ("ASCENDING", "DESCENDING"):
            raise _bad("sort direction must be ASCENDING or DESCENDING")
        return sort["propertyName"], direction == "DESCENDING"
    raise _bad("Each sort is a property name or {propertyName, direction}")


def comparable(kind: str | None, text: str) -> tuple[int, object] | None:
    """A value in comparable form for its property type (None when it cannot be compared)."""
    if kind == "number":
        number = to_number(text.strip())
        return None if number is None else (0, number)
    if kind in ("date", "datetime"):
        moment = parse_moment(text)
        return None if moment is None else (0, moment.timestamp())
    return (0, text.lower())


def _tokens(text: str) -> set[str]:
    lowered = text.lower()
    return set(lowered.split()) | set(t for t in _TOKEN_SPLIT.split(lowered) if t) | {lowered}


def _contains_token(text: str, needle: str) -> bool:
    needle = needle.lower()
    if "*" in needle:
        return any(fnmatch.fnmatchcase(t, needle) for t in _tokens(text))
    return needle in _tokens(text)


def matches_filter(props: dict[str, str], kinds: dict[str, str], f: Filter) -> bool:
    """Does a record with ``props`` pass filter ``f``? Missing values pass only the negative operators."""
    value = props.get(f.prop)
    if f.op == "HAS_PROPERTY":
        return bool(value)
    if f.op == "NOT_HAS_PROPERTY":
        return not value
    if not value:
        return f.op in ("NEQ", "NOT_IN", "NOT_CONTAINS_TOKEN")
    kind = kinds.get(f.prop)
    if f.op in ("CONTAINS_TOKEN", "NOT_CONTAINS_TOKEN"):
        return _contains_token(value, f.value or "") == (f.op == "CONTAINS_TOKEN")
    if kind == "enumeration":  # case-sensitive for every operator
        if f.op in ("IN", "NOT_IN"):
            return (value in f.values) == (f.op == "IN")
        if f.op in ("EQ", "NEQ"):
            return (value == f.value) == (f.op == "EQ")
    if f.op in ("IN", "NOT_IN"):
        if kind in ("number", "date", "datetime"):
            here = comparable(kind, value)
            hit = any(here is not None and here == comparable(kind, v) for v in f.values)
        else:  # HubSpot: string values in IN must be lowercase to match
            hit = value.lower() in f.values
        return hit == (f.op == "IN")
    here, there = comparable(kind, value), comparable(kind, f.value or "")
    if here is None or there is None:
        return f.op == "NEQ"
    if f.op == "EQ":
        return here == there
    if f.op == "NEQ":
        return here != there
    if f.op == "LT":
        return here < there
    if f.op == "LTE":
        return here <= there
    if f.op == "GT":
        return here > there
    if f.op == "GTE":
        return here >= there
    high = comparable(kind, f.high or "")
    return high is not None and there <= here <= high  # BETWEEN


def matches_association(record_id: int, f: Filter, lookup: AssocLookup) -> bool:
    ids = lookup(record_id, f.prop.split(".", 1)[1])
    if ids is None:
        return False
    if f.op == "HAS_PROPERTY":
        return bool(ids)
    if f.op == "NOT_HAS_PROPERTY":
        return not ids
    wanted = {v for v in (f.values if f.op in ("IN", "NOT_IN") else (f.value,)) if v}
    hit = bool({str(i) for i in ids} & wanted)
    return hit == (f.op in ("EQ", "IN", "CONTAINS_TOKEN"))


def matches(record_id: int, props: dict[str, str], kinds: dict[str, str], request: SearchRequest,
            query_props: tuple[str, ...], lookup: AssocLookup) -> bool:
    """Whether a record is in the result set of ``request``."""
    if request.query:
        terms = request.query.lower().split()
        haystack = " ".join(props.get(p, "") for p in query_props).lower()
        if not all(term.strip("*") in haystack for term in terms):
            return False
    if not request.groups:
        return True
    for group in request.groups:
        if all(matches_association(record_id, f, lookup) if f.prop.startswith("associations.")
               else matches_filter(props, kinds, f) for f in group):
            return True
    return False


def sort_key(kind: str | None, value: str | None) -> tuple:
    """Sort key: parsed values, then unparsable text, then empty values."""
    if not value:
        return (1, 0, "")
    here = comparable(kind, value)
    if here is None or isinstance(here[1], str):
        return (0, 1, value.lower())
    return (0, 0, here[1])
