"""Fixtures: a Shopify mock on a port-0 server with a simulated clock, plain-requests helpers, and
the official ShopifyAPI pointed at it (its class-level state restored afterwards)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
import requests

from mocks.core import Clock, serve
from mocks.shopify import DEFAULT_SHOP, DEFAULT_TOKEN, ShopifyConfig, create_app
from mocks.shopify.storefront_client import Storefront

START = "2024-03-01T12:00:00Z"


@dataclass
class Receiver:
    """An injected webhook transport: records each POST and answers with the next scripted status."""

    statuses: list[int] = field(default_factory=list)
    received: list[tuple[str, bytes, dict]] = field(default_factory=list)

    def __call__(self, url: str, body: bytes, headers: dict, timeout: float) -> int:
        self.received.append((url, body, dict(headers)))
        return self.statuses.pop(0) if self.statuses else 200


@dataclass
class Mock:
    url: str
    clock: Clock
    app: object
    receiver: Receiver
    token: str = DEFAULT_TOKEN

    @property
    def api(self) -> str:
        return self.url + "/admin/api/2026-10"

    def headers(self, token: str | None = None) -> dict:
        return {"X-Shopify-Access-Token": token or self.token}

    def get(self, path: str, token: str | None = None, **kwargs) -> requests.Response:
        return requests.get(self.api + path, headers=self.headers(token), timeout=10, **kwargs)

    def post(self, path: str, json=None, token: str | None = None, **kwargs) -> requests.Response:
        return requests.post(self.api + path, json=json, headers=self.headers(token), timeout=10, **kwargs)

    def put(self, path: str, json=None, **kwargs) -> requests.Response:
        return requests.put(self.api + path, json=json, headers=self.headers(), timeout=10, **kwargs)

    def delete(self, path: str, **kwargs) -> requests.Response:
        return requests.delete(self.api + path, headers=self.headers(), timeout=10, **kwargs)

    def admin(self, method: str, path: str, **kwargs) -> requests.Response:
        return requests.request(method, self.url + "/__admin" + path, timeout=10, **kwargs)

    def shopper(self, shop: str = DEFAULT_SHOP) -> Storefront:
        """A shopper on ``shop`` (the storefront simulation makes checkouts, not the Admin API)."""
        return Storefront.over_http(self.url, shop)

    @property
    def store(self):  # noqa: ANN201
        return self.app.extensions["store"]  # type: ignore[attr-defined]


def start(**overrides) -> tuple[Mock, object]:
    clock = Clock.simulated(START)
    receiver = Receiver()
    config = ShopifyConfig(**{"clock": clock, "webhook_transport": receiver, **overrides})
    app = create_app(config)
    handle = serve(app)
    return Mock(handle.url, clock, app, receiver), handle


@pytest.fixture()
def mock() -> Iterator[Mock]:
    """Rate limit off so tests can make many calls; the rate-limit tests use ``limited_mock``."""
    m, handle = start(rate_limit=False)
    yield m
    handle.shutdown()


@pytest.fixture()
def limited_mock() -> Iterator[Mock]:
    m, handle = start()
    yield m
    handle.shutdown()


@pytest.fixture()
def sdk(mock: Mock) -> Iterator[object]:
    """ShopifyAPI activated against the mock; its class-level site/headers are restored at teardown."""
    import shopify

    saved_site, saved_headers = shopify.ShopifyResource.site, dict(shopify.ShopifyResource.headers or {})
    session = shopify.Session("harness-shop.myshopify.com", "2026-10", mock.token)
    shopify.ShopifyResource.activate_session(session)
    shopify.ShopifyResource.site = mock.api
    try:
        yield shopify
    finally:
        shopify.ShopifyResource.clear_session()
        shopify.ShopifyResource.site = saved_site
        shopify.ShopifyResource.headers = saved_headers
