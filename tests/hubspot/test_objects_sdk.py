"""CRM objects through the official hubspot-api-client against a live mock on port 0."""

from __future__ import annotations

import json

import pytest
from hubspot import HubSpot
from hubspot.crm.contacts import (
    BatchInputSimplePublicObjectBatchInput,
    BatchInputSimplePublicObjectBatchInputForCreate,
    BatchInputSimplePublicObjectBatchInputUpsert,
    BatchReadInputSimplePublicObjectId,
    SimplePublicObjectInput,
    SimplePublicObjectInputForCreate,
)
from hubspot.crm.contacts.exceptions import ApiException, NotFoundException, UnauthorizedException
from hubspot.crm.objects import SimplePublicObjectInputForCreate as ObjectCreate


def make_contact(client: HubSpot, email: str, **props):
    return client.crm.contacts.basic_api.create(
        SimplePublicObjectInputForCreate(properties={"email": email, **props}))


def test_contact_create_get_update_archive(client: HubSpot, clock):
    created = make_contact(client, "ada@example.com", firstname="Ada", lastname="Lovelace")
    assert created is not None, "create must answer 201 or the SDK returns None"
    assert created.id.isdigit() and created.properties["hs_object_id"] == created.id
    assert created.properties["createdate"] == "2024-03-01T10:00:00.000Z"

    fetched = client.crm.contacts.basic_api.get_by_id(created.id, properties=["email", "city"])
    assert fetched.properties["email"] == "ada@example.com"
    assert fetched.properties["city"] is None  # requested but empty: null

    by_email = client.crm.contacts.basic_api.get_by_id("ADA@example.com", id_property="email")
    assert by_email.id == created.id
    assert set(by_email.properties) == {"createdate", "email", "firstname", "hs_object_id", "lastmodifieddate",
                                        "lastname"}

    clock.advance(60)
    updated = client.crm.contacts.basic_api.update(created.id, SimplePublicObjectInput(properties={"city": "London"}))
    assert updated.properties["city"] == "London"
    assert updated.properties["lastmodifieddate"] == "2024-03-01T10:01:00.000Z"
    assert updated.updated_at > updated.created_at

    history = client.crm.contacts.basic_api.get_by_id(created.id, properties_with_history=["city"])
    assert [h.value for h in history.properties_with_history["city"]] == ["London"]
    assert history.properties_with_history["city"][0].source_type == "API"

    assert client.crm.contacts.basic_api.archive(created.id) is None
    with pytest.raises(NotFoundException):
        client.crm.contacts.basic_api.get_by_id(created.id)
    archived = client.crm.contacts.basic_api.get_page(archived=True)
    assert [r.id for r in archived.results] == [created.id]
    assert archived.results[0].archived is True and archived.results[0].archived_at is not None


def test_get_all_walks_every_page_and_stops(client: HubSpot):
    ids = [make_contact(client, f"user{i}@example.com").id for i in range(230)]
    everyone = client.crm.contacts.get_all()
    assert [c.id for c in everyone] == ids
    first = client.crm.contacts.basic_api.get_page(limit=100)
    assert first.paging.next.after and len(first.results) == 100
    last = client.crm.contacts.basic_api.get_page(limit=100, after="999999999")
    assert last.results == [] and last.paging is None


def test_duplicate_email_is_a_409_naming_the_existing_contact(client: HubSpot):
    original = make_contact(client, "Dup@Example.com")
    with pytest.raises(ApiException) as caught:
        make_contact(client, "dup@example.COM")
    assert caught.value.status == 409
    body = json.loads(caught.value.body)
    assert body["category"] == "CONFLICT" and body["status"] == "error" and body["correlationId"]
    assert body["message"] == f"Contact already exists. Existing ID: {original.id}"
    batch = BatchInputSimplePublicObjectBatchInputForCreate(inputs=[{"properties": {"email": "DUP@example.com"}}])
    with pytest.raises(ApiException) as caught_batch:
        client.crm.contacts.batch_api.create(batch)
    assert caught_batch.value.status == 409


def test_unknown_property_gets_the_exact_validation_body(client: HubSpot):
    with pytest.raises(ApiException) as caught:
        make_contact(client, "x@example.com", testproperty="1")
    assert caught.value.status == 400
    body = json.loads(caught.value.body)
    assert body["category"] == "VALIDATION_ERROR"
    assert body["errors"] == [{"message": 'Property "testproperty" does not exist', "code": "PROPERTY_DOESNT_EXIST",
                               "context": {"propertyName": ["testproperty"]}}]
    inner = json.loads(body["message"].removeprefix("Property values were not valid: "))
    assert inner[0]["error"] == "PROPERTY_DOESNT_EXIST" and inner[0]["portalId"] == 62515
    assert client.crm.contacts.basic_api.get_page().results == []  # nothing created


def test_read_only_and_enumeration_values_are_refused(client: HubSpot):
    for props, code in (({"hs_object_id": "5"}, "READ_ONLY_VALUE"), ({"lifecyclestage": "Customer"}, "INVALID_OPTION")):
        with pytest.raises(ApiException) as caught:
            make_contact(client, "ro@example.com", **props)
        assert json.loads(caught.value.body)["errors"][0]["code"] == code
    # Documented deviation: the original-source properties are writable.
    made = make_contact(client, "src@example.com", hs_analytics_source="OFFLINE",
                        hs_analytics_source_data_1="INTEGRATION")
    assert made.properties["hs_analytics_source"] == "OFFLINE"


def test_batch_create_read_update_upsert(client: HubSpot):
    created = client.crm.contacts.batch_api.create(BatchInputSimplePublicObjectBatchInputForCreate(
        inputs=[{"properties": {"email": f"b{i}@example.com", "firstname": f"B{i}"}} for i in range(3)]))
    assert created.status == "COMPLETE" and len(created.results) == 3
    ids = [r.id for r in created.results]

    read = client.crm.contacts.batch_api.read(BatchReadInputSimplePublicObjectId(
        inputs=[{"id": i} for i in ids] + [{"id": "424242"}], properties=["firstname"]))
    assert sorted(r.id for r in read.results) == sorted(ids)
    assert read.num_errors == 1 and read.errors[0].category == "OBJECT_NOT_FOUND"
    assert read.errors[0].message == ("Could not get some CONTACT objects, they may be deleted or not exist. "
                                      "Check that ids are valid.")
    assert read.errors[0].context == {"ids": ["424242"]}

    by_email = client.crm.contacts.batch_api.read(BatchReadInputSimplePublicObjectId(
        inputs=[{"id": "B1@EXAMPLE.com"}], id_property="email", properties=["email"]))
    assert [r.id for r in by_email.results] == [ids[1]]

    updated = client.crm.contacts.batch_api.update(BatchInputSimplePublicObjectBatchInput(
        inputs=[{"id": ids[0], "properties": {"lastname": "Updated"}}]))
    assert updated.results[0].properties["lastname"] == "Updated"

    upserted = client.crm.contacts.batch_api.upsert(BatchInputSimplePublicObjectBatchInputUpsert(inputs=[
        {"id": "b2@example.com", "idProperty": "email", "properties": {"city": "Oslo"}},
        {"id": "fresh@example.com", "idProperty": "email", "properties": {"city": "Rome"}}]))
    by_new = {r.new: r for r in upserted.results}
    assert by_new[False].id == ids[2] and by_new[False].properties["city"] == "Oslo"
    assert by_new[True].properties["email"] == "fresh@example.com"


def test_batch_over_100_inputs_is_refused(client: HubSpot):
    with pytest.raises(ApiException) as caught:
        client.crm.contacts.batch_api.create(BatchInputSimplePublicObjectBatchInputForCreate(
            inputs=[{"properties": {"email": f"m{i}@example.com"}} for i in range(101)]))
    assert caught.value.status == 400 and json.loads(caught.value.body)["category"] == "VALIDATION_ERROR"


def test_partial_batch_create_with_trace_ids_is_a_207(http):
    response = http.post("/crm/v3/objects/contacts/batch/create", json={"inputs": [
        {"properties": {"email": "ok@example.com"}, "objectWriteTraceId": "t1"},
        {"properties": {"bogus": "1"}, "objectWriteTraceId": "t2"}]})
    assert response.status_code == 207
    body = response.get_json()
    assert body["numErrors"] == 1 and body["errors"][0]["context"] == {"objectWriteTraceId": ["t2"]}
    assert [r["properties"]["email"] for r in body["results"]] == ["ok@example.com"]


def test_orders_and_carts_through_the_generic_objects_api(client: HubSpot):
    order = client.crm.objects.basic_api.create("orders", ObjectCreate(properties={
        "hs_order_name": "#1001", "hs_total_price": "10.50", "hs_currency_code": "EUR"}))
    assert order is not None and order.properties["hs_createdate"]
    fetched = client.crm.objects.basic_api.get_by_id("0-123", order.id, properties=["hs_order_name"])
    assert fetched.properties["hs_order_name"] == "#1001"
    cart = client.crm.objects.basic_api.create("carts", ObjectCreate(
        properties={"hs_cart_name": "c", "hs_external_cart_id": "99"},
        associations=[{"to": {"id": order.id}, "types": [{"associationCategory": "HUBSPOT_DEFINED",
                                                           "associationTypeId": 592}]}]))
    via_singular = client.crm.objects.basic_api.get_by_id("cart", cart.id, associations=["orders"])
    assert via_singular.associations["orders"].results[0].id == order.id
    assert [c.id for c in client.crm.objects.get_all("carts")] == [cart.id]


def test_wrong_token_is_401(server):
    bad = HubSpot(access_token="pat-na1-wrong", host=server.url)
    with pytest.raises(UnauthorizedException) as caught:
        bad.crm.contacts.basic_api.get_page()
    assert json.loads(caught.value.body)["category"] == "INVALID_AUTHENTICATION"


def test_archiving_removes_associations_both_ways(client: HubSpot, http):
    contact = make_contact(client, "assoc@example.com")
    deal = client.crm.deals.basic_api.create(SimplePublicObjectInputForCreate(
        properties={"dealname": "D", "dealstage": "appointmentscheduled", "pipeline": "default"},
        associations=[{"to": {"id": contact.id}, "types": [{"associationCategory": "HUBSPOT_DEFINED",
                                                             "associationTypeId": 3}]}]))
    listed = http.get(f"/crm/v4/objects/contacts/{contact.id}/associations/deals").get_json()
    assert listed["results"][0]["toObjectId"] == int(deal.id)
    client.crm.deals.basic_api.archive(deal.id)
    assert http.get(f"/crm/v4/objects/contacts/{contact.id}/associations/deals").get_json()["results"] == []
    archived = http.get("/crm/v3/objects/deals?archived=true&associations=contacts").get_json()
    assert archived["results"][0]["id"] == deal.id and "associations" not in archived["results"][0]


def test_comma_separated_and_repeated_list_params_are_equivalent(http):
    http.post("/crm/v3/objects/contacts", json={"properties": {"email": "p@example.com", "city": "Graz"}})
    repeated = http.get("/crm/v3/objects/contacts?properties=email&properties=city").get_json()
    commas = http.get("/crm/v3/objects/contacts?properties=email,city").get_json()
    assert repeated["results"][0]["properties"] == commas["results"][0]["properties"]
    assert commas["results"][0]["properties"]["city"] == "Graz"
