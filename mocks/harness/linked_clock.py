"""A local clock that follows a pair of mocks in another process (``MockPair.spawn``).

``now()`` must be cheap (a connector asks often), so it is read from a local :class:`Clock` that
mirrors the mocks' clock — same instant, same mode — and every jump goes to the mocks first and is
copied from their answer. A running clock on both sides stays in step with the wall clock.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from datetime import datetime

from mocks.core.clock import Clock, parse_iso, running_while
from mocks.harness.admin import AdminClient


class LinkedClock:
    """``now``/``advance``/``set`` (the ``Clock`` protocol the connector uses) over ``/__admin/clock``."""

    def __init__(self, admin: AdminClient) -> None:
        self.admin = admin
        self.local = Clock.simulated()
        admin.clock_observers.append(self.copy)   # jumps made through the admin client are copied too
        self.sync()

    def sync(self) -> datetime:
        """Copy the mocks' time and mode (after anything else moved their clock)."""
        return self.copy(self.admin.clock())

    def copy(self, answer: dict) -> datetime:
        """Take over the time and mode of a ``/__admin/clock`` answer."""
        self.local.set(parse_iso(answer["now"]))
        self.local.set_mode(answer.get("mode", "frozen"))
        return self.local.now()

    @property
    def is_simulated(self) -> bool:
        return self.local.is_simulated

    @property
    def mode(self) -> str:
        return self.local.mode

    def now(self) -> datetime:
        return self.local.now()

    def timestamp(self) -> float:
        return self.local.timestamp()

    def advance(self, seconds: float) -> datetime:
        return self.copy(self.admin.call("POST", "/clock", {"advance": seconds}))

    def set(self, moment: datetime | str) -> datetime:
        self.admin.set_time(moment)
        return self.sync()

    def set_mode(self, mode: str) -> datetime:
        return self.copy(self.admin.set_mode(mode))

    def freeze(self) -> datetime:
        return self.set_mode("frozen")

    def run(self) -> datetime:
        return self.set_mode("running")

    def running_while(self) -> AbstractContextManager[LinkedClock]:
        """As :meth:`Clock.running_while`: the mocks' clock runs while the block runs, then gets
        back the mode it had."""
        return running_while(self)
