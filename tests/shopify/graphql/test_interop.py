"""One store, two transports: a record written through REST is read through GraphQL with the same id
(``gid://shopify/Customer/123`` is REST's 123) and back, and GraphQL writes send REST's webhooks."""

from __future__ import annotations

import json

from tests.shopify.graphql.conftest import gql

CUSTOMER = """query($id: ID!) { customer(id: $id) { id legacyResourceId email phone firstName lastName
  defaultEmailAddress { emailAddress marketingState } defaultPhoneNumber { phoneNumber }
  displayName tags note numberOfOrders amountSpent { amount currencyCode } state
  defaultAddress { address1 city province provinceCode country countryCodeV2 }
  addressesV2(first: 5) { nodes { city } } createdAt updatedAt } }"""


def test_rest_customer_read_by_graphql_and_graphql_update_read_by_rest(mock):
    created = mock.post("/customers.json", json={"customer": {
        "first_name": "Ada", "last_name": "Lovelace", "email": "ada@example.com", "phone": "+16135550123",
        "tags": "vip, b2b", "addresses": [{"address1": "1 Main St", "city": "Ottawa", "province": "ON",
                                          "country": "CA"}]}}).json()["customer"]
    gid = f"gid://shopify/Customer/{created['id']}"
    body = gql(mock, CUSTOMER, {"id": gid}).json()
    customer = body["data"]["customer"]
    assert customer["id"] == gid and customer["legacyResourceId"] == str(created["id"])
    assert customer["email"] == customer["defaultEmailAddress"]["emailAddress"] == "ada@example.com"
    assert customer["defaultEmailAddress"]["marketingState"] == "NOT_SUBSCRIBED"
    assert customer["phone"] == customer["defaultPhoneNumber"]["phoneNumber"] == "+16135550123"
    assert customer["displayName"] == "Ada Lovelace" and customer["tags"] == ["b2b", "vip"]
    assert customer["numberOfOrders"] == "0" and customer["amountSpent"] == {"amount": "0.0", "currencyCode": "USD"}
    assert customer["defaultAddress"] == {"address1": "1 Main St", "city": "Ottawa", "province": "Ontario",
                                          "provinceCode": "ON", "country": "Canada", "countryCodeV2": "CA"}
    assert customer["state"] == "DISABLED" and customer["createdAt"] == "2024-03-01T12:00:00Z"

    mock.clock.advance(60)
    updated = gql(mock, """mutation($input: CustomerInput!) { customerUpdate(input: $input) {
        customer { id note updatedAt } userErrors { field message } } }""",
                  {"input": {"id": gid, "note": "from graphql", "tags": ["a"]}}).json()["data"]["customerUpdate"]
    assert updated["userErrors"] == [] and updated["customer"]["updatedAt"] == "2024-03-01T12:01:00Z"
    rest = mock.get(f"/customers/{created['id']}.json").json()["customer"]
    assert rest["note"] == "from graphql" and rest["tags"] == "a"


def test_graphql_order_counts_on_rest_customer_and_webhooks_match_rest(mock):
    mock.post("/webhooks.json", json={"webhook": {"topic": "customers/create", "address": "https://hooks.test/c"}})
    made = gql(mock, """mutation { customerCreate(input: {email: "bo@example.com", firstName: "Bo"}) {
        customer { id } userErrors { field message } } }""").json()["data"]["customerCreate"]
    assert made["userErrors"] == []
    mock.admin("POST", "/webhooks/deliver")
    url, raw, headers = mock.receiver.received[-1]
    payload = json.loads(raw)
    assert headers["X-Shopify-Topic"] == "customers/create"
    assert f"gid://shopify/Customer/{payload['id']}" == made["customer"]["id"]
    assert payload["email"] == "bo@example.com"  # the REST representation, as for a REST write

    order = gql(mock, """mutation($order: OrderCreateOrderInput!) { orderCreate(order: $order) {
        order { id name displayFinancialStatus displayFulfillmentStatus totalPriceSet { shopMoney { amount } }
                customer { id numberOfOrders } } userErrors { field message code } } }""",
                {"order": {"email": "bo@example.com", "financialStatus": "PAID", "lineItems": [
                    {"title": "Mug", "quantity": 2, "priceSet": {"shopMoney": {"amount": "7.50", "currencyCode": "USD"}}}],
                    "customer": {"toAssociate": {"id": made["customer"]["id"]}}}}).json()["data"]["orderCreate"]
    assert order["userErrors"] == []
    assert order["order"]["displayFinancialStatus"] == "PAID"
    assert order["order"]["displayFulfillmentStatus"] == "UNFULFILLED"
    assert order["order"]["totalPriceSet"]["shopMoney"]["amount"] == "15.0"
    assert order["order"]["customer"] == {"id": made["customer"]["id"], "numberOfOrders": "1"}
    order_id = int(order["order"]["id"].rsplit("/", 1)[1])
    rest = mock.get(f"/orders/{order_id}.json").json()["order"]
    assert rest["name"] == order["order"]["name"] and rest["total_price"] == "15.00"

    fo = gql(mock, """query($id: ID!) { order(id: $id) { fulfillmentOrders(first: 5) { nodes { id status
        lineItems(first: 5) { nodes { id remainingQuantity } } } } } }""",
             {"id": order["order"]["id"]}).json()["data"]["order"]["fulfillmentOrders"]["nodes"][0]
    assert fo["status"] == "OPEN" and fo["lineItems"]["nodes"][0]["remainingQuantity"] == 2
    done = gql(mock, """mutation($f: FulfillmentInput!) { fulfillmentCreate(fulfillment: $f) {
        fulfillment { status totalQuantity order { displayFulfillmentStatus } } userErrors { field message } } }""",
               {"f": {"lineItemsByFulfillmentOrder": [{"fulfillmentOrderId": fo["id"]}],
                      "trackingInfo": {"number": "1Z", "company": "UPS"}}}).json()["data"]["fulfillmentCreate"]
    assert done["userErrors"] == []
    assert done["fulfillment"]["status"] == "SUCCESS" and done["fulfillment"]["totalQuantity"] == 2
    assert done["fulfillment"]["order"]["displayFulfillmentStatus"] == "FULFILLED"
    assert mock.get(f"/orders/{order_id}.json").json()["order"]["fulfillment_status"] == "fulfilled"

    closed = gql(mock, """mutation($id: ID!) { orderClose(input: {id: $id}) { order { closed closedAt }
        userErrors { message } } }""", {"id": order["order"]["id"]}).json()["data"]["orderClose"]
    assert closed["order"]["closed"] is True
    cancelled = gql(mock, """mutation($id: ID!) { orderCancel(orderId: $id, reason: CUSTOMER, restock: true) {
        job { done } orderCancelUserErrors { field message code } } }""",
                    {"id": order["order"]["id"]}).json()["data"]["orderCancel"]
    assert cancelled["orderCancelUserErrors"] == [] and cancelled["job"]["done"] is True
    assert mock.get(f"/orders/{order_id}.json").json()["order"]["cancel_reason"] == "customer"


def test_user_errors_have_shopifys_shape(mock):
    gql(mock, 'mutation { customerCreate(input: {email: "dup@example.com"}) { userErrors { message } } }')
    taken = gql(mock, 'mutation { customerCreate(input: {email: "DUP@example.com"}) { customer { id } '
                      'userErrors { field message } } }').json()["data"]["customerCreate"]
    assert taken == {"customer": None, "userErrors": [{"field": ["email"], "message": "Email has already been taken"}]}
    missing = gql(mock, 'mutation { customerUpdate(input: {id: "gid://shopify/Customer/1", note: "x"}) { '
                        'userErrors { field message } } }').json()["data"]["customerUpdate"]
    assert missing["userErrors"] == [{"field": ["id"], "message": "Customer does not exist"}]
    blank = gql(mock, 'mutation { customerCreate(input: {note: "n"}) { userErrors { field message } } }')
    assert blank.json()["data"]["customerCreate"]["userErrors"] == [
        {"field": None, "message": "Customer must have a name, phone number or email address"}]


def test_customer_set_upserts_by_email_and_replaces_addresses(mock):
    query = """mutation($input: CustomerSetInput!, $identifier: CustomerSetIdentifiers) {
        customerSet(input: $input, identifier: $identifier) { customer { id firstName
          addressesV2(first: 5) { nodes { city } } } userErrors { field message code } } }"""
    first = gql(mock, query, {"identifier": {"email": "set@example.com"}, "input": {
        "firstName": "One", "addresses": [{"city": "Ottawa", "countryCode": "CA"}]}}).json()["data"]["customerSet"]
    assert first["userErrors"] == []
    second = gql(mock, query, {"identifier": {"email": "SET@example.com"}, "input": {
        "firstName": "Two", "addresses": [{"city": "Toronto", "countryCode": "CA"}]}}).json()["data"]["customerSet"]
    assert second["customer"]["id"] == first["customer"]["id"]
    assert second["customer"]["firstName"] == "Two"
    assert second["customer"]["addressesV2"]["nodes"] == [{"city": "Toronto"}]
    by_id = gql(mock, query, {"identifier": {"id": "gid://shopify/Customer/42"}, "input": {"firstName": "X"}})
    assert by_id.json()["data"]["customerSet"]["userErrors"] == [
        {"field": ["identifier", "id"], "message": "Customer does not exist", "code": "NOT_FOUND"}]
    mismatch = gql(mock, query, {"identifier": {"email": "a@example.com"}, "input": {"email": "b@example.com"}})
    assert mismatch.json()["data"]["customerSet"]["userErrors"][0]["code"] == "INPUT_MISMATCH"
    assert len(mock.get("/customers.json").json()["customers"]) == 1


def test_products_and_variants_through_both_transports(mock):
    made = gql(mock, """mutation($input: ProductSetInput!) { productSet(input: $input, synchronous: true) {
        product { id handle status variants(first: 5) { nodes { id title price sku } } }
        userErrors { field message code } } }""", {"input": {
        "title": "Board", "status": "ACTIVE", "productOptions": [{"name": "Size", "values": [{"name": "S"}, {"name": "M"}]}],
        "variants": [{"optionValues": [{"optionName": "Size", "name": "S"}], "price": "10.00", "sku": "B-S"},
                     {"optionValues": [{"optionName": "Size", "name": "M"}], "price": "12.00"}]}}).json()
    product = made["data"]["productSet"]["product"]
    assert product["handle"] == "board" and product["status"] == "ACTIVE"
    assert [(v["title"], v["price"]) for v in product["variants"]["nodes"]] == [("S", "10.00"), ("M", "12.00")]
    product_id = int(product["id"].rsplit("/", 1)[1])
    rest = mock.get(f"/products/{product_id}.json").json()["product"]
    assert [v["sku"] for v in rest["variants"]] == ["B-S", None]
    again = gql(mock, """mutation($input: ProductSetInput!, $id: ProductSetIdentifiers) {
        productSet(input: $input, identifier: $id) { product { variants(first: 5) { nodes { title } } } } }""",
                {"id": {"id": product["id"]}, "input": {"title": "Board", "productOptions": [
                    {"name": "Size", "values": [{"name": "L"}]}], "variants": [
                    {"optionValues": [{"optionName": "Size", "name": "L"}], "price": "15.00"}]}}).json()
    assert again["data"]["productSet"]["product"]["variants"]["nodes"] == [{"title": "L"}]
    variant = gql(mock, "query($q: String) { productVariants(first: 5, query: $q) { nodes { product { id } } } }",
                  {"q": f"product_id:{product_id}"}).json()["data"]["productVariants"]["nodes"]
    assert variant == [{"product": {"id": product["id"]}}]
    deleted = gql(mock, "mutation($id: ID!) { productDelete(input: {id: $id}) { deletedProductId } }",
                  {"id": product["id"]}).json()["data"]["productDelete"]
    assert deleted["deletedProductId"] == product["id"]
    assert mock.get(f"/products/{product_id}.json").status_code == 404
    events = gql(mock, "{ deletionEvents(first: 5, subjectTypes: [PRODUCT]) { nodes { subjectId subjectType } } }")
    assert events.json()["data"]["deletionEvents"]["nodes"] == [{"subjectId": product["id"], "subjectType": "PRODUCT"}]


def test_node_and_nodes_resolve_every_served_kind(mock):
    customer = mock.post("/customers.json", json={"customer": {"email": "n@example.com"}}).json()["customer"]
    product = mock.post("/products.json", json={"product": {"title": "Hat"}}).json()["product"]
    ids = [f"gid://shopify/Customer/{customer['id']}", f"gid://shopify/Product/{product['id']}",
           "gid://shopify/Customer/999", "not-a-gid"]
    body = gql(mock, """query($ids: [ID!]!) { nodes(ids: $ids) { __typename id
        ... on Customer { email } ... on Product { title } } }""", {"ids": ids}).json()
    assert body["data"]["nodes"] == [
        {"__typename": "Customer", "id": ids[0], "email": "n@example.com"},
        {"__typename": "Product", "id": ids[1], "title": "Hat"}, None, None]


def test_webhook_subscription_with_uri_delivers_rest_payloads(mock):
    made = gql(mock, """mutation { webhookSubscriptionCreate(topic: CUSTOMERS_UPDATE, webhookSubscription: {
        uri: "https://hooks.test/u", format: JSON}) { webhookSubscription { id topic uri format apiVersion { handle } }
        userErrors { field message } } }""").json()["data"]["webhookSubscriptionCreate"]
    hook = made["webhookSubscription"]
    assert made["userErrors"] == [] and hook["topic"] == "CUSTOMERS_UPDATE" and hook["uri"] == "https://hooks.test/u"
    assert hook["apiVersion"]["handle"] == "2026-10"
    rest_hooks = mock.get("/webhooks.json").json()["webhooks"]
    assert [(h["topic"], h["address"]) for h in rest_hooks] == [("customers/update", "https://hooks.test/u")]
    customer = mock.post("/customers.json", json={"customer": {"email": "w@example.com"}}).json()["customer"]
    mock.put(f"/customers/{customer['id']}.json", json={"customer": {"note": "hi"}})
    mock.admin("POST", "/webhooks/deliver")
    url, raw, headers = mock.receiver.received[-1]
    assert url == "https://hooks.test/u" and json.loads(raw)["note"] == "hi"
    duplicate = gql(mock, """mutation { webhookSubscriptionCreate(topic: CUSTOMERS_UPDATE, webhookSubscription: {
        uri: "https://hooks.test/u"}) { userErrors { field message } } }""").json()
    assert duplicate["data"]["webhookSubscriptionCreate"]["userErrors"] == [
        {"field": ["webhookSubscription", "uri"], "message": "Address for this topic has already been taken"}]
    listed = gql(mock, "{ webhookSubscriptions(first: 5, topics: [CUSTOMERS_UPDATE]) { nodes { id } } }").json()
    assert listed["data"]["webhookSubscriptions"]["nodes"] == [{"id": hook["id"]}]
    gone = gql(mock, "mutation($id: ID!) { webhookSubscriptionDelete(id: $id) { deletedWebhookSubscriptionId } }",
               {"id": hook["id"]}).json()["data"]["webhookSubscriptionDelete"]
    assert gone["deletedWebhookSubscriptionId"] == hook["id"] and mock.get("/webhooks.json").json()["webhooks"] == []
