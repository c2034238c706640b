"""A rig whose Shopify and HubSpot webhooks are captured or forwarded, so a test decides the order.

The Shopify mock's outbox hands every signed delivery to :class:`Deliveries` instead of POSTing it:
either it is kept (``hold``) for the test to replay in any order, or handed straight to the
connector (what the receiver app does), so the mock's own webhook faults (duplicate, delay, reorder,
drop via ``/__admin/faults``) act on the way. HubSpot's v3 pushes go the same way.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from connector.sync import Connector
from mocks.core.clock import Clock
from mocks.harness import MockPair
from mocks.hubspot.app import HubSpotConfig
from mocks.shopify import ShopifyConfig
from tests.connector.conftest import START, Rig

WEBHOOK_BASE = "https://connector.test.invalid"  # the mock delivers over HTTPS only; nothing is dialled
HUBSPOT_TARGET = f"{WEBHOOK_BASE}/webhooks/hubspot"


@dataclass
class Delivery:
    """One signed delivery as the mock sent it."""

    url: str
    body: bytes
    headers: dict[str, str]

    @property
    def topic(self) -> str:
        return self.headers.get("X-Shopify-Topic", "")

    @property
    def record(self) -> dict:
        return json.loads(self.body)

    @property
    def ident(self) -> str:
        return str(self.record.get("id"))


@dataclass
class Deliveries:
    """The webhook transport of one mock: holds deliveries, or hands them to the connector."""

    hold: bool = True
    connector: Connector | None = None
    held: list[Delivery] = field(default_factory=list)
    answers: list[tuple[int, str]] = field(default_factory=list)
    sent: list[Delivery] = field(default_factory=list)

    def __call__(self, url: str, body: bytes, headers: dict[str, str], timeout: float) -> int:
        delivery = Delivery(url, body, dict(headers))
        if self.hold or self.connector is None:
            self.held.append(delivery)
            return 200
        return self.send(delivery)

    def send(self, delivery: Delivery) -> int:
        """Hand one delivery to the connector as its receiver would; the answer's status."""
        assert self.connector is not None
        self.sent.append(delivery)
        if "X-HubSpot-Signature-v3" in delivery.headers:
            answer = self.connector.handle_hubspot_webhook(delivery.headers, delivery.body, delivery.url)
        else:
            store_id = delivery.url.rstrip("/").rsplit("/", 1)[-1]
            answer = self.connector.handle_shopify_webhook(store_id, delivery.headers, delivery.body)
        self.answers.append(answer)
        return answer[0]

    def take(self, resource: str | None = None) -> list[Delivery]:
        """The held deliveries (of one resource: ``products``), removed from the hold."""
        taken = [d for d in self.held if resource is None or d.topic.startswith(f"{resource}/")]
        self.held = [d for d in self.held if d not in taken]
        return taken


def hooked_world(tmp_path: Any, mode: str = "ecommerce-deals") -> tuple[Rig, Connector, Deliveries, Deliveries]:
    """Both mocks on one clock with captured webhooks; a connector set up and imported (empty shop) and
    subscribed to Shopify's topics (HubSpot's pushes: :func:`push_hubspot`). Close the rig after."""
    shopify_hooks, hubspot_hooks = Deliveries(), Deliveries()
    pair = MockPair.start(Clock.simulated(START),
                          shopify=ShopifyConfig(rate_limit=False, webhook_transport=shopify_hooks),
                          hubspot=HubSpotConfig(rate_limit=False, webhook_transport=hubspot_hooks))
    rig = Rig(pair, str(tmp_path / "state.db"))
    connector = rig.connector(mode=mode, webhook_base_url=WEBHOOK_BASE)
    shopify_hooks.connector = hubspot_hooks.connector = connector
    connector.sync()
    return rig, connector, shopify_hooks, hubspot_hooks


def deliver_shopify(rig: Rig) -> int:
    """Every due Shopify webhook goes out (into the hold, or to the connector); how many."""
    return rig.pair.admin.shopify.deliver()


def deliver_hubspot(rig: Rig) -> int:
    """Every due HubSpot v3 push goes out (into the hold, or to the connector); how many."""
    return rig.pair.admin.hubspot.deliver()


def push_hubspot(rig: Rig) -> None:
    """From now on HubSpot pushes its v3 events (every object's creation, deletion, propertyChange)."""
    rig.pair.admin.hubspot.call("POST", "/webhooks/settings", {"targetUrl": HUBSPOT_TARGET})
