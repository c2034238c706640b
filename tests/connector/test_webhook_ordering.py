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
import json

import pytest

from connector import names
from tests.connector.conftest import customer, order, product
from tests.connector.webhook_rig import (
    Deliveries,
    Delivery,
    deliver_hubspot,
    deliver_shopify,
    hooked_world,
    push_hubspot,
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
# Shopify stamps updated_at in whole seconds; X-Shopify-Triggered-At has nanoseconds (the mock gives two
# changes at one clock instant trigger times in the order they happened). 1 s or 0.3 s apart, or at one
# instant: the trigger times order the two deliveries. Without trigger times, Shopify is asked (one read).
# Each case on its own record of one world: (gap in seconds, trigger times sent).
GAPS = {"seconds-apart": (1, True), "same-second": (0.3, True), "same-instant": (0, True),
        "no-trigger-times": (0, False)}


def reorder_each_gap(rig, hooks, connector, resource: str, idents: dict, first: dict, second: dict) -> None:
    """For each case of :data:`GAPS`, two edits of its record, delivered newest first: the older one
    must be answered ``stale`` (with one read of Shopify only when there are no trigger times)."""
    for case, (gap, triggers) in GAPS.items():
        rig.advance(seconds=5)
        ident = idents[case]
        rig.shop("PUT", f"{resource}/{ident}", {resource[:-1]: {"id": ident, **first}})
        rig.advance(seconds=gap)
        rig.shop("PUT", f"{resource}/{ident}", {resource[:-1]: {"id": ident, **second}})
        deliver_shopify(rig)
        older, newer = [d for d in hooks.take(resource) if d.ident == str(ident)]
        replay(hooks, hooks.take())      # anything else the edits raised, in order
        if not triggers:
            for delivery in (older, newer):
                delivery.headers.pop("X-Shopify-Triggered-At")
        assert replay(hooks, [newer])[-1].startswith("applied"), case
        reads = connector.shopify["harness-shop"].calls
        assert replay(hooks, [older]) == ["stale"], case
        assert connector.shopify["harness-shop"].calls - reads == (0 if triggers else 1), case


def test_reordered_product_updates_keep_the_newest(tmp_path, mode):
    rig, connector, hooks, _ = hooked(tmp_path, mode)
    try:
        made = {case: rig.shop("POST", "products", product(f"Tray {case}"))["product"]["id"] for case in GAPS}
        deliver_shopify(rig)
        replay(hooks, hooks.take())
        reorder_each_gap(rig, hooks, connector, "products", made, {"body_html": "<p>older</p>"},
                         {"body_html": "<p>newer</p>"})
        for _ in range(2):               # after the webhooks, and after the next pass
            descriptions = {n: r["properties"]["description"] for n, r in live(rig, "products", "name").items()}
            assert descriptions == {f"Tray {case}": "newer" for case in GAPS}
            connector.sync()
    finally:
        rig.close()


def test_reordered_order_updates_keep_the_newest(tmp_path, mode):
    rig, connector, hooks, _ = hooked(tmp_path, mode)
    try:
        variant = rig.shop("POST", "products", product("Cup"))["product"]["variants"][0]["id"]
        made = {case: rig.shop("POST", "orders", order(variant, f"{case}@example.com", financial_status="paid"))[
            "order"]["id"] for case in GAPS}
        deliver_shopify(rig)
        replay(hooks, hooks.take())
        reorder_each_gap(rig, hooks, connector, "orders", made, {"note": "older"}, {"note": "newer"})
        object_type, key = order_object(mode)
        note = "ip__shopify__note" if mode == "ecommerce-deals" else "hs_order_note"
        for _ in range(2):
            records = rig.by(object_type, key, note)
            assert {case: records[order_key(mode, i)]["properties"][note] for case, i in made.items()} == {
                case: "newer" for case in GAPS}
            connector.sync()
    finally:
        rig.close()


def test_reordered_customer_updates_keep_the_newest(tmp_path):
    rig, connector, hooks, _ = hooked(tmp_path)
    try:
        made = {case: rig.shop("POST", "customers", customer(f"{case}@example.com"))["customer"]["id"]
                for case in GAPS}
        deliver_shopify(rig)
        replay(hooks, hooks.take())
        reorder_each_gap(rig, hooks, connector, "customers", made, {"first_name": "Older"}, {"first_name": "Newer"})
        for _ in range(2):
            names = {e: c["properties"]["firstname"] for e, c in live(rig, "contacts", "email").items()}
            assert names == {f"{case}@example.com": "Newer" for case in GAPS}
            connector.sync()
    finally:
        rig.close()


# --- the same delivery twice ---------------------------------------------------------------------------------
def test_the_same_delivery_twice_is_applied_once(tmp_path, mode):
    rig, connector, hooks, _ = hooked(tmp_path, mode)
    try:
        variant = rig.shop("POST", "products", product("Jar"))["product"]["variants"][0]["id"]
        rig.shop("POST", "orders", order(variant, "twice@example.com", financial_status="paid"))
        deliver_shopify(rig)
        deliveries = hooks.take()
        replay(hooks, deliveries)
        writes = connector.hubspot.writes
        assert set(replay(hooks, deliveries)) == {"duplicate"}       # the same X-Shopify-Webhook-Id
        assert connector.hubspot.writes == writes
        # a retry of the same delivery whose first answer was lost, in the mock's own outbox: the
        # mock's "duplicate" fault sends one delivery twice, with the same webhook id
        hooks.hold = False
        rig.pair.admin.shopify.call("POST", "/faults", {"target": "webhook", "topic": "*", "action": "duplicate"})
        rig.advance(seconds=1)
        rig.shop("POST", "orders", order(variant, "twice@example.com", financial_status="pending"))
        mark = len(hooks.answers)
        deliver_shopify(rig)
        answers = [text for _, text in hooks.answers[mark:]]
        assert len(answers) >= 4 and answers.count("duplicate") == len(answers) // 2, answers
        object_type, key = order_object(mode)
        assert len(live(rig, object_type, key)) == 2
        assert len(rig.records("line_items")) == 2
        assert list(live(rig, "contacts", "email")) == ["twice@example.com"]
    finally:
        rig.close()


# --- the mock's own faults: an update delayed past the delete, a delete lost and caught by the pass ----------
def test_update_delayed_past_the_delete_and_a_lost_delete_never_resurrect(tmp_path, mode):
    rig, connector, hooks, _ = hooked(tmp_path, mode)
    try:
        hooks.hold = False
        variant = rig.shop("POST", "products", product("Sieve"))["product"]["variants"][0]["id"]
        doomed = rig.shop("POST", "products", product("Whisk"))["product"]
        made = rig.shop("POST", "orders", order(variant, "late@example.com", financial_status="paid"))["order"]
        lost = rig.shop("POST", "orders", order(variant, "lost@example.com", financial_status="paid"))["order"]
        deliver_shopify(rig)
        object_type, key = order_object(mode)
        assert {order_key(mode, made["id"]), order_key(mode, lost["id"])} <= set(live(rig, object_type, key))
        assert "Whisk" in live(rig, "products", "name")
        rig.pair.admin.shopify.call("POST", "/faults", {"rules": [
            {"target": "webhook", "topic": "orders/updated", "action": "delay", "delay_seconds": 3600},
            {"target": "webhook", "topic": "products/update", "action": "delay", "delay_seconds": 3600},
            {"target": "webhook", "topic": "orders/delete", "action": "drop", "times": 1},
            {"target": "webhook", "topic": "products/delete", "action": "drop", "times": 1}]})
        rig.advance(seconds=1)
        for order_id in (lost["id"], made["id"]):
            rig.shop("PUT", f"orders/{order_id}", {"order": {"id": order_id, "note": "changed"}})
        rig.shop("PUT", f"products/{doomed['id']}", {"product": {"id": doomed["id"], "vendor": "Late"}})
        rig.advance(seconds=1)
        rig.shop("DELETE", f"orders/{lost['id']}")               # its webhook is dropped
        rig.shop("DELETE", f"products/{doomed['id']}")           # dropped too
        rig.shop("DELETE", f"orders/{made['id']}")               # delivered at once
        deliver_shopify(rig)
        assert order_key(mode, made["id"]) not in live(rig, object_type, key)
        connector.sync()                                         # the pass learns the lost deletes
        assert live(rig, object_type, key) == {} and "Whisk" not in live(rig, "products", "name")
        rig.advance(hours=1)
        deliver_shopify(rig)                                     # the delayed updates arrive now
        late = [text for _, text in hooks.answers[-3:]]
        assert late == ["deleted in Shopify: not re-created"] * 3, late
        connector.sync()
        assert live(rig, object_type, key) == {} and "Whisk" not in live(rig, "products", "name")
        assert rig.records("line_items") == []
    finally:
        rig.close()


# --- a product re-created with the same title (Shopify never reuses ids) -------------------------------------
@pytest.mark.parametrize("arrival", ["delete-first", "create-first"])
def test_a_product_recreated_with_the_same_title_stays(tmp_path, mode, arrival):
    """data-sync matches products by name (P5): the new product's create may reach the connector before
    the old one's delete, and both then name the same HubSpot product; the delete must not archive
    what the live product still uses. ecommerce-deals keys products by id: the two never meet."""
    rig, connector, hooks, _ = hooked(tmp_path, mode)
    try:
        old = rig.shop("POST", "products", product("Board"))["product"]
        deliver_shopify(rig)
        replay(hooks, hooks.take())
        rig.advance(seconds=1)
        rig.shop("DELETE", f"products/{old['id']}")
        new = rig.shop("POST", "products", product("Board"))["product"]
        deliver_shopify(rig)
        delete, create = hooks.take("products")
        replay(hooks, [delete, create] if arrival == "delete-first" else [create, delete])
        for _ in range(2):
            boards = [r for r in rig.records("products", "name") if r["properties"]["name"] == "Board"]
            assert len(boards) == 1, boards
            assert connector.state.hs_id("harness-shop", "product", str(new["id"])) == boards[0]["id"]
            assert connector.state.hs_id("harness-shop", "product", str(old["id"])) is None
            connector.sync()
    finally:
        rig.close()


# --- HubSpot's v3 pushes duplicated and reordered (C5) ------------------------------------------------------
def test_hubspot_contact_deletions_duplicated_and_reordered_tombstone_once(tmp_path):
    rig, connector, shopify_hooks, hubspot_hooks = hooked(tmp_path)
    try:
        shopify_hooks.hold = False
        made = {e: rig.shop("POST", "customers", customer(e))["customer"] for e in ("a@example.com", "b@example.com")}
        deliver_shopify(rig)
        contacts = live(rig, "contacts", "email")
        assert set(contacts) == set(made)
        push_hubspot(rig)
        hubspot_hooks.hold = False
        rig.pair.admin.hubspot.call("POST", "/faults", {"rules": [
            {"target": "webhook", "topic": "contact.deletion", "action": "reorder", "times": 1},
            {"target": "webhook", "topic": "contact.deletion", "action": "duplicate"}]})
        for email in made:   # one request each: two deliveries; the first is sent last, the second twice
            rig.hubspot.request("DELETE", f"/crm/v3/objects/contacts/{contacts[email]['id']}")
        deliver_hubspot(rig)
        texts = [text for _, text in hubspot_hooks.answers]
        assert texts == ["tombstoned 1", "nothing to do", "tombstoned 1"], texts
        order_sent = [json.loads(d.body)[0]["objectId"] for d in hubspot_hooks.sent]
        assert order_sent == [int(contacts[e]["id"]) for e in ("b@example.com", "b@example.com", "a@example.com")]
        assert sorted(connector.state.tombstones("harness-shop")) == sorted(
            f"customer:{c['id']}" for c in made.values())
        # later Shopify edits (webhook and pass) do not bring either contact back
        rig.advance(minutes=1)
        for c in made.values():
            rig.shop("PUT", f"customers/{c['id']}", {"customer": {"id": c["id"], "note": "again"}})
        deliver_shopify(rig)
        connector.sync()
        assert live(rig, "contacts", "email") == {}
    finally:
        rig.close()
