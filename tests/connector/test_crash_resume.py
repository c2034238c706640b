"""Crash model: the process dies right after a HubSpot write, before local state records it. A new
Connector on the same state file must converge to the crash-free result: nothing duplicated or lost."""

from __future__ import annotations

import re

import pytest

from connector import names
from connector.errors import ConnectorCrashed
from tests.connector.conftest import customer, make_world, order, product


def seed(world) -> None:
    variants = []
    for title in ("Tee", "Hat", "Bag"):
        made = world.shop("POST", "products", product(title, ("S", "10.00"), ("M", "12.00")))["product"]
        variants += [v["id"] for v in made["variants"]]
    for i in range(6):
        world.shop("POST", "customers", customer(f"c{i}@example.com", first=f"C{i}"))
    for i in range(8):
        body = order(variants[i % len(variants)], f"c{i % 7}@example.com" if i != 3 else None, 1 + i % 2,
                     financial_status=("paid", "pending", "refunded")[i % 3])
        body["order"]["line_items"].append({"variant_id": variants[(i + 1) % len(variants)], "quantity": 1})
        world.shop("POST", "orders", body)
    world.shopper().start_checkout({"email": "c1@example.com",
                                    "line_items": [{"variant_id": variants[0], "quantity": 1}]})


def snapshot(world) -> dict:
    """HubSpot's content without its ids: records by their keys, associations by the keys they join
    (the one checkout token is random per run, so it is replaced by a placeholder)."""
    raw = _untoken(_snapshot(world))
    return {k: sorted(v) if isinstance(v, list) else v for k, v in raw.items()}


def _untoken(value):
    if isinstance(value, str):
        return re.sub(r"checkout:[0-9a-f]{32}", "checkout:TOKEN", value)
    if isinstance(value, (list, tuple)):
        return type(value)(_untoken(v) for v in value)
    if isinstance(value, dict):
        return {k: _untoken(v) for k, v in value.items()}
    return value


def _snapshot(world) -> dict:
    contacts = {r["id"]: r["properties"]["email"] for r in world.records("contacts", "email")}
    products = {r["id"]: r["properties"][names.PRODUCT_KEY] for r in world.records("products", names.PRODUCT_KEY)}
    lines = world.records("line_items", names.LINE_ITEM_KEY, "quantity", "hs_product_id", "name")
    deals = world.records("deals", names.DEAL_KEY, "dealstage", "amount")
    deal_ids = [d["id"] for d in deals]
    to_contact = world.assoc("deals", deal_ids, "contacts") if deal_ids else {}
    to_lines = world.assoc("deals", deal_ids, "line_items") if deal_ids else {}
    line_key = {r["id"]: r["properties"][names.LINE_ITEM_KEY] for r in lines}
    return {
        "contacts": sorted(contacts.values()),
        "products": sorted(products.values()),
        "line_items": sorted((r["properties"][names.LINE_ITEM_KEY], r["properties"]["quantity"],
                              products.get(r["properties"].get("hs_product_id")), r["properties"]["name"])
                             for r in lines),
        "deals": sorted((d["properties"][names.DEAL_KEY], d["properties"]["dealstage"], d["properties"]["amount"],
                         tuple(sorted(contacts[c] for c in to_contact.get(d["id"], []))),
                         tuple(sorted(line_key[i] for i in to_lines.get(d["id"], []))))
                        for d in deals),
        "pipelines": sorted(p["label"] for p in world.hubspot.pipelines("deals")),
        "script_tags": len(world.shop("GET", "script_tags")["script_tags"]),
    }


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    world = make_world(tmp_path_factory.mktemp("reference"))
    try:
        seed(world)
        connector = world.connector()
        summary = connector.sync()
        assert summary.errors == 0, summary.text()
        yield snapshot(world), connector.hubspot.writes
        connector.close()
    finally:
        world.close()


@pytest.mark.parametrize("point", [1, 2, 3, 5, 0.3, 0.5, 0.7, 0.9, -1])
def test_crash_and_resume_converges(world, reference, point):
    expected, total = reference
    crash_after = point if isinstance(point, int) and point > 0 else (total - 1 if point == -1 else
                                                                       max(1, int(total * point)))
    seed(world)
    first = world.connector()
    first.arm_crash(after_hubspot_writes=crash_after)
    with pytest.raises(ConnectorCrashed):
        first.sync()
    first.close()
    world.connectors.remove(first)
    second = world.connector()
    summary = second.sync()
    assert summary.errors == 0, summary.text()
    assert snapshot(world) == expected
    again = world.connector().sync()       # and a further pass changes nothing
    assert again.errors == 0 and snapshot(world) == expected
