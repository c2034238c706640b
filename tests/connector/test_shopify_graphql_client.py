"""The connector's GraphQL Admin client against the mock: data, userErrors, cost pacing on the clock."""

from __future__ import annotations

import pytest
import requests

from connector.clients.shopify_graphql import ShopifyGraphQL
from connector.errors import ShopifyError
from mocks.core.clock import Clock
from mocks.harness import MockPair
from mocks.shopify import DEFAULT_TOKEN, ShopifyConfig

CREATE = """mutation($input: CustomerInput!) { customerCreate(input: $input) {
  customer { id email } userErrors { field message } } }"""
PAGE = "query($after: String) { customers(first: 250, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } }"


def client(world, **kw) -> ShopifyGraphQL:
    return ShopifyGraphQL(world.shopify_url, DEFAULT_TOKEN, sleep=world.sleep, **kw)


def test_query_and_mutation_round_trip(world):
    gql = client(world)
    made = gql.mutate(CREATE, {"input": {"email": "ada@example.com", "firstName": "Ada"}}, "customerCreate")
    assert made["customer"]["id"].startswith("gid://shopify/Customer/")
    data = gql.execute(PAGE, {"after": None}, operation="customers")
    assert [n["id"] for n in data["customers"]["nodes"]] == [made["customer"]["id"]]
    assert gql.cost.maximum == 2000 and gql.cost.restore_rate == 100
    assert gql.api_version == "2026-10"


def test_user_errors_and_graphql_errors_raise(world):
    gql = client(world)
    gql.mutate(CREATE, {"input": {"email": "ada@example.com"}}, "customerCreate")
    with pytest.raises(ShopifyError, match="taken"):
        gql.mutate(CREATE, {"input": {"email": "ada@example.com"}}, "customerCreate")
    with pytest.raises(ShopifyError, match="customerz|Field"):
        gql.execute("{ customerz { id } }")


def test_pacing_waits_for_the_bucket_instead_of_being_throttled():
    pair = MockPair.start(Clock.simulated("2024-01-15T12:00:00Z"),
                          shopify=ShopifyConfig(rate_limit=False, graphql_bucket_size=1000,
                                                        graphql_restore_rate=50))
    try:
        pace_through(pair)
    finally:
        pair.close()


def pace_through(pair: MockPair) -> None:
    gql = ShopifyGraphQL(pair.shopify_url, DEFAULT_TOKEN, sleep=pair.clock.advance)
    with requests.Session() as http:
        for n in range(250):  # a full page costs ~250 points: four pages empty the 1000-point bucket
            http.post(f"{pair.shopify_url}/admin/api/2026-10/customers.json", timeout=10,
                      json={"customer": {"email": f"c{n}@example.com"}},
                      headers={"X-Shopify-Access-Token": DEFAULT_TOKEN}).raise_for_status()
    for _ in range(12):
        gql.execute(PAGE, {"after": None}, operation="customers")
    assert gql.throttled == 0
    assert gql.stats.slept > 0  # waited on the simulated clock, never a THROTTLED answer
