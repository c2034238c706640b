"""Every REST answer carries exactly the keys of Shopify's reference for the version that answers it:
nothing missing, nothing extra, at every level (records, their nested records, webhook payloads).

The reference is the project's own record in ``reference_keys.py``; the answering version is read from
``X-Shopify-API-Version`` (the version that serialised the answer, which may differ from the URL's).
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from mocks.core import Clock
from mocks.shopify import DEFAULT_TOKEN, ShopifyConfig, create_app
from mocks.shopify.config import DEFAULT_SHOP

from .conftest import START, Receiver
from .reference_keys import BASE, expected

# kind -> {key: kind of the record(s) under it}
NESTED = {
    "customer": {"addresses": "customer_address", "default_address": "customer_address"},
    "embedded_customer": {"default_address": "customer_address"},
    "product": {"variants": "variant", "images": "image", "options": "product_option", "image": "image"},
    "order": {"customer": "embedded_customer", "billing_address": "mailing_address",
              "shipping_address": "mailing_address", "line_items": "line_item", "shipping_lines": "shipping_line",
              "tax_lines": "tax_line", "discount_codes": "discount_code", "fulfillments": "fulfillment"},
    "fulfillment": {"line_items": "line_item"},
    "abandoned_checkout": {"line_items": "checkout_line_item", "customer": "embedded_customer",
                           "billing_address": "mailing_address", "shipping_address": "mailing_address"},
}
ROOTS = {"shop": "shop", "customer": "customer", "customers": "customer", "product": "product",
         "products": "product", "variant": "variant", "order": "order", "orders": "order",
         "fulfillment": "fulfillment", "fulfillments": "fulfillment", "checkouts": "abandoned_checkout",
         "webhook": "webhook", "webhooks": "webhook", "script_tag": "script_tag", "script_tags": "script_tag",
         "event": "event", "events": "event"}
TOPIC_KINDS = {"customers/create": "customer", "orders/create": "order", "products/create": "product"}
ADDRESS = {"first_name": "Ada", "last_name": "Byron", "address1": "1 Main St", "city": "Ottawa", "province": "ON",
           "country": "CA", "zip": "K1A 0B1"}


def differences(kind: str, record: object, version: str, where: str, seen: set[str]) -> Iterator[str]:
    """Each missing or extra key, as ``where: missing/extra [...]``, for the record and all it holds."""
    if isinstance(record, list):
        for index, item in enumerate(record):
            yield from differences(kind, item, version, f"{where}[{index}]", seen)
        return
    assert isinstance(record, dict), f"{where} is {record!r}, not an object"
    seen.add(kind)
    want, have = expected(kind, version), set(record)
    if want - have:
        yield f"{where} ({kind}, {version}): missing {sorted(want - have)}"
    if have - want:
        yield f"{where} ({kind}, {version}): extra {sorted(have - want)}"
    for key, inner in NESTED.get(kind, {}).items():
        if record.get(key) is not None:
            yield from differences(inner, record[key], version, f"{where}.{key}", seen)


class Client:
    def __init__(self, version: str) -> None:
        self.receiver = Receiver()
        config = ShopifyConfig(clock=Clock.simulated(START), rate_limit=False, webhook_transport=self.receiver)
        self.app = create_app(config)
        self.http = self.app.test_client()
        self.version = version
        self.answers: list[tuple[str, dict, str]] = []  # (what, body, answering version)

    def call(self, method: str, path: str, body: dict | None = None, record: bool = True) -> dict:
        response = self.http.open(f"/admin/api/{self.version}/{path}", method=method, json=body,
                                  headers={"X-Shopify-Access-Token": DEFAULT_TOKEN})
        assert response.status_code in (200, 201), (method, path, response.status_code, response.get_json())
        data = response.get_json()
        if record:
            self.answers.append((f"{method} {path}", data, response.headers["X-Shopify-API-Version"]))
        return data


def exercise(client: Client) -> None:
    """Every resource, nested record and answer the REST surface serves, each at least once."""
    call = client.call
    for topic in TOPIC_KINDS:
        call("POST", "webhooks.json", {"webhook": {"topic": topic, "address": "https://hooks.example.com/in"}})
    call("GET", "shop.json")
    customer = call("POST", "customers.json", {"customer": {
        "email": "ada@example.com", "first_name": "Ada", "addresses": [ADDRESS],
        "email_marketing_consent": {"state": "subscribed", "opt_in_level": "single_opt_in"}}})["customer"]
    cid = customer["id"]
    call("PUT", f"customers/{cid}.json", {"customer": {"id": cid, "note": "vip"}})
    call("GET", f"customers/{cid}.json")
    call("GET", "customers.json")
    call("GET", "customers/search.json?query=email:ada@example.com")
    product = call("POST", "products.json", {"product": {
        "title": "Lamp", "images": [{"src": "https://cdn.example.com/lamp.png"}],
        "variants": [{"price": "20.00", "sku": "L-1"}]}})["product"]
    pid, vid = product["id"], product["variants"][0]["id"]
    call("PUT", f"products/{pid}.json", {"product": {"id": pid, "tags": "new"}})
    call("GET", f"products/{pid}.json")
    call("GET", "products.json")
    order = call("POST", "orders.json", {"order": {
        "customer": {"id": cid}, "line_items": [{"variant_id": vid, "quantity": 2}],
        "billing_address": ADDRESS, "shipping_address": ADDRESS,
        "tax_lines": [{"title": "HST", "price": "5.20", "rate": 0.13}],
        "shipping_lines": [{"title": "Standard", "price": "5.00", "code": "STD"}],
        "discount_codes": [{"code": "TEN", "amount": "10", "type": "percentage"}]}})["order"]
    oid = order["id"]
    fulfillment = call("POST", f"orders/{oid}/fulfillments.json", {"fulfillment": {}})["fulfillment"]
    call("GET", f"orders/{oid}/fulfillments.json")
    call("GET", f"orders/{oid}/fulfillments/{fulfillment['id']}.json")
    call("PUT", f"orders/{oid}.json", {"order": {"id": oid, "note": "gift"}})
    call("GET", f"orders/{oid}.json")
    call("GET", "orders.json?status=any")
    call("GET", f"customers/{cid}/orders.json")
    call("POST", f"orders/{oid}/close.json", {})
    call("POST", f"orders/{oid}/cancel.json", {})
    # Checkouts are made by shoppers (the Admin Checkout API was shut off in April 2025): the storefront
    # simulation makes one, and the REST surface reads it as an abandoned checkout.
    made = client.http.post(f"/__admin/storefront/{DEFAULT_SHOP}/checkouts", json={
        "email": "ada@example.com", "line_items": [{"variant_id": vid}],
        "billing_address": ADDRESS, "shipping_address": ADDRESS})
    assert made.status_code == 201, made.get_json()
    call("GET", "checkouts.json")
    tag = call("POST", "script_tags.json", {"script_tag": {"event": "onload", "src": "https://cdn.example.com/a.js"}})
    call("GET", f"script_tags/{tag['script_tag']['id']}.json")
    call("GET", "script_tags.json")
    hooks = call("GET", "webhooks.json")["webhooks"]
    call("GET", f"webhooks/{hooks[0]['id']}.json")
    events = call("GET", "events.json")["events"]
    call("GET", f"events/{events[0]['id']}.json")
    call("GET", f"products/{pid}/events.json")


@pytest.mark.parametrize("version", ["2024-10", "2025-01", "2025-10", "2026-04", "2026-10", "unstable"])
def test_every_rest_answer_has_exactly_the_reference_keys_of_its_version(version):
    client = Client(version)
    exercise(client)
    problems, seen = [], set()
    for what, body, answering in client.answers:
        for root, value in body.items():
            problems += differences(ROOTS[root], value, answering, f"{what} {root}", seen)
    assert problems == []
    nested_kinds = {"customer_address", "mailing_address", "checkout_line_item", "shipping_line", "tax_line",
                    "discount_code", "embedded_customer", "image", "product_option", "line_item"}
    assert set(BASE) <= seen, f"never checked: {sorted(set(BASE) - seen)}"
    assert nested_kinds <= seen


@pytest.mark.parametrize("version", ["2024-10", "2026-01"])
def test_webhook_payloads_have_the_reference_keys_of_the_subscription_version(version):
    client = Client(version)
    exercise(client)
    client.http.post("/__admin/webhooks/deliver")
    assert client.receiver.received, "no webhook was delivered"
    problems, seen = [], set()
    for _url, raw, headers in client.receiver.received:
        topic = headers["X-Shopify-Topic"]
        problems += differences(TOPIC_KINDS[topic], json.loads(raw), headers["X-Shopify-API-Version"], topic, seen)
    assert problems == []
    assert {"customer", "order", "product"} <= seen


def test_reference_differs_between_versions_as_shopify_declares():
    """The record itself says what 2025-01 changed (so a version mix-up in the mock cannot pass unseen)."""
    assert "accepts_marketing" in expected("customer", "2024-10")
    assert "accepts_marketing" not in expected("customer", "2026-10")
    assert "marketing_opt_in_level" in expected("customer", "2026-10")
    assert "gateway" in expected("order", "2024-10") and "gateway" not in expected("order", "unstable")
    assert "duties_included" in expected("order", "2025-01") and "duties_included" not in expected("order", "2024-10")
