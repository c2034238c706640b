"""Report periods: ``this_month``, ``last_month``, ``all`` and ``FROM..TO`` (inclusive UTC dates).

A period is half-open internally, ``start <= t < end``, so its edges are exact: the first second of
a month is in, and everything up to the last instant of its last second is in too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from connector.reporting.times import format_time

PERIOD_NAMES = ("this_month", "last_month", "all")
_RANGE = re.compile(r"^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$")


class PeriodError(ValueError):
    """A period text that is not one of the accepted forms."""


@dataclass(frozen=True)
class Period:
    """``[start, end)`` in UTC; None on a side means unbounded (``all``)."""

    name: str
    start: datetime | None
    end: datetime | None

    def contains(self, moment: datetime | None) -> bool:
        """Whether an instant lies in the period (an unknown instant never does)."""
        if moment is None:
            return False
        if self.start is not None and moment < self.start:
            return False
        return self.end is None or moment < self.end

    def describe(self) -> dict:
        """JSON-ready edges: the first and the last second of the period."""
        last = self.end - timedelta(seconds=1) if self.end is not None else None
        return {"name": self.name, "first_second": format_time(self.start), "last_second": format_time(last)}


def month_start(moment: datetime) -> datetime:
    """Midnight UTC on the first day of the instant's month."""
    moment = moment.astimezone(UTC)
    return datetime(moment.year, moment.month, 1, tzinfo=UTC)


def next_month(start: datetime) -> datetime:
    """The first instant of the month after the month beginning at ``start``."""
    return (start + timedelta(days=32)).replace(day=1)


def previous_month(start: datetime) -> datetime:
    """The first instant of the month before the month beginning at ``start``."""
    return (start - timedelta(days=1)).replace(day=1)


def this_month(now: datetime) -> Period:
    """The calendar month (UTC) containing ``now``, whole."""
    start = month_start(now)
    return Period("this_month", start, next_month(start))


def last_month(now: datetime) -> Period:
    """The calendar month (UTC) before the one containing ``now``, whole."""
    start = month_start(now)
    return Period("last_month", previous_month(start), start)


def day_range(first: date, last: date) -> Period:
    """Whole UTC days from ``first`` to ``last`` inclusive."""
    start = datetime.combine(first, time(0), tzinfo=UTC)
    end = datetime.combine(last + timedelta(days=1), time(0), tzinfo=UTC)
    return Period(f"{first.isoformat()}..{last.isoformat()}", start, end)


def parse_period(text: str | Period, now: datetime) -> Period:
    """Resolve a period text relative to ``now``; raises PeriodError on anything else."""
    if isinstance(text, Period):
        return text
    value = (text or "").strip()
    if value == "this_month":
        return this_month(now)
    if value == "last_month":
        return last_month(now)
    if value == "all":
        return Period("all", None, None)
    match = _RANGE.match(value)
    if not match:
        raise PeriodError(f"bad period {text!r}: use this_month, last_month, all or YYYY-MM-DD..YYYY-MM-DD")
    try:
        first, last = (date.fromisoformat(part) for part in match.groups())
    except ValueError as exc:
        raise PeriodError(f"bad period {text!r}: {exc}") from None
    if last < first:
        raise PeriodError(f"bad period {text!r}: the end date is before the start date")
    return day_range(first, last)
