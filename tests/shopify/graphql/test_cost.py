"""Cost-based throttling on the simulated clock: requested and actual cost, the bucket, THROTTLED,
MAX_COST_EXCEEDED, and the separation from REST's leaky bucket."""

from __future__ import annotations

from graphql import build_schema, parse

from mocks.shopify.graphql.cost import CostModel
from mocks.shopify.graphql.schema import sdl_text
from tests.shopify.graphql.conftest import local

PAGE = "{ customers(first: 100) { nodes { id defaultEmailAddress { emailAddress } } } }"


def _requested(query: str, variables: dict | None = None) -> int:
    schema = build_schema(sdl_text())
    document = parse(query)
    return CostModel(schema, document, document.definitions[0], variables).requested()


def test_requested_cost_follows_shopifys_rules():
    assert _requested("{ shop { name currencyCode } }") == 1  # an object 1, scalars 0
    assert _requested("{ customers(first: 250) { nodes { id } pageInfo { hasNextPage } } }") == 252
    assert _requested(PAGE) == 2 + 100 * 2  # each node 1 + its defaultEmailAddress object 1
    nested = "{ customers(first: 10) { edges { node { id orders(first: 5) { nodes { id } } } } } }"
    assert _requested(nested) == 2 + 10 * (1 + 2 + 5)
    assert _requested("query($n: Int) { products(first: $n) { nodes { title } } }", {"n": 20}) == 22
    assert _requested('mutation { customerCreate(input: {email: "a@b.co"}) { customer { id } } }') == 10
    fragment = "{ node(id: \"x\") { ... on Customer { defaultAddress { id } } ... on Order { customer { id } } } }"
    assert _requested(fragment) == 2  # the node 1, plus the dearer of the fragments


def test_extensions_cost_on_every_response_and_actual_cost_refunds():
    shop = local()
    for n in range(3):
        shop.shop.create_customer({"email": f"c{n}@example.com"})
    body = shop.run(PAGE)
    cost = body["extensions"]["cost"]
    assert cost["requestedQueryCost"] == 202 and cost["actualQueryCost"] == 2 + 3 * 2
    assert cost["throttleStatus"] == {"maximumAvailable": 2000.0, "currentlyAvailable": 2000 - 8, "restoreRate": 100.0}


def test_bucket_empties_then_throttles_and_restores_on_the_clock():
    shop = local(graphql_bucket_size=1000.0, graphql_restore_rate=50.0)
    query = "{ customers(first: 249) { nodes { id } } }"  # requested 251, actual 2 on an empty shop
    spend = "mutation { customerCreate(input: {note: \"x\"}) { userErrors { message } } }"  # 10
    for _ in range(99):
        assert "errors" not in shop.run(spend)
    assert shop.run(spend)["extensions"]["cost"]["throttleStatus"]["currentlyAvailable"] == 0
    throttled = shop.run(query)
    assert throttled == {"errors": [{"message": "Throttled", "extensions": {
        "code": "THROTTLED", "documentation": "https://shopify.dev/api/usage/rate-limits"}}],
        "extensions": {"cost": {"requestedQueryCost": 251, "actualQueryCost": None, "throttleStatus": {
            "maximumAvailable": 1000.0, "currentlyAvailable": 0, "restoreRate": 50.0}}}}
    shop.clock.advance(5)  # 250 points back: still one short
    assert shop.run(query)["errors"][0]["extensions"]["code"] == "THROTTLED"
    shop.clock.advance(0.02)
    ok = shop.run(query)
    assert "errors" not in ok and ok["extensions"]["cost"]["actualQueryCost"] == 2
    assert ok["extensions"]["cost"]["throttleStatus"]["currentlyAvailable"] == 249  # 251 - 251, then 249 refunded
    shop.clock.advance(3600)
    assert shop.run("{ shop { id } }")["extensions"]["cost"]["throttleStatus"]["currentlyAvailable"] == 999


def test_single_query_cap():
    shop = local()
    body = shop.run("{ customers(first: 250) { nodes { id orders(first: 10) { nodes { id } } } } }")
    assert "data" not in body
    error = body["errors"][0]
    assert error["extensions"]["code"] == "MAX_COST_EXCEEDED"
    assert error["extensions"]["cost"] == 2 + 250 * 13 and error["extensions"]["maxCost"] == 1000
    assert error["message"].startswith(f"Query cost is {2 + 250 * 13}, which exceeds the single query max cost limit (1000).")
    assert body["extensions"]["cost"]["throttleStatus"]["currentlyAvailable"] == 2000  # nothing spent


def test_graphql_and_rest_buckets_are_separate():
    shop = local()  # REST: 40 calls, 2/s
    client = shop.app.test_client()
    headers = {"X-Shopify-Access-Token": shop.token}
    for _ in range(60):
        assert "errors" not in shop.run("{ shop { id } }")
    rest = client.get("/admin/api/2026-10/shop.json", headers=headers)
    assert rest.status_code == 200 and rest.headers["X-Shopify-Shop-Api-Call-Limit"] == "1/40"
    for _ in range(40):
        client.get("/admin/api/2026-10/shop.json", headers=headers)
    assert client.get("/admin/api/2026-10/shop.json", headers=headers).status_code == 429
    body = shop.run("{ shop { id } }")
    assert "errors" not in body and body["extensions"]["cost"]["throttleStatus"]["currentlyAvailable"] == 2000 - 61
    assert "X-Shopify-Shop-Api-Call-Limit" not in shop.post("{ shop { id } }").headers
