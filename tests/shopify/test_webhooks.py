"""Webhook deliveries: Shopify's headers and HMAC, payloads, retries on the clock, removal, faults."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json

import pytest
from flask import Flask, request

from mocks.core import serve
from mocks.shopify import DEFAULT_SECRET
from mocks.shopify.config import RETRY_DELAYS

from .conftest import Mock, start


def _verify(body: bytes, header: str, secret: str = DEFAULT_SECRET) -> bool:
    """The documented algorithm: base64(HMAC-SHA256(app secret, raw body))."""
    digest = base64.b64encode(hmac.new(secret.encode(), body, hashlib.sha256).digest()).decode()
    return hmac.compare_digest(digest, header)


def _subscribe(mock: Mock, topic: str, address: str = "https://receiver.example/hooks") -> int:
    r = mock.post("/webhooks.json", {"webhook": {"topic": topic, "address": address}})
    assert r.status_code == 201, r.text
    return r.json()["webhook"]["id"]


def _deliver(mock: Mock) -> list[dict]:
    return mock.admin("POST", "/webhooks/deliver").json()["delivered"]


def test_signed_delivery_over_real_http():
    received: list[tuple[bytes, dict]] = []
    receiver = Flask("receiver")

    @receiver.post("/hooks")
    def hooks():  # noqa: ANN202
        received.append((request.get_data(), dict(request.headers)))
        return "", 200

    target = serve(receiver)
    mock, handle = start(rate_limit=False, webhook_transport=None)
    try:
        _subscribe(mock, "customers/create", target.url + "/hooks")
        cid = mock.post("/customers.json", {"customer": {"email": "hook@example.com"}}).json()["customer"]["id"]
        assert received == []  # simulated clock: nothing goes out by itself
        assert [d["status"] for d in _deliver(mock)] == [200]
        body, headers = received[0]
        assert _verify(body, headers["X-Shopify-Hmac-Sha256"])
        assert not _verify(body + b" ", headers["X-Shopify-Hmac-Sha256"])
        assert headers["X-Shopify-Topic"] == "customers/create"
        assert headers["X-Shopify-Shop-Domain"] == "harness-shop.myshopify.com"
        assert headers["X-Shopify-Api-Version"] == "2026-10"
        assert headers["X-Shopify-Triggered-At"].startswith("2024-03-01T12:00:00")
        assert headers["X-Shopify-Webhook-Id"] and headers["X-Shopify-Event-Id"]
        assert json.loads(body) == mock.get(f"/customers/{cid}.json").json()["customer"]
    finally:
        handle.shutdown()
        target.shutdown()


def test_topics_and_delete_payloads(mock):
    for topic in ("products/create", "products/update", "products/delete", "orders/create", "orders/paid",
                  "orders/updated", "orders/cancelled", "orders/fulfilled", "orders/delete", "customers/update",
                  "customers/delete", "checkouts/create", "checkouts/update"):
        _subscribe(mock, topic)
    product = mock.post("/products.json", {"product": {"title": "P"}}).json()["product"]
    mock.put(f"/products/{product['id']}.json", {"product": {"title": "P2"}})
    order = mock.post("/orders.json", {"order": {"email": "o@example.com", "line_items": [
        {"variant_id": product["variants"][0]["id"], "quantity": 1}]}}).json()["order"]
    mock.post(f"/orders/{order['id']}/fulfillments.json", {})
    mock.post(f"/orders/{order['id']}/cancel.json", {"reason": "customer"})
    mock.delete(f"/orders/{order['id']}.json")
    mock.delete(f"/customers/{order['customer']['id']}.json")
    mock.delete(f"/products/{product['id']}.json")
    checkout = mock.shopper().start_checkout({"email": "c@example.com"})
    mock.shopper().update(checkout["token"], {"line_items": []})
    _deliver(mock)
    sent = [(h["X-Shopify-Topic"], json.loads(b)) for _, b, h in mock.receiver.received]
    topics = [t for t, _ in sent]
    assert topics.index("products/create") < topics.index("products/update") < topics.index("orders/create")
    for expected in ("orders/create", "orders/paid", "orders/fulfilled", "orders/cancelled", "orders/delete",
                     "customers/delete", "products/delete", "checkouts/create", "checkouts/update"):
        assert expected in topics, expected
    payloads = dict(sent)
    assert payloads["orders/delete"] == {"id": order["id"]}
    assert payloads["products/delete"] == {"id": product["id"]}
    assert payloads["customers/delete"] == {"id": order["customer"]["id"], "tax_exemptions": [],
                                            "admin_graphql_api_id": f"gid://shopify/Customer/{order['customer']['id']}"}
    assert payloads["orders/cancelled"]["cancel_reason"] == "customer"


def test_retries_follow_the_schedule_then_the_subscription_is_removed(mock):
    mock.receiver.statuses = [500] * 20
    hook_id = _subscribe(mock, "customers/create")
    mock.post("/customers.json", {"customer": {"email": "fail@example.com"}})
    assert [d["attempt"] for d in _deliver(mock)] == [1]
    assert sum(RETRY_DELAYS) == pytest.approx(4 * 3600, rel=0.01) and len(RETRY_DELAYS) == 8
    for attempt, delay in enumerate(RETRY_DELAYS, start=2):
        mock.clock.advance(delay - 1)
        assert _deliver(mock) == []  # not due yet
        mock.clock.advance(1)
        results = _deliver(mock)
        assert [r["attempt"] for r in results] == [attempt]
        still_there = mock.get(f"/webhooks/{hook_id}.json").status_code == 200
        assert still_there == (attempt < 9)  # removed after the 8th retry (9 consecutive failures)
    assert results[0]["subscription_removed"] == hook_id
    mock.clock.advance(10**6)
    assert _deliver(mock) == []


def test_success_resets_the_failure_count(mock):
    mock.receiver.statuses = [500, 200]
    _subscribe(mock, "customers/create")
    mock.post("/customers.json", {"customer": {"email": "retry@example.com"}})
    assert _deliver(mock)[0]["ok"] is False
    mock.clock.advance(RETRY_DELAYS[0])
    assert _deliver(mock)[0]["ok"] is True
    assert len({h["X-Shopify-Event-Id"] for _, _, h in mock.receiver.received}) == 1  # same event, retried


@pytest.mark.parametrize("action", ["duplicate", "drop", "delay", "reorder"])
def test_webhook_faults(mock, action):
    _subscribe(mock, "customers/create")
    mock.admin("POST", "/faults", json={"target": "webhook", "topic": "customers/*", "action": action,
                                        "delay_seconds": 600, "times": 1})
    mock.post("/customers.json", {"customer": {"email": "first@example.com"}})
    mock.post("/customers.json", {"customer": {"email": "second@example.com"}})
    _deliver(mock)
    emails = [json.loads(b)["email"] for _, b, _ in mock.receiver.received]
    expected_now = {"duplicate": ["first@example.com", "first@example.com", "second@example.com"],
                    "drop": ["second@example.com"], "delay": ["second@example.com"],
                    "reorder": ["second@example.com", "first@example.com"]}[action]
    assert emails == expected_now
    if action == "duplicate":
        first_two = [h["X-Shopify-Event-Id"] for _, _, h in mock.receiver.received[:2]]
        assert first_two[0] == first_two[1]
    mock.clock.advance(600)
    _deliver(mock)
    later = [json.loads(b)["email"] for _, b, _ in mock.receiver.received][len(expected_now):]
    assert later == (["first@example.com"] if action == "delay" else [])


def test_app_uninstalled_sends_the_shop_and_revokes_the_token(mock):
    _subscribe(mock, "app/uninstalled")
    mock.post("/script_tags.json", {"script_tag": {"event": "onload", "src": "https://e.x/a.js"}})
    assert mock.admin("POST", "/shops/harness-shop/uninstall").ok
    _deliver(mock)
    (_, body, headers), = mock.receiver.received
    assert headers["X-Shopify-Topic"] == "app/uninstalled"
    assert json.loads(body)["myshopify_domain"] == "harness-shop.myshopify.com"
    assert mock.get("/shop.json").status_code == 401


def test_delivery_ids_stay_the_same_across_retries_and_one_change_shares_its_event_id(mock):
    mock.receiver.statuses = [500, 500, 200, 200]
    _subscribe(mock, "customers/create", "https://receiver.example/a")
    _subscribe(mock, "customers/create", "https://receiver.example/b")
    mock.post("/customers.json", {"customer": {"email": "ids@example.com"}})
    _deliver(mock)                      # a: 500, b: 500
    mock.clock.advance(RETRY_DELAYS[0])
    _deliver(mock)                      # a: 200, b: 200 (first retries)
    by_url: dict[str, list[dict]] = {}
    for url, _body, headers in mock.receiver.received:
        by_url.setdefault(url, []).append(headers)
    first, second = by_url["https://receiver.example/a"], by_url["https://receiver.example/b"]
    assert len(first) == len(second) == 2
    for attempts in (first, second):
        assert len({h["X-Shopify-Webhook-Id"] for h in attempts}) == 1      # stable across retries
        assert len({h["X-Shopify-Triggered-At"] for h in attempts}) == 1    # when the change happened
    assert first[0]["X-Shopify-Webhook-Id"] != second[0]["X-Shopify-Webhook-Id"]   # one per delivery
    assert first[0]["X-Shopify-Event-Id"] == second[0]["X-Shopify-Event-Id"]       # one per change
    assert first[0]["X-Shopify-Triggered-At"] == "2024-03-01T12:00:00.000000000Z"   # nanoseconds, as Shopify



def test_changes_at_one_instant_get_increasing_trigger_times(mock):
    """Two edits at one clock instant share a whole-second updated_at; their trigger times (nanoseconds,
    as Shopify writes them) still tell which came first, and every delivery of one change shares its own."""
    _subscribe(mock, "customers/update", "https://receiver.example/a")
    _subscribe(mock, "customers/update", "https://receiver.example/b")
    cid = mock.post("/customers.json", {"customer": {"email": "tie@example.com"}}).json()["customer"]["id"]
    for name in ("First", "Second"):
        mock.put(f"/customers/{cid}.json", {"customer": {"id": cid, "first_name": name}})
    _deliver(mock)
    stamps = {}
    for _url, body, headers in mock.receiver.received:
        stamps.setdefault(json.loads(body)["first_name"], set()).add(headers["X-Shopify-Triggered-At"])
    assert all(len(v) == 1 for v in stamps.values()), stamps
    (first,), (second,) = stamps["First"], stamps["Second"]
    assert first.startswith("2024-03-01T12:00:00.") and len(first) == len("2024-03-01T12:00:00.000000000Z")
    assert first < second, stamps

def test_a_subscription_on_a_retired_version_is_delivered_in_the_fall_forward_version(mock):
    with mock.store.lock:
        mock.store.shop("harness-shop").create_webhook(
            {"topic": "customers/create", "address": "https://receiver.example/old"}, "2025-07")
    hook = mock.post("/webhooks.json", {"webhook": {"topic": "customers/create",
                                                    "address": "https://receiver.example/new"}})
    assert hook.json()["webhook"]["api_version"] == "2026-10"
    mock.post("/customers.json", {"customer": {"email": "old@example.com"}})
    _deliver(mock)
    versions = {url: headers["X-Shopify-API-Version"] for url, _b, headers in mock.receiver.received}
    assert versions == {"https://receiver.example/old": "2026-01", "https://receiver.example/new": "2026-10"}
