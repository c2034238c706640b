"""2026-09 write validation: the portal's rules (set through /__admin/write-rules) apply on 2026-09+ paths only."""

from __future__ import annotations

import pytest

RULES = {"contacts": {"requiredProperties": ["lastname"],
                      "conditionallyRequired": [{"property": "lifecyclestage", "equals": "customer",
                                                 "require": ["phone"]}]},
         "deals": {"requiredAssociations": ["contacts"]}}


@pytest.fixture
def ruled(app, http):
    answer = app.test_client().put("/__admin/write-rules", json=RULES)
    assert answer.status_code == 200 and answer.get_json()["contacts"]["requiredProperties"] == ["lastname"]
    return http


def test_rules_are_read_back_from_admin(app, ruled):
    assert app.test_client().get("/__admin/write-rules").get_json()["deals"]["requiredAssociations"] == ["contacts"]


def test_bad_rules_are_refused_whole(app, ruled):
    admin = app.test_client()
    bad = admin.put("/__admin/write-rules", json={"widgets": {"requiredProperties": ["x"]}})
    assert bad.status_code == 400
    assert admin.put("/__admin/write-rules", json={"contacts": {"requiredProperties": "x"}}).status_code == 400
    assert admin.get("/__admin/write-rules").get_json()["contacts"]["requiredProperties"] == ["lastname"]


@pytest.mark.parametrize("path", ["/crm/v3/objects/contacts", "/crm/objects/2026-03/contacts"])
def test_rules_do_not_apply_before_2026_09(ruled, path):
    assert ruled.post(path, json={"properties": {"email": "old@example.com"}}).status_code == 201


@pytest.mark.parametrize("version", ["2026-09", "2027-03-beta"])
def test_required_property_refused_on_2026_09_and_later(ruled, version):
    refused = ruled.post(f"/crm/objects/{version}/contacts", json={"properties": {"email": "n@example.com"}})
    assert refused.status_code == 400
    body = refused.get_json()
    assert body["category"] == "VALIDATION_ERROR" and body["status"] == "error"
    assert body["errors"][0]["code"] == "REQUIRED_PROPERTY"
    assert body["errors"][0]["context"] == {"propertyName": ["lastname"]}
    assert ruled.get("/crm/v3/objects/contacts").get_json()["results"] == []  # nothing stored
    ok = ruled.post(f"/crm/objects/{version}/contacts", json={"properties": {"email": "n@example.com",
                                                                              "lastname": "N"}})
    assert ok.status_code == 201


def test_conditionally_required_property(ruled):
    created = ruled.post("/crm/objects/2026-09/contacts", json={"properties": {"lastname": "C"}}).get_json()
    refused = ruled.patch(f"/crm/objects/2026-09/contacts/{created['id']}",
                          json={"properties": {"lifecyclestage": "customer"}})
    assert refused.status_code == 400 and refused.get_json()["errors"][0]["context"] == {"propertyName": ["phone"]}
    assert ruled.patch(f"/crm/objects/2026-09/contacts/{created['id']}",
                       json={"properties": {"lifecyclestage": "customer", "phone": "+1 555"}}).status_code == 200
    # clearing a required property is refused on 2026-09, allowed on v3
    assert ruled.patch(f"/crm/objects/2026-09/contacts/{created['id']}",
                       json={"properties": {"lastname": ""}}).status_code == 400
    assert ruled.patch(f"/crm/v3/objects/contacts/{created['id']}",
                       json={"properties": {"lastname": ""}}).status_code == 200


def test_required_association_on_create(ruled):
    refused = ruled.post("/crm/objects/2026-09/deals", json={"properties": {"dealname": "lonely"}})
    assert refused.status_code == 400
    assert refused.get_json()["errors"][0] == {"message": "An association to contacts is required",
                                               "code": "REQUIRED_ASSOCIATION",
                                               "context": {"objectType": ["contacts"]}}
    contact = ruled.post("/crm/v3/objects/contacts", json={"properties": {"email": "a@example.com"}}).get_json()
    ok = ruled.post("/crm/objects/2026-09/deals", json={"properties": {"dealname": "linked"}, "associations": [
        {"to": {"id": contact["id"]}, "types": [{"associationCategory": "HUBSPOT_DEFINED",
                                                  "associationTypeId": 3}]}]})
    assert ok.status_code == 201


def test_batch_reports_each_broken_input_and_writes_the_rest(ruled):
    """Per-input errors; the 2026-09 spec lists no 207 for object batches, so the answer keeps its success
    status (201 for create, 200 for upsert) and lists the errors."""
    answer = ruled.post("/crm/objects/2026-09/contacts/batch/create", json={"inputs": [
        {"properties": {"email": "ok@example.com", "lastname": "Ok"}},
        {"properties": {"email": "bad@example.com"}}]})
    assert answer.status_code == 201
    body = answer.get_json()
    assert [r["properties"]["email"] for r in body["results"]] == ["ok@example.com"]
    assert body["numErrors"] == 1 and body["errors"][0]["category"] == "VALIDATION_ERROR"
    assert body["errors"][0]["context"]["inputIndex"] == ["1"]
    upsert = ruled.post("/crm/objects/2026-09/contacts/batch/upsert", json={"inputs": [
        {"id": "up@example.com", "idProperty": "email", "properties": {"firstname": "U"}}]})
    assert upsert.status_code == 200 and upsert.get_json()["results"] == []
    assert upsert.get_json()["numErrors"] == 1
    assert upsert.get_json()["errors"][0]["context"]["id"] == ["up@example.com"]
    legacy = ruled.post("/crm/v3/objects/contacts/batch/upsert", json={"inputs": [
        {"id": "up@example.com", "idProperty": "email", "properties": {"firstname": "U"}}]})
    assert legacy.status_code == 200 and legacy.get_json()["results"][0]["new"] is True
