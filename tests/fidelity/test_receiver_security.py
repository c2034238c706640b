"""The connector's webhook receiver (``Connector.receiver_app()``) refuses bad and stale signatures
and applies nothing; the same webhook correctly signed is applied (so the refusals are real)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from connector.webhooks import hubspot_signature, shopify_hmac
from tools.chaos.shop import ShopOwner
from tools.chaos.world import HUBSPOT_SECRET, SHOPIFY_TOKEN, STORE_ID, WEBHOOK_SECRET, ChaosWorld

HUBSPOT_URL = "http://localhost/webhooks/hubspot"


@pytest.fixture()
def world(tmp_path: Path) -> Iterator[ChaosWorld]:
    with ChaosWorld(tmp_path, seed=1) as built:
        yield built


def _imported_customer(world: ChaosWorld) -> tuple[ShopOwner, dict, str]:
    """One customer in Shopify, imported into HubSpot; returns the owner, the customer and its contact id."""
    owner = ShopOwner(world.shopify_url, SHOPIFY_TOKEN, world.sleep)
    customer = owner.call("POST", "/customers.json", {"customer": {
        "first_name": "Sig", "last_name": "Before", "email": "sig@receiver.example"}})["customer"]
    world.crew.connector.sync()
    contacts = world.admin_call("hubspot", "GET", "/state")["objects"]["contacts"]["records"]
    (contact,) = [c for c in contacts if c["properties"].get("email") == "sig@receiver.example"]
    return owner, customer, contact["id"]


def _last_name(world: ChaosWorld, contact_id: str) -> str | None:
    contacts = world.admin_call("hubspot", "GET", "/state")["objects"]["contacts"]["records"]
    return next(c["properties"].get("lastname") for c in contacts if c["id"] == contact_id)


def test_shopify_webhooks_with_a_bad_hmac_are_refused_and_change_nothing(world: ChaosWorld):
    owner, customer, contact_id = _imported_customer(world)
    owner.call("PUT", f"/customers/{customer['id']}.json",
               {"customer": {"id": customer["id"], "last_name": "After"}})
    body = json.dumps(owner.call("GET", f"/customers/{customer['id']}.json")["customer"]).encode()
    client = world.crew.connector.receiver_app().test_client()
    path = f"/webhooks/shopify/{STORE_ID}"
    base = {"X-Shopify-Topic": "customers/update", "X-Shopify-Shop-Domain": "harness-shop.myshopify.com",
            "Content-Type": "application/json"}
    bad = {"missing": {}, "wrong secret": {"X-Shopify-Hmac-Sha256": shopify_hmac("not-the-secret", body)},
           "other body": {"X-Shopify-Hmac-Sha256": shopify_hmac(WEBHOOK_SECRET, body + b" ")},
           "garbage": {"X-Shopify-Hmac-Sha256": "bm90IGEgc2lnbmF0dXJl"},
           "non-ASCII": {"X-Shopify-Hmac-Sha256": "sign\u00e9"}}
    for n, (label, extra) in enumerate(bad.items()):
        response = client.post(path, data=body, headers={**base, **extra, "X-Shopify-Event-Id": f"bad-{n}"})
        assert response.status_code == 401, (label, response.data)
        assert _last_name(world, contact_id) == "Before", f"{label}: a refused webhook was applied"
    good = {**base, "X-Shopify-Hmac-Sha256": shopify_hmac(WEBHOOK_SECRET, body), "X-Shopify-Event-Id": "good"}
    assert client.post(path, data=body, headers=good).status_code == 200
    assert _last_name(world, contact_id) == "After", "the correctly signed webhook is applied"
    owner.close()


def _hubspot_headers(body: bytes, timestamp_ms: int, secret: str = HUBSPOT_SECRET) -> dict[str, str]:
    return {"Content-Type": "application/json", "X-HubSpot-Request-Timestamp": str(timestamp_ms),
            "X-HubSpot-Signature-v3": hubspot_signature(secret, "POST", HUBSPOT_URL, body, str(timestamp_ms))}


def test_hubspot_webhooks_with_a_bad_or_stale_signature_are_refused_and_change_nothing(world: ChaosWorld):
    owner, _, contact_id = _imported_customer(world)
    connector = world.crew.connector
    client = connector.receiver_app().test_client()
    now_ms = int(world.clock.now().timestamp() * 1000)
    body = json.dumps([{"eventId": 77, "subscriptionType": "contact.deletion", "objectId": int(contact_id),
                        "portalId": 62515, "occurredAt": now_ms}]).encode()
    refused = {"stale (6 minutes old)": _hubspot_headers(body, now_ms - 6 * 60 * 1000),
               "wrong secret": _hubspot_headers(body, now_ms, secret="not-the-secret"),
               "no signature": {"Content-Type": "application/json", "X-HubSpot-Request-Timestamp": str(now_ms)},
               "signed for another body": {**_hubspot_headers(b"[]", now_ms)},
               "non-ASCII signature": {**_hubspot_headers(body, now_ms), "X-HubSpot-Signature-v3": "sign\u00e9"}}
    for label, headers in refused.items():
        response = client.post("/webhooks/hubspot", data=body, headers=headers)
        assert response.status_code == 401, (label, response.data)
        assert connector.state.tombstones(STORE_ID) == [], f"{label}: a refused webhook was applied"
    response = client.post("/webhooks/hubspot", data=body, headers=_hubspot_headers(body, now_ms - 60_000))
    assert response.status_code == 200, response.data
    assert len(connector.state.tombstones(STORE_ID)) == 1, "the correctly signed deletion is applied"
    owner.close()
