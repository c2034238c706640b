"""Deals with associations, products and line items, pipelines and properties through the SDK."""

from __future__ import annotations

import json

import pytest
from hubspot import HubSpot
from hubspot.crm.associations.v4 import AssociationSpec, BatchInputPublicFetchAssociationsBatchRequest
from hubspot.crm.deals import SimplePublicObjectInput, SimplePublicObjectInputForCreate
from hubspot.crm.deals.exceptions import ApiException
from hubspot.crm.pipelines import PipelineInput
from hubspot.crm.properties import PropertyCreate


def spec(type_id: int) -> list[dict]:
    return [{"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": type_id}]


def contact(client: HubSpot, email: str) -> str:
    from hubspot.crm.contacts import SimplePublicObjectInputForCreate as ContactCreate
    return client.crm.contacts.basic_api.create(ContactCreate(properties={"email": email})).id


def test_deal_with_contact_association_on_create_and_v4_reads(client: HubSpot):
    contact_id = contact(client, "buyer@example.com")
    deal = client.crm.deals.basic_api.create(SimplePublicObjectInputForCreate(
        properties={"dealname": "Order #1", "amount": "12.5", "dealstage": "appointmentscheduled",
                    "pipeline": "default"},
        associations=[{"to": {"id": contact_id}, "types": spec(3)}]))
    with_assoc = client.crm.deals.basic_api.get_by_id(deal.id, associations=["contacts"])
    assert [(a.id, a.type) for a in with_assoc.associations["contacts"].results] == [(contact_id, "deal_to_contact")]

    page = client.crm.associations.v4.basic_api.get_page("contacts", contact_id, "deals")
    assert [str(r.to_object_id) for r in page.results] == [deal.id]
    assert page.results[0].association_types[0].type_id == 4  # each direction has its own id

    batch = client.crm.associations.v4.batch_api.get_page("deals", "contacts",
                                                            BatchInputPublicFetchAssociationsBatchRequest(
                                                                inputs=[{"id": deal.id}]))
    assert str(batch.results[0].to[0].to_object_id) == contact_id


def test_products_and_line_items_tied_to_deals(client: HubSpot, http):
    from hubspot.crm.line_items import SimplePublicObjectInputForCreate as LineCreate
    from hubspot.crm.products import SimplePublicObjectInputForCreate as ProductCreate
    product = client.crm.products.basic_api.create(ProductCreate(properties={
        "name": "Mug", "price": "8", "hs_sku": "MUG-1", "description": "A mug"}))
    deal = client.crm.deals.basic_api.create(SimplePublicObjectInputForCreate(
        properties={"dealname": "D", "dealstage": "closedwon", "pipeline": "default"}))
    line = client.crm.line_items.basic_api.create(LineCreate(
        properties={"hs_product_id": product.id, "quantity": "3"},
        associations=[{"to": {"id": deal.id}, "types": spec(20)}]))
    assert line.properties["name"] == "Mug" and line.properties["price"] == "8"
    assert line.properties["amount"] == "24"  # quantity × unit price when not given
    fetched = http.get(f"/crm/v3/objects/deals/{deal.id}?associations=line_items").get_json()
    assert fetched["associations"]["line items"]["results"] == [{"id": line.id, "type": "deal_to_line_item"}]
    result = client.crm.associations.v4.basic_api.create_default("line_items", line.id, "deals", deal.id)
    assert {r.association_spec.association_type_id for r in result.results} == {19, 20}


def test_labelled_association_and_labels_api(client: HubSpot, http):
    created = http.post("/crm/v4/associations/contacts/companies/labels",
                        json={"label": "Billing contact", "name": "billing_contact"})
    assert created.status_code == 200
    type_id = created.get_json()["results"][0]["typeId"]
    contact_id = contact(client, "bill@example.com")
    company = http.post("/crm/v3/objects/companies", json={"properties": {"name": "ACME"}}).get_json()
    labelled = client.crm.associations.v4.basic_api.create(
        "contacts", contact_id, "companies", company["id"],
        [AssociationSpec(association_category="USER_DEFINED", association_type_id=type_id)])
    assert labelled.labels == ["Billing contact"]
    listed = http.get(f"/crm/v4/objects/contacts/{contact_id}/associations/companies").get_json()
    assert {t["typeId"] for t in listed["results"][0]["associationTypes"]} == {type_id, 279}
    removed = http.post("/crm/v4/associations/contacts/companies/batch/labels/archive", json={"inputs": [
        {"from": {"id": contact_id}, "to": {"id": company["id"]},
         "types": [{"associationCategory": "USER_DEFINED", "associationTypeId": type_id}]}]})
    assert removed.status_code == 204
    listed = http.get(f"/crm/v4/objects/contacts/{contact_id}/associations/companies").get_json()
    assert [t["typeId"] for t in listed["results"][0]["associationTypes"]] == [279]
    assert http.delete(f"/crm/v4/objects/contacts/{contact_id}/associations/companies/{company['id']}"
                       ).status_code == 204
    assert http.get(f"/crm/v4/objects/contacts/{contact_id}/associations/companies").get_json()["results"] == []


def test_v3_association_batch(http):
    deal = http.post("/crm/v3/objects/deals", json={"properties": {"dealname": "x"}}).get_json()
    person = http.post("/crm/v3/objects/contacts", json={"properties": {"email": "v3@example.com"}}).get_json()
    made = http.post("/crm/v3/associations/deals/contacts/batch/create", json={"inputs": [
        {"from": {"id": deal["id"]}, "to": {"id": person["id"]}, "type": "deal_to_contact"}]})
    assert made.status_code == 201
    read = http.post("/crm/v3/associations/contacts/deals/batch/read", json={"inputs": [{"id": person["id"]}]})
    assert read.get_json()["results"][0]["to"] == [{"id": deal["id"], "type": "contact_to_deal"}]
    assert http.post("/crm/v3/associations/deals/contacts/batch/archive", json={"inputs": [
        {"from": {"id": deal["id"]}, "to": {"id": person["id"]}, "type": "deal_to_contact"}]}).status_code == 204
    again = http.post("/crm/v3/associations/contacts/deals/batch/read", json={"inputs": [{"id": person["id"]}]})
    assert again.status_code == 207


def test_pipelines_default_and_create_with_given_stage_ids(client: HubSpot, http):
    deals = client.crm.pipelines.pipelines_api.get_all("deals").results
    assert [p.id for p in deals] == ["default"]
    assert [s.id for s in deals[0].stages][-2:] == ["closedwon", "closedlost"]
    assert client.crm.pipelines.pipelines_api.get_all("orders").results == []  # the connector creates it
    made = client.crm.pipelines.pipelines_api.create("orders", PipelineInput(label="Order pipeline", display_order=0,
                                                                             stages=[
        {"label": "Open", "displayOrder": 0, "metadata": {"state": "OPEN"}, "stageId": "open-id"},
        {"label": "Shipped", "displayOrder": 1, "metadata": {"state": "CLOSED"}}]))
    assert made is not None and made.stages[0].id == "open-id" and made.stages[1].metadata == {"state": "CLOSED"}
    order = http.post("/crm/v3/objects/orders", json={"properties": {
        "hs_order_name": "#1", "hs_pipeline": made.id, "hs_pipeline_stage": "open-id"}})
    assert order.status_code == 201
    bad = http.post("/crm/v3/objects/orders", json={"properties": {"hs_order_name": "#2",
                                                                    "hs_pipeline_stage": "nope"}})
    assert bad.status_code == 400
    in_use = http.delete(f"/crm/v3/pipelines/orders/{made.id}/stages/open-id")
    assert in_use.status_code == 400 and in_use.get_json()["subCategory"] == "PipelineError.STAGE_ID_IN_USE"
    assert http.delete(f"/crm/v3/pipelines/orders/{made.id}/stages/{made.stages[1].id}").status_code == 204
    stage = http.post("/crm/v3/pipelines/deals/default/stages",
                      json={"label": "Won big", "metadata": {"probability": 1.0}})
    assert stage.status_code == 201 and stage.get_json()["metadata"] == {"probability": "1.0", "isClosed": "true"}


def test_deal_stage_validation_and_stage_timestamps(client: HubSpot, clock):
    with pytest.raises(ApiException) as caught:
        client.crm.deals.basic_api.create(SimplePublicObjectInputForCreate(
            properties={"dealname": "x", "dealstage": "checkout_pending", "pipeline": "default"}))
    body = json.loads(caught.value.body)
    assert caught.value.status == 400 and body["errors"][0]["code"] == "INVALID_OPTION"
    deal = client.crm.deals.basic_api.create(SimplePublicObjectInputForCreate(
        properties={"dealname": "x", "dealstage": "appointmentscheduled"}))
    assert deal.properties["pipeline"] == "default"
    clock.advance(3600)
    client.crm.deals.basic_api.update(deal.id, SimplePublicObjectInput(properties={"dealstage": "closedwon"}))
    props = ["hs_date_entered_appointmentscheduled", "hs_date_exited_appointmentscheduled",
             "hs_v2_date_entered_closedwon", "hs_is_closed", "hs_is_closed_won", "dealstage"]
    got = client.crm.deals.basic_api.get_by_id(deal.id, properties=props).properties
    assert got["hs_date_entered_appointmentscheduled"] == "2024-03-01T10:00:00.000Z"
    assert got["hs_date_exited_appointmentscheduled"] == "2024-03-01T11:00:00.000Z"
    assert got["hs_v2_date_entered_closedwon"] == "2024-03-01T11:00:00.000Z"
    assert (got["hs_is_closed"], got["hs_is_closed_won"]) == ("true", "true")
    cleared = client.crm.deals.basic_api.update(deal.id, SimplePublicObjectInput(properties={"dealstage": ""}))
    assert "dealstage" not in cleared.properties
    with pytest.raises(ApiException):
        client.crm.deals.basic_api.update(deal.id, SimplePublicObjectInput(
            properties={"hs_date_entered_closedwon": "2024-01-01"}))


def test_properties_create_get_and_unique_values(client: HubSpot, http):
    assert http.get("/crm/v3/properties/deals/ip__ecomm_bridge__order_number").status_code == 404
    group = http.post("/crm/v3/properties/deals/groups", json={"name": "ip__ecomm_bridge", "label": "Ecomm"})
    assert group.status_code == 201
    made = client.crm.properties.core_api.create("deals", PropertyCreate(
        name="ip__ecomm_bridge__order_number", label="Order number", type="string", field_type="text",
        group_name="ip__ecomm_bridge", has_unique_value=True))
    assert made is not None and made.has_unique_value is True
    got = client.crm.properties.core_api.get_by_name("deals", "ip__ecomm_bridge__order_number")
    assert got.group_name == "ip__ecomm_bridge" and got.hubspot_defined is False
    names = {p.name for p in client.crm.properties.core_api.get_all("contacts").results}
    assert {"email", "firstname", "hs_analytics_source_data_2", "lifecyclestage"} <= names
    assert not any(n.startswith("ip__") for n in names)
    first = http.post("/crm/v3/objects/deals", json={"properties": {"dealname": "a",
                                                                     "ip__ecomm_bridge__order_number": "1001"}})
    assert first.status_code == 201
    second = http.post("/crm/v3/objects/deals", json={"properties": {"dealname": "b",
                                                                      "ip__ecomm_bridge__order_number": "1001"}})
    assert second.status_code == 400 and second.get_json()["errors"][0]["code"] == "INVALID_UNIQUE_VALUE"
    by_unique = http.get("/crm/v3/objects/deals/1001?idProperty=ip__ecomm_bridge__order_number")
    assert by_unique.get_json()["id"] == first.get_json()["id"]
    duplicate = http.post("/crm/v3/properties/deals", json={"name": "dealname", "label": "x", "type": "string",
                                                            "fieldType": "text", "groupName": "dealinformation"})
    assert duplicate.status_code == 409
