"""``customerSet`` and ``productSet`` as a two-way sync uses them: upsert a customer by email (any case) or
by id, a product by id or handle with its variants (synchronous), and the ``customers/*`` and
``products/*`` webhooks a real store fires for each write."""

from __future__ import annotations

import json

from tests.shopify.graphql.conftest import local

CUSTOMER_SET = """mutation($i: CustomerSetInput!, $id: CustomerSetIdentifiers) {
  customerSet(input: $i, identifier: $id) { customer { id email firstName } userErrors { field message code } } }"""
PRODUCT_SET = """mutation($i: ProductSetInput!, $id: ProductSetIdentifiers) {
  productSet(input: $i, identifier: $id, synchronous: true) {
    product { id title handle variants(first: 5) { nodes { id title price sku } } }
    userErrors { field message code } } }"""
SIZES = {"productOptions": [{"name": "Size", "values": [{"name": "S"}, {"name": "M"}]}],
         "variants": [{"optionValues": [{"optionName": "Size", "name": "S"}], "price": "10.00", "sku": "H-S"},
                      {"optionValues": [{"optionName": "Size", "name": "M"}], "price": "11.00", "sku": "H-M"}]}


def _shop_with_hooks(*topics: str):
    received: list[tuple[str, dict]] = []
    shop = local(webhook_transport=lambda url, body, headers, timeout: received.append(
        (headers["X-Shopify-Topic"], json.loads(body))) or 200)
    for topic in topics:
        made = shop.data("mutation($t: WebhookSubscriptionTopic!) { webhookSubscriptionCreate(topic: $t, "
                         'webhookSubscription: {uri: "https://hooks.test/sync"}) { userErrors { message } } }',
                         {"t": topic})
        assert made["webhookSubscriptionCreate"]["userErrors"] == []
    return shop, received


def _deliver(shop) -> None:
    shop.app.test_client().post("/__admin/webhooks/deliver")


def test_customer_set_upserts_by_email_and_id_and_fires_create_then_update():
    shop, received = _shop_with_hooks("CUSTOMERS_CREATE", "CUSTOMERS_UPDATE")
    made = shop.data(CUSTOMER_SET, {"i": {"firstName": "Ann"}, "id": {"email": "Ann@Example.test"}})["customerSet"]
    assert made["userErrors"] == [] and made["customer"]["email"] == "ann@example.test"
    again = shop.data(CUSTOMER_SET, {"i": {"firstName": "Anna"}, "id": {"email": "ann@example.test"}})["customerSet"]
    assert again["customer"] == {"id": made["customer"]["id"], "email": "ann@example.test", "firstName": "Anna"}
    by_id = shop.data(CUSTOMER_SET, {"i": {"lastName": "Lee"}, "id": {"id": made["customer"]["id"]}})["customerSet"]
    assert by_id["customer"]["id"] == made["customer"]["id"] and len(shop.shop.customers) == 1
    _deliver(shop)
    assert [(topic, payload["id"]) for topic, payload in received] == [
        ("customers/create", int(made["customer"]["id"].rsplit("/", 1)[1]))] + [
        ("customers/update", int(made["customer"]["id"].rsplit("/", 1)[1]))] * 2
    assert received[1][1]["first_name"] == "Anna" and received[2][1]["last_name"] == "Lee"
    two = shop.data(CUSTOMER_SET, {"i": {}, "id": {"email": "a@x.test", "id": made["customer"]["id"]}})["customerSet"]
    assert two["userErrors"][0]["code"] == "INVALID" and two["customer"] is None
    custom = shop.data(CUSTOMER_SET, {"i": {}, "id": {"customId": {"namespace": "hs", "key": "id", "value": "1"}}})
    assert custom["customerSet"]["userErrors"][0]["code"] == "NOT_FOUND"


def test_product_set_keeps_variant_ids_by_option_values_and_fires_create_then_update():
    shop, received = _shop_with_hooks("PRODUCTS_CREATE", "PRODUCTS_UPDATE")
    made = shop.data(PRODUCT_SET, {"i": {"title": "Hat", **SIZES}})["productSet"]
    assert made["userErrors"] == []
    product = made["product"]
    medium = product["variants"]["nodes"][1]
    assert [v["sku"] for v in product["variants"]["nodes"]] == ["H-S", "H-M"]
    only_m = {"productOptions": [{"name": "Size", "values": [{"name": "M"}]}],
              "variants": [{"optionValues": [{"optionName": "Size", "name": "M"}], "price": "12.00", "sku": "H-M"}]}
    updated = shop.data(PRODUCT_SET, {"i": {"title": "Hat 2", **only_m}, "id": {"id": product["id"]}})["productSet"]
    assert updated["product"]["id"] == product["id"] and updated["product"]["title"] == "Hat 2"
    # The variant whose option values were given is updated in place (same id); the one left out is deleted.
    assert updated["product"]["variants"]["nodes"] == [{"id": medium["id"], "title": "M", "price": "12.00",
                                                         "sku": "H-M"}]
    by_handle = shop.data(PRODUCT_SET, {"i": {"title": "Hat 3"}, "id": {"handle": "hat"}})["productSet"]
    assert by_handle["product"]["id"] == product["id"] and by_handle["product"]["variants"]["nodes"][0]["id"] == medium["id"]
    fresh = shop.data(PRODUCT_SET, {"i": {"title": "Scarf"}, "id": {"handle": "winter-scarf"}})["productSet"]
    assert fresh["product"]["handle"] == "winter-scarf" and fresh["product"]["id"] != product["id"]
    plain = shop.data(PRODUCT_SET, {"i": {"title": "Scarf", "variants": [{"optionValues": [], "price": "5.00"}]},
                                    "id": {"id": fresh["product"]["id"]}})["productSet"]
    assert plain["product"]["variants"]["nodes"][0]["id"] == fresh["product"]["variants"]["nodes"][0]["id"]
    _deliver(shop)
    legacy = int(product["id"].rsplit("/", 1)[1])
    assert [(topic, payload["id"]) for topic, payload in received][:3] == [
        ("products/create", legacy), ("products/update", legacy), ("products/update", legacy)]
    assert [v["sku"] for v in received[1][1]["variants"]] == ["H-M"] and received[1][1]["title"] == "Hat 2"
    assert [topic for topic, _ in received[3:]] == ["products/create", "products/update"]
    missing = shop.data(PRODUCT_SET, {"i": {"title": "x"}, "id": {"id": "gid://shopify/Product/1"}})["productSet"]
    assert missing["userErrors"][0]["code"] == "PRODUCT_DOES_NOT_EXIST"
