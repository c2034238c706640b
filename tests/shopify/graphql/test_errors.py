"""Errors as Shopify gives them: HTTP-level (401, 400, 415), GraphQL-level with 200 (syntax, unknown fields,
arguments, access scopes), and never a 500 for any query the schema allows or any text at all."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_graphql import Mode, from_schema, mutations, queries

from mocks.shopify.config import TokenGrant
from mocks.shopify.graphql.schema import sdl_text
from tests.shopify.graphql.conftest import VERSION, local

EXAMPLES = int(os.environ.get("SHOPHUB_FUZZ_EXAMPLES", "15"))
PATH = f"/admin/api/{VERSION}/graphql.json"


def test_http_level_errors():
    shop = local()
    client = shop.app.test_client()
    bad = client.post(PATH, json={"query": "{ shop { id } }"}, headers={"X-Shopify-Access-Token": "nope"})
    assert bad.status_code == 401
    assert bad.get_json() == {"errors": "[API] Invalid API key or access token (unrecognized login or wrong password)"}
    headers = {"X-Shopify-Access-Token": shop.token}
    for body in ({}, {"query": ""}, {"query": 5}, [1]):
        missing = client.post(PATH, json=body, headers=headers)
        assert missing.status_code == 400
        assert missing.get_json() == {"errors": {"query": "Required parameter missing or invalid"}}
    assert client.post(PATH, data="{", headers={**headers, "Content-Type": "application/json"}).status_code == 400
    assert client.post(PATH, data="x", headers={**headers, "Content-Type": "text/plain"}).status_code == 415
    raw = client.post(PATH, data="{ shop { name } }", headers={**headers, "Content-Type": "application/graphql"})
    assert raw.status_code == 200 and raw.get_json()["data"]["shop"]["name"] == "Harness Shop"
    assert client.get(PATH, headers=headers).status_code == 404


def test_graphql_errors_come_with_200():
    shop = local()
    unknown = shop.run("{ shop { nope } }")
    assert unknown == {"errors": [{"message": "Field 'nope' doesn't exist on type 'Shop'",
                                   "locations": [{"line": 1, "column": 10}],
                                   "extensions": {"code": "undefinedField", "typeName": "Shop", "fieldName": "nope"}}]}
    syntax = shop.run("{ shop { ")
    assert syntax["errors"][0]["locations"] == [{"line": 1, "column": 10}] and "data" not in syntax
    missing = shop.run("{ customer { id } }")
    assert missing["errors"][0]["extensions"] == {"code": "missingRequiredArguments", "className": "Field",
                                                  "name": "customer", "arguments": "id"}
    wrong_type = shop.run("query($id: ID!) { customer(id: $id) { id } }", {"id": None})
    assert "errors" in wrong_type and "data" not in wrong_type
    two = shop.run("query A { shop { id } } query B { shop { name } }")
    assert two["errors"] == [{"message": "An operation name is required"}]


def test_access_scopes():
    shop = local(tokens=[TokenGrant("reader", scopes=("read_products",))])
    denied = shop.run("{ customers(first: 1) { nodes { id } } }", token="reader")
    assert denied["data"] is None
    assert denied["errors"][0]["message"] == ("Access denied for customers field. Required access: "
                                              "`read_customers` access scope.")
    assert denied["errors"][0]["extensions"] == {"code": "ACCESS_DENIED",
                                                 "documentation": "https://shopify.dev/api/usage/access-scopes",
                                                 "requiredAccess": "`read_customers` access scope."}
    assert denied["errors"][0]["path"] == ["customers"]
    create = shop.run('mutation { productCreate(product: {title: "x"}) { product { id } } }', token="reader")
    assert create["data"] == {"productCreate": None}
    assert create["errors"][0]["extensions"]["requiredAccess"] == "`write_products` access scope."
    assert shop.data("{ products(first: 1) { nodes { id } } }", token="reader") == {"products": {"nodes": []}}


def test_each_distinct_query_text_is_parsed_and_validated_once():
    shop = local()
    runtime = shop.app.extensions["graphql"]
    for n in range(5):
        shop.run("query($q: String) { customers(first: 5, query: $q) { nodes { id } } }", {"q": f"id:>{n}"})
    shop.run("{ shop { id } }")
    assert runtime.parses == 2


@pytest.fixture(scope="module")
def fuzz_shop():
    shop = local(rate_limit=False, graphql_bucket_size=1e12, graphql_restore_rate=1e9)
    shop.shop.create_customer({"email": "f@example.com", "first_name": "F"})
    shop.shop.create_order({"email": "f@example.com", "line_items": [{"title": "T", "price": "1.00"}]})
    return shop


def _check(shop, query: str) -> None:
    response = shop.post(query)
    assert response.status_code == 200, (query, response.get_data(as_text=True))
    body = response.get_json()
    assert set(body) <= {"data", "errors", "extensions"} and ("data" in body or body.get("errors"))
    for error in body.get("errors", []):
        assert isinstance(error["message"], str) and error["message"]


SCALARS = {"DateTime": st.just("2026-01-01T00:00:00Z").map(lambda v: __import__("graphql").StringValueNode(value=v)),
           "Decimal": st.just("1.5").map(lambda v: __import__("graphql").StringValueNode(value=v)),
           "Money": st.just("2.00").map(lambda v: __import__("graphql").StringValueNode(value=v)),
           "URL": st.just("https://hooks.test/x").map(lambda v: __import__("graphql").StringValueNode(value=v)),
           "UnsignedInt64": st.just("1").map(lambda v: __import__("graphql").StringValueNode(value=v)),
           "HTML": st.just("<p>x</p>").map(lambda v: __import__("graphql").StringValueNode(value=v)),
           "JSON": st.just("{}").map(lambda v: __import__("graphql").StringValueNode(value=v))}
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)


@FUZZ
@given(query=queries(sdl_text(), custom_scalars=SCALARS))
def test_any_valid_query_is_answered_without_a_500(fuzz_shop, query):
    _check(fuzz_shop, query)


@FUZZ
@given(query=mutations(sdl_text(), custom_scalars=SCALARS))
def test_any_valid_mutation_is_answered_without_a_500(fuzz_shop, query):
    _check(fuzz_shop, query)


@FUZZ
@given(query=from_schema(sdl_text(), custom_scalars=SCALARS, mode=Mode.NEGATIVE))
def test_any_invalid_document_is_answered_without_a_500(fuzz_shop, query):
    _check(fuzz_shop, query)


@FUZZ
@given(query=st.text(max_size=200))
def test_any_text_is_answered_without_a_500(fuzz_shop, query):
    if query.strip():
        _check(fuzz_shop, query)
