"""A logging handler that keeps the last N connector log lines for the dashboard's "recent sync actions"."""

from __future__ import annotations

import logging
from collections import deque
from dataclasses import dataclass
from datetime import datetime

from connector.clock import ClockLike


@dataclass(frozen=True)
class LogLine:
    """One captured record: when (on the injected clock, so simulated time in the demo), level, text."""

    at: datetime | None
    level: str
    logger: str
    message: str


class LogBuffer(logging.Handler):
    """Attach to the ``connector`` logger; ``recent(n)`` returns the newest lines, oldest first.

    ``clock`` stamps each line (the record's own timestamp is wall time, meaningless in a
    simulated run); without one, lines carry no time.
    """

    def __init__(self, capacity: int = 200, clock: ClockLike | None = None, level: int = logging.INFO) -> None:
        super().__init__(level)
        self.clock = clock
        self.lines: deque[LogLine] = deque(maxlen=capacity)
        self.total = 0

    def emit(self, record: logging.LogRecord) -> None:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a bad log call must never break the sync
            message = str(record.msg)
        at = self.clock.now() if self.clock is not None else None
        with self.lock:  # type: ignore[union-attr]
            self.lines.append(LogLine(at, record.levelname, record.name, message))
            self.total += 1

    def recent(self, n: int = 50) -> list[LogLine]:
        """The newest ``n`` lines, oldest first."""
        with self.lock:  # type: ignore[union-attr]
            items = list(self.lines)
        return items[-n:] if n > 0 else []
