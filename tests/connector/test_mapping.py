"""Pure mapping functions: every rule's field choices (C1, C3, C8, C9, D8-D10, P1, P4, O2, O3, O6, S2, S4)."""

from __future__ import annotations

from connector import names
from connector.mapping import commerce, deals, line_items, products, sources
from connector.mapping.common import non_empty, normalize_email
from connector.mapping.contacts import buyer_of, contact_ref, customer_properties

CUSTOMER = {
    "id": 207119551, "email": "  Bob.Norman@Mail.Example.com ", "first_name": "Bob", "last_name": "Norman",
    "phone": "+16136120707", "orders_count": 0, "tags": "Léon, Noël", "note": None, "verified_email": True,
    "tax_exempt": False, "created_at": "2024-10-02T09:20:49-05:00",
    "email_marketing_consent": {"state": "subscribed"},
    "default_address": {"address1": "Chestnut Street 92", "address2": "", "city": "Louisville",
                        "province": "Kentucky", "country": "United States", "zip": "40202",
                        "phone": "+1 555 0000", "company": "Acme"},
}


def test_c1_email_is_trimmed_and_lowercased():
    assert normalize_email("  A.B@X.COM ") == "a.b@x.com"
    assert customer_properties(CUSTOMER)["email"] == "bob.norman@mail.example.com"


def test_c8_fields_and_c3_empty_values_are_left_out():
    props = customer_properties(CUSTOMER)
    assert props["firstname"] == "Bob" and props["lastname"] == "Norman"
    assert props["address"] == "Chestnut Street 92" and props["state"] == "Kentucky" and props["zip"] == "40202"
    assert props["ip__shopify__orders_count"] == "0"             # zero is a value
    assert props["ip__shopify__tax_exempt"] == "false"           # false is a value
    assert props["ip__shopify__accepts_marketing"] == "true"
    assert props["ip__shopify__tags"] == "Léon, Noël"            # S4 verbatim
    assert "ip__shopify__note" not in props                      # None never blanks HubSpot (C3)
    blank = customer_properties({"email": "x@y.z", "first_name": "  ", "last_name": ""})
    assert set(blank) == {"email"}


def test_c9_phone_only_from_the_customer():
    assert customer_properties(CUSTOMER)["phone"] == "+16136120707"
    without = customer_properties({**CUSTOMER, "phone": None})
    assert "phone" not in without                                 # never the default address phone


def test_buyer_of_order_without_email_is_none():
    assert buyer_of({"id": 1, "email": None, "customer": None}) is None
    buyer = buyer_of({"id": 1, "email": "g@x.io", "billing_address": {"first_name": "Guest"}})
    assert buyer["email"] == "g@x.io" and buyer["first_name"] == "Guest"
    assert contact_ref("s", {"id": 5}) == "customer:5"
    assert contact_ref("s", {"email": " G@x.io"}) == "email:g@x.io"


def test_d10_stage_derivation():
    assert deals.order_stage({"financial_status": "pending"}) == names.STAGE_COMPLETED
    assert deals.order_stage({"financial_status": "authorized"}) == names.STAGE_COMPLETED
    assert deals.order_stage({"financial_status": "paid"}) == names.STAGE_PROCESSED
    assert deals.order_stage({"financial_status": "partially_paid"}) == names.STAGE_PROCESSED
    assert deals.order_stage({"financial_status": "partially_refunded"}) == names.STAGE_PROCESSED
    assert deals.order_stage({"financial_status": "paid", "fulfillment_status": "fulfilled"}) == names.STAGE_SHIPPED
    assert deals.order_stage({"financial_status": "refunded"}) == names.STAGE_CANCELLED
    assert deals.order_stage({"financial_status": "voided"}) == names.STAGE_CANCELLED
    cancelled = {"financial_status": "paid", "fulfillment_status": "fulfilled", "cancelled_at": "2024-01-01"}
    assert deals.order_stage(cancelled) == names.STAGE_CANCELLED


ORDER = {"id": 450789469, "name": "#1001", "order_number": 1001, "total_price": "598.94", "currency": "EUR",
         "subtotal_price": "597.00", "total_tax": "11.94", "total_discounts": "10.00", "financial_status": "paid",
         "created_at": "2024-01-10T10:00:00-05:00", "processed_at": "2024-01-10T10:00:00-05:00",
         "checkout_token": "tok1", "source_name": "web", "note": "", "cancel_reason": None,
         "customer": {"id": 9, "email": "a@b.c"}, "total_weight": 0, "taxes_included": False,
         "line_items": [{"id": 1, "product_id": 7, "variant_id": 70, "title": "Shirt", "variant_title": "Red / M",
                         "price": "199.00", "quantity": 3}]}


def test_d8_d9_s2_order_deal_fields():
    props = deals.order_deal("store-a", ORDER, "pipe", "processed")
    assert props[names.ECOMM_SYNCED] == "true"                      # D9
    assert props[names.SOURCE_STORE_ID] == "store-a"                 # S2
    assert props[names.DEAL_KEY] == "store-a:checkout:tok1"          # D5: one deal per checkout token
    assert props["dealname"] == "#1001" and props["amount"] == "598.94"
    assert props[names.DEAL_CURRENCY_CODE] == "EUR" and props["pipeline"] == "pipe"
    assert props["dealstage"] == "processed" and props["closedate"] == ORDER["processed_at"]
    assert props[names.ORDER_NUMBER] == "1001" and props[names.TAX_AMOUNT] == "11.94"
    assert props[names.DISCOUNT_AMOUNT] == "10.00" and props[names.SUBTOTAL_PRICE] == "597.00"
    assert props[names.SOURCE_NAME] == "web" and props["ip__shopify__customer_id"] == "9"
    assert props["ip__shopify__total_weight"] == "0" and props["ip__shopify__taxes_included"] == "false"
    assert "ip__shopify__note" not in props and "ip__shopify__cancel_reason" not in props


def test_s2_orders_without_checkout_keyed_by_store_and_id():
    order = {**ORDER, "checkout_token": None}
    assert deals.deal_key("a", order, "order") == "a:order:450789469"
    assert deals.deal_key("b", order, "order") != deals.deal_key("a", order, "order")


def test_d3_checkout_deal():
    checkout = {"token": "tok1", "created_at": "2024-01-10T10:00:00Z", "total_price": "5.00", "currency": "USD",
                "abandoned_checkout_url": "https://shop/recover/tok1", "email": "a@b.c"}
    props = deals.checkout_deal("s", checkout, "pipe", names.STAGE_PENDING)
    assert props["dealstage"] == names.STAGE_PENDING and props[names.DEAL_KEY] == "s:checkout:tok1"
    assert props[names.ABANDONED_CART_URL] == "https://shop/recover/tok1"
    assert props["dealname"] == "Checkout tok1"


def test_p1_p4_product_uses_first_variant_and_image():
    product = {"id": 632910392, "title": "IPod Nano - 8GB", "body_html": "<p>It's the <b>best</b></p>",
               "vendor": "Apple", "product_type": "Cult Products", "handle": "ipod-nano", "tags": "Emotive",
               "published_at": "2024-01-01T00:00:00Z", "published_scope": "global",
               "created_at": "2023-01-01T00:00:00Z",
               "variants": [{"price": "199.00", "sku": "IPOD2008PINK"}, {"price": "249.00", "sku": "X"}],
               "images": [{"src": "https://cdn/ipod.png"}]}
    props = products.product_properties("s", product)
    assert props["name"] == "IPod Nano - 8GB" and props["price"] == "199.00" and props["hs_sku"] == "IPOD2008PINK"
    assert props["description"] == "It's the best" and props["ip__shopify__body_html"] == product["body_html"]
    assert props[names.IMAGE_URL] == "https://cdn/ipod.png" and props["ip__shopify__vendor"] == "Apple"
    assert props[names.PRODUCT_KEY] == "s:632910392"
    assert products.product_key("s", product, "data-sync") == "name:ipod nano - 8gb"       # P5
    assert products.product_key("s", {"id": 1, "title": " "}, "data-sync") is None
    synced = products.product_properties("s", product, "data-sync")
    assert not any(k.startswith("ip__shopify__") for k in synced)


def test_p4_line_item_keeps_variant_title_and_amount():
    line = ORDER["line_items"][0]
    props = line_items.line_item_properties(line, "k", "555", "EUR")
    assert props["name"] == "Shirt - Red / M" and props["quantity"] == "3"
    assert props["price"] == "199.00" and props["amount"] == "597.00" and props["hs_product_id"] == "555"
    assert line_items.line_name({"title": "Mug", "variant_title": "Default Title"}) == "Mug"
    keys = line_items.line_keys("p", [{"variant_id": 1}, {"variant_id": 1}, {"product_id": 2}, {"id": 3}])
    assert keys == ["p:v1", "p:v1#2", "p:p2", "p:l3"]


def test_o3_order_status_derivation():
    assert commerce.order_status({"financial_status": "pending"}) == "open"
    assert commerce.order_status({"financial_status": "authorized"}) == "open"
    assert commerce.order_status({"financial_status": "paid"}) == "processed"
    assert commerce.order_status({"financial_status": "refunded"}) == "processed"
    assert commerce.order_status({"financial_status": "paid", "fulfillment_status": "partial"}) == "processed"
    assert commerce.order_status({"fulfillment_status": "fulfilled"}) == "shipped"
    delivered = {"fulfillment_status": "fulfilled", "fulfillments": [{"shipment_status": "delivered"},
                                                                   {"status": "cancelled"}]}
    assert commerce.order_status(delivered) == "delivered"
    assert commerce.order_status({**delivered, "cancelled_at": "2024-01-01"}) == "cancelled"
    stage_map = dict(names.DEFAULT_ORDER_STAGE_MAP)
    assert commerce.order_stage_id("shipped", stage_map) == names.ORDER_STAGE_SHIPPED
    stage_map["delivered"] = None                                                       # skipped stage
    assert commerce.order_stage_id("delivered", stage_map) == names.ORDER_STAGE_SHIPPED


def test_o2_o6_order_and_cart_properties():
    props = commerce.order_properties("s", ORDER, names.ORDER_STAGE_PROCESSED)
    assert props["hs_order_name"] == "#1001" and props["hs_external_order_id"] == "450789469"
    assert props["hs_source_store"] == "s" and props["hs_pipeline"] == names.ORDER_PIPELINE_ID
    assert props["hs_total_price"] == "598.94" and props["hs_currency_code"] == "EUR"
    cart = commerce.cart_properties("s", {"token": "t", "abandoned_checkout_url": "u", "total_price": "1.00"})
    assert cart["hs_cart_url"] == "u" and cart["hs_external_cart_id"] == "t" and cart["hs_source_store"] == "s"
    assert commerce.company_key(" Acme ") == "name:acme" and commerce.company_name(CUSTOMER) == "Acme"
    assert commerce.company_name({"default_address": {"company": " "}}) is None


def test_c6_c7_sources():
    assert sources.import_source() == {names.SOURCE: "OFFLINE", names.SOURCE_DATA_1: "INTEGRATION_SYNC",
                                       names.SOURCE_DATA_2: "integrations-sync"}
    google = sources.classify("web", "https://www.google.com/search?q=x", "/products/a")
    assert google[names.SOURCE] == "ORGANIC_SEARCH" and google[names.SOURCE_DATA_1] == "www.google.com"
    assert sources.classify("web", "https://www.google.com/", "/?gclid=1")[names.SOURCE] == "PAID_SEARCH"
    assert sources.classify("web", "https://m.facebook.com/", None)[names.SOURCE] == "SOCIAL_MEDIA"
    assert sources.classify("web", "https://blog.example.org/", None)[names.SOURCE] == "REFERRALS"
    assert sources.classify("web", None, "/?utm_medium=email")[names.SOURCE] == "EMAIL_MARKETING"
    assert sources.classify("pos", None, None)[names.SOURCE] == "OFFLINE"
    direct = sources.classify("web", "", "/")
    assert direct == {names.SOURCE: "DIRECT_TRAFFIC", names.SOURCE_DATA_1: "web", names.SOURCE_DATA_2: "web"}
    custom = sources.classify("web", "https://news.ycombinator.com", None, {"SOCIAL_MEDIA": ["ycombinator.com"]})
    assert custom[names.SOURCE] == "SOCIAL_MEDIA"


def test_non_empty_keeps_false_and_zero():
    assert non_empty({"a": False, "b": 0, "c": "", "d": None, "e": []}) == {"a": "false", "b": "0"}
