"""Shopify's search syntax for the ``query:`` argument of connections, as pure functions.

``field:value`` terms, comparators ``:<``, ``:<=``, ``:>``, ``:>=``, connectives ``AND`` (also implied
by whitespace), ``OR`` and ``NOT`` (or a leading ``-``), parentheses, single- or double-quoted values
and a trailing ``*`` for a prefix match. A bare word matches the resource's default text fields.
Each resource supplies its fields as ``name -> getter``; a term on another field matches everything
and is reported back as a warning (as Shopify's ``extensions.search`` does).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from mocks.shopify.values import parse_time

Getter = Callable[[Any], object]  # a record's value(s) for a field: scalar, list, datetime or number
Predicate = Callable[[Any], bool]
_TOKEN = re.compile(r"""\s*(?:(\()|(\))|((?:[^\s()"':]+:(?:>=|<=|>|<|=)?)?(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[^\s()]*)))""")
_ESCAPED = re.compile(r"\\(.)")
_TERM = re.compile(r"^(-?)([A-Za-z_][\w.]*):(>=|<=|>|<|=)?(.*)$", re.DOTALL)


@dataclass
class Search:
    """A parsed query: the predicate and the fields it named that the resource does not know."""

    test: Predicate
    unknown: list[str] = field(default_factory=list)


def _unquote(value: str) -> str:
    """A quoted value's text, its backslash escapes (``\\"``, ``\\\\``) resolved."""
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return _ESCAPED.sub(r"\1", value[1:-1])
    return value


def _tokens(text: str) -> list[str]:
    out: list[str] = []
    position = 0
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None or match.end() == position:
            position += 1
            continue
        position = match.end()
        token = match.group(1) or match.group(2) or match.group(3)
        if token:
            out.append(token)
    return out


def _as_number(value: object) -> Decimal | None:
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def _compare(left: object, op: str, raw: str) -> bool:
    right: object
    if isinstance(left, datetime):
        try:
            right = parse_time(raw)
        except ValueError:
            return False
    elif isinstance(left, int | float | Decimal) and not isinstance(left, bool):
        right = _as_number(raw)
        left = _as_number(left)
        if right is None or left is None:
            return False
    else:
        left, right = str(left).lower(), raw.lower()
    if op == ">":
        return left > right  # type: ignore[operator]
    if op == ">=":
        return left >= right  # type: ignore[operator]
    if op == "<":
        return left < right  # type: ignore[operator]
    if op == "<=":
        return left <= right  # type: ignore[operator]
    return left == right


def _matches(value: object, raw: str) -> bool:
    if isinstance(value, datetime):
        try:
            wanted = parse_time(raw)
        except ValueError:
            return False
        return value == wanted if "T" in raw else value.date() == wanted.date()
    if isinstance(value, bool):
        return str(value).lower() == raw.lower()
    if isinstance(value, int | Decimal):
        number = _as_number(raw)
        return number is not None and Decimal(str(value)) == number
    text, pattern = str(value).lower(), raw.lower()
    if pattern.endswith("*"):
        return text.startswith(pattern[:-1])
    return text == pattern


def _values(value: object) -> list[object]:
    if isinstance(value, list | tuple | set):
        return [v for v in value if v not in (None, "")]
    return [] if value in (None, "") else [value]


class _Parser:
    def __init__(self, tokens: list[str], fields: Mapping[str, Getter], default: Getter | None) -> None:
        self.tokens, self.position, self.fields, self.default = tokens, 0, fields, default
        self.unknown: list[str] = []

    def peek(self) -> str | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def take(self) -> str:
        token = self.tokens[self.position]
        self.position += 1
        return token

    def expression(self) -> Predicate:
        parts = [self.conjunction()]
        while self.peek() == "OR":
            self.take()
            parts.append(self.conjunction())
        return parts[0] if len(parts) == 1 else (lambda r: any(p(r) for p in parts))

    def conjunction(self) -> Predicate:
        parts = []
        while (token := self.peek()) is not None and token not in (")", "OR"):
            if token == "AND":
                self.take()
                continue
            parts.append(self.unary())
        if not parts:
            return lambda r: True
        return parts[0] if len(parts) == 1 else (lambda r: all(p(r) for p in parts))

    def unary(self) -> Predicate:
        token = self.take()
        if token == "NOT":
            if self.peek() is None:
                return lambda r: True
            inner = self.unary()
            return lambda r: not inner(r)
        if token == "(":
            inner = self.expression()
            if self.peek() == ")":
                self.take()
            return inner
        if token == ")":
            return lambda r: True
        return self.term(token)

    def term(self, token: str) -> Predicate:
        match = _TERM.match(token)
        if match is None:
            negate, word = token.startswith("-") and len(token) > 1, _unquote(token.lstrip("-") or token)
            default = self.default
            if default is None:
                return lambda r: True
            test: Predicate = lambda r: any(word.lower() in str(v).lower() for v in _values(default(r)))  # noqa: E731
            return (lambda r: not test(r)) if negate else test
        negate, name, op, raw = match.group(1) == "-", match.group(2).lower(), match.group(3), _unquote(match.group(4))
        getter = self.fields.get(name)
        if getter is None:
            self.unknown.append(name)
            return lambda r: True
        if op and op != "=":
            test = lambda r: any(_compare(v, op, raw) for v in _values(getter(r)))  # noqa: E731
        elif raw == "*":
            test = lambda r: bool(_values(getter(r)))  # noqa: E731
        else:
            test = lambda r: any(_matches(v, raw) for v in _values(getter(r)))  # noqa: E731
        return (lambda r: not test(r)) if negate else test


def parse_search(query: str | None, fields: Mapping[str, Getter], default: Getter | None = None) -> Search:
    """The predicate of a ``query:`` string over records whose fields ``fields`` reads."""
    if not query or not query.strip():
        return Search(lambda r: True)
    parser = _Parser(_tokens(query), fields, default)
    test = parser.expression()
    while parser.peek() is not None:  # a stray ")" ends a group early: AND the rest
        parser.take()
        rest = parser.expression()
        first = test
        test = lambda r, a=first, b=rest: a(r) and b(r)  # noqa: E731
    return Search(test, parser.unknown)
