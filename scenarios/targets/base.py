"""One scenario's session on a target: API handles, the connector, the clock and webhook delivery.

The three targets differ only in how the servers start and how time is driven, so they share this
class and hand it a :class:`ClockDriver`.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from mocks.core.clock import FROZEN
from mocks.harness import CREDENTIALS, AdminClient, AdminError, MockPair
from mocks.harness.receiver import SwappableApp
from mocks.shopify.storefront_client import Storefront
from scenarios.connectors.external import free_port
from scenarios.connectors.spec import ConnectorSpec
from scenarios.errors import StepFailed
from scenarios.http import Api
from scenarios.model import Scenario
from scenarios.profile import Profile
from scenarios.scope import Ledger
from scenarios.tagging import Tagging

API_VERSION = CREDENTIALS.shopify_api_version


def store_token(store: str) -> str:
    """The access token the harness gives a store on the Shopify mock."""
    return CREDENTIALS.shopify_token if store == CREDENTIALS.shopify_store else f"shpat_harness_{store}"


class ClockDriver(Protocol):
    """How a target reads and moves time; also the clock handed to the connector."""

    def now(self) -> datetime: ...
    def advance(self, seconds: float) -> datetime: ...
    def set(self, moment: datetime | str) -> datetime: ...


@dataclass
class Endpoints:
    """Where the two sides are and how to authenticate."""

    shopify_url: str
    hubspot_url: str
    hubspot_token: str = CREDENTIALS.hubspot_token
    store_tokens: dict[str, str] = field(default_factory=dict)
    shopify_secret: str = CREDENTIALS.shopify_webhook_secret
    hubspot_secret: str = CREDENTIALS.hubspot_client_secret
    receiver_url: str = ""


class Session:
    """Everything steps need for one scenario; ``pair`` (the mocks) is None on a sandbox, and
    ``receiver`` is the served address webhooks reach, forwarding to the connector under test.

    ``run_tag`` (a sandbox) is unique to this scenario run: ``tagging`` maps the scenario's readable
    values to tagged ones, ``ledger`` records what the steps create, ``scoped`` says expectations on
    "everything" look only at this run's records, and ``cleanup`` (called by the runner in a
    ``finally``) deletes them.
    """

    def __init__(self, target: str, scenario: Scenario, endpoints: Endpoints, clock: ClockDriver,
                 pair: MockPair | None = None, receiver: SwappableApp | None = None, *,
                 sleep: Callable[[float], None] | None = None, run_tag: str = "") -> None:
        self.target, self.scenario, self.endpoints, self.clock = target, scenario, endpoints, clock
        self.pair, self.receiver, self.run_tag = pair, receiver, run_tag
        self.admin_enabled = pair is not None
        self.tagging = Tagging(run_tag)
        self.ledger = Ledger()
        self.scoped = bool(run_tag)
        self.cleanup: Callable[[], tuple[list[str], list[str]]] | None = None
        self.sleep = sleep or clock.advance
        # The harness's own retries never move a mock's clock; on a sandbox they really wait.
        self.api_sleep: Callable[[float], None] = (lambda _s: None) if pair is not None else self.sleep
        self._state_dir = tempfile.TemporaryDirectory(prefix="scenario-")
        self.state_path = str(Path(self._state_dir.name) / "state.db")
        self._apis: dict[str, Api] = {}
        self._connector: Any = None
        self.under_test = ConnectorSpec()     # --connector (run_scenario sets it)
        self.profile = Profile()              # --profile
        self._receiver_port = 0               # serve: keeps one port across restarts
        self.object_sync: dict[str, dict[str, bool]] = {}   # store -> object -> on/off (S5)
        self.two_way: dict[str, Any] = {}                    # data-sync mappings and conflict policy (O9, O10)

    # --- APIs -------------------------------------------------------------------------------
    def shopify(self, store: str) -> Api:
        """The Shopify Admin REST API of ``store``."""
        token = self.endpoints.store_tokens.get(store) or store_token(store)
        return self._api(f"shopify:{store}", f"{self.endpoints.shopify_url}/admin/api/{API_VERSION}",
                         {"X-Shopify-Access-Token": token})

    def storefront(self, store: str) -> Storefront:
        """The shopper's side of ``store``: checkouts on the Shopify mock's storefront simulation."""
        admin = self.admin("shopify")

        def send(method: str, path: str, body: dict | None) -> Any:
            try:
                return admin.call(method, path, body)
            except AdminError as error:
                raise StepFailed(f"storefront {error}") from None

        return Storefront(send, store)

    @property
    def hubspot(self) -> Api:
        return self._api("hubspot", self.endpoints.hubspot_url,
                         {"Authorization": f"Bearer {self.endpoints.hubspot_token}"})

    def admin(self, side: str) -> AdminClient:
        """A mock's ``/__admin`` surface (``side``: shopify or hubspot), from the harness's pair."""
        if self.pair is None:
            raise StepFailed(f"{self.target} has no /__admin surface")
        try:
            return self.pair.admin.side(side)
        except ValueError as error:
            raise StepFailed(str(error)) from None

    def _api(self, key: str, base: str, headers: dict[str, str]) -> Api:
        if key not in self._apis:
            self._apis[key] = Api(key, base, headers, sleep=self.api_sleep)
        return self._apis[key]

    # --- the connector ----------------------------------------------------------------------
    def connector_config(self) -> Any:
        from connector.clients.hubspot_paths import DEFAULT_VERSION
        from connector.config import ConnectorConfig, StoreConfig, default_objects
        stores = [StoreConfig(store_id=s, shopify_url=self.endpoints.shopify_url,
                              shopify_token=self.endpoints.store_tokens.get(s) or store_token(s),
                              webhook_secret=self.endpoints.shopify_secret,
                              shopify_api=self.under_test.shopify_api,
                              objects={**default_objects(), **self.object_sync.get(s, {})})
                  for s in self.scenario.stores]
        return ConnectorConfig(hubspot_url=self.endpoints.hubspot_url, hubspot_token=self.endpoints.hubspot_token,
                               stores=stores, mode=self.scenario.mode, state_path=self.state_path,
                               hubspot_client_secret=self.endpoints.hubspot_secret,
                               webhook_base_url=self.endpoints.receiver_url,
                               # the reference connector's HubSpot API version: 2026-09, or a run of the
                               # library on another (HUBSPOT_API_VERSION=v3 for the legacy paths)
                               hubspot_api_version=os.environ.get("HUBSPOT_API_VERSION") or DEFAULT_VERSION,
                               field_mappings=self.two_way.get("mappings"),
                               conflict_policy=self.two_way.get("conflicts"))

    @property
    def connector(self) -> Any:
        """The running connector (started on first use)."""
        if self._connector is None and self.under_test.kind != "reference":
            from scenarios.connectors import make_connector
            self._receiver_port = self._receiver_port or free_port()
            self._connector = make_connector(self.under_test, self, Path(self._state_dir.name) / "connector",
                                             self._receiver_port)
        if self._connector is None:
            from connector.sync import Connector
            self._connector = Connector(self.connector_config(), clock=self.clock, sleep=self.sleep)
            if self.receiver is not None:
                self.receiver.app = self._connector.receiver_app()
        return self._connector

    def time_moved(self) -> None:
        """The simulated clock moved: a running external connector follows."""
        moved = getattr(self._connector, "time_moved", None)
        if moved is not None:
            moved()

    def set_object_sync(self, store: str, name: str, on: bool) -> None:
        """Turn one object sync on or off for a store; takes effect when the connector (re)starts."""
        if self.under_test.kind != "reference":
            raise StepFailed(f"turning object syncs on and off is not part of the {self.under_test.kind}: "
                             "connector interface (a reference-only step)")
        self.object_sync.setdefault(store, {})[name] = on

    def set_two_way(self, mappings: Any, conflicts: Any) -> None:
        """data-sync field mappings and conflict policies; take effect when the connector (re)starts."""
        if self.under_test.kind != "reference":
            raise StepFailed(f"sync settings are not part of the {self.under_test.kind}: connector interface "
                             "(a reference-only step)")
        self.two_way = {"mappings": mappings, "conflicts": conflicts}

    def restart_connector(self) -> None:
        """A new Connector on the same state file, as after a process restart."""
        self.stop_connector()
        _ = self.connector

    def stop_connector(self) -> None:
        if self.receiver is not None:
            self.receiver.app = None
        if self._connector is not None:
            try:
                self._connector.close()
            except Exception:  # noqa: BLE001 - a crashed connector may not close cleanly; state is on disk
                pass
            self._connector = None

    # --- webhooks ---------------------------------------------------------------------------
    def deliver_webhooks(self, sides: tuple[str, ...] = ("shopify", "hubspot")) -> int:
        """Send every due webhook, again while handling one causes more; how many went out."""
        if self.pair is None:
            raise StepFailed(f"{self.target} has no /__admin surface")
        return self.pair.admin.deliver(sides)

    # --- time for external programs ---------------------------------------------------------
    @contextmanager
    def external_step(self) -> Iterator[None]:
        """While an external program runs one step, a frozen clock runs with real time (a program
        that really sleeps on ``Retry-After`` sees the mocks' time pass, so nothing deadlocks); then
        it stands again at the instant the step began, so a step costs no simulated time and the
        23h59m59s/24 h scenarios stay exact (the program itself saw that instant: ``SHOPHUB_NOW``,
        and under faketime a frozen system clock)."""
        clock = self.clock
        if self.pair is None or getattr(clock, "mode", None) != FROZEN:
            yield
            return
        began = clock.now()
        try:
            with clock.running_while():
                yield
        finally:
            clock.set(began)

    def close(self) -> None:
        self.stop_connector()
        for api in self._apis.values():
            api.close()
        self._state_dir.cleanup()
