"""``python:MODULE:FACTORY``: a connector written in Python, driven in-process.

``FACTORY(settings)`` is called when the scenario first needs the connector and again at ``restart
connector``; ``settings`` is a :class:`ConnectorSettings`. The object it returns has:

- ``sync()`` (required): one run — set up if needed, import or incremental pass, due timers;
- ``connect()``: set up (pipeline, properties, webhook subscriptions); default: nothing;
- ``run_timers()``: only the due timers; default: ``sync()``;
- ``receiver()``: a WSGI app receiving Shopify webhooks (at the addresses it subscribes, under
  ``settings.receiver_url``) and HubSpot's at ``POST /webhooks/hubspot``; without it
  ``deliver webhooks`` runs ``sync()`` instead;
- ``arm_crash(after_hubspot_writes)``: die (raise an exception class named ``ConnectorCrashed``)
  right after that many HubSpot writes; without it an armed ``crash connector`` step fails;
- ``close()``: release resources.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from scenarios.connectors.environment import connector_environment
from scenarios.errors import StepFailed

if TYPE_CHECKING:
    from scenarios.connectors.spec import ConnectorSpec
    from scenarios.targets.base import Session


class Clock(Protocol):
    def now(self) -> datetime: ...


@dataclass(frozen=True)
class ConnectorSettings:
    """What a Python connector under test is given: the fixed environment (as for ``cmd:``), the
    simulated clock, a ``sleep`` that advances it, and the address its receiver is reached at."""

    env: Mapping[str, str]
    clock: Clock
    sleep: Callable[[float], None]
    receiver_url: str


def load_factory(spec: ConnectorSpec) -> Callable[[ConnectorSettings], Any]:
    try:
        module = importlib.import_module(spec.module)
    except ImportError as error:
        raise StepFailed(f"--connector {spec.describe()}: cannot import {spec.module}: {error}") from None
    factory = getattr(module, spec.factory, None)
    if not callable(factory):
        raise StepFailed(f"--connector {spec.describe()}: {spec.module} has no callable {spec.factory}")
    return factory


class PythonConnector:
    """Adapts the object a factory returns to the steps the scenarios run."""

    def __init__(self, spec: ConnectorSpec, session: Session, state_dir: str) -> None:
        Path(state_dir).mkdir(parents=True, exist_ok=True)
        settings = ConnectorSettings(env=connector_environment(session, "", state_dir), clock=session.clock,
                                     sleep=session.sleep, receiver_url=session.endpoints.receiver_url)
        self.target = load_factory(spec)(settings)
        if not callable(getattr(self.target, "sync", None)):
            raise StepFailed(f"--connector {spec.describe()}: the object has no sync() method")
        self.session = session
        receiver = getattr(self.target, "receiver", None)
        self.receives_webhooks = callable(receiver)
        if self.receives_webhooks and session.receiver is not None:
            session.receiver.app = receiver()

    def setup(self) -> None:
        connect = getattr(self.target, "connect", None)
        if callable(connect):
            connect()

    def sync(self) -> Any:
        return self.target.sync()

    def tick(self) -> Any:
        run_timers = getattr(self.target, "run_timers", None)
        return run_timers() if callable(run_timers) else self.target.sync()

    def arm_crash(self, after_hubspot_writes: int) -> None:
        arm = getattr(self.target, "arm_crash", None)
        if not callable(arm):
            raise StepFailed("this connector has no arm_crash(after_hubspot_writes); an armed crash cannot run")
        arm(after_hubspot_writes)

    def disconnect(self, store: str) -> None:
        raise StepFailed("`disconnect` is not part of the python: connector protocol")

    def time_moved(self) -> None:
        return None

    def close(self) -> None:
        if self.session.receiver is not None:
            self.session.receiver.app = None
        close = getattr(self.target, "close", None)
        if callable(close):
            close()
