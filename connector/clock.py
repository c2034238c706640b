"""The connector's clocks: the system clock, and a fixed clock for `--now` runs and tests.

Anything with ``.now() -> aware datetime`` is accepted as a clock (a mock's simulated Clock too).
This module is the only place the connector reads the wall clock.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Protocol


class ClockLike(Protocol):
    """What the connector needs from a clock."""

    def now(self) -> datetime: ...


class SystemClock:
    """UTC wall-clock time."""

    def now(self) -> datetime:
        return datetime.now(UTC)  # the one wall-clock read (clock)


class FixedClock:
    """A clock frozen at one instant (moved only by ``set``)."""

    def __init__(self, moment: datetime | str) -> None:
        self._moment = parse_iso(moment) if isinstance(moment, str) else _aware(moment)

    def now(self) -> datetime:
        return self._moment

    def set(self, moment: datetime | str) -> None:
        self._moment = parse_iso(moment) if isinstance(moment, str) else _aware(moment)


def _aware(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def parse_iso(value: str) -> datetime:
    """Parse ISO 8601 (``Z``, an offset, or naive = UTC) into an aware datetime."""
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    return _aware(datetime.fromisoformat(text))


def format_iso(moment: datetime) -> str:
    """UTC ISO 8601 with milliseconds and ``Z``, as HubSpot writes datetimes."""
    moment = _aware(moment).astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"
