"""Bulk query operations on the simulated clock: a 10k-customer export with nested orders equals what
paging returns; the JSONL file, counts, the ``bulk_operations/finish`` webhook, limits and cancelling."""

from __future__ import annotations

import json

from tests.shopify.graphql.conftest import local

RUN = """mutation($q: String!) { bulkOperationRunQuery(query: $q) {
  bulkOperation { id status url objectCount } userErrors { field message code } } }"""
STATUS = """query($id: ID!) { bulkOperation(id: $id) { id status errorCode objectCount rootObjectCount fileSize url
  createdAt completedAt type query } }"""
EXPORT = "{ customers { edges { node { id email orders { edges { node { id name } } } } } } }"
PAGE = """query($after: String) { customers(first: 100, after: $after) { pageInfo { hasNextPage endCursor }
  nodes { id email orders(first: 5) { nodes { id name } } } } }"""


def _download(shop, url: str) -> list[dict]:
    path = url.split("://", 1)[1].split("/", 1)[1]
    response = shop.app.test_client().get("/" + path)
    assert response.status_code == 200 and response.mimetype == "application/jsonl"
    return [json.loads(line) for line in response.get_data().splitlines()]


def test_bulk_export_of_10k_customers_with_orders_equals_the_paged_result():
    shop = local()
    store = shop.shop
    for n in range(10_000):
        customer = store.create_customer({"email": f"bulk{n}@example.com"}, emit=False)
        if n % 2 == 0:
            store.create_order({"line_items": [{"title": "Tea", "price": "4.00", "quantity": 1}],
                                "customer": {"id": customer.id}})
    started = shop.data(RUN, {"q": EXPORT})["bulkOperationRunQuery"]
    assert started["userErrors"] == [] and started["bulkOperation"]["status"] == "RUNNING"
    op_id = started["bulkOperation"]["id"]
    assert shop.data(STATUS, {"id": op_id})["bulkOperation"]["status"] == "RUNNING"  # the clock has not moved

    shop.clock.advance(1)
    op = shop.data(STATUS, {"id": op_id})["bulkOperation"]
    assert op["status"] == "COMPLETED" and op["errorCode"] is None and op["type"] == "QUERY"
    assert op["objectCount"] == str(15_000) and op["rootObjectCount"] == str(10_000)
    lines = _download(shop, op["url"])
    assert len(lines) == 15_000 and int(op["fileSize"]) > 0

    paged_customers, paged_orders, after = [], [], None
    while True:
        page = shop.data(PAGE, {"after": after})["customers"]
        for node in page["nodes"]:
            paged_customers.append({"id": node["id"], "email": node["email"]})
            paged_orders += [{**o, "__parentId": node["id"]} for o in node["orders"]["nodes"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
        shop.clock.advance(10)  # let the cost bucket restore
    assert [line for line in lines if "__parentId" not in line] == paged_customers
    assert [line for line in lines if "__parentId" in line] == paged_orders
    parents = {line["id"] for line in lines if "__parentId" not in line}
    assert all(line["__parentId"] in parents for line in lines if "__parentId" in line)


def test_finish_webhook_current_operation_and_nodes_in_jsonl_order():
    received = []
    shop = local(webhook_transport=lambda url, body, headers, timeout: received.append((url, body, headers)) or 200)
    shop.data("""mutation { webhookSubscriptionCreate(topic: BULK_OPERATIONS_FINISH,
        webhookSubscription: {uri: "https://hooks.test/bulk"}) { userErrors { message } } }""")
    for n in range(3):
        shop.shop.create_customer({"email": f"c{n}@example.com", "addresses": [{"city": f"City{n}"}]})
    op = shop.data(RUN, {"q": "{ customers(first: 2) { nodes { id addressesV2 { nodes { city } } } } }"})
    op_id = op["bulkOperationRunQuery"]["bulkOperation"]["id"]
    shop.clock.advance(1)
    client = shop.app.test_client()
    assert client.post("/__admin/webhooks/deliver").get_json()["count"] == 1  # the delivery pass finishes it
    url, body, headers = received[-1]
    payload = json.loads(body)
    assert headers["X-Shopify-Topic"] == "bulk_operations/finish"
    assert payload == {"admin_graphql_api_id": op_id, "completed_at": "2026-12-01T10:00:01Z",
                       "created_at": "2026-12-01T10:00:00Z", "error_code": None, "status": "completed", "type": "query"}
    current = shop.data("{ currentBulkOperation { id status objectCount } }")["currentBulkOperation"]
    assert current == {"id": op_id, "status": "COMPLETED", "objectCount": "6"}  # first: is ignored in bulk
    lines = _download(shop, shop.data(STATUS, {"id": op_id})["bulkOperation"]["url"])
    assert [sorted(line) for line in lines[:2]] == [["id"], ["__parentId", "city"]]
    listed = shop.data('{ bulkOperations(first: 5, query: "status:COMPLETED") { nodes { id } } }')
    assert listed["bulkOperations"]["nodes"] == [{"id": op_id}]


def test_at_most_five_running_queries_cancel_and_invalid_queries():
    shop = local()
    ids = [shop.data(RUN, {"q": EXPORT})["bulkOperationRunQuery"]["bulkOperation"]["id"] for _ in range(5)]
    sixth = shop.data(RUN, {"q": EXPORT})["bulkOperationRunQuery"]
    assert sixth["bulkOperation"] is None and sixth["userErrors"][0]["code"] == "LIMIT_REACHED"
    cancel = """mutation($id: ID!) { bulkOperationCancel(id: $id) { bulkOperation { status } userErrors { message } } }"""
    assert shop.data(cancel, {"id": ids[0]})["bulkOperationCancel"] == {"bulkOperation": {"status": "CANCELED"},
                                                                        "userErrors": []}
    assert shop.data(RUN, {"q": EXPORT})["bulkOperationRunQuery"]["userErrors"] == []
    again = shop.data(cancel, {"id": ids[0]})["bulkOperationCancel"]
    assert again["userErrors"] == [{"message": "A bulk operation cannot be canceled when it is canceled"}]
    for query in ("{ customers { edges { node { id } } ", "{ shop { name } }", "{ customers { nodes { nope } } }",
                  "mutation { customerCreate(input: {}) { userErrors { message } } }"):
        errors = shop.data(RUN, {"q": query})["bulkOperationRunQuery"]["userErrors"]
        assert len(errors) == 1 and errors[0]["code"] == "INVALID" and errors[0]["field"] == ["query"], query
    shop.clock.advance(1)
    done = shop.data('{ bulkOperations(first: 10, query: "status:COMPLETED") { nodes { objectCount url } } }')
    assert [n["objectCount"] for n in done["bulkOperations"]["nodes"]] == ["0"] * 5
    assert all(n["url"] is None for n in done["bulkOperations"]["nodes"])  # Shopify gives no file for no objects
