"""Protected customer data: a token below level 2 sees null names, emails, phones and addresses on
customers, orders, abandoned checkouts and webhook payloads, and no abandoned_checkout_url."""

from __future__ import annotations

import json

from mocks.shopify.redaction import redact_body, redact_payload

from .conftest import Mock


def _low_token(mock: Mock, level: int = 1) -> str:
    r = mock.admin("POST", "/tokens", json={"pcd_level": level})
    assert r.status_code == 201, r.text
    return r.json()["access_token"]


def _seed(mock: Mock) -> tuple[dict, dict, dict]:
    customer = mock.post("/customers.json", {"customer": {
        "email": "ann@example.com", "first_name": "Ann", "last_name": "Lee", "phone": "+16135550101",
        "addresses": [{"address1": "1 Main St", "city": "Ottawa", "province_code": "ON", "country_code": "CA",
                       "zip": "K1A 0B1", "first_name": "Ann", "last_name": "Lee"}]}}).json()["customer"]
    variant = mock.post("/products.json", {"product": {"title": "Tee", "variants": [{"price": "5.00"}]}}
                        ).json()["product"]["variants"][0]["id"]
    order = mock.post("/orders.json", {"order": {"customer": {"id": customer["id"]}, "email": "ann@example.com",
                                                 "line_items": [{"variant_id": variant, "quantity": 1}],
                                                 "shipping_address": {"address1": "1 Main St", "city": "Ottawa",
                                                                      "country_code": "CA", "first_name": "Ann"}}}
                      ).json()["order"]
    checkout = mock.shopper().start_checkout({"email": "bo@example.com", "phone": "+16135550102",
                                              "line_items": [{"variant_id": variant}],
                                              "billing_address": {"first_name": "Bo", "address1": "2 Side St",
                                                                  "city": "Ottawa", "country_code": "CA"}})
    return customer, order, checkout


def test_full_access_sees_everything_and_level_1_sees_protected_fields_as_null(mock):
    customer, order, checkout = _seed(mock)
    full = mock.get(f"/customers/{customer['id']}.json").json()["customer"]
    assert full["email"] == "ann@example.com" and full["addresses"][0]["address1"] == "1 Main St"
    for level in (0, 1):
        token = _low_token(mock, level)
        seen = mock.get(f"/customers/{customer['id']}.json", token=token).json()["customer"]
        assert (seen["email"], seen["first_name"], seen["last_name"], seen["phone"]) == (None, None, None, None)
        address = seen["default_address"]
        assert (address["address1"], address["city"], address["zip"], address["first_name"]) == (None,) * 4
        assert (address["province_code"], address["country_code"]) == ("ON", "CA")  # the region stays
        assert seen["id"] == customer["id"] and seen["orders_count"] == full["orders_count"]
        listed = mock.get("/customers.json", token=token).json()["customers"]
        assert [c["email"] for c in listed] == [None]
        placed = mock.get(f"/orders/{order['id']}.json", token=token).json()["order"]
        assert (placed["email"], placed["contact_email"], placed["shipping_address"]["address1"],
                placed["customer"]["email"]) == (None, None, None, None)
        assert placed["name"] == order["name"] and placed["line_items"][0]["name"] == "Tee"  # not personal
        abandoned = mock.get("/checkouts.json", token=token).json()["checkouts"][0]
        assert (abandoned["email"], abandoned["phone"], abandoned["abandoned_checkout_url"],
                abandoned["billing_address"]["first_name"]) == (None, None, None, None)
        assert abandoned["token"] == checkout["token"]
    again = mock.get("/checkouts.json").json()["checkouts"][0]
    assert again["abandoned_checkout_url"] and again["email"] == "bo@example.com"  # level 2 unchanged


def test_webhooks_follow_the_subscribing_apps_level(mock):
    low = _low_token(mock)
    for token, address in ((mock.token, "https://r.example/full"), (low, "https://r.example/low")):
        r = mock.post("/webhooks.json", {"webhook": {"topic": "customers/create", "address": address}}, token=token)
        assert r.status_code == 201
    mock.post("/customers.json", {"customer": {"email": "cy@example.com", "first_name": "Cy"}})
    mock.admin("POST", "/webhooks/deliver")
    bodies = {url: json.loads(body) for url, body, _ in mock.receiver.received}
    assert bodies["https://r.example/full"]["email"] == "cy@example.com"
    assert bodies["https://r.example/low"]["email"] is None and bodies["https://r.example/low"]["first_name"] is None
    assert bodies["https://r.example/low"]["id"] == bodies["https://r.example/full"]["id"]


def test_redaction_is_pure_and_leaves_other_roots_alone():
    body = {"customer": {"email": "a@b.c", "tags": "vip"}, "count": 3}
    assert redact_body(body) == {"customer": {"email": None, "tags": "vip"}, "count": 3}
    assert body["customer"]["email"] == "a@b.c"
    assert redact_body({"products": [{"title": "T"}]}) == {"products": [{"title": "T"}]}
    assert redact_payload("products/update", {"title": "T"}) == {"title": "T"}
    assert redact_payload("checkouts/delete", {"id": 1, "token": "t"}) == {"id": 1, "token": "t"}
