"""Abandoned checkouts in the initial import through a bulk operation (``abandonedCheckouts`` with its
``lineItems`` read whole): one operation instead of a page call per 10 checkouts, the same HubSpot
content as the paged import, a checkout with more than a page of lines whole, and paging again when
the operation fails."""

from __future__ import annotations

from collections import Counter

import pytest
import requests

from connector.shopify_gql import bulk, queries
from connector.shopify_gql.bulk import FAMILIES
from mocks.shopify import DEFAULT_SHOP
from tests.connector.test_bulk_import import all_pages, bulk_connector, graphql, hubspot_content, operations
from tests.connector.test_bulk_import import seeded as seeded_shop

THRESHOLD = 5           # the 10 checkouts (9 seeded + one with 12 lines) are more than a page
LONG_CART = 12          # lines of one checkout: more than the paged query's first page (LINE_PAGE = 10)


def seeded(tmp_path, name: str):
    """The seeded shop plus one abandoned checkout with ``LONG_CART`` lines (distinct variants)."""
    world = seeded_shop(tmp_path, name)
    store = world.pair.apps[0].extensions["store"]
    with store.lock:
        shop = store.shop(DEFAULT_SHOP)
        variants = sorted(v.id for p in shop.products.values() for v in p.variants)[:LONG_CART]
        shop.create_checkout({"email": "customer000001@bench.example",
                              "line_items": [{"variant_id": v, "quantity": 1 + i % 3} for i, v in enumerate(variants)]},
                             "https://harness-shop.myshopify.com")
    return world


def counted(connector) -> Counter:
    """The GraphQL operations the connector's Shopify client sends, by name (a counting wrapper)."""
    calls: Counter = Counter()
    client = connector.shopify[DEFAULT_SHOP]
    execute = client.execute

    def counting(query: str, variables: dict | None = None, *, operation: str = "query") -> dict:
        calls[operation] += 1
        return execute(query, variables, operation=operation)

    client.execute = counting
    return calls


@pytest.fixture(scope="module")
def paged(tmp_path_factory):
    """The paged import of the same shop: the reference (checkouts through ``abandonedCheckouts`` pages)."""
    world = seeded(tmp_path_factory.mktemp("paged"), "w")
    try:
        connector = world.connector(bulk_import=False)
        calls = counted(connector)
        summary = connector.sync()
        assert summary.errors == 0, summary.text()
        assert calls["abandonedCheckouts page"] == 1  # 10 checkouts: one page of 10
        assert calls["checkout lines"] == 1  # the long cart's lines 11-12
        return hubspot_content(world)
    finally:
        world.close()


def test_checkouts_come_through_one_bulk_operation_and_end_as_paged(tmp_path, paged):
    world = seeded(tmp_path, "w")
    try:
        connector = bulk_connector(world, THRESHOLD)
        calls = counted(connector)
        summary = connector.sync()
        assert summary.errors == 0, summary.text()
        assert connector.bulk[DEFAULT_SHOP].used == {"products": "bulk", "customers": "bulk", "checkouts": "bulk",
                                                     "orders": "bulk"}
        assert calls["bulkOperationRunQuery"] == 4  # one operation per family, checkouts included
        assert calls["abandonedCheckouts page"] == 0 and calls["checkout lines"] == 0  # nothing paged
        assert calls["bulk probe"] == 1  # one probe for the four families
        assert [op["status"] for op in operations(world)] == ["COMPLETED"] * 4
        assert hubspot_content(world) == paged  # same deals/carts, line items, associations, properties
        assert connector.state.get_meta(f"bulk:{DEFAULT_SHOP}:checkouts") is None  # forgotten once imported
    finally:
        world.close()


def test_checkouts_through_bulk_end_as_paged_in_data_sync_mode(tmp_path):
    """Data-sync mode: checkouts become HubSpot carts (with their line items): the same with bulk as paged."""
    reference = seeded(tmp_path, "paged")
    try:
        assert reference.connector(bulk_import=False, mode="data-sync").sync().errors == 0
        expected = hubspot_content(reference)
    finally:
        reference.close()
    world = seeded(tmp_path, "bulk")
    try:
        connector = bulk_connector(world, THRESHOLD, mode="data-sync")
        assert connector.sync().errors == 0
        assert connector.bulk[DEFAULT_SHOP].used["checkouts"] == "bulk"
        content = hubspot_content(world)
        assert content.get("carts") and content == expected
    finally:
        world.close()


def test_a_checkout_with_more_than_a_page_of_lines_comes_through_whole(tmp_path):
    world = seeded(tmp_path, "w")
    try:
        client = graphql(world)
        records = list(bulk.bulk_nodes(client, FAMILIES["checkouts"], world.sleep, requests.Session()))
        assert len(records) == 10
        longest = max(records, key=lambda r: len(r["lineItems"]["nodes"]))
        assert len(longest["lineItems"]["nodes"]) == LONG_CART
        assert len({line["id"] for line in longest["lineItems"]["nodes"]}) == LONG_CART
    finally:
        world.close()


def test_bulk_checkout_nodes_equal_paged_nodes(tmp_path):
    """The mock's bulk export of ``abandonedCheckouts`` re-nested is what paging the same selection
    gives, in the same order (sortKey ID, the paged import's), lines whole."""
    world = seeded(tmp_path, "w")
    try:
        client = graphql(world)
        from_bulk = list(bulk.bulk_nodes(client, FAMILIES["checkouts"], world.sleep, requests.Session()))
        paged_nodes = all_pages(client, "abandonedCheckouts", "first: 3, sortKey: ID", f"{queries.CHECKOUT_FIELDS} "
                                f"lineItems(first: 50) {{ nodes {{ {queries.CHECKOUT_LINE} }} }}")
        assert len(from_bulk) == 10
        assert from_bulk == paged_nodes
    finally:
        world.close()


def test_the_bulk_file_puts_each_checkouts_lines_right_after_it(tmp_path):
    """groupObjects: every line item object carries its checkout's id as ``__parentId`` and follows it."""
    world = seeded(tmp_path, "w")
    try:
        client = graphql(world)
        op_id = bulk.start(client, FAMILIES["checkouts"].bulk_query())
        done = bulk.wait(client, op_id, world.sleep)
        objects = list(bulk.lines(done["url"], requests.Session()))
        assert done["objectCount"] == str(len(objects))
        parent = None
        for obj in objects:
            if "__parentId" in obj:
                assert obj["__parentId"] == parent and obj["id"].startswith("gid://shopify/AbandonedCheckoutLineItem/")
            else:
                assert obj["id"].startswith("gid://shopify/AbandonedCheckout/") and "lineItems" not in obj
                parent = obj["id"]
        assert sum("__parentId" not in o for o in objects) == 10
    finally:
        world.close()


def test_a_failed_checkout_operation_falls_back_to_paging(tmp_path, paged):
    """The checkouts' operation is canceled while the connector waits: their records are paged
    instead, nothing lost; the other families still come through bulk."""
    world = seeded(tmp_path, "w")
    try:
        client = graphql(world)
        query = FAMILIES["checkouts"].bulk_query()

        def sleep_and_cancel(seconds: float) -> None:
            found = client.execute("{ bulkOperations(first: 50) { nodes { id status query } } }")
            for op in found["bulkOperations"]["nodes"]:
                if op["status"] == "RUNNING" and op["query"] == query:
                    client.execute(bulk.CANCEL, {"id": op["id"]}, operation="bulkOperationCancel")
            world.sleep(seconds)

        connector = bulk_connector(world, THRESHOLD)
        connector.bulk[DEFAULT_SHOP].sleep = sleep_and_cancel
        calls = counted(connector)
        assert connector.sync().errors == 0
        used = connector.bulk[DEFAULT_SHOP].used
        assert used["checkouts"] == "paged after bulk failed" and used["orders"] == "bulk"
        assert calls["abandonedCheckouts page"] == 1 and calls["checkout lines"] == 1
        assert sorted(op["status"] for op in operations(world)) == ["CANCELED"] + ["COMPLETED"] * 3
        assert hubspot_content(world) == paged
    finally:
        world.close()
