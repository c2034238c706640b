"""The lean executor (``mocks/shopify/graphql/fast.py``) answers exactly as graphql-core does, and
counts the same actual cost as the cost model, for any query the schema allows (or leaves it to
graphql-core); for mutations, the endpoint (lean executor, graphql-core replaying what it already ran)
answers and changes the store exactly as graphql-core alone does."""

from __future__ import annotations

import json
import os

import pytest
from graphql import execute_sync, get_operation_ast, parse, validate
from hypothesis import HealthCheck, given, settings
from hypothesis_graphql import mutations, queries

from mocks.shopify import DEFAULT_TOKEN
from mocks.shopify.config import TokenGrant
from mocks.shopify.graphql.context import Context
from mocks.shopify.graphql.cost import CostModel
from mocks.shopify.graphql.errors import format_error
from mocks.shopify.graphql.fast import execute_query
from mocks.shopify.graphql.schema import sdl_text
from tests.shopify.graphql.conftest import local
from tests.shopify.graphql.test_errors import SCALARS

EXAMPLES = int(os.environ.get("SHOPHUB_FUZZ_EXAMPLES", "15"))


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


# -- mutations: the lean executor runs each root field once; graphql-core finishes from a replay ---------

STATE = ("{ customers(first: 50) { nodes { id email phone firstName lastName note tags numberOfOrders "
         "addresses { city } } } products(first: 50) { nodes { id title handle variants(first: 5) "
         "{ nodes { price } } } } orders(first: 50) { nodes { id name displayFulfillmentStatus } } "
         "webhookSubscriptions(first: 50) { nodes { id topic uri } } }")
LIMITED = TokenGrant("limited", scopes=("read_customers", "write_customers", "read_products", "read_orders"))


def _twin() -> tuple:
    """A fresh shop seeded the same way every time (ids and the simulated clock included)."""
    shop = local(rate_limit=False, tokens=[TokenGrant(DEFAULT_TOKEN), LIMITED])
    store = shop.shop
    customer = store.create_customer({"email": "f@example.com", "first_name": "F"})
    product = store.create_product({"title": "Hat", "variants": [{"option1": "S", "price": "2.00"}]})
    store.create_order({"customer": {"id": customer.id}, "line_items": [{"variant_id": product.variants[0].id}]})
    return shop, store


def _slow(shop, store, text: str, variables: dict | None, token: str) -> dict:
    """The answer of graphql-core alone (the mutation resolvers with nothing to replay run as they are)."""
    runtime = shop.app.extensions["graphql"]
    context = Context(store, shop.store.grant(token), "2026-10", "http://localhost", runtime.bulk)
    result = execute_sync(runtime.schema, parse(text), context_value=context, variable_values=variables)
    body: dict = {}
    if result.data is not None or any(e.path is not None for e in result.errors or ()):
        body["data"] = result.data  # as the endpoint: no data when nothing was executed
    if result.errors:
        body["errors"] = [format_error(e) for e in result.errors]
    return body


def _compare_mutation(text: str, variables: dict | None = None, token: str = DEFAULT_TOKEN, times: int = 1) -> dict:
    """The first answer; ``times`` > 1: the same text again on the same shops (from the kept plans)."""
    fast_shop, fast_store = _twin()
    slow_shop, slow_store = _twin()
    answers = []
    for _ in range(times):
        fast = fast_shop.run(text, variables, token=token)  # the endpoint: lean executor, replay when needed
        slow = _slow(slow_shop, slow_store, text, variables, token)
        assert {k: v for k, v in fast.items() if k != "extensions"} == slow, text
        answers.append(fast)
    assert _slow(fast_shop, fast_store, STATE, None, DEFAULT_TOKEN) == \
        _slow(slow_shop, slow_store, STATE, None, DEFAULT_TOKEN), text  # each mutation ran exactly once
    return answers[0]


def test_mutation_batches_answer_like_graphql_core():
    upsert = ("mutation($a: CustomerSetInput!, $i: CustomerSetIdentifiers) { m0: customerSet(input: $a, "
              "identifier: $i) { customer { id email firstName } userErrors { field message code } } "
              "m1: customerSet(input: {firstName: \"G\"}, identifier: {email: \"f@example.com\"}) "
              "{ customer { id firstName numberOfOrders } userErrors { field message code } } __typename }")
    body = _compare_mutation(upsert, {"a": {"firstName": "N"}, "i": {"email": "new@example.com"}}, times=2)
    assert body["data"]["m1"]["customer"]["firstName"] == "G"
    for text in (
        'mutation { a: customerCreate(input: {email: "bad"}) { customer { id } userErrors { field message } } '
        'b: customerCreate(input: {email: "f@example.com"}) { userErrors { field message } } '
        'c: customerUpdate(input: {id: "gid://shopify/Customer/1", note: "x"}) { userErrors { field message } } '
        'd: customerSet(input: {}, identifier: {email: "a@x.io", phone: "+16135550100"}) '
        '{ userErrors { field message code } } }',
        'mutation { productCreate(product: {title: "Cap"}) { product { id title variants(first: 1) '
        '{ nodes { price } } } userErrors { field message } } webhookSubscriptionCreate(topic: ORDERS_CREATE, '
        'webhookSubscription: {uri: "https://hooks.test/o"}) { webhookSubscription { id topic } '
        'userErrors { field message } } }',
        'mutation M { ...F } fragment F on Mutation { customerCreate(input: {email: "frag@example.com"}) '
        '{ customer { ... on Customer { id } } } }',
    ):
        _compare_mutation(text)


def test_a_refused_field_is_replayed_not_rerun():
    """The token may write customers but not products: the second field raises ACCESS_DENIED, so
    graphql-core finishes the request; the first customer is created once, the third after it."""
    text = ('mutation { a: customerCreate(input: {email: "one@example.com"}) { customer { id } } '
            'b: productCreate(product: {title: "x"}) { product { id } } '
            'c: customerCreate(input: {email: "two@example.com"}) { customer { id email } } }')
    body = _compare_mutation(text, token="limited", times=2)
    assert body["data"]["b"] is None and body["data"]["c"]["customer"]["email"] == "two@example.com"
    assert body["errors"][0]["path"] == ["b"]
    _compare_mutation('mutation($v: CustomerInput!) { customerCreate(input: $v) { customer { id } } }',
                      {"v": {"email": 5}})  # invalid variables: nothing runs, graphql-core reports them


@settings(max_examples=max(EXAMPLES // 2, 1), deadline=None, suppress_health_check=list(HealthCheck),
          derandomize=True)  # two fresh shops per example
@given(text=mutations(sdl_text(), custom_scalars=SCALARS))
def test_generated_mutations(text):
    _compare_mutation(text)


def test_kept_records_are_written_from_their_json_text_byte_for_byte():
    """A record completed for a selection keeps its JSON text; the next answer joins it instead of encoding
    the record again: the body is exactly what ``jsonify`` writes, and follows a change of the record."""
    shop = local(rate_limit=False)
    for i in range(4):
        shop.shop.create_customer({"email": f"k{i}@example.com", "first_name": "Zoë" if i % 2 else None,
                                   "note": 'quote " and \u2028', "addresses": [{"city": "Ottawa"}]})
    app = shop.app
    for text in (
        "{ customers(first: 250) { pageInfo { hasNextPage endCursor } nodes { id firstName note "
        "defaultEmailAddress { emailAddress } defaultAddress { city } } } }",
        "{ customers(first: 3) { edges { cursor node { id email } } } b: customers(last: 2) { nodes { id } } }",
        '{ nodes(ids: ["gid://shopify/Customer/6100000000001", "x"]) { id ... on Customer { email } } }',
        "{ customer(id: \"gid://shopify/Customer/6100000000002\") { id firstName } shop { name } }",
    ):
        answers = [shop.post(text).get_data(as_text=True) for _ in range(3)]  # plain, then kept text
        for answer in answers:
            with app.app_context():
                assert answer == app.json.dumps(json.loads(answer), separators=(",", ":")) + "\n"
        data = {json.dumps(json.loads(a)["data"]) for a in answers}
        assert len(data) == 1, text
    shop.shop.update_customer(6100000000001, {"note": "changed"})
    nodes = shop.data("{ customers(first: 250) { nodes { id note } } }")["customers"]["nodes"]
    assert nodes[0]["note"] == "changed" and nodes[1]["note"] == 'quote " and \u2028'
