"""Durations as scenarios write them: ``24h``, ``23h59m``, ``90s``, ``2d12h``."""

from __future__ import annotations

import re

UNITS = {"d": 86400, "h": 3600, "m": 60, "s": 1}
_PART = re.compile(r"(\d+(?:\.\d+)?)([dhms])")
_WHOLE = re.compile(r"^(?:\d+(?:\.\d+)?[dhms])+$")


def parse_duration(text: str | int | float) -> float:
    """Seconds in ``text``; a bare number is seconds. Raises ValueError on anything else."""
    if isinstance(text, bool):
        raise ValueError(f"not a duration: {text!r}")
    if isinstance(text, int | float):
        if text < 0:
            raise ValueError("a duration cannot be negative")
        return float(text)
    compact = str(text).replace(" ", "")
    if not _WHOLE.match(compact):
        raise ValueError(f"not a duration: {text!r} (write e.g. 24h, 23h59m, 90s, 2d)")
    return float(sum(float(n) * UNITS[unit] for n, unit in _PART.findall(compact)))
