"""Hostile input to the Shopify mock gets Shopify's 4xx, never a 500; a refused write changes nothing;
cursors and scopes cannot be stretched beyond what they were issued for (issue #15, Shopify findings)."""

from __future__ import annotations

import json

import pytest

from mocks.core import Clock
from mocks.core.paging import encode_cursor
from mocks.shopify import DEFAULT_SHOP, DEFAULT_TOKEN, ShopifyConfig, TokenGrant, create_app

from .conftest import START, Receiver

API = "/admin/api/2024-10"
CUSTOMERS_ONLY = "shpat_read_customers"


class Api:
    """The mock in-process, with a second token that may only read customers."""

    def __init__(self) -> None:
        self.receiver = Receiver()
        self.app = create_app(ShopifyConfig(
            clock=Clock.simulated(START), rate_limit=False, webhook_transport=self.receiver,
            tokens=[TokenGrant(DEFAULT_TOKEN, DEFAULT_SHOP), TokenGrant(CUSTOMERS_ONLY, DEFAULT_SHOP, ("read_customers",)),
                    TokenGrant("shpat_other_shop", "other-shop")]))
        self.http = self.app.test_client()

    def call(self, method: str, path: str, body: object = None, token: str = DEFAULT_TOKEN, raw: str | None = None):  # noqa: ANN202
        headers = {"X-Shopify-Access-Token": token}
        if raw is not None:
            return self.http.open(API + path, method=method, data=raw, headers={**headers,
                                                                                "Content-Type": "application/json"})
        return self.http.open(API + path, method=method, json=body, headers=headers)

    def get(self, path: str, token: str = DEFAULT_TOKEN):  # noqa: ANN202
        return self.call("GET", path, token=token)

    def post(self, path: str, body: object, token: str = DEFAULT_TOKEN):  # noqa: ANN202
        return self.call("POST", path, body, token)

    def put(self, path: str, body: object):  # noqa: ANN202
        return self.call("PUT", path, body)

    def deliveries(self) -> list[str]:
        self.http.post("/__admin/webhooks/deliver")
        topics = [headers["X-Shopify-Topic"] for _url, _body, headers in self.receiver.received]
        self.receiver.received.clear()
        return topics


@pytest.fixture()
def api() -> Api:
    return Api()


def _order(api: Api, **extra: object):  # noqa: ANN202
    return api.post("/orders.json", {"order": {"line_items": [{"title": "Tea", "price": "4.00"}], **extra}})


# -- wrong-typed and out-of-range values -----------------------------------------------------------
@pytest.mark.parametrize("rate", ["abc", [0.1], {"r": 1}, True, "nan", "inf", -0.1, "1e999"])
def test_a_tax_rate_that_is_not_a_number_is_a_422_not_a_500(api, rate):
    r = _order(api, tax_lines=[{"title": "VAT", "price": "1.00", "rate": rate}])
    assert (r.status_code, r.get_json()) == (422, {"errors": {"tax_lines": ["rate is invalid"]}})
    assert api.get("/orders/count.json?status=any").get_json() == {"count": 0}


def test_a_tax_rate_given_as_a_numeric_string_is_read_as_a_number(api):
    r = _order(api, tax_lines=[{"title": "VAT", "price": "1.00", "rate": "0.2"}])
    assert r.status_code == 201 and r.get_json()["order"]["tax_lines"][0]["rate"] == 0.2


@pytest.mark.parametrize("moment", ["0001-01-01T00:00:00Z", "0001-01-01T00:00:00-05:00", "0001-01-01T03:00:00+05:00",
                                    "9999-12-31T23:59:59Z", "9999-12-31T20:00:00-05:00"])
def test_an_order_processed_at_the_edge_of_time_is_refused_and_not_stored(api, moment):
    r = _order(api, processed_at=moment)
    assert (r.status_code, r.get_json()) == (422, {"errors": {"processed_at": ["is invalid"]}})
    assert api.get("/orders.json?status=any").status_code == 200
    assert api.get("/orders/count.json?status=any").get_json() == {"count": 0}
    assert api.http.get("/__admin/state").status_code == 200


def test_an_early_but_writable_processed_at_keeps_every_list_answering(api):
    assert _order(api, processed_at="0001-06-01T00:00:00Z").status_code == 201
    assert _order(api, processed_at="9999-06-01T00:00:00+14:00").status_code == 201
    assert len(api.get("/orders.json?status=any").get_json()["orders"]) == 2
    assert api.get("/orders.json?status=any&processed_at_min=0001-01-01").status_code == 200
    assert api.http.get("/__admin/state").status_code == 200


@pytest.mark.parametrize("depth", [101, 1_000, 100_000])
def test_json_nested_deeper_than_shopify_parses_is_a_400_not_a_500(api, depth):
    raw = '{"customer": {"email": "deep@example.com", "note": ' + "[" * depth + "]" * depth + "}}"
    r = api.call("POST", "/customers.json", raw=raw)
    assert (r.status_code, r.get_json()) == (400, {"errors": {"customer": "Required parameter missing or invalid"}})
    assert api.get("/customers/count.json").get_json() == {"count": 0}


def test_json_nested_within_shopifys_limit_is_read_as_usual(api):
    value = "[" * 60 + "]" * 60
    raw = '{"order": {"line_items": [{"title": "Tea", "price": "4.00"}], "note_attributes": [{"name": "n", "value": ' \
          + value + "}]}}"
    r = api.call("POST", "/orders.json", raw=raw)
    assert r.status_code == 201
    assert api.http.get("/__admin/state").status_code == 200


# -- all or nothing ---------------------------------------------------------------------------------
def _subscribe(api: Api, *topics: str) -> None:
    for topic in topics:
        assert api.post("/webhooks.json", {"webhook": {"topic": topic, "address": "https://h.example/in"}}).status_code == 201


def test_a_refused_customer_update_changes_nothing_and_sends_nothing(api):
    _subscribe(api, "customers/update")
    made = api.post("/customers.json", {"customer": {"email": "a@example.com", "first_name": "Ada"}}).get_json()
    before = api.get(f"/customers/{made['customer']['id']}.json").get_json()
    api.deliveries()
    r = api.put(f"/customers/{made['customer']['id']}.json", {"customer": {
        "email": "new@example.com", "first_name": "Eve", "note": "changed", "tags": "x", "state": "bogus"}})
    assert r.status_code == 422
    assert api.deliveries() == []
    assert api.get(f"/customers/{made['customer']['id']}.json").get_json() == before
    assert api.get("/customers/search.json?query=email:new@example.com").get_json() == {"customers": []}
    # the email index still finds the customer by the old address (an order by email links, not creates)
    assert _order(api, email="a@example.com").get_json()["order"]["customer"]["id"] == made["customer"]["id"]
    assert api.post("/customers.json", {"customer": {"email": "new@example.com"}}).status_code == 201


def test_a_refused_order_update_changes_nothing(api):
    order = _order(api, email="o@example.com").get_json()["order"]
    before = api.get(f"/orders/{order['id']}.json").get_json()
    for body in ({"email": "x@example.com", "note": "n", "phone": "not a phone"},
                 {"note": "n", "tags": "t", "financial_status": "bogus"},
                 {"note": "n", "shipping_address": "not an object"}):
        assert api.put(f"/orders/{order['id']}.json", {"order": body}).status_code == 422
        assert api.get(f"/orders/{order['id']}.json").get_json() == before


def test_a_refused_product_update_changes_nothing_and_keeps_its_handle(api):
    product = api.post("/products.json", {"product": {"title": "Mug"}}).get_json()["product"]
    before = api.get(f"/products/{product['id']}.json").get_json()
    r = api.put(f"/products/{product['id']}.json", {"product": {"title": "Cup", "handle": "cup", "status": "bogus"}})
    assert r.status_code == 422
    assert api.get(f"/products/{product['id']}.json").get_json() == before
    assert api.get("/products.json?handle=cup").get_json() == {"products": []}
    assert [p["id"] for p in api.get("/products.json?handle=mug").get_json()["products"]] == [product["id"]]
    other = api.post("/products.json", {"product": {"title": "Cup", "handle": "cup"}})
    assert other.status_code == 201  # the handle was never taken


def test_refused_webhook_and_script_tag_updates_change_nothing(api):
    hook = api.post("/webhooks.json", {"webhook": {"topic": "orders/create", "address": "https://h.example/a"}})
    hook_id = hook.get_json()["webhook"]["id"]
    before = api.get(f"/webhooks/{hook_id}.json").get_json()
    r = api.put(f"/webhooks/{hook_id}.json", {"webhook": {"fields": ["id"], "metafield_namespaces": 5}})
    assert r.status_code == 422 and api.get(f"/webhooks/{hook_id}.json").get_json() == before
    tag = api.post("/script_tags.json", {"script_tag": {"event": "onload", "src": "https://c.example/a.js"}})
    tag_id = tag.get_json()["script_tag"]["id"]
    before = api.get(f"/script_tags/{tag_id}.json").get_json()
    r = api.put(f"/script_tags/{tag_id}.json", {"script_tag": {"src": "https://c.example/b.js", "event": "bogus"}})
    assert r.status_code == 422 and api.get(f"/script_tags/{tag_id}.json").get_json() == before


def test_a_refused_order_creates_no_customer(api):
    r = _order(api, email="ghost@example.com", note_attributes="not a list")
    assert r.status_code == 422
    assert api.get("/customers/count.json").get_json() == {"count": 0}
    r = _order(api, email="ghost@example.com", buyer_accepts_marketing="maybe")
    assert r.status_code == 422
    assert api.get("/customers/count.json").get_json() == {"count": 0}


# -- page_info -------------------------------------------------------------------------------------
INVALID_PAGE_INFO = {"errors": {"page_info": "Invalid value."}}


def _next(response) -> str:  # noqa: ANN001
    link = response.headers["Link"]
    return link.split("page_info=")[1].split(">")[0]


def test_a_page_info_works_only_on_the_list_that_issued_it(api):
    for i in range(3):
        api.post("/customers.json", {"customer": {"email": f"c{i}@example.com"}})
        _order(api)
    cursor = _next(api.get("/customers.json?limit=1"))
    assert api.get(f"/customers.json?limit=1&page_info={cursor}").status_code == 200
    for path in ("/orders.json", "/customers/search.json", "/products.json", "/events.json"):
        r = api.get(f"{path}?limit=1&page_info={cursor}")
        assert (r.status_code, r.get_json()) == (400, INVALID_PAGE_INFO), path
    r = api.get(f"/customers.json?limit=1&page_info={cursor}", token="shpat_other_shop")
    assert (r.status_code, r.get_json()) == (400, INVALID_PAGE_INFO)


def test_an_edited_or_hand_made_page_info_is_refused(api):
    for i in range(3):
        api.post("/customers.json", {"customer": {"email": f"c{i}@example.com"}})
    cursor = _next(api.get("/customers.json?limit=1"))
    payload, _, mac = cursor.rpartition(".")
    forged = {"f": {}, "o": "id asc", "a": [0]}
    for edited in (payload[:-1] + ("A" if payload[-1] != "A" else "B") + "." + mac,
                   payload + "." + mac[:-1] + ("A" if mac[-1] != "A" else "B"),
                   payload, encode_cursor(forged), encode_cursor(forged) + "." + mac):
        r = api.get(f"/customers.json?limit=1&page_info={edited}")
        assert (r.status_code, r.get_json()) == (400, INVALID_PAGE_INFO), edited


# -- scopes -----------------------------------------------------------------------------------------
def test_a_webhook_topic_needs_the_read_scope_of_its_resource(api):
    r = api.post("/webhooks.json", {"webhook": {"topic": "orders/create", "address": "https://h.example/o"}},
                 token=CUSTOMERS_ONLY)
    assert r.status_code == 422
    message = r.get_json()["errors"]["topic"][0]
    assert message.startswith("Invalid topic specified. Topics allowed: ")
    allowed = message.removeprefix("Invalid topic specified. Topics allowed: ").split(", ")
    assert "customers/create" in allowed and "app/uninstalled" in allowed
    assert not any(t.startswith(("orders/", "products/", "checkouts/")) for t in allowed)
    ok = api.post("/webhooks.json", {"webhook": {"topic": "customers/create", "address": "https://h.example/c"}},
                  token=CUSTOMERS_ONLY)
    assert ok.status_code == 201
    hook_id = ok.get_json()["webhook"]["id"]
    r = api.call("PUT", f"/webhooks/{hook_id}.json", {"webhook": {"topic": "products/update"}}, token=CUSTOMERS_ONLY)
    assert r.status_code == 422
    assert api.get(f"/webhooks/{hook_id}.json").get_json()["webhook"]["topic"] == "customers/create"


def test_events_show_only_subjects_the_token_may_read(api):
    _order(api)
    api.post("/products.json", {"product": {"title": "Mug"}})
    everything = api.get("/events.json").get_json()["events"]
    assert {e["subject_type"] for e in everything} == {"Order", "Product"}
    assert api.get("/events.json", token=CUSTOMERS_ONLY).get_json() == {"events": []}
    assert api.get("/events/count.json", token=CUSTOMERS_ONLY).get_json() == {"count": 0}
    r = api.get(f"/events/{everything[0]['id']}.json", token=CUSTOMERS_ONLY)
    assert (r.status_code, r.get_json()) == (404, {"errors": "Not Found"})
    product_id = next(e["subject_id"] for e in everything if e["subject_type"] == "Product")
    assert api.get(f"/products/{product_id}/events.json", token=CUSTOMERS_ONLY).status_code == 403


def test_nothing_here_answers_500(api):
    """Every request above answered; the journal holds no 5xx (a 500 anywhere would show here)."""
    _order(api, tax_lines=[{"rate": "abc"}], processed_at="0001-01-01T00:00:00-05:00")
    api.call("POST", "/customers.json", raw="[" * 5000)
    api.call("POST", "/customers.json", raw=json.dumps({"customer": {"tags": {"a": [1]}}}))
    statuses = [e.status for e in api.app.extensions["mock"].journal.entries()]
    assert statuses and all(s is not None and s < 500 for s in statuses), statuses


def test_deep_json_to_the_shop_admin_is_a_400_not_a_500(api):
    r = api.http.post("/__admin/shops", data="[" * 100_000 + "]" * 100_000,
                      headers={"Content-Type": "application/json"})
    assert r.status_code == 400


@pytest.mark.parametrize("bad_id", [[], [1], {"id": 1}, True, "abc", 1.5])
def test_a_nested_record_id_of_the_wrong_type_is_a_422_not_a_500(api, bad_id):
    product = api.post("/products.json", {"product": {"title": "Mug", "images": [{"src": "https://c.example/m.png"}]}})
    pid = product.get_json()["product"]["id"]
    for key in ("variants", "images"):
        r = api.put(f"/products/{pid}.json", {"product": {key: [{"id": bad_id, "src": "https://c.example/n.png"}]}})
        assert (r.status_code, r.get_json()) == (422, {"errors": {key: ["id is invalid"]}})
    order = _order(api).get_json()["order"]
    r = api.post(f"/orders/{order['id']}/fulfillments.json", {"fulfillment": {"line_items": [{"id": bad_id}]}})
    assert (r.status_code, r.get_json()) == (422, {"errors": {"line_items": ["id is invalid"]}})
