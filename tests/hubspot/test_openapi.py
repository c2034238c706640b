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


def _shape(template: str) -> str:
    """A path template with every parameter blanked: Werkzeug ``<x>`` and OpenAPI ``{x}`` alike."""
    import re
    return re.sub(r"<[^>]+>|\{[^}]+\}", "{}", template)


def test_every_route_the_app_serves_is_in_the_openapi_document(app):
    """No route is served without a description (dated twins, aliases and 501s included)."""
    document = app.test_client().get("/openapi.json").get_json()
    described = {(_shape(path), method.upper()) for path, ops in document["paths"].items() for method in ops}
    served = set()
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/__admin") or rule.endpoint == "static" or rule.rule == "/openapi.json":
            continue
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            served.add((_shape(rule.rule), method))
    assert served - described == set()
    assert described - served == set()
    dated = [p for p in document["paths"] if "{version}" in p]
    assert len(dated) >= 30
    version = document["paths"]["/crm/objects/{version}/{objectType}"]["get"]["parameters"][0]
    assert version["schema"]["enum"] == ["2026-03", "2026-09", "2027-03-beta"]


def test_dated_answers_match_the_dated_schemas(app):
    web = app.test_client()
    document = web.get("/openapi.json").get_json()
    contact = web.post("/crm/objects/2026-09/contacts", json={"properties": {"email": "d@example.com"}},
                       headers=AUTH).get_json()
    check(document, "SimplePublicObject", contact)
    deal = web.post("/crm/objects/2026-09/deals", json={"properties": {"dealname": "d"}}, headers=AUTH).get_json()
    web.put(f"/crm/objects/2026-09/deals/{deal['id']}/associations/default/contacts/{contact['id']}", headers=AUTH)
    check(document, "AssociatedListDated", web.get(f"/crm/objects/2026-09/deals/{deal['id']}/associations/contacts",
                                                   headers=AUTH).get_json())
    check(document, "AssociationReadBatchDated", web.post("/crm/associations/2026-09/deals/contacts/batch/read",
                                                          headers=AUTH, json={"inputs": [{"id": deal["id"]}]}
                                                          ).get_json())
    check(document, "TypeListDated", web.get("/crm/associations/2026-09/deals/contacts/labels",
                                             headers=AUTH).get_json())
