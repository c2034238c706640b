"""Start both mocks in this process, on one shared clock, and add the demo's second shop."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import requests

from demo.seed import STORE_A, STORE_B, STORE_B_TOKEN
from mocks.core.clock import Clock
from mocks.core.server import ServerHandle, serve

SHOPIFY_TOKEN = "shpat_harness_default"
SHOPIFY_SECRET = "shpss_harness_secret"
HUBSPOT_TOKEN = "pat-na1-harness-default"
HUBSPOT_SECRET = "hubspot-harness-secret"


@dataclass
class Mocks:
    """The two running mocks and their shared clock."""

    clock: Clock
    shopify: ServerHandle
    hubspot: ServerHandle

    @property
    def tokens(self) -> dict[str, str]:
        return {STORE_A: SHOPIFY_TOKEN, STORE_B: STORE_B_TOKEN}

    def shutdown(self) -> None:
        for handle in (self.shopify, self.hubspot):
            handle.shutdown()


def start_mocks(clock: Clock, host: str = "127.0.0.1", shopify_port: int = 0, hubspot_port: int = 0) -> Mocks:
    """Both mock apps served on background threads (port 0 = a free port), sharing ``clock``."""
    from mocks.hubspot import HubSpotConfig
    from mocks.hubspot import create_app as hubspot_app
    from mocks.shopify import ShopifyConfig
    from mocks.shopify import create_app as shopify_app

    shopify = serve(shopify_app(ShopifyConfig(clock=clock)), host, shopify_port)
    try:
        hubspot = serve(hubspot_app(HubSpotConfig(clock=clock)), host, hubspot_port)
    except BaseException:
        shopify.shutdown()
        raise
    return Mocks(clock, shopify, hubspot)


def add_second_shop(shopify_url: str, session: requests.Session | None = None) -> None:
    """``POST /__admin/shops``: store B, opened by its own token (docs/ARCHITECTURE.md)."""
    http = session or requests.Session()
    response = http.post(f"{shopify_url}/__admin/shops", json={"name": STORE_B, "token": STORE_B_TOKEN}, timeout=30)
    response.raise_for_status()


def simulated_clock(start: datetime) -> Clock:
    """The demo's clock: frozen at ``start`` and moved only by the demo (and the connector's sleep)."""
    return Clock.simulated(start)
