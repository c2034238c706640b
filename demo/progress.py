"""A text progress bar, and a logging handler that drives one from the connector's per-record log lines."""

from __future__ import annotations

import logging
from typing import TextIO

WIDTH = 30


class Progress:
    """``label [#######.......]  45%  512/1130``. On a terminal the bar redraws in place; elsewhere
    (CI logs, tests) it prints a line at each quarter so logs stay short."""

    def __init__(self, stream: TextIO, label: str, total: int) -> None:
        self.stream, self.label, self.total = stream, label, max(1, total)
        self.tty = bool(getattr(stream, "isatty", lambda: False)())
        self.shown = -1
        self.count = 0

    def _bar(self, count: int) -> str:
        fraction = min(1.0, count / self.total)
        filled = int(WIDTH * fraction)
        return f"{self.label:<22} [{'#' * filled}{'.' * (WIDTH - filled)}] {fraction * 100:5.1f}%  {count}/{self.total}"

    def update(self, count: int) -> None:
        self.count = count
        percent = min(100, count * 100 // self.total)
        if self.tty:
            if percent != self.shown:
                self.stream.write("\r" + self._bar(count))
                self.stream.flush()
        elif percent // 25 != self.shown // 25 and percent < 100:
            self.stream.write(self._bar(count) + "\n")
            self.stream.flush()
        self.shown = percent

    def done(self, note: str = "") -> None:
        """Finish the bar at 100 % (the total was an estimate) with an optional note."""
        self.total = max(self.total, self.count)
        line = self._bar(self.total) + (f"  {note}" if note else "")
        self.stream.write(("\r" if self.tty else "") + line + "\n")
        self.stream.flush()


class LogProgress(logging.Handler):
    """Counts the connector's INFO lines (one per record synced, each naming its rule) into a bar."""

    def __init__(self, progress: Progress) -> None:
        super().__init__(logging.INFO)
        self.progress = progress
        self.seen = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.seen += 1
        self.progress.update(min(self.seen, self.progress.total - 1))
