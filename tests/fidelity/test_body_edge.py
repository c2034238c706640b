"""The body edge (mocks/core/body_schema.py): every operation with a JSON body refuses a body that breaks
its published schema structurally, in the service's own 4xx shape, lets a valid body through, and checks
against the very document ``/openapi.json`` serves (docs/fidelity.md, "Edge validation")."""

from __future__ import annotations

import json

import pytest
from flask import Flask

from mocks.core.body_schema import Violation, body_operations
from tests.fidelity.bodies import (
    WRONG,
    BodyOperation,
    Sampler,
    all_operations,
    break_points,
    compiled,
    headers_for,
    put,
)
from tests.fidelity.fuzz import hubspot_error_shape
from tests.fidelity.targets import HUBSPOT, SHOPIFY, Target

OPERATIONS = all_operations()


def _recording(app: Flask) -> list[Violation]:
    """Every violation the edge answers, recorded (the mock's own answer is still sent)."""
    edge, seen = app.extensions["body_edge"], []
    answer = edge.reject

    def record(violation: Violation):  # noqa: ANN202
        seen.append(violation)
        return answer(violation)

    edge.reject = record
    return seen


def _send(app: Flask, op: BodyOperation, body: object):  # noqa: ANN202
    client = app.test_client()
    headers, query = headers_for(op, client)
    return client.open(op.url, method=op.method, data=json.dumps(body), query_string=query,
                       headers={**headers, "Content-Type": "application/json"})


def _expected_shopify(op: BodyOperation, path: tuple) -> tuple[int, dict]:
    root = (op.schema.get("required") or [None])[0]
    if not path or path == (root,):
        return 400, {"errors": {root: "Required parameter missing or invalid"}}
    if len(path) == 1:
        return 400, {"errors": {path[0]: "Invalid value"}}
    return 422, {"errors": {path[1]: ["is invalid"]}}


def test_every_body_operation_of_both_mocks_is_covered():
    for target in (SHOPIFY, HUBSPOT):
        app = target.make_app()
        edge = app.extensions["body_edge"]
        published = {(t, m) for t, m, _ in body_operations(app.extensions["openapi"])}
        assert published and set(edge.validated().values()) == {t for t, _ in published}, target.name


@pytest.mark.parametrize("op", OPERATIONS, ids=lambda op: op.id)
def test_a_body_that_breaks_the_schema_gets_the_services_4xx(op: BodyOperation):
    app = op.target.make_app()
    seen = _recording(app)
    valid = Sampler(app.extensions["openapi"]).sample(op.schema)
    points = break_points(compiled(app, op))
    assert points, f"{op.id}: the schema states no kind, nothing is validated"
    for path, kind in points:
        seen.clear()
        answer = _send(app, op, put(valid, path, WRONG[kind]))
        assert [v.path for v in seen] == [path], (op.id, path, answer.status_code, answer.get_json())
        if op.target is SHOPIFY:
            assert (answer.status_code, answer.get_json()) == _expected_shopify(op, path)
        else:
            body = answer.get_json()
            assert answer.status_code == 400 and hubspot_error_shape(body), body
            assert body["category"] == "VALIDATION_ERROR" and body["errors"][0]["code"] == "INVALID_TYPE"
            assert body["errors"][0]["in"] == seen[0].where() and body["message"].startswith(
                f"Invalid input JSON: {seen[0].where()} must be "), body


@pytest.mark.parametrize("op", OPERATIONS, ids=lambda op: op.id)
def test_a_valid_body_passes_the_edge(op: BodyOperation):
    app = op.target.make_app()
    seen = _recording(app)
    answer = _send(app, op, Sampler(app.extensions["openapi"]).sample(op.schema))
    assert seen == [] and answer.status_code < 500, (answer.status_code, answer.get_json())


@pytest.mark.parametrize("target", [SHOPIFY, HUBSPOT], ids=lambda t: t.name)
def test_the_edge_checks_against_the_document_openapi_json_serves(target: Target):
    app = target.make_app()
    document, edge = app.extensions["openapi"], app.extensions["body_edge"]
    assert edge.document is document
    for (template, method), schema in edge.schemas.items():
        published = document["paths"][template][method.lower()]["requestBody"]["content"]["application/json"]
        assert schema is published["schema"], (template, method)
    served = app.test_client().get("/openapi.json").get_json()
    expected = json.loads(json.dumps(document))
    assert served.pop("servers") == [{"url": "http://localhost"}] and expected.pop("servers")
    assert served == expected


def test_null_and_scalars_of_another_type_are_left_to_the_route():
    """Both services coerce scalars and accept null for optional values: the route answers those."""
    app = SHOPIFY.make_app()
    seen = _recording(app)
    op = next(op for op in OPERATIONS if op.target is SHOPIFY and op.template.endswith("/customers.json"))
    answer = _send(app, op, {"customer": {"email": "a@example.com", "first_name": 5, "note": None}})
    assert seen == [] and answer.status_code == 201 and answer.get_json()["customer"]["first_name"] == "5"
    answer = _send(app, op, {"customer": {"email": "not-an-email", "verified_email": "maybe"}})
    assert seen == [] and answer.status_code == 422


@pytest.mark.parametrize("tags", ["a, b", ["a", "b"]], ids=["text", "list"])
def test_shopify_tags_and_webhook_fields_are_a_string_or_a_list(tags: object):
    """The routes take both spellings (``tags_string``, ``parse.strings``), so the published schema does too."""
    app = SHOPIFY.make_app()
    seen = _recording(app)
    product = next(op for op in OPERATIONS if op.target is SHOPIFY and op.template.endswith("/products.json"))
    answer = _send(app, product, {"product": {"title": "Tagged", "tags": tags}})
    assert seen == [] and answer.status_code == 201 and answer.get_json()["product"]["tags"] == "a, b"
    hook = next(op for op in OPERATIONS if op.target is SHOPIFY and op.template.endswith("/webhooks.json"))
    answer = _send(app, hook, {"webhook": {"topic": "orders/create", "address": "https://example.com/hook",
                                           "fields": "id, email" if isinstance(tags, str) else ["id", "email"]}})
    assert seen == [] and answer.status_code == 201 and answer.get_json()["webhook"]["fields"] == ["id", "email"]
