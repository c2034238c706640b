"""Unit tests of the OpenAPI route enumeration used by the security tests and the probes."""

from __future__ import annotations

from tests.fidelity.routes import credential_kind, routes, sample_value

SPEC = {
    "openapi": "3.0.3",
    "security": [{"bearer": []}],
    "components": {
        "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"},
                            "hapikey": {"type": "apiKey", "in": "query", "name": "hapikey"}},
        "parameters": {"Version": {"name": "api_version", "in": "path", "required": True,
                                   "schema": {"type": "string", "enum": ["2024-10"]}}},
    },
    "paths": {
        "/admin/api/{api_version}/customers/{id}.json": {
            "parameters": [{"$ref": "#/components/parameters/Version"}],
            "get": {"operationId": "getCustomer",
                    "parameters": [{"name": "id", "in": "path", "schema": {"type": "integer"}}]},
            "delete": {"parameters": [{"name": "id", "in": "path", "schema": {"type": "integer", "example": 7}}]},
        },
        "/webhooks/v3/{appId}/settings": {
            "get": {"security": [{"hapikey": []}],
                    "parameters": [{"name": "appId", "in": "path", "schema": {"type": "integer", "default": 5}}]},
        },
        "/openapi.json": {"get": {"security": []}},
    },
}


def test_routes_fill_parameters_and_name_the_credential():
    found = [(r.method, r.path, r.credential, r.operation_id) for r in routes(SPEC)]
    assert found == [
        ("GET", "/admin/api/2024-10/customers/1001.json", "header", "getCustomer"),
        ("DELETE", "/admin/api/2024-10/customers/7.json", "header", ""),
        ("GET", "/webhooks/v3/5/settings", "query", ""),
        ("GET", "/openapi.json", "none", ""),
    ]


def test_sample_value_prefers_examples_then_enum_then_an_id():
    assert sample_value(SPEC, {"name": "x", "in": "path", "example": "abc"}) == "abc"
    assert sample_value(SPEC, {"name": "x", "in": "path", "schema": {"enum": ["a", "b"]}}) == "a"
    assert sample_value(SPEC, {"name": "x", "in": "path", "examples": {"one": {"value": 3}}}) == "3"
    assert sample_value(SPEC, {"name": "x", "in": "path", "schema": {"type": "string"}}) == "1001"


def test_credential_kind_of_anonymous_optional_and_header_schemes():
    assert credential_kind(SPEC, {"security": [{}, {"bearer": []}]}) == "none"
    assert credential_kind({"paths": {}}, {}) == "none"
    assert credential_kind(SPEC, {}) == "header"
    assert (routes(SPEC).__next__().label) == "GET /admin/api/{api_version}/customers/{id}.json"
