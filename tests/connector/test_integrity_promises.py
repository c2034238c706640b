"""Promises about data integrity under hostile ordering and swapped state files (issue 15):
deleted records stay deleted, a state file belongs to one shop, portal and mode, edits stamped in the
past are not lost. Each test is named for the promise it keeps."""

from __future__ import annotations

import json

import pytest
import requests

from connector.errors import StateFileError
from connector.webhooks import shopify_hmac
from mocks.core.server import serve
from mocks.hubspot import create_app as hubspot_app
from mocks.hubspot.app import HubSpotConfig
from mocks.shopify import DEFAULT_SECRET
from tests.connector.conftest import customer, order, product

DOMAIN = "harness-shop.myshopify.com"


def deliver_late(connector, topic: str, record: dict, event: str) -> tuple[int, str]:
    """A correctly signed Shopify delivery, handed to the receiver now (whatever happened since)."""
    raw = json.dumps(record).encode()
    headers = {"X-Shopify-Topic": topic, "X-Shopify-Hmac-Sha256": shopify_hmac(DEFAULT_SECRET, raw),
               "X-Shopify-Event-Id": event, "X-Shopify-Shop-Domain": DOMAIN}
    return connector.handle_shopify_webhook("harness-shop", headers, raw)


def test_an_order_create_delivered_after_its_delete_never_brings_the_deal_back(world):
    connector = world.connector()
    variant = world.shop("POST", "products", product("Mug"))["product"]["variants"][0]["id"]
    connector.sync()                                              # imported: the shop has no order yet
    made = world.shop("POST", "orders", order(variant, "ghost@example.com", financial_status="paid"))["order"]
    world.shop("DELETE", f"orders/{made['id']}")
    assert deliver_late(connector, "orders/delete", {"id": made["id"]}, "del-1")[0] == 200
    status, text = deliver_late(connector, "orders/create", made, "create-1")  # Shopify's delayed delivery
    assert status == 200 and "not re-created" in text
    assert world.records("deals") == [], "the deleted order came back as a deal"
    world.advance(hours=2)                                        # the destroy is far outside the overlap
    connector.sync()
    assert world.records("deals") == []
    # Shopify re-creating means a new id: a new record, synced as any other
    again = world.shop("POST", "orders", order(variant, "ghost@example.com", financial_status="paid"))["order"]
    assert deliver_late(connector, "orders/create", again, "create-2")[0] == 200
    assert len(world.records("deals")) == 1


def test_a_product_update_delivered_after_its_delete_never_brings_the_product_back(world):
    connector = world.connector()
    connector.sync()
    made = world.shop("POST", "products", product("Vase"))["product"]
    assert deliver_late(connector, "products/create", made, "p-create")[0] == 200
    assert set(world.by("products", "name")) == {"Vase"}
    world.advance(minutes=1)
    world.shop("DELETE", f"products/{made['id']}")
    assert deliver_late(connector, "products/delete", {"id": made["id"]}, "p-del")[0] == 200
    assert world.records("products") == []
    late = {**made, "title": "Vase (edited before the delete)", "updated_at": "2024-01-15T12:00:30Z"}
    assert deliver_late(connector, "products/update", late, "p-update")[0] == 200
    world.advance(hours=2)
    connector.sync()
    assert world.records("products") == []
    assert connector.status()["stores"]["harness-shop"]["tombstones"] == 1


def test_a_deletion_seen_only_by_a_pass_is_final_too(world):
    connector = world.connector()
    made = world.shop("POST", "products", product("Lamp"))["product"]
    connector.sync()
    world.advance(minutes=1)
    world.shop("DELETE", f"products/{made['id']}")
    connector.sync()                                              # the events feed tells (P2)
    assert world.records("products") == []
    assert deliver_late(connector, "products/update", made, "late-update")[0] == 200
    assert world.records("products") == []


def test_a_state_file_made_against_another_hubspot_portal_is_refused(world):
    world.shop("POST", "customers", customer("portal@example.com"))
    world.connector().sync()
    other = serve(hubspot_app(HubSpotConfig(clock=world.clock, rate_limit=False, portal_id=99999)))
    world.handles.append(other)
    config = world.config()
    config.hubspot_url = other.url
    swapped = world.connector(config)
    with pytest.raises(StateFileError, match="HubSpot portal 62515, not 99999"):
        swapped.sync()
    assert swapped.hubspot.writes == 0


def test_a_state_file_made_for_another_shop_with_the_same_store_id_is_refused(world):
    world.shop("POST", "customers", customer("first@example.com"))
    world.connector().sync()
    world.add_shop("other-shop", "shpat_other_shop")
    swapped = world.connector(world.config([world.store("harness-shop", "shpat_other_shop")]))
    with pytest.raises(StateFileError, match="belongs to Shopify shop harness-shop.myshopify.com"):
        swapped.sync()
    assert swapped.hubspot.writes == 0


def test_switching_mode_on_an_existing_state_file_is_refused(world):
    world.connector().sync()
    switched = world.connector(mode="data-sync")
    with pytest.raises(StateFileError, match="--mode ecommerce-deals; it is not migrated"):
        switched.sync()
    assert switched.hubspot.writes == 0


def test_a_webhook_naming_another_shop_is_refused_before_anything_is_applied(world):
    connector = world.connector()
    connector.sync()
    made = world.shop("POST", "customers", customer("foreign@example.com"))["customer"]
    raw = json.dumps(made).encode()
    headers = {"X-Shopify-Topic": "customers/create", "X-Shopify-Hmac-Sha256": shopify_hmac(DEFAULT_SECRET, raw),
               "X-Shopify-Event-Id": "f1", "X-Shopify-Shop-Domain": "other-shop.myshopify.com"}
    assert connector.handle_shopify_webhook("harness-shop", headers, raw) == (401, "webhook is for another shop")
    assert "foreign@example.com" not in world.by("contacts", "email")
    assert not connector.state.seen("shopify:harness-shop", "f1")


def test_an_edit_stamped_before_the_applied_version_is_applied_when_its_content_differs(world):
    """The shop's clock stepped back: Shopify's current version carries an older stamp than the one
    applied. Decided (docs/connector.md): content wins over the stamp when the version is Shopify's
    current one (a pass lists it, or a webhook's record is confirmed by a read)."""
    connector = world.connector()
    made = world.shop("POST", "customers", customer("back@example.com", first="Before"))["customer"]
    connector.sync()
    applied = connector.state.applied("harness-shop", "customer", str(made["id"]))
    future = "2024-01-15T18:00:00Z"                               # the version applied claimed a later time
    connector.state.set_applied("harness-shop", "customer", str(made["id"]), future, applied[1])
    world.advance(minutes=1)
    edited = world.shop("PUT", f"customers/{made['id']}", {"customer": {"id": made["id"], "first_name": "After"}})
    status, text = deliver_late(connector, "customers/update", edited["customer"], "back-1")
    assert (status, text) == (200, "applied customers/update")
    assert world.by("contacts", "email", "firstname")["back@example.com"]["properties"]["firstname"] == "After"
    # a genuinely stale delivery (older stamp, other content, Shopify's current is the applied one) is not
    stale = {**edited["customer"], "first_name": "Stale", "updated_at": "2024-01-15T11:00:00Z"}
    assert deliver_late(connector, "customers/update", stale, "back-2") == (200, "stale")
    assert world.by("contacts", "email", "firstname")["back@example.com"]["properties"]["firstname"] == "After"


def test_a_pass_applies_the_listed_version_even_when_its_stamp_is_older(world):
    connector = world.connector()
    made = world.shop("POST", "customers", customer("pass@example.com", first="Before"))["customer"]
    connector.sync()
    world.advance(minutes=1)
    world.shop("PUT", f"customers/{made['id']}", {"customer": {"id": made["id"], "first_name": "After"}})
    stamp = connector.state.applied("harness-shop", "customer", str(made["id"]))
    connector.state.set_applied("harness-shop", "customer", str(made["id"]), "2024-01-15T18:00:00Z", stamp[1])
    connector.sync()
    assert world.by("contacts", "email", "firstname")["pass@example.com"]["properties"]["firstname"] == "After"


def test_a_malformed_record_in_a_shopify_list_is_a_sync_error_not_a_crash(world):
    world.shop("POST", "customers", customer("fine@example.com"))
    response = requests.post(f"{world.shopify_url}/__admin/faults", timeout=10, json={
        "method": "GET", "path": "/admin/api/*/products.json", "action": "respond", "status": 200,
        "body": {"products": [{"id": None, "title": ["not", "text"]}, {"id": 5, "variants": "none"}]}})
    assert response.status_code == 201
    summary = world.connector(world.config([world.store(shopify_api="rest")])).sync()  # a REST list answer
    errors = summary.stores["harness-shop"].error_messages
    assert summary.errors == 2 and all("malformed record" in e for e in errors), errors
    assert "fine@example.com" in world.by("contacts", "email"), "the rest of the pass still ran"
