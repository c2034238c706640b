"""The official ShopifyAPI 12.7 (pyactiveresource) works against the mock unchanged."""

from __future__ import annotations

import pytest
from pyactiveresource.connection import ResourceNotFound, UnauthorizedAccess


def test_shop_current_and_limits(sdk):
    shop = sdk.Shop.current()
    assert shop.myshopify_domain == "harness-shop.myshopify.com"
    assert sdk.Limits.credit_limit() == 40  # read from X-Shopify-Shop-Api-Call-Limit


def test_customer_create_find_search_count(sdk):
    customer = sdk.Customer({"first_name": "Ada", "last_name": "Lovelace", "email": "ada@example.com",
                             "addresses": [{"address1": "1 Main St", "city": "Ottawa", "province": "ON",
                                            "country": "CA", "phone": "+16135550199"}]})
    assert customer.save() is True
    assert customer.id
    found = sdk.Customer.find(customer.id)
    assert found.email == "ada@example.com"
    assert found.default_address.province == "Ontario" and found.default_address.country_code == "CA"
    assert found.phone is None  # the address phone never becomes the customer's own phone
    sdk.Customer({"first_name": "Bob", "email": "bob@example.com"}).save()
    assert sdk.Customer.count() == 2
    results = sdk.Customer.search(query="email:ada@example.com")
    assert [c.id for c in results] == [customer.id]
    found.note = "VIP"
    assert found.save() is True
    assert sdk.Customer.find(customer.id).note == "VIP"


def test_duplicate_email_surfaces_in_errors(sdk):
    assert sdk.Customer({"email": "dup@example.com"}).save()
    duplicate = sdk.Customer({"email": "DUP@example.com"})
    assert duplicate.save() is False
    assert duplicate.errors.errors == {"email": ["has already been taken"]}


def test_paginated_find_walks_every_customer(sdk):
    ids = set()
    for n in range(7):
        c = sdk.Customer({"email": f"c{n}@example.com"})
        c.save()
        ids.add(c.id)
    page = sdk.Customer.find(limit=3)
    assert page.has_next_page() and not page.has_previous_page()
    seen = [c.id for c in page]
    second = page.next_page()
    assert second.has_previous_page()
    assert [c.id for c in second.previous_page()] == seen
    walked = [c.id for p in sdk.PaginatedIterator(sdk.Customer.find(limit=2)) for c in p]
    assert sorted(walked) == sorted(ids) and len(walked) == len(ids)


def test_product_with_variants(sdk):
    product = sdk.Product({"title": "Burton Custom Freestyle 151", "options": [{"name": "Size"}],
                           "variants": [{"option1": "S", "price": "10.00", "sku": "B-S"},
                                        {"option1": "M", "price": "12.5"}]})
    assert product.save() is True
    fetched = sdk.Product.find(product.id)
    assert fetched.handle == "burton-custom-freestyle-151"
    assert [v.price for v in fetched.variants] == ["10.00", "12.50"]
    assert fetched.options[0].name == "Size" and fetched.options[0].values == ["S", "M"]
    plain = sdk.Product({"title": "Plain"})
    plain.save()
    assert [v.title for v in plain.variants] == ["Default Title"]
    fetched.title = "Renamed"
    assert fetched.save() is True  # PUT with every attribute, variants included
    assert len(sdk.Product.find(product.id).variants) == 2


def test_order_create_and_cancel(sdk):
    product = sdk.Product({"title": "Mug", "variants": [{"price": "7.50"}]})
    product.save()
    order = sdk.Order({"email": "buyer@example.com",
                       "line_items": [{"variant_id": product.variants[0].id, "quantity": 2}]})
    assert order.save() is True
    assert order.total_price == "15.00" and order.name == "#1001"
    customer = sdk.Customer.find(order.customer.id)
    assert customer.email == "buyer@example.com" and customer.orders_count == 1
    assert customer.total_spent == "15.00" and customer.last_order_name == "#1001"
    order.cancel(reason="customer")
    assert order.cancelled_at is not None and order.cancel_reason == "customer"
    assert [o.id for o in sdk.Order.find(status="cancelled")] == [order.id]
    assert [o.id for o in sdk.Order.find(customer_id=customer.id, status="any")] == [order.id]


def test_shopper_checkouts_and_the_sdk_abandoned_list(sdk, mock):
    """Shoppers make checkouts (storefront); the SDK lists the abandoned ones and cannot create one."""
    product = sdk.Product({"title": "Hat", "variants": [{"price": "20.00"}]})
    product.save()
    variant_id = product.variants[0].id
    shopper = mock.shopper()
    abandoned = shopper.start_checkout({"email": "left@example.com",
                                        "line_items": [{"variant_id": variant_id, "quantity": 1}]})
    done = shopper.start_checkout({"email": "paid@example.com", "line_items": [{"variant_id": variant_id, "quantity": 3}]})
    shopper.complete(done["token"])
    shopper.start_checkout({"line_items": [{"variant_id": variant_id, "quantity": 1}]})  # no contact: not listed
    listed = sdk.Checkout.find()
    assert [c.token for c in listed] == [abandoned["token"]]
    assert listed[0].abandoned_checkout_url.startswith(sdk.ShopifyResource.site.split("/admin")[0])
    order = sdk.Order.find(status="any")[0]
    assert order.checkout_token == done["token"] and order.cart_token == done["cart_token"]
    with pytest.raises(ResourceNotFound):  # the Checkout API was shut off on 2025-04-01
        sdk.Checkout({"email": "x@example.com", "line_items": [{"variant_id": variant_id}]}).save()


def test_webhook_and_script_tag_crud(sdk):
    hook = sdk.Webhook.create({"topic": "orders/create", "address": "https://example.com/hook", "format": "json"})
    assert hook.id and hook.api_version == "2026-10"
    assert sdk.Webhook.count() == 1
    hook.address = "https://example.com/other"
    assert hook.save()
    assert sdk.Webhook.find(hook.id).address == "https://example.com/other"
    bad = sdk.Webhook({"topic": "orders/update", "address": "https://example.com/x"})
    assert bad.save() is False and "topic" in bad.errors.errors
    tag = sdk.ScriptTag.create({"event": "onload", "src": "https://example.com/t.js"})
    assert tag.display_scope == "all" and sdk.ScriptTag.count() == 1
    tag.destroy()
    hook.destroy()
    assert sdk.ScriptTag.count() == 0 and sdk.Webhook.find() == []


def test_deleted_record_is_not_found(sdk):
    customer = sdk.Customer({"email": "gone@example.com"})
    customer.save()
    customer.destroy()
    with pytest.raises(ResourceNotFound):
        sdk.Customer.find(customer.id)


def test_events_expose_product_deletes(sdk):
    product = sdk.Product({"title": "Short lived"})
    product.save()
    product.destroy()
    events = sdk.Event.find(filter="Product", verb="destroy")
    assert [(e.subject_id, e.verb, e.subject_type) for e in events] == [(product.id, "destroy", "Product")]


def test_wrong_token_is_unauthorized(sdk, mock):
    sdk.ShopifyResource.headers["X-Shopify-Access-Token"] = "shpat_wrong"
    sdk.ShopifyResource.site = mock.api  # a fresh connection picks up the header
    with pytest.raises(UnauthorizedAccess):
        sdk.Shop.current()
