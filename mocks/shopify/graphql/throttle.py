"""The GraphQL Admin API's cost bucket: points restore at ``restore_rate`` per second of the mock's
clock up to ``maximum``; a query runs only if its requested cost fits, and the difference between
requested and actual cost is refunded afterwards. Separate from the REST leaky bucket."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from mocks.core.clock import Clock


@dataclass(frozen=True)
class ThrottleStatus:
    maximum_available: float
    currently_available: float
    restore_rate: float

    def to_dict(self) -> dict:
        return {"maximumAvailable": self.maximum_available,
                "currentlyAvailable": int(self.currently_available),
                "restoreRate": self.restore_rate}


class CostBucket:
    """Points available per key (shop and app), on the clock."""

    def __init__(self, clock: Clock, maximum: float = 2000.0, restore_rate: float = 100.0) -> None:
        self.clock, self.maximum, self.restore_rate = clock, float(maximum), float(restore_rate)
        self._levels: dict[str, tuple[float, float]] = {}  # key -> (available, at)
        self._lock = threading.Lock()

    def _available(self, key: str, now: float) -> float:
        available, at = self._levels.get(key, (self.maximum, now))
        return min(self.maximum, available + max(0.0, now - at) * self.restore_rate)

    def take(self, key: str, cost: int) -> tuple[bool, ThrottleStatus]:
        """Spend ``cost`` points if available; ``(allowed, status after)``."""
        now = self.clock.timestamp()
        with self._lock:
            available = self._available(key, now)
            allowed = cost <= available + 1e-6  # clock arithmetic in floats
            if allowed:
                available = max(0.0, available - cost)
            self._levels[key] = (available, now)
            return allowed, self._status(available)

    def refund(self, key: str, points: int) -> ThrottleStatus:
        now = self.clock.timestamp()
        with self._lock:
            available = min(self.maximum, self._available(key, now) + max(0, points))
            self._levels[key] = (available, now)
            return self._status(available)

    def status(self, key: str) -> ThrottleStatus:
        with self._lock:
            return self._status(self._available(key, self.clock.timestamp()))

    def _status(self, available: float) -> ThrottleStatus:
        return ThrottleStatus(self.maximum, available, self.restore_rate)

    def reset(self) -> None:
        with self._lock:
            self._levels.clear()
