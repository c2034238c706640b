"""Inline SVG charts (pure functions returning markup): no scripts, no fonts, nothing fetched."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

PALETTE = ("#ff7a59", "#00a4bd", "#7c98b6", "#00bda5", "#f5c26b", "#6a78d1", "#f2545b", "#516f90")


@dataclass(frozen=True)
class Bar:
    """One bar: ``value`` sets the length, ``text`` is printed next to it."""

    label: str
    value: float
    text: str
    color: str = PALETTE[0]


def _empty(width: int, height: int, message: str) -> str:
    return (f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(message)}">'
            f'<text x="{width / 2}" y="{height / 2}" class="empty" text-anchor="middle">{escape(message)}</text></svg>')


def hbars(bars: Sequence[Bar], width: int = 560, label_width: int = 150, row: int = 26, title: str = "") -> str:
    """Horizontal bars, one row each, value text right of the bar."""
    if not bars:
        return _empty(width, 60, "no data yet")
    top = max((b.value for b in bars), default=0) or 1
    span = width - label_width - 130  # room for the value text right of the longest bar
    height = row * len(bars) + 6
    parts = [f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">']
    for i, bar in enumerate(bars):
        y = 3 + i * row
        length = max(2.0, span * bar.value / top) if bar.value > 0 else 0
        parts.append(f'<text x="{label_width - 8}" y="{y + row / 2 + 4}" text-anchor="end" class="lbl">'
                     f'{escape(bar.label)}</text>')
        parts.append(f'<rect x="{label_width}" y="{y + 4}" width="{length:.1f}" height="{row - 8}" rx="3" '
                     f'fill="{bar.color}"><title>{escape(bar.label)}: {escape(bar.text)}</title></rect>')
        parts.append(f'<text x="{label_width + length + 6:.1f}" y="{y + row / 2 + 4}" class="val">'
                     f'{escape(bar.text)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def nice_ceiling(value: float) -> float:
    """The smallest 1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten that is >= ``value`` (an axis top)."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    return next(m * power for m in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10) if m * power >= value - 1e-9)


def columns(bars: Sequence[Bar], width: int = 560, height: int = 220, title: str = "",
            scale: Callable[[float], str] | None = None) -> str:
    """Vertical columns (e.g. sales per day) with a baseline, the first/last labels and, with
    ``scale`` (a value formatter), a y axis: gridlines and labels at 0, half and the top."""
    if not bars:
        return _empty(width, 80, "no sales in this period")
    top = max(b.value for b in bars) or 1
    axis_w = 0
    if scale is not None:
        top = nice_ceiling(top)
        axis_w = 8 + 7 * max(len(scale(top)), len(scale(top / 2)))
    left, bottom, plot_h = 8, 22, height - 40
    step = (width - 2 * left - axis_w) / len(bars)
    gap = min(6.0, step * 0.25)
    parts = [f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">',
             f'<line x1="{left + axis_w}" y1="{height - bottom}" x2="{width - left}" y2="{height - bottom}" class="axis"/>']
    if scale is not None:
        for fraction in (0.5, 1.0):
            y = height - bottom - plot_h * fraction
            parts.append(f'<line x1="{left + axis_w}" y1="{y:.1f}" x2="{width - left}" y2="{y:.1f}" class="grid"/>')
        for fraction in (0.0, 0.5, 1.0):
            y = height - bottom - plot_h * fraction
            parts.append(f'<text x="{left + axis_w - 4}" y="{y + 4:.1f}" text-anchor="end" class="tick" '
                         f'data-tick="{top * fraction:g}">{escape(scale(top * fraction))}</text>')
    left += axis_w
    for i, bar in enumerate(bars):
        h = plot_h * bar.value / top if bar.value > 0 else 0
        x = left + i * step + gap / 2
        parts.append(f'<rect x="{x:.1f}" y="{height - bottom - h:.1f}" width="{step - gap:.1f}" height="{h:.1f}" '
                     f'rx="2" fill="{bar.color}"><title>{escape(bar.label)}: {escape(bar.text)}</title></rect>')
    peak = max(range(len(bars)), key=lambda i: bars[i].value)
    px = left + peak * step + step / 2
    peak_y = height - bottom - plot_h * bars[peak].value / top - 4
    parts.append(f'<text x="{px:.1f}" y="{peak_y:.1f}" text-anchor="middle" class="val">'
                 f'{escape(bars[peak].text)}</text>')
    parts.append(f'<text x="{left}" y="{height - 6}" class="lbl">{escape(bars[0].label)}</text>')
    if len(bars) > 1:
        parts.append(f'<text x="{width - left}" y="{height - 6}" text-anchor="end" class="lbl">'
                     f'{escape(bars[-1].label)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def donut(parts_in: Sequence[Bar], center: str, sub: str = "", size: int = 170) -> str:
    """A ring split by value; the centre shows ``center`` (and ``sub`` under it)."""
    total = sum(p.value for p in parts_in if p.value > 0)
    r, stroke, c = size / 2 - 14, 22, size / 2
    circumference = 2 * math.pi * r
    out = [f'<svg class="chart donut" viewBox="0 0 {size} {size}" width="{size}" height="{size}" role="img">',
           f'<circle cx="{c}" cy="{c}" r="{r}" fill="none" stroke="#eef1f6" stroke-width="{stroke}"/>']
    offset = 0.0
    for part in parts_in:
        if total <= 0 or part.value <= 0:
            continue
        length = circumference * part.value / total
        out.append(f'<circle cx="{c}" cy="{c}" r="{r}" fill="none" stroke="{part.color}" stroke-width="{stroke}" '
                   f'stroke-dasharray="{length:.2f} {circumference - length:.2f}" '
                   f'stroke-dashoffset="{-offset:.2f}" transform="rotate(-90 {c} {c})">'
                   f'<title>{escape(part.label)}: {escape(part.text)}</title></circle>')
        offset += length
    out.append(f'<text x="{c}" y="{c + 2}" text-anchor="middle" class="big">{escape(center)}</text>')
    if sub:
        out.append(f'<text x="{c}" y="{c + 20}" text-anchor="middle" class="lbl">{escape(sub)}</text>')
    out.append("</svg>")
    return "".join(out)


def gauge(fraction: float | None, center: str, sub: str = "", size: int = 170,
          color: str = PALETTE[3]) -> str:
    """Progress ring for a fraction (capped at 1 for drawing; the text says the real figure)."""
    filled = max(0.0, min(1.0, fraction or 0.0))
    return donut([Bar("progress", filled, center, color), Bar("remaining", 1 - filled, "", "#eef1f6")],
                 center, sub, size)
