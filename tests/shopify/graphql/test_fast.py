"""The lean query executor (``mocks/shopify/graphql/fast.py``) answers exactly as graphql-core does, and
counts the same actual cost as the cost model, for any query the schema allows (or leaves it to
graphql-core)."""

from __future__ import annotations

import os

import pytest
from graphql import execute_sync, get_operation_ast, parse, validate
from hypothesis import HealthCheck, given, settings
from hypothesis_graphql import queries

from mocks.shopify.graphql.context import Context
from mocks.shopify.graphql.cost import CostModel
from mocks.shopify.graphql.fast import execute_query
from mocks.shopify.graphql.schema import sdl_text
from tests.shopify.graphql.conftest import local
from tests.shopify.graphql.test_errors import SCALARS

EXAMPLES = int(os.environ.get("SHOPHUB_FUZZ_EXAMPLES", "25"))


@pytest.fixture(scope="module")
def seeded():
    shop = local(rate_limit=False)
    store = shop.shop
    customer = store.create_customer({"email": "f@example.com", "first_name": "F", "tags": "a, b",
                                      "addresses": [{"city": "Ottawa", "country": "CA"}]})
    store.create_customer({"phone": "+16135550100"})
    product = store.create_product({"title": "Hat", "variants": [{"option1": "S", "price": "2.00"}]})
    store.create_order({"customer": {"id": customer.id}, "line_items": [{"variant_id": product.variants[0].id}]})
    store.create_webhook({"topic": "orders/create", "address": "https://hooks.test/o"}, "2026-10")
    runtime = shop.app.extensions["graphql"]
    context = Context(store, shop.store.grant(shop.token), "2026-10", "http://mock", runtime.bulk)
    return runtime.schema, context


def _compare(schema, context, text: str) -> None:
    document = parse(text)
    if validate(schema, document):
        return
    operation = get_operation_ast(document, None)
    costs: list[int] = []
    fast = execute_query(schema, document, operation, None, context, costs)
    slow = execute_sync(schema, document, context_value=context)
    if fast is None:
        return  # left to graphql-core
    assert not slow.errors, (text, slow.errors)
    assert fast == slow.data, text
    assert costs == [CostModel(schema, document, operation, None).actual(slow.data)], text


def test_handwritten_queries(seeded):
    schema, context = seeded
    for text in (
        "{ customers(first: 5) { edges { cursor node { id ...C } } pageInfo { endCursor hasNextPage } } }"
        " fragment C on Customer { email defaultAddress { city } orders(first: 2) { nodes { name } } }",
        "{ a: customers(first: 1) { nodes { id } } b: customers(last: 1, reverse: true) { nodes { __typename id } } }",
        '{ nodes(ids: ["gid://shopify/Customer/6100000000001", "x"]) { id ... on Customer { tags } } }',
        "{ products(first: 2) { nodes { title variants(first: 3) { edges { node { price selectedOptions { value } } } } } } }",
        "{ orders(first: 2) { nodes { lineItems(first: 2) { nodes { variant { product { handle } } } } } } }",
        "{ webhookSubscriptions(first: 2) { nodes { topic uri apiVersion { handle } } } shop { name } }",
    ):
        _compare(schema, context, text)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(text=queries(sdl_text(), custom_scalars=SCALARS))
def test_generated_queries(seeded, text):
    schema, context = seeded
    _compare(schema, context, text)


def test_kept_customer_answers_follow_every_change_even_within_one_second():
    shop = local()  # the simulated clock never moves here: updated_at stays the same
    customer = shop.shop.create_customer({"email": "m@example.com", "note": "one"})
    query = "{ customers(first: 5) { nodes { id note numberOfOrders defaultAddress { city } } } }"
    assert shop.data(query)["customers"]["nodes"][0]["note"] == "one"
    shop.shop.update_customer(customer.id, {"note": "two", "addresses": [{"city": "Ottawa"}]})
    node = shop.data(query)["customers"]["nodes"][0]
    assert node["note"] == "two" and node["defaultAddress"] == {"city": "Ottawa"}
    shop.shop.create_order({"customer": {"id": customer.id}, "line_items": [{"title": "T", "price": "1.00"}]})
    assert shop.data(query)["customers"]["nodes"][0]["numberOfOrders"] == "1"
    shop.shop.create_customer({"email": "n@example.com"})
    assert len(shop.data(query)["customers"]["nodes"]) == 2
