"""Turn report and workflow results into JSON-ready data and aligned plain-text tables (pure)."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal

from connector.reporting.periods import Period
from connector.reporting.times import format_time


def to_jsonable(value: object) -> object:
    """Dataclasses -> dicts, Decimal -> string, datetime -> ISO ``Z``, date -> ISO, sets -> sorted lists."""
    if isinstance(value, Period):
        return value.describe()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime):
        return format_time(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, (set, frozenset)):
        return sorted(to_jsonable(v) for v in value)
    if isinstance(value, (list, tuple)):
        return [to_jsonable(v) for v in value]
    return value


def money_text(amounts: Mapping[str, object]) -> str:
    """``{"EUR": 5, "USD": 10}`` as ``EUR 5, USD 10``; an empty mapping as ``-``."""
    return ", ".join(f"{cur} {amount}" for cur, amount in amounts.items()) or "-"


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """An aligned plain-text table; numbers align right, text left."""
    cells = [[str(h) for h in headers]] + [["-" if c is None else str(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    numeric = [all(_is_number(row[i]) for row in cells[1:]) and len(cells) > 1 for i in range(len(headers))]

    def line(row: list[str]) -> str:
        parts = [c.rjust(w) if num else c.ljust(w) for c, w, num in zip(row, widths, numeric, strict=True)]
        return "  ".join(parts).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(cells[0]), rule, *(line(r) for r in cells[1:])])


def _is_number(text: str) -> bool:
    try:
        Decimal(text)
    except ArithmeticError:
        return text == "-"
    return True


def section(title: str, body: str, note: str = "") -> str:
    """A titled block: title, underline, optional note line, body."""
    head = [title, "=" * len(title)] + ([note] if note else [])
    return "\n".join([*head, body])
