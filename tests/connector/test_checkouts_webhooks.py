"""Checkouts through webhooks and the timers (D3-D6, P3), webhook security and ordering (S6)."""

from __future__ import annotations

import json

from connector import names
from connector.webhooks import shopify_hmac
from mocks.shopify import DEFAULT_SECRET
from tests.connector.conftest import customer, product


def connected(world):
    connector = world.connector()
    connector.config.webhook_base_url = world.receiver(connector)
    connector.sync()
    shirt = world.shop("POST", "products", product("Shirt", ("Red", "25.00"), ("Blue", "30.00")))["product"]
    world.deliver()
    return connector, [v["id"] for v in shirt["variants"]]


def deal_of(world, name_prop: str, value: str) -> dict | None:
    deals = world.by("deals", name_prop, "dealstage", "dealname", "amount")
    return deals.get(value)


def stage(world, token: str) -> str | None:
    deal = deal_of(world, names.DEAL_KEY, f"harness-shop:checkout:{token}")
    return deal["properties"]["dealstage"] if deal else None


def test_d3_d4_d6_timers_and_d5_completion(world):
    connector, (red, blue) = connected(world)
    with_mail = world.shopper().start_checkout({
        "email": "buyer@example.com", "line_items": [{"variant_id": red, "quantity": 1},
                                                      {"variant_id": blue, "quantity": 2}]})
    anonymous = world.shopper().start_checkout({
        "line_items": [{"variant_id": red, "quantity": 1}]})
    world.deliver()
    # D3: both are pending deals; only the one with an email has a contact
    assert stage(world, with_mail["token"]) == names.STAGE_PENDING
    assert stage(world, anonymous["token"]) == names.STAGE_PENDING
    deal = deal_of(world, names.DEAL_KEY, f"harness-shop:checkout:{with_mail['token']}")
    assert world.assoc("deals", [deal["id"]], "contacts").get(deal["id"])
    anon = deal_of(world, names.DEAL_KEY, f"harness-shop:checkout:{anonymous['token']}")
    assert not world.assoc("deals", [anon["id"]], "contacts").get(anon["id"])

    # D4: 23:59:59 is still pending; 24:00:00 is abandoned
    world.advance(hours=23, minutes=59, seconds=59)
    connector.tick()
    assert stage(world, with_mail["token"]) == names.STAGE_PENDING
    world.advance(seconds=1)
    assert connector.tick() == 1
    assert stage(world, with_mail["token"]) == names.STAGE_ABANDONED
    assert stage(world, anonymous["token"]) == names.STAGE_PENDING  # never promoted: stays pending

    # P3: removing a product from the checkout archives its line item
    lines_before = world.assoc("deals", [deal["id"]], "line_items")[deal["id"]]
    assert len(lines_before) == 2
    world.shopper().update(with_mail["token"], {
        "line_items": [{"variant_id": red, "quantity": 1}]})
    world.deliver()
    lines_after = world.assoc("deals", [deal["id"]], "line_items").get(deal["id"], [])
    assert len(lines_after) == 1 and set(lines_after) < set(lines_before)
    assert stage(world, with_mail["token"]) == names.STAGE_ABANDONED  # an update keeps the timer's stage

    # D6: the never-promoted checkout loses its stage at 48 h, not before
    world.advance(hours=23, minutes=59, seconds=59)
    connector.tick()
    assert stage(world, anonymous["token"]) == names.STAGE_PENDING
    world.advance(seconds=1)
    connector.tick()
    assert stage(world, anonymous["token"]) in ("", None)

    # D5: completion moves the same deal on (paid -> processed); no second deal
    count = len(world.records("deals"))
    world.shopper().complete(with_mail["token"])
    world.deliver()
    assert len(world.records("deals")) == count
    assert stage(world, with_mail["token"]) == names.STAGE_PROCESSED
    entered = world.hubspot.batch_read("deals", [deal["id"]], [f"hs_date_entered_{names.STAGE_ABANDONED}"])
    assert entered[0]["properties"][f"hs_date_entered_{names.STAGE_ABANDONED}"]


def signed(body: dict, secret: str = DEFAULT_SECRET, topic: str = "customers/update", event: str = "e1"):
    raw = json.dumps(body).encode()
    return raw, {"X-Shopify-Topic": topic, "X-Shopify-Hmac-Sha256": shopify_hmac(secret, raw),
                 "X-Shopify-Event-Id": event, "X-Shopify-Shop-Domain": "harness-shop.myshopify.com"}


def test_s6_webhook_hmac_dedupe_and_order(world):
    connector = world.connector()
    connector.sync()
    made = world.shop("POST", "customers", customer("late@example.com", first="First"))["customer"]
    made = world.shop("PUT", f"customers/{made['id']}", {"customer": {"id": made["id"], "first_name": "Newer"}})[
        "customer"]  # Shopify's current version is the newer one; the older delivery comes late
    newer = made
    older = {**made, "first_name": "Older", "updated_at": "2024-01-15T11:30:00Z"}

    raw, headers = signed(newer, secret="wrong")
    assert connector.handle_shopify_webhook("harness-shop", headers, raw)[0] == 401
    assert "late@example.com" not in world.by("contacts", "email")          # nothing applied

    raw, headers = signed(newer, event="e-newer")
    assert connector.handle_shopify_webhook("harness-shop", headers, raw)[0] == 200
    writes = connector.hubspot.writes
    assert connector.handle_shopify_webhook("harness-shop", headers, raw) == (200, "duplicate")
    raw, headers = signed(older, event="e-older")
    assert connector.handle_shopify_webhook("harness-shop", headers, raw) == (200, "stale")
    assert connector.hubspot.writes == writes
    contact = world.by("contacts", "email", "firstname")["late@example.com"]
    assert contact["properties"]["firstname"] == "Newer"


def test_s6_incremental_pass_catches_missed_changes_and_deletes(world):
    connector = world.connector()
    made = world.shop("POST", "products", product("Lamp"))["product"]
    connector.sync()
    world.advance(minutes=1)
    world.shop("PUT", f"products/{made['id']}", {"product": {"id": made["id"], "title": "Desk Lamp"}})
    gone = world.shop("POST", "products", product("Vase"))["product"]
    connector.sync()
    assert set(world.by("products", "name")) == {"Desk Lamp", "Vase"}
    world.advance(minutes=1)
    world.shop("DELETE", f"products/{gone['id']}")   # no webhook subscription: the events feed tells (P2)
    summary = connector.sync()
    assert set(world.by("products", "name")) == {"Desk Lamp"}
    assert summary.stores["harness-shop"].deleted["products"] == 1
