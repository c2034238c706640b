"""The customer search syntax (``customers/search.json?query=...``) as pure functions.

Terms are separated by whitespace and ANDed; ``field:value`` matches one field, a bare word matches
name, email, phone or company; values may be quoted; ``*`` is a wildcard; ``:>``, ``:>=``, ``:<``,
``:<=`` compare dates and numbers; a leading ``-`` negates a term. ``OR`` is not supported.
"""

from __future__ import annotations

import fnmatch
import re
import shlex
from collections.abc import Callable
from datetime import datetime
from decimal import Decimal, InvalidOperation

from mocks.shopify.records import Customer
from mocks.shopify.values import parse_time

_TERM = re.compile(r"^(-?)([a-z_]+):(>=|<=|>|<)?(.*)$", re.IGNORECASE)


def _texts(customer: Customer, field: str) -> list[str]:
    default = customer.default_address
    address = default.fields if default else {}
    values: dict[str, list[object]] = {
        "email": [customer.email], "first_name": [customer.first_name], "last_name": [customer.last_name],
        "phone": [customer.phone], "id": [customer.id], "state": [customer.state],
        "verified_email": [str(customer.verified_email).lower()],
        "accepts_marketing": [str((customer.email_marketing_consent or {}).get("state") == "subscribed").lower()],
        "tag": [t.strip() for t in customer.tags.split(",")], "customer_tag": [t.strip() for t in customer.tags.split(",")],
        "country": [a.fields.get("country") for a in customer.addresses],
        "province": [a.fields.get("province") for a in customer.addresses],
        "city": [a.fields.get("city") for a in customer.addresses],
        "company": [a.fields.get("company") for a in customer.addresses],
        "zip": [a.fields.get("zip") for a in customer.addresses],
        "orders_count": [customer.orders_count], "total_spent": [customer.total_spent],
        "name": [" ".join(p for p in (customer.first_name, customer.last_name) if p)],
    }
    if field == "*":
        return [str(v) for key in ("email", "first_name", "last_name", "phone", "name", "company")
                for v in values[key] if v] + ([str(address.get("company"))] if address.get("company") else [])
    return [str(v) for v in values.get(field, []) if v not in (None, "")]


def _matches_text(candidates: list[str], pattern: str, whole: bool) -> bool:
    pattern = pattern.lower()
    for text in candidates:
        text = text.lower()
        if "*" in pattern:
            if fnmatch.fnmatchcase(text, pattern) or (not whole and fnmatch.fnmatchcase(text, f"*{pattern}*")):
                return True
        elif (text == pattern) if whole else (pattern in text or any(w.startswith(pattern) for w in text.split())):
            return True
    return False


def _compare(customer: Customer, field: str, op: str, value: str) -> bool:
    ops: dict[str, Callable[[object, object], bool]] = {
        ">": lambda a, b: a > b, ">=": lambda a, b: a >= b,  # type: ignore[operator]
        "<": lambda a, b: a < b, "<=": lambda a, b: a <= b,  # type: ignore[operator]
    }
    left: object
    right: object
    if field in ("created_at", "updated_at"):
        left = getattr(customer, field)
        try:
            right = parse_time(value)
        except ValueError:
            return False
        assert isinstance(left, datetime)
    elif field in ("orders_count", "total_spent", "id"):
        left = Decimal(str(getattr(customer, field)))
        try:
            right = Decimal(value)
        except InvalidOperation:
            return False
    else:
        return False
    return ops[op](left, right)


def _term_matcher(term: str) -> Callable[[Customer], bool]:
    match = _TERM.match(term)
    if not match:
        return lambda c: _matches_text(_texts(c, "*"), term, whole=False)
    negate, field, op, value = match.group(1), match.group(2).lower(), match.group(3), match.group(4)

    def test(customer: Customer) -> bool:
        if op:
            result = _compare(customer, field, op, value)
        else:
            whole = field not in ("name", "company", "city", "address1")
            result = _matches_text(_texts(customer, field), value, whole=whole)
        return not result if negate else result
    return test


def customer_matcher(query: str) -> Callable[[Customer], bool]:
    """A predicate for one search query; an empty query matches every customer."""
    try:
        terms = shlex.split(query)
    except ValueError:
        terms = query.split()
    terms = [t for t in terms if t.upper() != "AND"]
    matchers = [_term_matcher(t) for t in terms]
    return lambda customer: all(m(customer) for m in matchers)
