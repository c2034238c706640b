"""An injectable clock: real time, or simulated time that moves only when told to.

Everything in the mocks asks a ``Clock`` for the time; nothing reads the wall clock directly,
so scenarios can jump 24 hours in a millisecond and stay deterministic.
"""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta

DEFAULT_EPOCH = datetime(2024, 1, 15, 12, 0, 0, tzinfo=UTC)


def parse_iso(value: str) -> datetime:
    """Parse an ISO 8601 timestamp (``Z`` or an offset; naive means UTC) into an aware datetime."""
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    parsed = datetime.fromisoformat(text)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed


def format_iso(moment: datetime, millis: bool = True) -> str:
    """UTC ISO 8601 with a ``Z`` suffix, as HubSpot writes it (``2024-03-27T18:04:11.823Z``)."""
    moment = moment.astimezone(UTC)
    if millis:
        return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


class Clock:
    """Real or simulated UTC time.

    ``Clock()`` follows the wall clock. ``Clock.simulated(start)`` is frozen at ``start`` and moves
    only through :meth:`set` and :meth:`advance`. Setting or advancing a real clock turns it into a
    simulated one that continues from the new instant (so a demo can skip ahead through a 24-hour
    window and keep running).
    """

    def __init__(self, start: datetime | None = None, simulated: bool = False) -> None:
        self._lock = threading.Lock()
        self._simulated = simulated
        self._frozen = start or DEFAULT_EPOCH
        self._offset = 0.0  # seconds added to wall time when real
        if start is not None and not simulated:
            self._offset = (start - self._wall()).total_seconds()

    @classmethod
    def simulated(cls, start: datetime | str | None = None) -> Clock:
        if isinstance(start, str):
            start = parse_iso(start)
        return cls(start or DEFAULT_EPOCH, simulated=True)

    @staticmethod
    def _wall() -> datetime:
        return datetime.fromtimestamp(time.time(), UTC)  # the one wall-clock read (clock)

    @property
    def is_simulated(self) -> bool:
        return self._simulated

    def now(self) -> datetime:
        with self._lock:
            if self._simulated:
                return self._frozen
            return self._wall() + timedelta(seconds=self._offset)

    def timestamp(self) -> float:
        return self.now().timestamp()

    def set(self, moment: datetime | str) -> datetime:
        if isinstance(moment, str):
            moment = parse_iso(moment)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        with self._lock:
            self._simulated = True
            self._frozen = moment.astimezone(UTC)
            return self._frozen

    def advance(self, seconds: float) -> datetime:
        with self._lock:
            if not self._simulated:
                self._frozen = self._wall() + timedelta(seconds=self._offset)
                self._simulated = True
            self._frozen = self._frozen + timedelta(seconds=seconds)
            return self._frozen

    def to_dict(self) -> dict:
        return {"now": format_iso(self.now()), "simulated": self._simulated}
