"""Plain-text tables: one titled block per section, aligned columns, markdown-compatible."""

from __future__ import annotations

import math
from collections.abc import Sequence


def fmt(value: object, digits: int = 2) -> str:
    """Render a cell: ``-`` for missing, thousands separators for large numbers, fixed decimals."""
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        if math.isnan(value):
            return "-"
        if abs(value) >= 1000:
            return f"{value:,.0f}"
        return f"{value:.{digits}f}"
    return str(value)


def render(title: str, headers: Sequence[str], rows: Sequence[Sequence[object]],
           notes: Sequence[str] = ()) -> str:
    """A markdown table under a ``### title`` line, with optional note lines below it."""
    cells = [[fmt(c) for c in row] for row in rows]
    widths = [len(h) for h in headers]
    for row in cells:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], len(cell))

    def line(items: Sequence[str]) -> str:
        return "| " + " | ".join(item.ljust(widths[i]) for i, item in enumerate(items)) + " |"

    out = [f"### {title}", "", line(headers), "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    out += [line(row) for row in cells]
    if notes:
        out.append("")
        out += list(notes)
    return "\n".join(out)
