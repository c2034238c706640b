"""Protected customer data: a token below level 2 gets null name, email, phone and address fields and no
``abandonedCheckoutUrl``; level 2 sees everything."""

from __future__ import annotations

from dataclasses import dataclass

from mocks.shopify.config import TokenGrant
from mocks.shopify.graphql.redact import redact
from tests.shopify.graphql.conftest import local


@dataclass(frozen=True)
class LevelGrant(TokenGrant):
    """A grant with a protected-customer-data level (``TokenGrant.pcd_level`` on the platform branch)."""

    pcd_level: int = 2


QUERY = """{ customers(first: 5) { nodes { id firstName lastName displayName email phone
  defaultEmailAddress { emailAddress } defaultPhoneNumber { phoneNumber } note
  defaultAddress { address1 city zip country firstName phone } } }
  orders(first: 5) { nodes { id email phone shippingAddress { address1 city country } } } }"""


def _shop():
    shop = local(tokens=[LevelGrant("full", pcd_level=2), LevelGrant("basic", pcd_level=1),
                         LevelGrant("none", pcd_level=0)])
    shop.shop.create_customer({"first_name": "Ada", "last_name": "L", "email": "ada@example.com",
                               "phone": "+16135550101", "note": "likes tea",
                               "addresses": [{"address1": "1 Main", "city": "Ottawa", "zip": "K1A",
                                              "country": "CA", "first_name": "Ada", "phone": "+16135550102"}]})
    shop.shop.create_order({"email": "ada@example.com", "phone": "+16135550101",
                            "line_items": [{"title": "Tea", "price": "3.00"}],
                            "shipping_address": {"address1": "1 Main", "city": "Ottawa", "country": "CA"}})
    return shop


def test_level_two_sees_everything():
    data = _shop().data(QUERY, token="full")
    customer = data["customers"]["nodes"][0]
    assert customer["email"] == "ada@example.com" and customer["defaultAddress"]["city"] == "Ottawa"
    assert data["orders"]["nodes"][0]["shippingAddress"]["address1"] == "1 Main"


def test_below_level_two_name_email_phone_and_address_are_null():
    for token in ("basic", "none"):
        data = _shop().data(QUERY, token=token)
        customer = data["customers"]["nodes"][0]
        assert customer["firstName"] is None and customer["lastName"] is None and customer["displayName"] == ""
        assert customer["email"] is None and customer["phone"] is None
        assert customer["defaultEmailAddress"] is None and customer["defaultPhoneNumber"] is None
        assert customer["note"] == "likes tea"  # not one of the four protected fields
        assert customer["defaultAddress"] == {"address1": None, "city": None, "zip": None, "country": "Canada",
                                              "firstName": None, "phone": None}
        order = data["orders"]["nodes"][0]
        assert order["email"] is None and order["phone"] is None
        assert order["shippingAddress"] == {"address1": None, "city": None, "country": "Canada"}


def test_abandoned_checkout_url_needs_level_two():
    shop = _shop()
    shop.shop.create_checkout({"email": "ada@example.com", "line_items": []}, "https://harness-shop.myshopify.com")
    query = "{ abandonedCheckouts(first: 5) { nodes { id abandonedCheckoutUrl } } }"
    full = shop.data(query, token="full")["abandonedCheckouts"]["nodes"]
    assert len(full) == 1 and full[0]["abandonedCheckoutUrl"].startswith("https://")
    refused = shop.run(query, token="basic")
    assert refused["data"] is None
    assert refused["errors"][0]["extensions"]["code"] == "ACCESS_DENIED"
    assert refused["errors"][0]["path"] == ["abandonedCheckouts", "nodes", 0, "abandonedCheckoutUrl"]
    assert shop.data("{ abandonedCheckouts(first: 5) { nodes { id } } }", token="basic")["abandonedCheckouts"]["nodes"]


def test_redact_is_pure_and_level_two_is_untouched():
    node = {"firstName": "A", "email": "e", "note": "n", "displayName": "A B"}
    assert redact("Customer", dict(node), 2) == node
    assert redact("Customer", dict(node), 1) == {"firstName": None, "email": None, "note": "n", "displayName": ""}
    assert redact("Shop", dict(node), 0) == node
