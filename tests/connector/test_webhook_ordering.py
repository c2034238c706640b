"""Delayed, reordered, duplicated and lost webhooks (issue 13): nothing lost, nothing written twice,
nothing deleted comes back.

Shopify does not order deliveries and retries them for hours, so any create/update/delete of one
record can reach the connector in any order, twice, or not at all. Each test makes the changes in
the Shopify mock, holds the mock's signed deliveries and hands them to the connector in a chosen
order (or lets the mock's own webhook faults reorder them), then checks HubSpot against what the
in-order delivery gives: a deleted order or product is archived (D7, P2), a deleted customer keeps
its contact with its last values (C4), and the newest version of a live record wins.
"""

from __future__ import annotations

import itertools

import pytest

from connector import names
from tests.connector.conftest import customer, order, product
from tests.connector.webhook_rig import (
    Deliveries,
    Delivery,
    deliver_shopify,
    hooked_world,
)

STEPS = ("create", "update", "delete")
PERMUTATIONS = list(itertools.permutations(STEPS))
STEP_OF = {"create": "create", "paid": "create", "update": "update", "updated": "update", "delete": "delete"}
MODES = ("ecommerce-deals", "data-sync")


@pytest.fixture(params=MODES)
def mode(request):
    return request.param


def hooked(tmp_path, mode="ecommerce-deals"):
    rig, connector, shopify_hooks, hubspot_hooks = hooked_world(tmp_path, mode)
    return rig, connector, shopify_hooks, hubspot_hooks


def steps(deliveries: list[Delivery]) -> dict[str, dict[str, list[Delivery]]]:
    """Deliveries per record id, per lifecycle step (orders/create and orders/paid are one step)."""
    out: dict[str, dict[str, list[Delivery]]] = {}
    for delivery in deliveries:
        verb = STEP_OF.get(delivery.topic.partition("/")[2])
        if verb:
            out.setdefault(delivery.ident, {}).setdefault(verb, []).append(delivery)
    return out


def replay(hooks: Deliveries, deliveries: list[Delivery]) -> list[str]:
    answers = []
    for delivery in deliveries:
        status = hooks.send(delivery)
        assert status == 200, hooks.answers[-1]
        answers.append(hooks.answers[-1][1])
    return answers


def live(rig, object_type: str, prop: str) -> dict[str, dict]:
    """Live HubSpot records of a type by one property (archived ones are not listed)."""
    return rig.by(object_type, prop, "name", "firstname", "description", "hs_order_note")


def order_object(mode: str) -> tuple[str, str]:
    return ("deals", names.DEAL_KEY) if mode == "ecommerce-deals" else ("orders", names.ORDER_KEY)


def order_key(mode: str, order_id: int) -> str:
    """The key property value of an order's deal (no checkout) or Order object."""
    return f"harness-shop:order:{order_id}"


# --- every order of create / update / delete ---------------------------------------------------------------
def test_products_any_order_of_create_update_delete_ends_archived(tmp_path, mode):
    rig, connector, hooks, _ = hooked(tmp_path, mode)
    try:
        ids = []
        for i, _perm in enumerate(PERMUTATIONS):
            made = rig.shop("POST", "products", product(f"Kettle {i}"))["product"]
            rig.advance(seconds=1)
            rig.shop("PUT", f"products/{made['id']}", {"product": {"id": made["id"], "body_html": "<p>v2</p>"}})
            rig.advance(seconds=1)
            rig.shop("DELETE", f"products/{made['id']}")
            ids.append(str(made["id"]))
        deliver_shopify(rig)
        held = steps(hooks.take("products"))
        for ident, perm in zip(ids, PERMUTATIONS, strict=True):
            answers = replay(hooks, [d for step in perm for d in held[ident][step]])
            names_now = {r["properties"]["name"] for r in rig.records("products", "name")}
            assert not any(n.startswith(f"Kettle {ids.index(ident)}") for n in names_now), (perm, answers)
        connector.sync()
        assert rig.records("products", "name") == []
        assert all(connector.state.hs_id("harness-shop", "product", i) is None for i in ids)
    finally:
        rig.close()


def test_orders_any_order_of_create_update_delete_ends_archived(tmp_path, mode):
    rig, connector, hooks, _ = hooked(tmp_path, mode)
    try:
        variant = rig.shop("POST", "products", product("Teapot"))["product"]["variants"][0]["id"]
        deliver_shopify(rig)
        hooks.take()
        ids = []
        for i, _perm in enumerate(PERMUTATIONS):
            made = rig.shop("POST", "orders", order(variant, f"buyer{i}@example.com", financial_status="paid"))["order"]
            rig.advance(seconds=1)
            rig.shop("PUT", f"orders/{made['id']}", {"order": {"id": made["id"], "note": "gift wrap"}})
            rig.advance(seconds=1)
            rig.shop("DELETE", f"orders/{made['id']}")
            ids.append(made["id"])
        deliver_shopify(rig)
        held = steps(hooks.take("orders"))
        replay(hooks, hooks.take())  # customers/* in their own order: not what is judged here
        object_type, key = order_object(mode)
        for order_id, perm in zip(ids, PERMUTATIONS, strict=True):
            answers = replay(hooks, [d for step in perm for d in held[str(order_id)][step]])
            assert order_key(mode, order_id) not in live(rig, object_type, key), (perm, answers)
        connector.sync()
        assert live(rig, object_type, key) == {}
        assert rig.records("line_items") == []
    finally:
        rig.close()


def test_customers_any_order_keeps_the_contact_with_its_last_values(tmp_path):
    rig, connector, hooks, _ = hooked(tmp_path)
    try:
        ids = []
        for i, _perm in enumerate(PERMUTATIONS):
            made = rig.shop("POST", "customers", customer(f"c{i}@example.com", first="Ada"))["customer"]
            rig.advance(seconds=1)
            rig.shop("PUT", f"customers/{made['id']}", {"customer": {"id": made["id"], "first_name": "Grace"}})
            rig.advance(seconds=1)
            rig.shop("DELETE", f"customers/{made['id']}")
            ids.append(str(made["id"]))
        deliver_shopify(rig)
        held = steps(hooks.take("customers"))
        for i, (ident, perm) in enumerate(zip(ids, PERMUTATIONS, strict=True)):
            answers = replay(hooks, [d for step in perm for d in held[ident][step]])
            contact = live(rig, "contacts", "email").get(f"c{i}@example.com")
            assert contact and contact["properties"]["firstname"] == "Grace", (perm, answers)   # C4
        connector.sync()
        assert {e: c["properties"]["firstname"] for e, c in live(rig, "contacts", "email").items()} == {
            f"c{i}@example.com": "Grace" for i in range(len(PERMUTATIONS))}
    finally:
        rig.close()


# --- two updates reordered: the older one arriving last never overwrites the newer ---------------------------
def _two_updates(rig, resource: str, ident, first: dict, second: dict, gap: float) -> None:
    rig.shop("PUT", f"{resource}/{ident}", {resource[:-1]: {"id": ident, **first}})
    rig.advance(seconds=gap)
    rig.shop("PUT", f"{resource}/{ident}", {resource[:-1]: {"id": ident, **second}})


# Shopify stamps updated_at in whole seconds; X-Shopify-Triggered-At is finer. 0.3 s apart: the same
# updated_at, trigger times that order the two; 0: nothing orders them, Shopify is asked (one read).
GAPS = pytest.mark.parametrize("gap", [1, 0.3, 0], ids=["seconds-apart", "same-second", "same-instant"])


def replay_reordered(rig, hooks, connector, resource: str, gap: float) -> None:
    """The two update deliveries, the newer first; the older one must be answered stale."""
    first, second = hooks.take(resource)
    assert replay(hooks, [second])[-1].startswith("applied")
    reads = connector.shopify["harness-shop"].calls
    assert replay(hooks, [first]) == ["stale"]
    assert connector.shopify["harness-shop"].calls - reads == (1 if gap == 0 else 0)


@GAPS
def test_reordered_product_updates_keep_the_newest(tmp_path, mode, gap):
    rig, connector, hooks, _ = hooked(tmp_path, mode)
    try:
        made = rig.shop("POST", "products", product("Tray"))["product"]
        deliver_shopify(rig)
        replay(hooks, hooks.take())
        rig.advance(seconds=5)
        _two_updates(rig, "products", made["id"], {"body_html": "<p>older</p>"}, {"body_html": "<p>newer</p>"}, gap)
        deliver_shopify(rig)
        replay_reordered(rig, hooks, connector, "products", gap)
        assert live(rig, "products", "name")["Tray"]["properties"]["description"] == "newer"
        connector.sync()
        assert live(rig, "products", "name")["Tray"]["properties"]["description"] == "newer"
    finally:
        rig.close()


@GAPS
def test_reordered_order_updates_keep_the_newest(tmp_path, mode, gap):
    rig, connector, hooks, _ = hooked(tmp_path, mode)
    try:
        variant = rig.shop("POST", "products", product("Cup"))["product"]["variants"][0]["id"]
        made = rig.shop("POST", "orders", order(variant, "o@example.com", financial_status="paid"))["order"]
        deliver_shopify(rig)
        replay(hooks, hooks.take())
        rig.advance(seconds=5)
        _two_updates(rig, "orders", made["id"], {"note": "older"}, {"note": "newer"}, gap)
        deliver_shopify(rig)
        replay_reordered(rig, hooks, connector, "orders", gap)
        object_type, key = order_object(mode)
        note = "ip__shopify__note" if mode == "ecommerce-deals" else "hs_order_note"
        record = rig.by(object_type, key, note)[order_key(mode, made["id"])]
        assert record["properties"][note] == "newer"
        connector.sync()
        assert rig.by(object_type, key, note)[order_key(mode, made["id"])]["properties"][note] == "newer"
    finally:
        rig.close()


@GAPS
def test_reordered_customer_updates_keep_the_newest(tmp_path, gap):
    rig, connector, hooks, _ = hooked(tmp_path)
    try:
        made = rig.shop("POST", "customers", customer("r@example.com"))["customer"]
        deliver_shopify(rig)
        replay(hooks, hooks.take())
        rig.advance(seconds=5)
        _two_updates(rig, "customers", made["id"], {"first_name": "Older"}, {"first_name": "Newer"}, gap)
        deliver_shopify(rig)
        replay_reordered(rig, hooks, connector, "customers", gap)
        assert live(rig, "contacts", "email")["r@example.com"]["properties"]["firstname"] == "Newer"
        connector.sync()
        assert live(rig, "contacts", "email")["r@example.com"]["properties"]["firstname"] == "Newer"
    finally:
        rig.close()
