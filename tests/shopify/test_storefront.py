"""The storefront simulation makes checkouts (cart -> checkout -> order) with a shopper's webhooks; the
shut-off REST Checkout API answers 404; apps still list abandoned checkouts."""

from __future__ import annotations

import json

import pytest
import requests

from mocks.shopify.storefront_client import StorefrontError

from .conftest import Mock


def _subscribe(mock: Mock, *topics: str) -> None:
    for topic in topics:
        r = mock.post("/webhooks.json", {"webhook": {"topic": topic, "address": f"https://r.example/{topic}"}})
        assert r.status_code == 201, r.text


def _sent(mock: Mock) -> list[tuple[str, dict]]:
    mock.admin("POST", "/webhooks/deliver")
    return [(h["X-Shopify-Topic"], json.loads(b)) for _, b, h in mock.receiver.received]


def _variant(mock: Mock) -> int:
    product = mock.post("/products.json", {"product": {"title": "Tee", "variants": [{"price": "20.00"}]}})
    return product.json()["product"]["variants"][0]["id"]


def test_a_shopper_checks_out_and_pays_with_the_webhooks_shopify_sends(mock):
    variant = _variant(mock)
    _subscribe(mock, "checkouts/create", "checkouts/update", "orders/create", "orders/paid", "customers/create")
    shopper = mock.shopper()
    cart = shopper.start_checkout({"line_items": [{"variant_id": variant, "quantity": 2}]})
    assert cart["token"] and cart["cart_token"] and cart["completed_at"] is None and cart["email"] is None
    # contact entry, then a line change (the list is replaced), then payment
    contact = shopper.update(cart["token"], {"email": "ann@example.com", "phone": "+1 613 555 0199",
                                             "shipping_address": {"first_name": "Ann", "address1": "1 Main St",
                                                                  "city": "Ottawa", "country_code": "CA"}})
    assert contact["email"] == "ann@example.com" and contact["phone"] == "+16135550199"
    fewer = shopper.update(cart["token"], {"line_items": [{"variant_id": variant, "quantity": 1}]})
    assert [li["quantity"] for li in fewer["line_items"]] == [1]
    listed = mock.get("/checkouts.json").json()["checkouts"]
    assert [c["token"] for c in listed] == [cart["token"]]  # abandoned until paid: apps see it
    done = shopper.complete(cart["token"])
    assert done["completed_at"] and done["order_id"]
    assert mock.get("/checkouts.json").json()["checkouts"] == []
    order = mock.get(f"/orders/{done['order_id']}.json").json()["order"]
    assert (order["checkout_token"], order["cart_token"], order["email"]) == (cart["token"], cart["cart_token"],
                                                                             "ann@example.com")
    assert order["financial_status"] == "paid" and order["line_items"][0]["quantity"] == 1
    assert shopper.checkout(cart["token"]) == done

    sent = _sent(mock)
    topics = [t for t, _ in sent]
    assert topics[:3] == ["checkouts/create", "checkouts/update", "checkouts/update"]
    assert topics.index("orders/create") < len(topics) - 1 and topics[-1] == "checkouts/update"
    assert {"customers/create", "orders/paid"} <= set(topics)
    payloads = dict(sent)
    # the order as placed (its customer's counters moved on since, with the order itself)
    assert {**payloads["orders/create"], "customer": None} == {**order, "customer": None}
    assert payloads["orders/create"]["customer"]["id"] == order["customer"]["id"]
    # the last checkouts/update carries completed_at; the webhook has the abandoned-checkout keys (its customer
    # those of the subscription's version), the storefront's own answer adds the order the checkout became
    webhook = sent[-1][1]
    answered = {key: value for key, value in done.items() if key != "order_id"}
    assert {**webhook, "customer": None} == {**answered, "customer": None}
    assert webhook["customer"]["id"] == done["customer"]["id"]
    assert webhook["completed_at"] and done["order_id"] == order["id"]


def test_the_storefront_refuses_what_shopify_would(mock):
    variant = _variant(mock)
    shopper = mock.shopper()
    with pytest.raises(StorefrontError, match="422"):
        shopper.start_checkout({"email": "not-an-email", "line_items": [{"variant_id": variant}]})
    with pytest.raises(StorefrontError, match="422"):
        shopper.start_checkout({"line_items": [{"variant_id": 1}]})
    empty = shopper.start_checkout({"email": "e@example.com"})
    with pytest.raises(StorefrontError, match="422"):
        shopper.complete(empty["token"])  # no lines: nothing to pay for
    with pytest.raises(StorefrontError, match="404"):
        shopper.checkout("no-such-token")
    with pytest.raises(StorefrontError, match="404"):
        mock.shopper("no-such-shop").start_checkout({})
    paid = shopper.start_checkout({"email": "p@example.com", "line_items": [{"variant_id": variant}]})
    shopper.complete(paid["token"])
    with pytest.raises(StorefrontError, match="422"):
        shopper.update(paid["token"], {"note": "late"})
    r = requests.post(mock.url + shopper.path().replace("/storefront", "/__admin/storefront"), data="[1]",
                      headers={"Content-Type": "application/json"}, timeout=10)
    assert r.status_code == 400


def test_the_shut_off_checkout_api_answers_404_on_every_version(mock):
    variant = _variant(mock)
    made = mock.shopper().start_checkout({"email": "x@example.com", "line_items": [{"variant_id": variant}]})
    for version in ("2024-10", "2026-01", "2026-10", "unstable"):
        base = f"{mock.url}/admin/api/{version}"
        calls = [("POST", "/checkouts.json", {"checkout": {"email": "y@example.com"}}),
                 ("GET", f"/checkouts/{made['token']}.json", None),
                 ("PUT", f"/checkouts/{made['token']}.json", {"checkout": {"email": "z@example.com"}}),
                 ("POST", f"/checkouts/{made['token']}/complete.json", {})]
        for method, path, body in calls:
            r = requests.request(method, base + path, json=body, headers=mock.headers(), timeout=10)
            assert (r.status_code, r.json()) == (404, {"errors": "Not Found"}), (version, method, path)
    # nothing changed; the abandoned-checkout listing and count still answer
    assert [c["email"] for c in mock.get("/checkouts.json").json()["checkouts"]] == ["x@example.com"]
    assert mock.get("/checkouts/count.json").json() == {"count": 1}
