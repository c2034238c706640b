"""Shared fixtures: both mocks on ONE simulated clock (the harness's MockPair), and a connector factory."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import pytest
import requests

from connector.clients.hubspot import HubSpotClient
from connector.config import ConnectorConfig, StoreConfig
from connector.sync import Connector
from mocks.core.clock import Clock
from mocks.core.server import serve
from mocks.harness import MockPair
from mocks.hubspot.app import HubSpotConfig
from mocks.shopify import DEFAULT_SECRET, DEFAULT_SHOP, DEFAULT_TOKEN
from mocks.shopify.storefront_client import Storefront

HUBSPOT_TOKEN = "pat-na1-harness-default"
HUBSPOT_SECRET = "hubspot-harness-secret"
START = "2024-01-15T12:00:00Z"


@dataclass
class Rig:
    """Both mocks on one simulated clock (a :class:`MockPair`), helpers that speak their public APIs,
    and the connectors and receivers a test started (all closed by :meth:`close`)."""

    pair: MockPair
    state_path: str
    handles: list = field(default_factory=list)
    connectors: list = field(default_factory=list)

    @property
    def clock(self) -> Clock:
        return self.pair.clock

    @property
    def shopify_url(self) -> str:
        return self.pair.shopify_url

    @property
    def hubspot_url(self) -> str:
        return self.pair.hubspot_url

    # --- Shopify side (public Admin API; admin only for webhook delivery)
    def shop(self, method: str, path: str, body: Any = None, token: str = DEFAULT_TOKEN) -> dict:
        response = requests.request(method, f"{self.shopify_url}/admin/api/2026-10/{path}.json", json=body,
                                    headers={"X-Shopify-Access-Token": token}, timeout=10)
        assert response.status_code < 300, f"{method} {path}: {response.status_code} {response.text}"
        return response.json() if response.content else {}

    def shopper(self, shop: str = DEFAULT_SHOP) -> Storefront:
        """A shopper on ``shop``: checkouts come from the storefront, not the Admin API."""
        return Storefront.over_http(self.shopify_url, shop)

    def add_shop(self, name: str, token: str) -> None:
        self.pair.admin.shopify.add_shop(name, token)

    def deliver(self) -> int:
        """Every due Shopify webhook (one round); how many went out."""
        return self.pair.admin.shopify.deliver()

    def advance(self, **delta: float) -> None:
        self.clock.advance(timedelta(**delta).total_seconds())

    # --- HubSpot side (public API)
    @property
    def hubspot(self) -> HubSpotClient:
        return HubSpotClient(self.hubspot_url, HUBSPOT_TOKEN, sleep=self.sleep)

    def records(self, object_type: str, *props: str) -> list[dict]:
        return list(self.hubspot.list_all(object_type, properties=props))

    def by(self, object_type: str, prop: str, *props: str) -> dict[str, dict]:
        return {r["properties"].get(prop): r for r in self.records(object_type, prop, *props)}

    def assoc(self, from_type: str, ids: list[str], to_type: str) -> dict[str, list[str]]:
        return self.hubspot.associations(from_type, ids, to_type)

    def sleep(self, seconds: float) -> None:
        self.clock.advance(seconds)

    # --- the connector
    def config(self, stores: list[StoreConfig] | None = None, **options: Any) -> ConnectorConfig:
        stores = stores or [self.store()]
        return ConnectorConfig(hubspot_url=self.hubspot_url, hubspot_token=HUBSPOT_TOKEN, stores=stores,
                               state_path=options.pop("state_path", self.state_path),
                               hubspot_client_secret=HUBSPOT_SECRET, **options)

    def store(self, store_id: str = DEFAULT_SHOP, token: str = DEFAULT_TOKEN, **kw: Any) -> StoreConfig:
        return StoreConfig(store_id=store_id, shopify_url=self.shopify_url, shopify_token=token,
                           webhook_secret=DEFAULT_SECRET, **kw)

    def connector(self, config: ConnectorConfig | None = None, **options: Any) -> Connector:
        connector = Connector(config or self.config(**options), clock=self.clock, sleep=self.sleep)
        self.connectors.append(connector)
        return connector

    def receiver(self, connector: Connector) -> str:
        handle = serve(connector.receiver_app())
        self.handles.append(handle)
        return handle.url

    def close(self) -> None:
        for connector in self.connectors:
            connector.close()
        for handle in self.handles:
            handle.shutdown()
        self.pair.close()


def make_world(tmp_path, rate_limit: bool = False, **hubspot: Any) -> Rig:
    """A :class:`Rig` on a fresh pair (``hubspot``: extra ``HubSpotConfig`` fields); close it after."""
    pair = MockPair.start(Clock.simulated(START), rate_limit=rate_limit,
                          hubspot=HubSpotConfig(rate_limit=rate_limit, **hubspot))
    return Rig(pair, str(tmp_path / "state.db"))


@pytest.fixture()
def world(tmp_path):
    rig = make_world(tmp_path)
    yield rig
    rig.close()


# --- Shopify fixtures (shapes of the REST Admin API)
def customer(email: str | None, first: str = "Ada", **extra: Any) -> dict:
    body = {"first_name": first, "last_name": "Lovelace", **extra}
    if email is not None:
        body["email"] = email
    return {"customer": body}


def product(title: str, *variants: tuple[str, str], **extra: Any) -> dict:
    rows = [{"title": t, "price": p, "option1": t} for t, p in (variants or [("Default Title", "10.00")])]
    return {"product": {"title": title, "variants": rows, **extra}}


def order(variant_id: int, email: str | None = None, quantity: int = 1, **extra: Any) -> dict:
    body = {"line_items": [{"variant_id": variant_id, "quantity": quantity}], **extra}
    if email:
        body["email"] = email
    return {"order": body}
