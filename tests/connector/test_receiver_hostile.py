"""The webhook receiver under hostile input (issue 15): size before signature (413), plain-text answers
that echo nothing, no internal error text to the sender, HubSpot signatures from the future refused,
signed but malformed payloads refused with nothing written."""

from __future__ import annotations

import json

import requests

from connector.webhooks import hubspot_signature, receiver_app, shopify_hmac
from mocks.core.server import serve
from mocks.shopify import DEFAULT_SECRET
from tests.connector.conftest import HUBSPOT_SECRET, customer

DOMAIN = "harness-shop.myshopify.com"


def signed(raw: bytes, topic: str = "orders/create", event: str = "e1") -> dict[str, str]:
    return {"X-Shopify-Topic": topic, "X-Shopify-Hmac-Sha256": shopify_hmac(DEFAULT_SECRET, raw),
            "X-Shopify-Event-Id": event, "X-Shopify-Shop-Domain": DOMAIN, "Content-Type": "application/json"}


def test_an_oversized_body_is_refused_with_413_before_it_is_read(world):
    connector = world.connector()
    client = receiver_app(connector, max_body=1024).test_client()
    raw = b'{"id": 1, "note": "' + b"x" * 4096 + b'"}'
    response = client.post("/webhooks/shopify/harness-shop", data=raw, headers=signed(raw))
    assert response.status_code == 413 and b"payload too large" in response.data
    assert connector.shopify["harness-shop"].calls == 0, "nothing was looked at, not even the shop"


def test_an_oversized_chunked_body_is_refused_with_413(world):
    connector = world.connector()
    handle = serve(receiver_app(connector, max_body=1024))
    world.handles.append(handle)

    def chunks():
        for _ in range(64):
            yield b"x" * 1024

    response = requests.post(f"{handle.url}/webhooks/hubspot", data=chunks(), timeout=10,
                             headers={"Content-Type": "application/json"})
    assert response.status_code == 413


def test_the_store_id_in_the_url_is_never_reflected(world):
    client = world.connector().receiver_app().test_client()
    response = client.post("/webhooks/shopify/<script>alert(1)</script>", data=b"{}")
    assert response.status_code == 404
    assert b"<script>" not in response.data
    assert response.mimetype == "text/plain" and response.headers["X-Content-Type-Options"] == "nosniff"


def test_hubspots_error_text_is_not_returned_to_the_sender(world):
    connector = world.connector()
    connector.sync()
    requests.post(f"{world.hubspot_url}/__admin/faults", timeout=10, json={
        "path": "/crm/objects/2026-09/contacts*", "action": "respond", "status": 500,
        "headers": {"Retry-After": "0"}, "body": {"status": "error", "message": "internal secret detail"}})
    made = world.shop("POST", "customers", customer("leak@example.com"))["customer"]
    raw = json.dumps(made).encode()
    status, text = connector.handle_shopify_webhook("harness-shop", signed(raw, "customers/create"), raw)
    assert status == 503
    assert "secret" not in text and "/crm/" not in text and "500" not in text


def hubspot_headers(body: bytes, timestamp_ms: int, url: str = "http://localhost/webhooks/hubspot"):
    return {"X-HubSpot-Request-Timestamp": str(timestamp_ms), "Content-Type": "application/json",
            "X-HubSpot-Signature-v3": hubspot_signature(HUBSPOT_SECRET, "POST", url, body, str(timestamp_ms))}


def test_hubspot_signatures_stamped_in_the_future_are_refused_beyond_a_minute(world):
    client = world.connector().receiver_app().test_client()
    now_ms = int(world.clock.now().timestamp() * 1000)
    body = b"[]"
    for ahead_ms, status in ((30_000, 200), (61_000, 401), (3_600_000, 401), (10 ** 15, 401)):
        response = client.post("/webhooks/hubspot", data=body, headers=hubspot_headers(body, now_ms + ahead_ms))
        assert response.status_code == status, (ahead_ms, response.data)


MALFORMED = {
    "not an object": ("orders/create", []),
    "order without id": ("orders/create", {"line_items": []}),
    "order id null": ("orders/create", {"id": None}),
    "order id a float": ("orders/create", {"id": 1.5}),
    "order id text": ("orders/updated", {"id": "abc"}),
    "line items not a list": ("orders/create", {"id": 7, "line_items": {"a": 1}}),
    "line item not an object": ("orders/create", {"id": 7, "line_items": [3]}),
    "quantity text": ("orders/create", {"id": 7, "line_items": [{"quantity": "many"}]}),
    "price not a number": ("orders/create", {"id": 7, "line_items": [{"quantity": 1, "price": "free"}]}),
    "customer not an object": ("orders/create", {"id": 7, "customer": "someone"}),
    "updated_at in year 1": ("products/update", {"id": 7, "updated_at": "0001-01-01T00:00:00Z"}),
    "updated_at not a time": ("customers/update", {"id": 7, "updated_at": "soon"}),
    "checkout without token": ("checkouts/create", {"id": 7}),
    "email not a string": ("customers/create", {"id": 7, "email": ["a@b.c"]}),
    "deeply nested": ("customers/create", {"id": 7, "note": json.loads("[" * 50 + "]" * 50)}),
}


def test_a_signed_but_malformed_shopify_payload_is_400_and_writes_nothing(world):
    connector = world.connector()
    connector.sync()
    writes = connector.hubspot.writes
    for label, (topic, payload) in MALFORMED.items():
        raw = json.dumps(payload).encode()
        status, text = connector.handle_shopify_webhook("harness-shop", signed(raw, topic, f"m-{label}"), raw)
        assert status == 400 and text.startswith("malformed payload"), (label, text)
        assert connector.hubspot.writes == writes, label
        assert not connector.state.seen("shopify:harness-shop", f"m-{label}"), label


def test_a_json_bomb_nested_beyond_the_parser_is_400(world):
    connector = world.connector()
    connector.sync()
    raw = b"[" * 100_000 + b"]" * 100_000
    status, _ = connector.handle_shopify_webhook("harness-shop", signed(raw, "orders/create"), raw)
    assert status == 400


def test_a_signed_but_malformed_hubspot_payload_is_400_and_applies_nothing(world):
    connector = world.connector()
    client = connector.receiver_app().test_client()
    now_ms = int(world.clock.now().timestamp() * 1000)
    for events in ({"eventId": "x"}, [1, 2], [{"eventId": 1}], "text",
                   [{"eventId": 1, "objectId": [2], "subscriptionType": "contact.deletion"}]):
        body = json.dumps(events).encode()
        response = client.post("/webhooks/hubspot", data=body, headers=hubspot_headers(body, now_ms))
        assert response.status_code == 400, (events, response.data)
    assert connector.state.tombstones("harness-shop") == []
