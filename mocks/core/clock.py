"""An injectable clock: simulated time that is either frozen or running at wall-clock speed.

Everything in the mocks asks a ``Clock`` for the time; nothing reads the wall clock directly,
so scenarios can jump 24 hours in a millisecond and stay deterministic.

Two modes, one clock (docs/harness.md, "One clock"):

- **frozen** (``Clock.simulated(start)``): time stands still and moves only through :meth:`set` and
  :meth:`advance`. For harnesses that drive time themselves (an in-process connector whose
  ``sleep`` advances the clock): deterministic, and a 24-hour wait costs nothing.
- **running** (``Clock()``, ``Clock.running(start)``): time flows with the wall clock from ``start``;
  :meth:`set` and :meth:`advance` *jump* it and it keeps running from there. For anything that
  really waits — a connector in another process sleeping on ``Retry-After`` sees the rate limiters
  leak, because their time passes while it sleeps.

:meth:`freeze` and :meth:`run` switch modes at the current instant (``POST /__admin/clock`` with
``{"mode": "frozen"}`` / ``{"mode": "running"}``); advancing never changes the mode. ``with clock.running_while(): ...``
lets a frozen clock run for the length of a block (e.g. while an external connector runs one step).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

DEFAULT_EPOCH = datetime(2024, 1, 15, 12, 0, 0, tzinfo=UTC)
FROZEN, RUNNING = "frozen", "running"
MODES = (FROZEN, RUNNING)


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
    if moment.tzinfo is UTC and moment.year >= 1000:  # the usual moment (a clock's): C's isoformat, same text
        return moment.isoformat(timespec="milliseconds" if millis else "seconds")[:-6] + "Z"
    moment = moment.astimezone(UTC)
    if millis:
        return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


@contextmanager
def running_while(clock: Any) -> Iterator[Any]:
    """Run ``clock`` (anything with ``mode``, ``run()`` and ``freeze()``: a :class:`Clock`, or the
    harness's ``LinkedClock``) for the length of a block, then give it back its mode."""
    was_frozen = clock.mode == FROZEN
    clock.run()
    try:
        yield clock
    finally:
        if was_frozen:
            clock.freeze()


def _as_moment(moment: datetime | str) -> datetime:
    if isinstance(moment, str):
        moment = parse_iso(moment)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


class Clock:
    """UTC time, frozen or running (see the module docstring).

    ``Clock()`` runs from the wall clock's now; ``Clock(start)`` runs from ``start``;
    ``Clock(start, simulated=True)`` (or :meth:`simulated`) is frozen at ``start``. ``wall`` is the
    source of real seconds (``time.time`` by default; tests inject their own).
    """

    def __init__(self, start: datetime | None = None, simulated: bool = False,
                 wall: Callable[[], float] | None = None) -> None:
        self._lock = threading.Lock()
        self._wall_seconds = wall or time.time  # the one wall-clock read of the project
        self._frozen_mode = simulated
        # running: now = wall + offset; frozen: now = _frozen
        self._frozen = _as_moment(start) if start is not None else (DEFAULT_EPOCH if simulated else self._wall())
        self._offset = (self._frozen - self._wall()).total_seconds()

    @classmethod
    def simulated(cls, start: datetime | str | None = None, wall: Callable[[], float] | None = None) -> Clock:
        """A frozen clock at ``start`` (default 2024-01-15T12:00Z)."""
        return cls(_as_moment(start) if start is not None else DEFAULT_EPOCH, simulated=True, wall=wall)

    @classmethod
    def running(cls, start: datetime | str | None = None, wall: Callable[[], float] | None = None) -> Clock:
        """A clock that runs at wall-clock speed from ``start`` (default: the wall clock's now)."""
        return cls(_as_moment(start) if start is not None else None, simulated=False, wall=wall)

    def _wall(self) -> datetime:
        return datetime.fromtimestamp(self._wall_seconds(), UTC)

    @property
    def is_simulated(self) -> bool:
        """True while frozen (kept for callers that ask whether time moves by itself)."""
        return self._frozen_mode

    @property
    def mode(self) -> str:
        """``"frozen"`` or ``"running"``."""
        return FROZEN if self._frozen_mode else RUNNING

    def _now_locked(self) -> datetime:
        if self._frozen_mode:
            return self._frozen
        return self._wall() + timedelta(seconds=self._offset)

    def now(self) -> datetime:
        with self._lock:
            return self._now_locked()

    def timestamp(self) -> float:
        return self.now().timestamp()

    def _jump_locked(self, moment: datetime) -> datetime:
        if self._frozen_mode:
            self._frozen = moment
        else:
            self._offset = (moment - self._wall()).total_seconds()
        return moment

    def set(self, moment: datetime | str) -> datetime:
        """Jump to ``moment`` (either direction); the mode is kept."""
        target = _as_moment(moment)
        with self._lock:
            return self._jump_locked(target)

    def advance(self, seconds: float) -> datetime:
        """Jump ``seconds`` ahead; a running clock keeps running from the new instant."""
        with self._lock:
            return self._jump_locked(self._now_locked() + timedelta(seconds=seconds))

    def freeze(self) -> datetime:
        """Stop the clock at the current instant."""
        with self._lock:
            self._frozen = self._now_locked()
            self._frozen_mode = True
            return self._frozen

    def run(self) -> datetime:
        """Let the clock run at wall-clock speed from the current instant."""
        with self._lock:
            moment = self._now_locked()
            self._frozen_mode = False
            self._offset = (moment - self._wall()).total_seconds()
            return moment

    def running_while(self) -> AbstractContextManager[Clock]:
        """Let a frozen clock run while the block runs (an external program that really sleeps on
        ``Retry-After`` sees the rate limiters leak), then restore the mode it had."""
        return running_while(self)

    def set_mode(self, mode: str) -> datetime:
        """:meth:`freeze` or :meth:`run` by name; ``ValueError`` for anything else."""
        if mode == FROZEN:
            return self.freeze()
        if mode == RUNNING:
            return self.run()
        raise ValueError(f"mode must be one of {', '.join(MODES)}")

    def to_dict(self) -> dict:
        """What ``GET /__admin/clock`` answers: ``now``, ``mode`` and ``simulated`` (frozen)."""
        with self._lock:
            now, frozen = self._now_locked(), self._frozen_mode
        return {"now": format_iso(now), "mode": FROZEN if frozen else RUNNING, "simulated": frozen}
