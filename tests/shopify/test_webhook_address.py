"""Webhook addresses follow Shopify's rule: HTTPS anywhere; plain ``http://`` is refused with Shopify's 422
unless it names a loopback host (the mock's one exception, so receivers on the test machine work)."""

from __future__ import annotations

import pytest

from mocks.core import Clock
from mocks.shopify import DEFAULT_TOKEN, ShopifyConfig, create_app
from mocks.shopify.errors import ShopifyError
from mocks.shopify.webhook_address import address_errors, is_loopback

from .conftest import START, Receiver

REFUSED = {"errors": {"address": ["protocol http:// is not supported"]}}


class Api:
    """The mock in-process (no server): enough for rules that do not depend on the network."""

    def __init__(self) -> None:
        self.app = create_app(ShopifyConfig(clock=Clock.simulated(START), rate_limit=False,
                                            webhook_transport=Receiver()))
        self.http = self.app.test_client()
        self.store = self.app.extensions["store"]

    def _call(self, method: str, path: str, body: dict | None = None):  # noqa: ANN202
        return self.http.open(f"/admin/api/2024-10{path}", method=method, json=body,
                              headers={"X-Shopify-Access-Token": DEFAULT_TOKEN})

    def get(self, path: str):  # noqa: ANN202
        return self._call("GET", path)

    def post(self, path: str, body: dict):  # noqa: ANN202
        return self._call("POST", path, body)

    def put(self, path: str, body: dict):  # noqa: ANN202
        return self._call("PUT", path, body)


@pytest.fixture()
def mock() -> Api:
    return Api()


def _create(mock: Api, address: str):  # noqa: ANN202
    return mock.post("/webhooks.json", {"webhook": {"topic": "orders/create", "address": address}})


@pytest.mark.parametrize("address", ["https://hooks.example.com/in", "https://10.0.0.5:8443/in",
                                     "https://localhost/in"])
def test_https_addresses_are_accepted_on_any_host(mock, address):
    r = _create(mock, address)
    assert r.status_code == 201 and r.get_json()["webhook"]["address"] == address


@pytest.mark.parametrize("address", ["http://127.0.0.1:8080/webhooks/shopify/s", "http://127.5.6.7/in",
                                     "http://localhost:9000/in", "http://LOCALHOST/in", "http://[::1]:8080/in",
                                     "http://api.localhost:81/in"])
def test_plain_http_is_accepted_only_for_loopback_receivers(mock, address):
    assert _create(mock, address).status_code == 201


@pytest.mark.parametrize("address", ["http://hooks.example.com/in", "http://10.0.0.5/in", "http://192.168.1.20:80/in",
                                     "http://0.0.0.0:8080/in", "http://localhost.example.com/in",
                                     "http://127.0.0.1.nip.io/in", "http://[::2]/in"])
def test_plain_http_to_any_other_host_gets_shopifys_422(mock, address):
    r = _create(mock, address)
    assert (r.status_code, r.get_json()) == (422, REFUSED)
    assert mock.get("/webhooks/count.json").get_json() == {"count": 0}


def test_moving_a_subscription_to_a_non_loopback_http_address_is_refused_and_changes_nothing(mock):
    hook = _create(mock, "https://hooks.example.com/in").get_json()["webhook"]
    r = mock.put(f"/webhooks/{hook['id']}.json", {"webhook": {"id": hook["id"], "address": "http://hooks.example.com/in"}})
    assert (r.status_code, r.get_json()) == (422, REFUSED)
    assert mock.get(f"/webhooks/{hook['id']}.json").get_json()["webhook"]["address"] == "https://hooks.example.com/in"


@pytest.mark.parametrize("address", ["ftp://hooks.example.com/in", "hooks.example.com/in", "https://", "http://:80/x",
                                     "https://hooks.example.com:99999/in"])
def test_addresses_that_are_not_web_urls_are_invalid(mock, address):
    r = _create(mock, address)
    assert (r.status_code, r.get_json()) == (422, {"errors": {"address": ["is invalid"]}})


def test_the_rule_lives_in_the_store_for_every_api(mock):
    shop = mock.store.shop("harness-shop")
    shop.check_webhook_address("http://127.0.0.1:1/in")
    with pytest.raises(ShopifyError) as refused:
        shop.check_webhook_address("http://hooks.example.com/in")
    assert (refused.value.status, refused.value.errors) == (422, REFUSED["errors"])
    assert address_errors("") == ["can't be blank"]
    assert is_loopback("127.255.255.254") and not is_loopback("128.0.0.1")
