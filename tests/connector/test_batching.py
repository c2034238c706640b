"""Call efficiency: per-parent writes (line items, their associations, deal -> contact) accumulate
across parent batches and go out in full batches of 100; the id map's prefix lookup is indexed."""

from __future__ import annotations

import math

import pytest

from connector import names
from connector.engine.lines import Deferred
from connector.errors import ConnectorCrashed
from connector.state import State
from tests.connector.conftest import customer, make_world, product

ORDERS = 130  # two deal batches: 100 (150 lines) + 30 (45 lines)


def lines_of(i: int) -> int:
    return 1 + i % 2  # 1 or 2 lines, so a deal batch's lines are not a multiple of 100


def has_email(i: int) -> bool:
    return i % 3 != 0  # a third of the orders have no buyer: no deal -> contact association (D2)


LINES = sum(lines_of(i) for i in range(ORDERS))            # 195: 2 full-batch calls (3 if per deal batch)
LINKED = sum(has_email(i) for i in range(ORDERS))          # 86: 1 call (2 if per deal batch)


def seed(world) -> dict[str, tuple[int, bool]]:
    """The orders; returns order id -> (lines, has a buyer)."""
    made = world.shop("POST", "products", product("Tee", ("S", "10.00"), ("M", "12.00")))["product"]
    small, medium = (v["id"] for v in made["variants"])
    expected = {}
    for i in range(ORDERS):
        body = {"financial_status": "paid", "line_items": [{"variant_id": small, "quantity": 1},
                                                           {"variant_id": medium, "quantity": 2}][:lines_of(i)]}
        if has_email(i):
            body["email"] = f"buyer{i}@example.com"
            world.shop("POST", "customers", customer(body["email"], first=f"B{i}"))
        created = world.shop("POST", "orders", {"order": body})["order"]
        expected[str(created["id"])] = (lines_of(i), has_email(i))
    return expected


def calls(world) -> dict[str, int]:
    out: dict[str, int] = {}
    for entry in world.pair.admin.hubspot.requests(method="POST"):
        out[entry["path"]] = out.get(entry["path"], 0) + 1
    return out


def check_content(world, expected: dict[str, tuple[int, bool]]) -> None:
    """Every deal with its lines and contact, nothing duplicated."""
    deals = world.records("deals", names.DEAL_KEY)
    lines = world.records("line_items", names.LINE_ITEM_KEY)
    assert len(deals) == ORDERS and len(lines) == LINES
    ids = [d["id"] for d in deals]
    to_lines = world.assoc("deals", ids, "line_items")
    to_contacts = world.assoc("deals", ids, "contacts")
    got = {d["properties"][names.DEAL_KEY].rsplit(":", 1)[1]: (len(to_lines.get(d["id"], [])),
                                                               len(to_contacts.get(d["id"], [])) == 1)
           for d in deals}
    assert got == expected


def test_line_items_and_associations_go_out_in_full_batches(world, monkeypatch):
    """130 orders in two deal batches: 195 line items take ceil(195/100) = 2 upserts and 2 association
    calls (per deal batch it would be 2 + 1 each); 86 deal -> contact pairs take 1 call (not 1 + 1)."""
    expected = seed(world)
    seen: list[tuple[int, int]] = []
    add = Deferred.add

    def spy(self, *args, **kwargs):
        add(self, *args, **kwargs)
        seen.append(self.sizes())

    monkeypatch.setattr(Deferred, "add", spy)
    summary = world.connector().sync()
    assert seen and max(rows for rows, _ in seen) < 100  # bounded buffers: under one batch per stream
    assert max(parents for _, parents in seen) <= 200
    assert summary.errors == 0, summary.text()
    counts = calls(world)
    assert counts["/crm/objects/2026-09/deals/batch/upsert"] == math.ceil(ORDERS / 100)
    assert counts["/crm/objects/2026-09/line_items/batch/upsert"] == math.ceil(LINES / 100) == 2
    assert counts["/crm/associations/2026-09/deals/line_items/batch/create"] == math.ceil(LINES / 100)
    assert counts["/crm/associations/2026-09/deals/contacts/batch/create"] == math.ceil(LINKED / 100) == 1
    # an import into an empty portal creates its contacts without reading first (engine/contacts.py)
    assert counts["/crm/objects/2026-09/contacts/batch/create"] == math.ceil(LINKED / 100)
    assert "/crm/objects/2026-09/contacts/batch/read" not in counts
    assert "/crm/objects/2026-09/contacts/batch/upsert" not in counts
    check_content(world, expected)
    again = world.connector().sync()  # an incremental pass finds nothing left to write
    assert again.errors == 0
    assert calls(world)["/crm/objects/2026-09/line_items/batch/upsert"] == math.ceil(LINES / 100)


ORDERS_PASS = ("/crm/objects/2026-09/deals/batch/upsert", "/crm/objects/2026-09/line_items/batch/upsert",
               "/crm/associations/2026-09/deals/line_items/batch/create", "/crm/associations/2026-09/deals/contacts/batch/create")


@pytest.fixture(scope="module")
def before_orders(tmp_path_factory):
    """HubSpot writes of a crash-free import before its orders pass starts."""
    world = make_world(tmp_path_factory.mktemp("probe"))
    try:
        seed(world)
        connector = world.connector()
        assert connector.sync().errors == 0
        counts = calls(world)
        yield connector.hubspot.writes - sum(counts.get(path, 0) for path in ORDERS_PASS)
        connector.close()
    finally:
        world.close()


@pytest.mark.parametrize("offset", [1, 2, 3, 4, 5, 6])
def test_crash_with_writes_buffered_across_batches_converges(world, before_orders, offset):
    """Crash inside the orders pass, while per-parent writes of the first deal batch wait in the
    buffer or right after a flush: nothing was marked done before its write, so a re-run completes
    every deal (nothing duplicated, every deal with its lines and contact)."""
    expected = seed(world)
    first = world.connector()
    first.arm_crash(after_hubspot_writes=before_orders + offset)
    with pytest.raises(ConnectorCrashed):
        first.sync()
    first.close()
    world.connectors.remove(first)
    summary = world.connector().sync()
    assert summary.errors == 0, summary.text()
    check_content(world, expected)


def test_children_is_an_indexed_prefix_range(tmp_path):
    state = State(str(tmp_path / "s.db"))
    for key in ("s:order:1:v1", "s:order:1:v2#2", "s:order:10:v1", "s:order:1", "s:order:1;x",
                "s:order:2:v1", "s:order:1:é"):
        state.map_id("s", "line_item", key, key.upper())
    state.map_id("t", "line_item", "s:order:1:v9", "other store")
    assert set(state.children("s", "line_item", "s:order:1:")) == {"s:order:1:v1", "s:order:1:v2#2",
                                                                   "s:order:1:é"}
    plan = state._db.execute("EXPLAIN QUERY PLAN SELECT ext_key, hs_id FROM idmap WHERE store=? AND kind=? "
                             "AND ext_key >= ? AND ext_key < ?", ("s", "line_item", "a", "b")).fetchall()
    assert "SEARCH" in plan[0][-1] and "ext_key>" in plan[0][-1]
    state.close()
