"""Rate limiters that run on a :class:`~mocks.core.clock.Clock`, so throttling is testable without sleeps.

- :class:`LeakyBucket`: Shopify REST (bucket 40, leak 2/s; pass/fail, no queueing).
- :class:`RollingWindow`: HubSpot's ten-second rolling window and its per-second search limit.
- :class:`DailyQuota`: HubSpot's daily limit, reset at midnight UTC.
"""

from __future__ import annotations

import math
import threading
from collections import deque
from dataclasses import dataclass

from mocks.core.clock import Clock


@dataclass(frozen=True)
class Decision:
    allowed: bool
    used: int          # calls counted in the current bucket/window after this one
    limit: int
    retry_after: float  # seconds until a call would pass (0 when allowed)

    @property
    def remaining(self) -> int:
        return max(0, self.limit - self.used)


class LeakyBucket:
    """Each call adds 1; the bucket leaks ``leak_rate`` per second; a full bucket refuses the call."""

    def __init__(self, clock: Clock, capacity: int = 40, leak_rate: float = 2.0) -> None:
        self.clock, self.capacity, self.leak_rate = clock, capacity, leak_rate
        self._levels: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def _level(self, key: str, now: float) -> float:
        level, at = self._levels.get(key, (0.0, now))
        return max(0.0, level - max(0.0, now - at) * self.leak_rate)

    def hit(self, key: str) -> Decision:
        now = self.clock.timestamp()
        with self._lock:
            level = self._level(key, now)
            if level + 1 > self.capacity + 1e-9:
                self._levels[key] = (level, now)
                wait = (level + 1 - self.capacity) / self.leak_rate
                return Decision(False, self.capacity, self.capacity, round(wait, 1) or 0.1)
            level += 1
            self._levels[key] = (level, now)
            return Decision(True, min(self.capacity, math.ceil(level - 1e-9)), self.capacity, 0.0)

    def peek(self, key: str) -> int:
        with self._lock:
            return math.ceil(self._level(key, self.clock.timestamp()) - 1e-9)

    def reset(self) -> None:
        with self._lock:
            self._levels.clear()


class RollingWindow:
    """At most ``limit`` calls in any ``window`` seconds, per key."""

    def __init__(self, clock: Clock, limit: int, window: float) -> None:
        self.clock, self.limit, self.window = clock, limit, window
        self._calls: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def hit(self, key: str) -> Decision:
        now = self.clock.timestamp()
        with self._lock:
            calls = self._calls.setdefault(key, deque())
            while calls and calls[0] <= now - self.window:
                calls.popleft()
            if len(calls) >= self.limit:
                wait = calls[0] + self.window - now
                return Decision(False, len(calls), self.limit, max(0.1, round(wait, 1)))
            calls.append(now)
            return Decision(True, len(calls), self.limit, 0.0)

    def reset(self) -> None:
        with self._lock:
            self._calls.clear()


class DailyQuota:
    """At most ``limit`` calls per UTC day, per key."""

    def __init__(self, clock: Clock, limit: int) -> None:
        self.clock, self.limit = clock, limit
        self._counts: dict[str, tuple[str, int]] = {}
        self._lock = threading.Lock()

    def hit(self, key: str) -> Decision:
        now = self.clock.now()
        day = now.date().isoformat()
        with self._lock:
            seen_day, count = self._counts.get(key, (day, 0))
            if seen_day != day:
                count = 0
            if count >= self.limit:
                midnight = (24 * 3600) - (now.hour * 3600 + now.minute * 60 + now.second)
                return Decision(False, count, self.limit, float(midnight))
            self._counts[key] = (day, count + 1)
            return Decision(True, count + 1, self.limit, 0.0)

    def reset(self) -> None:
        with self._lock:
            self._counts.clear()
