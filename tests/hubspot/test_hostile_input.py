"""Issue #15, HubSpot mock: wrong-typed and hostile input gets HubSpot's 4xx error body, never a 500,
and a refused write changes nothing. One test per finding, named for the promise it keeps."""

from __future__ import annotations

import pytest

from mocks.hubspot.objecttypes import OBJECT_TYPES

TYPES = sorted(OBJECT_TYPES)
BAD_ID_PROPERTIES = [["email"], {"name": "email"}, 7, True]


def _is_error(response, status: int = 400) -> dict:
    assert response.status_code == status, (response.status_code, response.get_data(as_text=True)[:300])
    body = response.get_json()
    assert body["status"] == "error" and body["category"] and body["correlationId"]
    for key, value in (body.get("context") or {}).items():
        assert isinstance(value, list) and all(isinstance(v, str) for v in value), (key, value)
    return body


@pytest.mark.parametrize("object_type", TYPES)
@pytest.mark.parametrize("id_property", BAD_ID_PROPERTIES, ids=["list", "object", "number", "bool"])
def test_id_property_of_a_wrong_type_is_a_400_on_batch_read_and_update(http, object_type, id_property):
    _is_error(http.post(f"/crm/v3/objects/{object_type}/batch/read",
                        json={"inputs": [{"id": "1"}], "idProperty": id_property}))
    _is_error(http.post(f"/crm/objects/2026-09/{object_type}/batch/update",
                        json={"inputs": [{"id": "1", "idProperty": id_property, "properties": {}}]}))


@pytest.mark.parametrize("id_property", BAD_ID_PROPERTIES, ids=["list", "object", "number", "bool"])
def test_id_property_of_a_wrong_type_is_a_400_on_gdpr_delete(http, id_property):
    _is_error(http.post("/crm/v3/objects/contacts/gdpr-delete", json={"objectId": "1", "idProperty": id_property}))


@pytest.mark.parametrize("value", [None, [], "x", 3])
def test_properties_that_are_not_an_object_are_a_400(http, value):
    _is_error(http.post("/crm/v3/objects/contacts", json={"properties": value}))
    _is_error(http.post("/crm/objects/2026-09/contacts/batch/create", json={"inputs": [{"properties": value}]}))
    _is_error(http.post("/crm/v3/objects/contacts/batch/upsert",
                        json={"inputs": [{"id": "a@example.com", "idProperty": "email", "properties": value}]}))
    contact = http.post("/crm/v3/objects/contacts", json={"properties": {"email": "p@example.com"}}).get_json()
    _is_error(http.patch(f"/crm/v3/objects/contacts/{contact['id']}", json={"properties": value}))
    assert http.get("/crm/v3/objects/contacts").get_json()["results"] == [
        http.get(f"/crm/v3/objects/contacts/{contact['id']}").get_json()]  # nothing else was written


def test_a_search_without_a_body_is_a_400(http):
    _is_error(http.post("/crm/v3/objects/contacts/search"))
    _is_error(http.post("/crm/objects/2026-09/contacts/search"))


@pytest.mark.parametrize("bad_id", [["1"], {"id": "1"}, None, True, 1.5])
def test_wrong_typed_ids_in_batch_archive_are_a_400_and_archive_nothing(http, bad_id):
    contact = http.post("/crm/v3/objects/contacts", json={"properties": {"email": "k@example.com"}}).get_json()
    _is_error(http.post("/crm/v3/objects/contacts/batch/archive",
                        json={"inputs": [{"id": contact["id"]}, {"id": bad_id}]}))
    assert http.get(f"/crm/v3/objects/contacts/{contact['id']}").status_code == 200


def test_a_product_id_that_is_not_a_whole_number_is_a_400(http):
    product = http.post("/crm/v3/objects/products", json={"properties": {"name": "P", "price": "2"}}).get_json()
    body = _is_error(http.post("/crm/v3/objects/line_items",
                               json={"properties": {"hs_product_id": "1.5", "quantity": "1"}}))
    assert body["errors"][0]["context"] == {"propertyName": ["hs_product_id"]}
    ok = http.post("/crm/v3/objects/line_items", json={"properties": {"hs_product_id": product["id"]}})
    assert ok.status_code == 201


@pytest.mark.parametrize("value", ["0001-01-01", "9999-12-31", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
                                   "-62135596800000", "253402300799000"])
def test_dates_in_year_1_or_9999_are_a_400_not_stored(http, value):
    body = _is_error(http.post("/crm/v3/objects/deals", json={"properties": {"dealname": "d", "closedate": value}}))
    assert body["errors"][0]["code"] == "INVALID_DATE"
    assert http.get("/crm/v3/objects/deals").get_json()["results"] == []


@pytest.mark.parametrize("order", ["2", 1.5, True, None, [1]])
def test_pipeline_display_order_must_be_an_integer(http, order):
    stages = [{"label": "Open", "displayOrder": 0, "metadata": {"state": "OPEN"}}]
    _is_error(http.post("/crm/v3/pipelines/orders", json={"label": "P", "displayOrder": order, "stages": stages}))
    _is_error(http.post("/crm/pipelines/2026-09/orders",
                        json={"label": "P", "stages": [{**stages[0], "displayOrder": order}]}))
    _is_error(http.patch("/crm/v3/pipelines/deals/default", json={"displayOrder": order}))


@pytest.mark.parametrize("kind", [["string"], {"t": "string"}, 3])
def test_property_type_must_be_a_string(http, kind):
    _is_error(http.post("/crm/v3/properties/contacts", json={
        "name": "x_y", "label": "X", "type": kind, "fieldType": "text", "groupName": "contactinformation"}))
    _is_error(http.patch("/crm/v3/properties/contacts/firstname", json={"type": kind}))


def test_property_group_names_with_lone_surrogates_are_a_400(http):
    raw = '{"name": "bad\\ud800", "label": "L"}'
    _is_error(http.post("/crm/v3/properties/contacts/groups", data=raw, content_type="application/json"))
    raw = '{"name": "ok_group", "label": "L\\udfff"}'
    _is_error(http.post("/crm/v3/properties/contacts/groups", data=raw, content_type="application/json"))
    assert http.get("/crm/v3/properties/contacts/groups/%ED%A0%80").status_code == 404


def test_deeply_nested_json_is_a_400(http):
    raw = '{"properties": ' + "[" * 100_000 + "]" * 100_000 + "}"
    body = _is_error(http.post("/crm/v3/objects/contacts", data=raw, content_type="application/json"))
    assert body["errors"][0]["code"] == "INVALID_JSON"


@pytest.mark.parametrize("email", ["not-an-email", "a@b", "two@@example.com", "sp ace@example.com", "@example.com"])
def test_invalid_emails_are_refused_with_invalid_email(http, email):
    body = _is_error(http.post("/crm/v3/objects/contacts", json={"properties": {"email": email}}))
    assert body["errors"][0]["code"] == "INVALID_EMAIL"


def test_email_is_stored_without_surrounding_spaces(http):
    created = http.post("/crm/v3/objects/contacts", json={"properties": {"email": "  trim@example.com "}})
    assert created.get_json()["properties"]["email"] == "trim@example.com"


@pytest.mark.parametrize("form", [" {id}", "{id} ", "+{id}", "0x{id}"])
def test_ids_with_a_leading_space_or_sign_name_no_record(http, form):
    contact = http.post("/crm/v3/objects/contacts", json={"properties": {"email": "s@example.com"}}).get_json()
    assert http.get(f"/crm/v3/objects/contacts/{form.format(id=contact['id'])}").status_code == 404
    assert http.get(f"/crm/v3/objects/contacts/{contact['id']}").status_code == 200


def test_error_context_values_are_lists_of_strings(http):
    contact = http.post("/crm/v3/objects/contacts", json={"properties": {"email": "c@example.com"}}).get_json()
    deal = http.post("/crm/v3/objects/deals", json={"properties": {"dealname": "d", "dealstage": "closedwon"}})
    answers = [
        http.get("/crm/v3/objects/contacts/999"),
        http.post("/crm/v3/objects/contacts", json={"properties": {"nope": "1"}}),
        http.delete("/crm/v3/pipelines/deals/default"),  # stages in use: ids in the context
        http.post("/crm/v3/objects/contacts/batch/read", json={"inputs": [{"id": "1"}], "idProperty": "zip"}),
        http.get("/crm/v3/properties/contacts/nope"),
        http.put(f"/crm/v4/objects/contacts/{contact['id']}/associations/deals/{deal.get_json()['id']}",
                 json=[{"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 999}]),
    ]
    for answer in answers:
        assert 400 <= answer.status_code < 500
        _is_error(answer, answer.status_code)


@pytest.mark.parametrize("base", ["/crm/associations/v4", "/crm/v4/associations", "/crm/associations/2026-09"])
def test_association_label_paths_are_served(http, base):
    made = http.post(f"{base}/contacts/deals/labels", json={"label": "Buyer", "name": "buyer"})
    assert made.status_code == 200
    listed = http.get(f"{base}/contacts/deals/labels").get_json()["results"]
    assert "Buyer" in {entry.get("label") for entry in listed}
    type_id = next(e["typeId"] for e in made.get_json()["results"] if e.get("label") == "Buyer")
    assert http.delete(f"{base}/contacts/deals/labels/{type_id}").status_code == 204


@pytest.mark.parametrize("base,created,purged", [("/crm/associations/v4/definitions/configurations", 201, 204),
                                                  ("/crm/associations/2026-09/definitions/configurations", 200, 200)])
def test_association_limit_endpoints_set_read_enforce_and_purge(http, base, created, purged):
    set_ = http.post(f"{base}/deals/contacts/batch/create",
                     json={"inputs": [{"category": "HUBSPOT_DEFINED", "typeId": 3, "maxToObjectIds": 1}]})
    assert set_.status_code == created  # 2026-09's spec: 200; v4 and 2026-03: 201
    assert http.get(f"{base}/deals/contacts").get_json()["results"] == [
        {"category": "HUBSPOT_DEFINED", "typeId": 3, "userEnforcedMaxToObjectIds": 1}]
    deal = http.post("/crm/v3/objects/deals", json={"properties": {"dealname": "d"}}).get_json()
    one, two = (http.post("/crm/v3/objects/contacts", json={"properties": {"email": f"{n}@example.com"}}).get_json()
                for n in ("one", "two"))
    assert http.put(f"/crm/v4/objects/deals/{deal['id']}/associations/default/contacts/{one['id']}"
                    ).status_code == 200
    over = http.put(f"/crm/v4/objects/deals/{deal['id']}/associations/default/contacts/{two['id']}")
    assert _is_error(over)["subCategory"] == "crm.associations.ASSOCIATION_LIMIT_EXCEEDED"
    assert http.post(f"{base}/deals/contacts/batch/purge",
                     json={"inputs": [{"category": "HUBSPOT_DEFINED", "typeId": 3}]}).status_code == purged
    assert http.get(f"{base}/all").get_json()["results"] == []


@pytest.mark.parametrize("method,path", [
    ("post", "/crm/v3/objects/contacts/merge"), ("post", "/crm/objects/2026-09/contacts/merge"),
    ("get", "/crm/v3/pipelines/deals/default/audit"), ("get", "/crm/pipelines/2026-03/deals/default/audit"),
    ("post", "/crm/associations/2026-09/usage/high-usage-report/1"),
    ("get", "/crm/v3/objects/contacts/1/associations/deals"), ("get", "/crm/owners/2026-09"),
    ("get", "/crm/owners/v3/7"), ("get", "/crm/limits/2026-03/associations/labels")])
def test_real_but_unimplemented_endpoints_answer_501_alike(http, method, path):
    answer = getattr(http, method)(path, json={})
    body = _is_error(answer, 501)
    assert body["category"] == "NOT_IMPLEMENTED" and path in body["message"]
