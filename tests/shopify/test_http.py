"""Shopify's status codes, error bodies, headers, paging and rate limit, over plain HTTP."""

from __future__ import annotations

import requests

from mocks.shopify import DEFAULT_SECRET
from mocks.shopify.page_info import key_for, unseal

from .conftest import Mock


def _customers(mock: Mock, n: int, prefix: str = "c") -> list[int]:
    return [mock.post("/customers.json", {"customer": {"email": f"{prefix}{i}@example.com"}}).json()["customer"]["id"]
            for i in range(n)]


def test_401_body_and_headers(mock):
    for token in (None, "shpat_wrong"):
        headers = {} if token is None else {"X-Shopify-Access-Token": token}
        r = requests.get(mock.api + "/customers.json", headers=headers, timeout=10)
        assert r.status_code == 401
        assert r.json() == {"errors": "[API] Invalid API key or access token (unrecognized login or wrong password)"}
        assert r.headers["WWW-Authenticate"] == 'Basic Realm="Shopify API Authentication"'
        assert r.headers["Content-Type"] == "application/json; charset=utf-8"
        assert "X-Shopify-Shop-Api-Call-Limit" in r.headers


def test_403_outside_the_token_scopes(mock):
    r = mock.admin("POST", "/shops", json={"name": "store-b", "token": "shpat_b", "scopes": ["read_customers"]})
    assert r.status_code == 201
    assert mock.get("/customers.json", token="shpat_b").status_code == 200
    r = mock.get("/orders.json", token="shpat_b")
    assert r.status_code == 403
    assert r.json() == {"errors": "[API] This action requires merchant approval for read_orders scope."}
    r = mock.post("/customers.json", {"customer": {"email": "x@example.com"}}, token="shpat_b")
    assert r.json() == {"errors": "[API] This action requires merchant approval for write_customers scope."}


def test_one_process_hosts_several_shops(mock):
    mock.admin("POST", "/shops", json={"name": "store-b", "token": "shpat_b"})
    _customers(mock, 2)
    assert mock.get("/customers/count.json").json() == {"count": 2}
    assert mock.get("/customers/count.json", token="shpat_b").json() == {"count": 0}
    assert mock.get("/shop.json", token="shpat_b").json()["shop"]["myshopify_domain"] == "store-b.myshopify.com"
    shops = {s["name"] for s in mock.admin("GET", "/shops").json()["shops"]}
    assert shops == {"harness-shop", "store-b"}


def test_404_406_415_and_400_bodies(mock):
    assert mock.get("/customers/123.json").json() == {"errors": "Not Found"}
    assert mock.get("/nothing_here.json").status_code == 404
    r = requests.get(mock.url + "/admin/api/2024-05/shop.json", headers=mock.headers(), timeout=10)
    assert (r.status_code, r.json()) == (404, {"errors": "Not Found"})  # no quarterly version: no route
    assert requests.get(mock.url + "/admin/api/unstable/shop.json", headers=mock.headers(), timeout=10).ok
    r = requests.get(mock.url + "/admin/api/2025-01/shop.json", headers=mock.headers(), timeout=10)
    assert r.headers["X-Shopify-API-Version"] == "2026-01"  # retired: falls forward
    assert mock.get("/customers.xml").status_code == 406
    r = requests.post(mock.api + "/customers.json", data="email=a@b.c", timeout=10,
                      headers={**mock.headers(), "Content-Type": "application/x-www-form-urlencoded"})
    assert r.status_code == 415
    r = requests.post(mock.api + "/customers.json", data="{not json", timeout=10,
                      headers={**mock.headers(), "Content-Type": "application/json"})
    assert (r.status_code, r.json()) == (400, {"errors": {"customer": "Required parameter missing or invalid"}})
    assert mock.post("/customers.json", {"email": "no-root@example.com"}).status_code == 400
    assert mock.post("/customers/1/send_invite.json", {}).status_code == 501


def test_422_bodies(mock):
    assert mock.post("/customers.json", {"customer": {"email": "not-an-email"}}).json() == {
        "errors": {"email": ["is invalid"]}}
    assert mock.post("/products.json", {"product": {"title": ""}}).json() == {"errors": {"title": ["can't be blank"]}}
    mock.post("/webhooks.json", {"webhook": {"topic": "orders/create", "address": "https://e.x/h"}})
    r = mock.post("/webhooks.json", {"webhook": {"topic": "orders/create", "address": "https://e.x/h"}})
    assert (r.status_code, r.json()) == (422, {"errors": {"address": ["for this topic has already been taken"]}})
    r = mock.post("/webhooks.json", {"webhook": {"topic": "orders/update", "address": "https://e.x/h"}})
    assert r.status_code == 422 and r.json()["errors"]["topic"][0].startswith("Invalid topic specified. Topics allowed:")
    assert mock.post("/orders.json", {"order": {"line_items": []}}).status_code == 422


def test_customer_phone_stays_distinct_from_address_phone(mock):
    r = mock.post("/customers.json", {"customer": {"email": "p@example.com", "addresses": [
        {"phone": "+16135550111", "country": "CA", "province": "ON"}]}})
    customer = r.json()["customer"]
    assert customer["phone"] is None and customer["default_address"]["phone"] == "+16135550111"
    r = mock.post("/customers.json", {"customer": {"email": "q@example.com", "phone": "+1 613 555 0122"}})
    assert r.json()["customer"]["phone"] == "+16135550122"
    r = mock.post("/customers.json", {"customer": {"email": "r@example.com", "phone": "+16135550122"}})
    assert r.json() == {"errors": {"phone": ["has already been taken"]}}


def test_deleting_a_customer_with_orders_is_refused(mock):
    cid = _customers(mock, 1)[0]
    mock.post("/orders.json", {"order": {"customer": {"id": cid}, "line_items": [{"title": "X", "price": "1"}]}})
    r = mock.delete(f"/customers/{cid}.json")
    assert r.status_code == 422 and "base" in r.json()["errors"]
    assert mock.get(f"/customers/{cid}.json").status_code == 200


def test_order_totals_statuses_and_guest_orders(mock):
    r = mock.post("/orders.json", {"order": {
        "line_items": [{"title": "Tea", "price": "4.50", "quantity": 2}],
        "tax_lines": [{"title": "HST", "price": "1.17", "rate": 0.13}],
        "shipping_lines": [{"title": "Post", "price": "5"}], "financial_status": "pending"}})
    order = r.json()["order"]
    assert (order["subtotal_price"], order["total_tax"], order["total_price"]) == ("9.00", "1.17", "15.17")
    assert order["customer"] is None and order["email"] is None  # a guest order
    oid = order["id"]
    assert mock.get("/orders.json").json()["orders"][0]["id"] == oid
    mock.post(f"/orders/{oid}/close.json")
    assert mock.get("/orders.json").json()["orders"] == []
    assert [o["id"] for o in mock.get("/orders.json?status=closed").json()["orders"]] == [oid]
    mock.post(f"/orders/{oid}/open.json")
    r = mock.post(f"/orders/{oid}/fulfillments.json", {"fulfillment": {"tracking_number": "T1"}})
    assert r.status_code == 201 and r.json()["fulfillment"]["name"] == "#1001.1"
    assert mock.get("/orders.json?fulfillment_status=shipped").json()["orders"][0]["fulfillment_status"] == "fulfilled"
    assert mock.get("/orders/count.json?financial_status=pending").json() == {"count": 1}


def test_paging_returns_every_record_once_while_records_are_added(mock):
    before = set(_customers(mock, 11))
    url, seen, added = mock.api + "/customers.json?limit=4", [], set()
    while url:
        r = requests.get(url, headers=mock.headers(), timeout=10)
        seen += [c["id"] for c in r.json()["customers"]]
        added |= set(_customers(mock, 1, prefix=f"late{len(seen)}-"))  # created between two pages
        url = r.links.get("next", {}).get("url")
    assert before <= set(seen) and len(seen) == len(set(seen))
    assert url is None


def test_link_header_format_and_page_info_rules(mock):
    _customers(mock, 5)
    r = mock.get("/customers.json?limit=2&fields=id,email")
    assert list(r.json()["customers"][0]) == ["id", "email"]
    link = r.headers["Link"]
    assert link.startswith(f"<{mock.api}/customers.json?limit=2&fields=id%2Cemail&page_info=")
    assert link.endswith('>; rel="next"')
    page_info = link.split("page_info=")[1].split(">")[0]
    assert unseal(page_info, "harness-shop|customers.json", key_for(DEFAULT_SECRET)) is not None
    second = mock.get(f"/customers.json?limit=2&page_info={page_info}")
    rels = [part.split("; ")[1] for part in second.headers["Link"].split(", ")]
    assert rels == ['rel="previous"', 'rel="next"']
    r = mock.get(f"/customers.json?page_info={page_info}&updated_at_min=2024-01-01")
    assert r.status_code == 400
    assert r.json() == {"errors": {"updated_at_min": "updated_at_min cannot be passed when page_info is present. "
                                                     "See https://shopify.dev/api/usage/pagination-rest for more "
                                                     "information."}}
    assert mock.get("/customers.json?page_info=garbage").status_code == 400
    assert mock.get("/customers.json?limit=251").status_code == 400
    assert mock.get("/customers.json?limit=0").status_code == 400
    assert "Link" not in mock.get("/customers.json?limit=250").headers


def test_filters_since_id_ids_and_dates(mock):
    ids = _customers(mock, 3)
    mock.clock.advance(3600)
    late = _customers(mock, 1, prefix="late")[0]
    got = [c["id"] for c in mock.get(f"/customers.json?since_id={ids[0]}").json()["customers"]]
    assert got == ids[1:] + [late]
    assert [c["id"] for c in mock.get(f"/customers.json?ids={ids[2]},{late}").json()["customers"]] == [ids[2], late]
    got = mock.get("/customers.json?created_at_min=2024-03-01T12:30:00Z").json()["customers"]
    assert [c["id"] for c in got] == [late]
    assert mock.get("/customers/count.json?created_at_max=2024-03-01T12:00:00Z").json() == {"count": 3}
    assert mock.get("/customers/search.json?query=email:late*").json()["customers"][0]["id"] == late


def test_rate_limit_on_the_clock(limited_mock):
    mock = limited_mock
    codes = [mock.get("/shop.json") for _ in range(41)]
    assert [r.status_code for r in codes[:40]] == [200] * 40
    assert codes[0].headers["X-Shopify-Shop-Api-Call-Limit"] == "1/40"
    assert codes[39].headers["X-Shopify-Shop-Api-Call-Limit"] == "40/40"
    throttled = codes[40]
    assert throttled.status_code == 429
    assert throttled.json() == {"errors": "Exceeded 2 calls per second for api client. Reduce request rates to "
                                          "resume uninterrupted service."}
    assert float(throttled.headers["Retry-After"]) > 0
    mock.clock.advance(10)  # leaks 20 calls
    r = mock.get("/shop.json")
    assert r.status_code == 200 and r.headers["X-Shopify-Shop-Api-Call-Limit"] == "21/40"


def test_unexpected_errors_become_shopify_shaped_500(mock, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("bug")
    monkeypatch.setattr(type(mock.store.shops["harness-shop"]), "shop_json", boom)
    r = mock.get("/shop.json")
    assert (r.status_code, r.json()) == (500, {"errors": "Internal Server Error"})
    assert r.headers["Content-Type"].startswith("application/json")


def test_admin_state_has_every_record_per_shop(mock):
    _customers(mock, 2)
    state = mock.admin("GET", "/state").json()
    assert len(state["shops"]["harness-shop"]["customers"]) == 2
    assert mock.admin("POST", "/reset").ok
    assert mock.get("/customers/count.json").json() == {"count": 0}


def test_storefront_origin_is_kept_on_orders_and_carried_from_checkouts(mock):
    """referring_site/landing_site come from the buyer's storefront session; the harness lets a test
    state them on create, and a completed checkout hands them to its order."""
    product = mock.post("/products.json", {"product": {"title": "Mug", "variants": [{"price": "9.00"}]}})
    variant = product.json()["product"]["variants"][0]["id"]
    origin = {"referring_site": "https://www.google.com/search?q=mug",
              "landing_site": "/products/mug?utm_source=google"}
    order = mock.post("/orders.json", {"order": {"line_items": [{"variant_id": variant, "quantity": 1}],
                                                 **origin}}).json()["order"]
    assert (order["referring_site"], order["landing_site"]) == (origin["referring_site"], origin["landing_site"])
    plain = mock.post("/orders.json", {"order": {"line_items": [{"variant_id": variant}]}}).json()["order"]
    assert plain["referring_site"] is None and plain["landing_site"] is None
    checkout = mock.shopper().start_checkout({"email": "b@example.com", "source_name": "web",
                                              "line_items": [{"variant_id": variant, "quantity": 1}], **origin})
    assert checkout["referring_site"] == origin["referring_site"]
    done = mock.shopper().complete(checkout["token"])
    placed = mock.get(f"/orders/{done['order_id']}.json").json()
    assert placed["order"]["referring_site"] == origin["referring_site"]


def test_order_pages_walk_every_status_exactly_like_the_full_filter(mock):
    """orders.json pages by id from the cursor; what they return equals filtering every order."""
    variant = mock.post("/products.json", {"product": {"title": "Cup", "variants": [{"price": "3.00"}]}}
                        ).json()["product"]["variants"][0]["id"]
    made = []
    for n in range(23):
        order = mock.post("/orders.json", {"order": {"line_items": [{"variant_id": variant}],
                                                     "financial_status": "pending" if n % 3 else "paid"}})
        made.append(order.json()["order"]["id"])
    for oid in made[::4]:
        mock.post(f"/orders/{oid}/cancel.json")
    for oid in made[1::5]:
        mock.post(f"/orders/{oid}/close.json")
    shop = mock.app.extensions["store"].shop("harness-shop")
    for query in ("status=any", "status=open", "status=cancelled", "status=closed", "financial_status=paid",
                  "status=any&financial_status=unpaid", f"status=any&since_id={made[6]}"):
        filters = dict(part.split("=") for part in query.split("&"))
        expected = [o.id for o in shop.filter_orders(
            [o for o in shop.orders.values() if "since_id" not in filters or o.id > int(filters["since_id"])],
            filters)]
        seen, url = [], f"/orders.json?limit=4&{query}"
        while url:
            response = mock.get(url)
            seen += [o["id"] for o in response.json()["orders"]]
            nxt = response.links.get("next", {}).get("url")
            url = nxt[nxt.index("/orders.json"):] if nxt else None
        assert seen == expected, query
