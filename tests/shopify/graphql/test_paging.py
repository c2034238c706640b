"""Connections: every record exactly once while records are added, both directions, sort keys, the
``query:`` syntax, and Shopify's limits."""

from __future__ import annotations

import pytest

from mocks.shopify.graphql.search import parse_search

PAGE = """query($first: Int, $after: String, $last: Int, $before: String, $reverse: Boolean,
              $sortKey: CustomerSortKeys, $query: String) {
  customers(first: $first, after: $after, last: $last, before: $before, reverse: $reverse, sortKey: $sortKey,
            query: $query) {
    edges { cursor node { id } } nodes { id email }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }"""


def _walk(shop, add_each_page: int = 0, **args) -> list[str]:
    seen, after, added = [], None, 0
    while True:
        page = shop.data(PAGE, {"first": 7, "after": after, **args})["customers"]
        assert [e["node"]["id"] for e in page["edges"]] == [n["id"] for n in page["nodes"]]
        seen += [n["id"] for n in page["nodes"]]
        for _ in range(add_each_page):
            added += 1
            shop.shop.create_customer({"email": f"late{added}-{len(seen)}@example.com"})
        if not page["pageInfo"]["hasNextPage"]:
            return seen
        assert page["pageInfo"]["endCursor"] == page["edges"][-1]["cursor"]
        after = page["pageInfo"]["endCursor"]


@pytest.mark.parametrize("sort", [None, "UPDATED_AT", "CREATED_AT", "NAME"])
@pytest.mark.parametrize("reverse", [False, True])
def test_every_record_exactly_once_while_records_are_added(shop, sort, reverse):
    original = []
    for n in range(40):
        original.append(f"gid://shopify/Customer/{shop.shop.create_customer({'email': f'c{n}@example.com', 'first_name': f'N{n % 5}'}).id}")
        shop.clock.advance(1)
    seen = _walk(shop, add_each_page=3, sortKey=sort, reverse=reverse)
    assert len(seen) == len(set(seen))
    assert set(original) <= set(seen)
    if sort is None and not reverse:
        assert seen[:40] == original  # id order; the records added meanwhile come after them


def test_backwards_paging_and_page_info(shop):
    ids = [f"gid://shopify/Customer/{shop.shop.create_customer({'email': f'b{n}@example.com'}).id}" for n in range(10)]
    first = shop.data(PAGE, {"first": 4})["customers"]
    assert first["pageInfo"]["hasNextPage"] and not first["pageInfo"]["hasPreviousPage"]
    second = shop.data(PAGE, {"first": 4, "after": first["pageInfo"]["endCursor"]})["customers"]
    assert [n["id"] for n in second["nodes"]] == ids[4:8] and second["pageInfo"]["hasPreviousPage"]
    back = shop.data(PAGE, {"last": 4, "before": second["pageInfo"]["startCursor"]})["customers"]
    assert [n["id"] for n in back["nodes"]] == ids[:4]
    tail = shop.data(PAGE, {"last": 3})["customers"]
    assert [n["id"] for n in tail["nodes"]] == ids[7:] and tail["pageInfo"]["hasPreviousPage"]
    reverse = shop.data(PAGE, {"first": 3, "reverse": True})["customers"]
    assert [n["id"] for n in reverse["nodes"]] == ids[::-1][:3]


def test_query_syntax_filters_like_a_connector_needs(shop):
    made = []
    for n in range(6):
        made.append(shop.shop.create_customer({"email": f"q{n}@example.com", "tags": "vip" if n % 2 else "",
                                               "first_name": "Ann" if n < 3 else "Bob"}))
        shop.clock.advance(3600)
    stamp = made[3].updated_at.strftime("%Y-%m-%dT%H:%M:%SZ")

    def ids(query: str) -> list[int]:
        return [int(n["id"].rsplit("/", 1)[1]) for n in shop.data(PAGE, {"first": 50, "query": query})["customers"]["nodes"]]

    assert ids("email:q2@example.com") == [made[2].id]
    assert ids(f"updated_at:>'{stamp}'") == [c.id for c in made[4:]]
    assert ids(f'updated_at:>="{stamp}" AND tag:vip') == [made[3].id, made[5].id]
    assert ids(f"id:>{made[3].id}") == [c.id for c in made[4:]]
    assert ids("first_name:Ann OR email:q5@example.com") == [made[0].id, made[1].id, made[2].id, made[5].id]
    assert ids("NOT tag:vip") == [made[0].id, made[2].id, made[4].id]
    assert ids("-tag:vip first_name:Bob") == [made[4].id]
    assert ids("(first_name:Ann OR first_name:Bob) AND email:q1*") == [made[1].id]
    assert ids("created_at:<2026-12-01T11:30:00Z") == [made[0].id, made[1].id]


def test_search_parser_reports_unknown_fields():
    search = parse_search("nosuch:1 id:2", {"id": lambda r: r})
    assert search.unknown == ["nosuch"] and search.test(2) and not search.test(3)


def test_limits_and_cursor_errors(shop):
    body = shop.run(PAGE, {"first": 251})
    assert body["errors"][0]["message"] == "The 'first' argument must be less than or equal to 250."
    body = shop.run("{ customers { nodes { id } } }")
    assert body["errors"][0]["message"] == "you must provide one of first or last"
    body = shop.run(PAGE, {"first": 5, "after": "garbage"})
    assert body["errors"][0]["message"] == "Invalid cursor for current pagination sort."
    shop.shop.create_customer({"email": "x@example.com"})
    cursor = shop.data(PAGE, {"first": 1})["customers"]["pageInfo"]["endCursor"]
    body = shop.run(PAGE, {"first": 1, "after": cursor, "sortKey": "UPDATED_AT"})
    assert body["errors"][0]["message"] == "Invalid cursor for current pagination sort."
    assert shop.data(PAGE, {"first": 250})["customers"]["pageInfo"]["hasNextPage"] is False
