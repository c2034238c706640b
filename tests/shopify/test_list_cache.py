"""Customer list pages: the id-ordered paging and the cached JSON text never change a byte.

Every response of ``GET customers.json`` (and search) is compared with one built the original way:
filter the whole shop, sort, cut (``paginate``) and ``jsonify`` freshly rendered records. The clock is
frozen, so ``updated_at`` never moves: a cache that relied on it alone would serve stale text here.
"""

from __future__ import annotations

import random

import pytest
from flask import jsonify

from mocks.core import Clock
from mocks.shopify import DEFAULT_SECRET, DEFAULT_SHOP, DEFAULT_TOKEN, ShopifyConfig, create_app
from mocks.shopify.listing import (
    COMMON_FILTERS,
    ListQuery,
    apply_common,
    link_header,
    paginate,
    paginate_ids,
    parse_query,
    select_fields,
)
from mocks.shopify.page_info import key_for, seal
from mocks.shopify.rest_versions import shape_root
from mocks.shopify.versions import OLDEST

from .conftest import START

API = "/admin/api/2024-10"
HEADERS = {"X-Shopify-Access-Token": DEFAULT_TOKEN}


@pytest.fixture()
def env():  # noqa: ANN201
    app = create_app(ShopifyConfig(clock=Clock.simulated(START), rate_limit=False))
    store = app.extensions["store"]
    with store.lock:
        shop = store.shop(DEFAULT_SHOP)
        product = shop.create_product({"title": "Mug", "variants": [{"price": "10.00"}]})
        for i in range(30):
            shop.create_customer({"email": f"p{i}@example.com", "first_name": f"P{i}",
                                  "addresses": [{"address1": f"{i} Main St", "city": "Ottawa", "country": "CA"}]},
                                 emit=False)
    return app, shop, product


def fresh(app, shop, path: str) -> tuple[bytes, str | None]:  # noqa: ANN001
    """The body and Link header the original code built (whole-shop filter, sort, fresh render)."""
    with app.test_request_context(API + path, base_url="http://localhost"):
        from flask import request
        q = parse_query(request.args, COMMON_FILTERS, scope=f"{DEFAULT_SHOP}|customers.json",
                        key=app.extensions["page_info_key"])
        page = paginate(apply_common(list(shop.customers.values()), q.filters), q)
        version = OLDEST  # 2024-10 falls forward to the oldest supported version, whose shapes answer
        body = jsonify({"customers": [select_fields(shape_root("customers", shop.customer_json(c), version), q.fields)
                                      for c in page.items]}).get_data()
        return body, link_header("http://localhost" + API + "/customers.json", page, q)


def check(app, shop, path: str = "/customers.json?limit=250") -> dict:  # noqa: ANN001
    response = app.test_client().get(API + path, headers=HEADERS)
    assert response.status_code == 200
    body, link = fresh(app, shop, path)
    assert response.get_data() == body
    assert response.headers.get("Link") == link
    return response.get_json()


def test_every_change_that_shapes_a_customer_shows_at_once(env) -> None:  # noqa: ANN001
    app, shop, product = env
    web = app.test_client()
    first = next(iter(shop.customers.values()))
    check(app, shop)  # fills the cache

    assert web.put(f"{API}/customers/{first.id}.json", json={"customer": {"first_name": "Renamed"}},
                   headers=HEADERS).status_code == 200
    assert check(app, shop)["customers"][0]["first_name"] == "Renamed"

    made = web.post(f"{API}/orders.json", headers=HEADERS, json={"order": {
        "customer": {"id": first.id}, "line_items": [{"variant_id": product.variants[0].id, "quantity": 2}]}})
    assert made.status_code == 201
    row = check(app, shop)["customers"][0]
    assert (row["orders_count"], row["total_spent"], row["last_order_id"]) == (1, "20.00", made.json["order"]["id"])

    # total_spent changes while orders_count (and the frozen updated_at) stay the same
    assert web.post(f"{API}/orders/{made.json['order']['id']}/cancel.json", json={},
                    headers=HEADERS).status_code == 200
    assert check(app, shop)["customers"][0]["total_spent"] == "0.00"

    address_id = first.addresses[0].id
    assert web.put(f"{API}/customers/{first.id}.json", headers=HEADERS, json={"customer": {
        "addresses": [{"id": address_id, "city": "Toronto"}, {"address1": "2 Side St", "default": True}]}}
    ).status_code == 200
    row = check(app, shop)["customers"][0]
    assert [a["city"] for a in row["addresses"]] == ["Toronto", None]
    assert row["default_address"]["address1"] == "2 Side St"

    # a refused update that changed a field before failing: the list shows the record as it is
    assert web.put(f"{API}/customers/{first.id}.json", headers=HEADERS,
                   json={"customer": {"note": "half-applied", "state": "bogus"}}).status_code == 422
    check(app, shop)

    second = list(shop.customers.values())[1]
    assert web.put(f"{API}/customers/{second.id}.json", headers=HEADERS, json={"customer": {
        "email_marketing_consent": {"state": "subscribed"}, "tags": "b, a", "phone": "+14155550199"}}
    ).status_code == 200
    check(app, shop)

    last = list(shop.customers.values())[-1]
    assert web.delete(f"{API}/customers/{last.id}.json", headers=HEADERS).status_code == 200
    ids = [c["id"] for c in check(app, shop)["customers"]]
    assert last.id not in ids and len(ids) == 29

    shop.info.timezone = "America/Toronto"  # the shop's zone shapes every timestamp
    assert check(app, shop)["customers"][0]["created_at"].endswith("-05:00")

    made = web.post(f"{API}/customers.json", json={"customer": {"email": "new@example.com"}}, headers=HEADERS)
    assert check(app, shop)["customers"][-1]["id"] == made.json["customer"]["id"]
    assert web.get(f"{API}/customers/{first.id}.json", headers=HEADERS).json["customer"] == \
        shape_root("customer", shop.customer_json(first), OLDEST)


def test_pages_filters_fields_and_cursors_match_the_original(env) -> None:  # noqa: ANN001
    app, shop, _ = env
    ids = list(shop.customers)
    web = app.test_client()
    web.put(f"{API}/customers/{ids[4]}.json", json={"customer": {"note": "x"}}, headers=HEADERS)
    paths = ["/customers.json", "/customers.json?limit=7", f"/customers.json?limit=5&since_id={ids[10]}",
             f"/customers.json?limit=3&ids={ids[2]},{ids[9]},{ids[20]},{ids[25]}",
             "/customers.json?limit=4&order=id desc", "/customers.json?limit=4&order=updated_at desc",
             "/customers.json?limit=6&fields=id,email", "/customers.json?updated_at_min=2024-03-01",
             "/customers.json?updated_at_min=2030-01-01", "/customers/search.json?query=email:p1*&limit=3"]
    for path in paths:
        seen = 0
        while path and seen < 20:
            if "search" in path:
                response = web.get(API + path, headers=HEADERS)
                assert response.status_code == 200
            else:
                check(app, shop, path)
                response = web.get(API + path, headers=HEADERS)
            links = response.headers.get("Link") or ""
            nxt = [part for part in links.split(", ") if 'rel="next"' in part]
            path = nxt[0][nxt[0].index(API) + len(API):nxt[0].index(">")] if nxt else ""
            seen += 1
        assert web.get(API + "/customers.json?limit=2&page_info=" + seal(
            {"f": {}, "o": "id asc", "b": [ids[5]]}, f"{DEFAULT_SHOP}|customers.json", key_for(DEFAULT_SECRET)),
            headers=HEADERS).status_code == 200


def test_id_paging_equals_paginate_for_any_cursor() -> None:
    """``paginate_ids`` is ``paginate`` over the kept records, for every order, mark and filter."""
    rng = random.Random(7)

    class R:
        def __init__(self, rid: int) -> None:
            self.id = rid

    for _ in range(400):
        ids = sorted(rng.sample(range(1, 60), rng.randint(0, 25)))
        records = {i: R(i) for i in ids}
        modulus = rng.choice([1, 2, 3, 7, 100])
        keep = (lambda r, m=modulus: r.id % m == 0) if modulus != 100 else (lambda r: False)
        mark = rng.choice([None, [rng.randint(0, 61)], [rng.randint(0, 61), 1], [], [float("nan")], ["x"]])
        query = ListQuery(limit=rng.randint(1, 6), order=rng.choice(["id asc", "id desc"]))
        if mark is not None:
            setattr(query, rng.choice(["after", "before"]), tuple(mark))
        page = paginate_ids(ids, records.__getitem__, keep, query)
        try:
            expected = paginate([r for r in records.values() if keep(r)], query)
        except Exception:  # noqa: BLE001 - the original's 400 for a cursor that does not compare
            assert page is None
            continue
        if page is None:  # fell back: the caller uses paginate, which is the expectation itself
            continue
        assert [r.id for r in page.items] == [r.id for r in expected.items], (ids, modulus, query)
        assert (page.next_cursor, page.previous_cursor) == (expected.next_cursor, expected.previous_cursor)
