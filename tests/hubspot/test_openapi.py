"""/openapi.json describes what the mock returns: real responses validate; generated requests never 5xx."""

from __future__ import annotations

import jsonschema_rs

from mocks.hubspot import DEFAULT_TOKEN

AUTH = {"Authorization": f"Bearer {DEFAULT_TOKEN}"}


def validator(document: dict, name: str) -> jsonschema_rs.Draft202012Validator:
    root = {"$ref": f"#/components/schemas/{name}", "components": document["components"]}
    return jsonschema_rs.Draft202012Validator(root)


def check(document: dict, name: str, body: object) -> None:
    errors = list(validator(document, name).iter_errors(body))
    assert errors == [], [e.message for e in errors]


def test_openapi_document_is_public_and_lists_every_route(app):
    web = app.test_client()
    response = web.get("/openapi.json")
    assert response.status_code == 200
    document = response.get_json()
    assert document["openapi"].startswith("3.1") and "bearer" in document["components"]["securitySchemes"]
    described = {(path, method.upper()) for path, ops in document["paths"].items() for method in ops}
    assert len(described) >= 50
    create = document["paths"]["/crm/v3/objects/{objectType}"]["post"]
    assert set(create["responses"]["201"]["links"]) == {"GetCreated", "ArchiveCreated"}


def test_real_responses_match_the_schemas(app):
    web = app.test_client()
    document = web.get("/openapi.json").get_json()
    contact = web.post("/crm/v3/objects/contacts", json={"properties": {"email": "o@example.com"}}, headers=AUTH)
    check(document, "SimplePublicObject", contact.get_json())
    deal = web.post("/crm/v3/objects/deals", headers=AUTH, json={"properties": {"dealname": "d"}, "associations": [
        {"to": {"id": contact.get_json()["id"]},
         "types": [{"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 3}]}]}).get_json()
    check(document, "SimplePublicObject",
          web.get(f"/crm/v3/objects/deals/{deal['id']}?associations=contacts&propertiesWithHistory=dealname",
                  headers=AUTH).get_json())
    check(document, "ObjectList", web.get("/crm/v3/objects/contacts?limit=1", headers=AUTH).get_json())
    check(document, "SearchResult", web.post("/crm/v3/objects/deals/search", json={}, headers=AUTH).get_json())
    check(document, "ObjectBatch", web.post("/crm/v3/objects/contacts/batch/read", headers=AUTH,
                                            json={"inputs": [{"id": "1"}]}).get_json())
    check(document, "UpsertBatch", web.post("/crm/v3/objects/contacts/batch/upsert", headers=AUTH, json={
        "inputs": [{"id": "u@example.com", "idProperty": "email", "properties": {}}]}).get_json())
    check(document, "AssociatedList", web.get(f"/crm/v4/objects/deals/{deal['id']}/associations/contacts",
                                              headers=AUTH).get_json())
    check(document, "AssociationReadBatch", web.post("/crm/v4/associations/deals/contacts/batch/read",
                                                     headers=AUTH, json={"inputs": [{"id": deal["id"]}]}).get_json())
    check(document, "PipelineList", web.get("/crm/v3/pipelines/deals", headers=AUTH).get_json())
    check(document, "PropertyList", web.get("/crm/v3/properties/deals", headers=AUTH).get_json())
    check(document, "GroupList", web.get("/crm/v3/properties/deals/groups", headers=AUTH).get_json())
    check(document, "Error", web.get("/crm/v3/objects/deals/424242", headers=AUTH).get_json())
