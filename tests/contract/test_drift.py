"""Unit tests of the drift report (pure functions; no sandbox needed)."""

from __future__ import annotations

import json

from tools.contract.drift import Call, compare_calls, render_table, report_json, schema_errors, shape, unique

SPEC = {
    "openapi": "3.1.0",
    "components": {"schemas": {"Contact": {"type": "object", "required": ["id", "properties"], "properties": {
        "id": {"type": "string"}, "properties": {"type": "object"}, "archived": {"type": "boolean"}}}}},
    "paths": {"/crm/v3/objects/contacts/{contactId}": {"get": {"responses": {
        "200": {"description": "ok", "content": {"application/json": {
            "schema": {"$ref": "#/components/schemas/Contact"}}}},
        "404": {"description": "missing"}}}}},
}
TEMPLATE = "/crm/v3/objects/contacts/{contactId}"


def _call(body: object, status: int = 200) -> Call:
    return Call("hubspot", "get contact", "GET", TEMPLATE, status, body)


def test_a_conforming_answer_has_no_schema_errors():
    assert schema_errors(SPEC, _call({"id": "1", "properties": {}, "archived": False})) == []
    assert schema_errors(SPEC, _call(None, 404)) == []


def test_schema_errors_name_the_field_and_undocumented_statuses():
    errors = schema_errors(SPEC, _call({"id": 1, "properties": {}}))
    assert [field for field, _ in errors] == ["id"]
    assert schema_errors(SPEC, _call({}, 418))[0][0] == "(status)"


def test_shape_collects_paths_and_types_through_lists():
    assert shape({"a": [{"b": 1}, {"b": None}], "c": "x"}) == {
        "a": {"array"}, "a[].b": {"number", "null"}, "c": {"string"}}


def test_compare_calls_reports_fields_on_one_side_and_type_changes():
    real = _call({"id": "1", "properties": {"email": "a@b"}, "archived": False, "url": "u"})
    mock = _call({"id": "1", "properties": {"email": 5}, "archived": False, "extra": True})
    kinds = {(d.field, d.kind) for d in compare_calls(SPEC, real, mock)}
    assert kinds == {("url", "only-real"), ("extra", "only-mock"), ("properties.email", "type")}


def test_a_status_difference_is_drift_and_stops_the_field_comparison():
    drifts = compare_calls(SPEC, _call({"id": "1", "properties": {}}), _call(None, 404))
    assert [(d.kind, d.mock, d.real) for d in drifts] == [("status", "404", "200")]


def test_report_renders_a_table_and_json():
    drifts = unique(compare_calls(SPEC, _call({"id": 2, "properties": {}}), None) * 2)
    assert len(drifts) == 1
    assert "| hubspot | `GET " in render_table(drifts)
    assert "No drift" in render_table([])
    assert json.loads(report_json(drifts, "tag", {"hubspot": "x"}))["count"] == 1
