"""The compiled variable and argument plans (``mocks/shopify/graphql/coerce.py``) give exactly what
graphql-core's ``get_variable_values`` / ``get_argument_values`` give, errors included (by handing the
request back to them), and they do take the common case themselves."""

from __future__ import annotations

import random

import pytest
from graphql import GraphQLError, get_operation_ast, parse
from graphql.execution.values import VariableValues, get_argument_values, get_variable_values

from mocks.shopify.graphql import coerce
from mocks.shopify.graphql.coerce import VariablePlan, argument_values
from tests.shopify.graphql.conftest import local

OPERATIONS = {
    "upsert": "mutation($in: CustomerSetInput!, $id: CustomerSetIdentifiers) { customerSet(input: $in, "
              "identifier: $id) { customer { id } } }",
    "create": "mutation($c: CustomerInput!) { customerCreate(input: $c) { customer { id } } }",
    "product": "mutation($p: ProductSetInput!, $sync: Boolean) { productSet(input: $p, synchronous: $sync) "
               "{ product { id } } }",
    "page": "query($n: Int, $after: String, $q: String, $key: CustomerSortKeys, $rev: Boolean) "
            "{ customers(first: $n, after: $after, query: $q, sortKey: $key, reverse: $rev) { nodes { id } } }",
    "nodes": "query($ids: [ID!]!) { nodes(ids: $ids) { id } }",
    "defaulted": "query($n: Int = 3) { customers(first: $n) { nodes { id } } }",
    "literal": 'query($q: String) { customers(first: 2, query: $q) { nodes { id } } }',
}
ADDRESS = {"address1": "1 Main", "city": "Ottawa", "countryCode": "CA", "provinceCode": "ON", "zip": "K1A"}
VALID = {
    "upsert": [{"in": {"firstName": "A"}, "id": {"email": "a@example.com"}},
               {"in": {"firstName": "A", "tags": ["x", "y"], "addresses": [ADDRESS], "taxExempt": True,
                       "taxExemptions": ["CA_STATUS_CARD_EXEMPTION"]}},
               {"in": {"tags": "one"}, "id": None}],
    "create": [{"c": {"email": "c@example.com", "emailMarketingConsent": {"marketingState": "SUBSCRIBED"}}},
               {"c": {"note": None, "tags": []}}],
    "product": [{"p": {"title": "Hat", "status": "ACTIVE", "tags": ["a"]}, "sync": True}, {"p": {}}],
    "page": [{"n": 5, "after": None, "q": "email:a*", "key": "UPDATED_AT", "rev": False}, {}, {"n": 250}],
    "nodes": [{"ids": ["gid://shopify/Customer/1", "gid://shopify/Customer/2"]}, {"ids": "gid://shopify/Customer/1"},
              {"ids": []}],
    "literal": [{"q": None}, {}],
}
INVALID = {
    "upsert": [{}, {"in": None}, {"in": {"firstName": 5}}, {"in": {"unknown": 1}}, {"in": "text"},
               {"in": {"tags": [None]}}, {"in": {"addresses": [{"countryCode": "NOWHERE"}]}},
               {"in": {}, "id": {"email": ["a", "b"]}}, {"in": {"taxExempt": "yes"}}],
    "create": [{"c": []}, {"c": {"emailMarketingConsent": {"marketingState": "MAYBE"}}}],
    "product": [{"p": {"status": "GONE"}}, {"p": {}, "sync": "true"}],
    "page": [{"n": "5"}, {"n": 1.5}, {"key": "NOPE"}, {"n": 2**40}],
    "nodes": [{"ids": [None]}, {"ids": None}, {}, {"ids": [1, {"a": 1}]}],
    "defaulted": [{}, {"n": 2}],
}


@pytest.fixture(scope="module")
def schema():
    return local(rate_limit=False).app.extensions["graphql"].schema


def _same(fast: object, slow: object) -> None:
    if isinstance(slow, list):
        assert isinstance(fast, list) and [e.message for e in fast] == [e.message for e in slow]
    else:
        assert isinstance(fast, VariableValues) and fast.coerced == slow.coerced
        assert _sources(fast) == _sources(slow)


def _sources(values: VariableValues) -> dict:
    """The sources, with each variable's type by name (graphql-core wraps it anew for each request)."""
    return {name: (source.signature.name, str(source.signature.type), source.signature.default, source.value)
            for name, source in values.sources.items()}


def test_plans_coerce_variables_as_graphql_core_does(schema, monkeypatch: pytest.MonkeyPatch):
    handed_back = []
    real = coerce.get_variable_values
    monkeypatch.setattr(coerce, "get_variable_values", lambda *a, **k: handed_back.append(a) or real(*a, **k))
    for name, text in OPERATIONS.items():
        operation = get_operation_ast(parse(text), None)
        plan = VariablePlan(schema, operation)
        for variables in VALID.get(name, []) + INVALID.get(name, []):
            handed_back.clear()
            _same(plan.coerce(variables), real(schema, operation.variable_definitions, variables))
            if variables in VALID.get(name, []) and name != "defaulted":
                assert handed_back == [], (name, variables)  # the plan answered itself
    assert VariablePlan(schema, get_operation_ast(parse(OPERATIONS["defaulted"]), None)).entries is None


def _random_value(rng: random.Random, depth: int = 0) -> object:
    choice = rng.randrange(9 if depth < 3 else 6)
    if choice == 0:
        return None
    if choice == 1:
        return rng.choice(["", "x", "ACTIVE", "CA", "a@example.com", "gid://shopify/Customer/1"])
    if choice == 2:
        return rng.choice([0, 1, -3, 2**31, 2**40])
    if choice == 3:
        return rng.choice([True, False])
    if choice == 4:
        return rng.choice([1.5, 2.0])
    if choice == 5:
        return rng.choice(["SUBSCRIBED", "UPDATED_AT", "DRAFT"])
    if choice == 6:
        return [_random_value(rng, depth + 1) for _ in range(rng.randrange(3))]
    keys = ["firstName", "email", "tags", "addresses", "countryCode", "city", "title", "status", "unknown",
            "marketingState", "emailMarketingConsent", "taxExempt"]
    return {rng.choice(keys): _random_value(rng, depth + 1) for _ in range(rng.randrange(4))}


def test_random_variables_coerce_as_graphql_core_does(schema):
    rng = random.Random(16)
    for name, text in OPERATIONS.items():
        operation = get_operation_ast(parse(text), None)
        plan = VariablePlan(schema, operation)
        names = [d.variable.name.value for d in operation.variable_definitions]
        for _ in range(300):
            variables = {n: _random_value(rng) for n in names if rng.random() < 0.8}
            for n in names:  # mostly well-shaped inputs, mutated
                if n in variables and rng.random() < 0.5 and VALID.get(name):
                    variables[n] = rng.choice(VALID[name]).get(n, variables[n])
            _same(plan.coerce(variables), get_variable_values(schema, operation.variable_definitions, variables))


def test_argument_plans_answer_as_graphql_core(schema):
    text = OPERATIONS["upsert"]
    document = parse(text)
    operation = get_operation_ast(document, None)
    field = operation.selection_set.selections[0]
    definition = schema.mutation_type.fields["customerSet"]
    cache: dict = {}
    for variables in ({"in": {"firstName": "A"}, "id": {"email": "a@example.com"}}, {"in": {"firstName": "A"}},
                      {"in": {"firstName": "A"}, "id": None}):
        values = get_variable_values(schema, operation.variable_definitions, variables)
        assert argument_values(cache, definition, field, values) == get_argument_values(definition, field, values)
    # a null for a non-null argument: graphql-core's own error, raised alike
    values = VariableValues({}, {"in": None})
    with pytest.raises(GraphQLError) as slow:
        get_argument_values(definition, field, values)
    with pytest.raises(GraphQLError) as fast:
        argument_values(cache, definition, field, values)
    assert fast.value.message == slow.value.message
    literal = parse('mutation { customerSet(input: {firstName: "L"}) { customer { id } } }')
    node = get_operation_ast(literal, None).selection_set.selections[0]
    assert argument_values(cache, definition, node, VariableValues({}, {})) == \
        get_argument_values(definition, node, VariableValues({}, {}))
