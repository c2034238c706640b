"""HubSpot's date-versioned Python SDK (``hubspot-sdk``, paths ``/crm/<family>/2026-03/...``) with strict response
validation drives every call the connector makes; one store answers the legacy and the dated paths."""

from __future__ import annotations

import pytest
from hubspot_sdk import HubSpot

from mocks.hubspot import DEFAULT_TOKEN

AUTH = {"Authorization": f"Bearer {DEFAULT_TOKEN}"}


@pytest.fixture
def sdk(server) -> HubSpot:
    # Strict: every answer must parse into the SDK's models (types, required fields, enums) or the call raises.
    return HubSpot(access_token=DEFAULT_TOKEN, base_url=server.url, _strict_response_validation=True,
                   max_retries=0)


def test_sdk_record_crud_search_and_batches(sdk: HubSpot):
    contacts, deals = sdk.crm.objects.contacts, sdk.crm.objects.deals
    created = contacts.create(properties={"email": "ada@example.com", "firstname": "Ada"}, associations=[])
    assert created.properties["email"] == "ada@example.com"
    assert contacts.get(created.id, properties=["firstname"]).properties["firstname"] == "Ada"
    assert contacts.update(created.id, properties={"lastname": "L"}).properties["lastname"] == "L"
    assert [c.id for c in contacts.list(limit=10)] == [created.id]
    found = contacts.search(filter_groups=[{"filters": [{"propertyName": "email", "operator": "EQ",
                                                         "value": "ada@example.com"}]}],
                            properties=["email"], limit=10, after="0", sorts=[])
    assert found.total == 1 and found.results[0].id == created.id

    upserted = contacts.batch.upsert(inputs=[
        {"id": "ada@example.com", "id_property": "email", "properties": {"firstname": "Ada2"}},
        {"id": "bob@example.com", "id_property": "email", "properties": {"firstname": "Bob"}}])
    assert sorted((r.properties["email"], r.new) for r in upserted.results) == [
        ("ada@example.com", False), ("bob@example.com", True)]
    read = contacts.batch.get(inputs=[{"id": created.id}], properties=["firstname"], properties_with_history=[])
    assert read.results[0].properties["firstname"] == "Ada2"

    made = deals.batch.create(inputs=[{"properties": {"dealname": "D1", "dealstage": "appointmentscheduled"},
                                       "associations": []}])
    deal_id = made.results[0].id
    updated = deals.batch.update(inputs=[{"id": deal_id, "properties": {"amount": "12.5"}}])
    assert updated.results[0].properties["amount"] == "12.5"
    deals.delete(deal_id)
    contacts.batch.delete(inputs=[{"id": created.id}])
    assert [c.properties["email"] for c in contacts.list(limit=10)] == ["bob@example.com"]


def test_sdk_associations_labels_and_limits(sdk: HubSpot):
    contact = sdk.crm.objects.contacts.create(properties={"email": "c@example.com"}, associations=[])
    deal = sdk.crm.objects.deals.create(properties={"dealname": "D"}, associations=[])
    default = sdk.crm.associations.create(contact.id, from_object_type="deals", from_object_id=deal.id,
                                          to_object_type="contacts")
    assert {r.association_spec.association_type_id for r in default.results} == {3, 4}
    listed = list(sdk.crm.associations.list("contacts", object_type="deals", object_id=deal.id))
    assert [a.to_object_id for a in listed] == [contact.id]  # a string on the dated paths
    created = sdk.crm.associations.batch.create("contacts", from_object_type="deals", inputs=[
        {"from": {"id": deal.id}, "to": {"id": contact.id},
         "types": [{"association_category": "HUBSPOT_DEFINED", "association_type_id": 3}]}])
    assert created.results[0].from_object_id == deal.id
    read = sdk.crm.associations.batch.get("contacts", from_object_type="deals", inputs=[{"id": deal.id}])
    assert read.results[0].to[0].to_object_id == contact.id
    labels = sdk.crm.associations_schema.labels.list_labels("contacts", from_object_type="deals")
    assert 3 in {label.type_id for label in labels.results}
    limits = sdk.crm.associations_schema.limits
    limits.batch_update("contacts", from_object_type="deals", inputs=[
        {"category": "HUBSPOT_DEFINED", "type_id": 3, "max_to_object_ids": 1}])
    assert [(r.type_id, r.user_enforced_max_to_object_ids) for r in limits.list().results] == [(3, 1)]


def test_sdk_pipelines_and_properties(sdk: HubSpot):
    assert "default" in {p.id for p in sdk.crm.pipelines.list("deals").results}
    pipeline = sdk.crm.pipelines.create("orders", label="Shop orders", display_order=0, stages=[
        {"label": "Open", "display_order": 0, "metadata": {"state": "OPEN"}},
        {"label": "Shipped", "display_order": 1, "metadata": {"state": "CLOSED"}}])
    assert [s.metadata["state"] for s in pipeline.stages] == ["OPEN", "CLOSED"]
    assert "email" in {p.name for p in sdk.crm.properties.list("contacts").results}
    sdk.crm.properties.groups.create("contacts", name="shop", label="Shop")
    assert "shop" in {g.name for g in sdk.crm.properties.groups.list("contacts").results}
    made = sdk.crm.properties.batch.create("contacts", inputs=[
        {"name": "shop_customer_id", "label": "Shop customer", "type": "string", "field_type": "text",
         "group_name": "shop", "has_unique_value": True}])
    assert made.results[0].has_unique_value is True
    upsert = sdk.crm.objects.contacts.batch.upsert(inputs=[
        {"id": "42", "id_property": "shop_customer_id", "properties": {"email": "u@example.com"}}])
    assert upsert.results[0].new is True and upsert.results[0].properties["shop_customer_id"] == "42"


def test_one_record_through_v3_and_2026_09_paths(http):
    """A record written on /crm/v3 is read on 2026-09, changed there and read back on v3 (one store)."""
    created = http.post("/crm/v3/objects/contacts", json={"properties": {"email": "same@example.com"}})
    contact_id = created.get_json()["id"]
    dated = http.get(f"/crm/objects/2026-09/contacts/{contact_id}?properties=email")
    assert dated.status_code == 200 and dated.get_json()["properties"]["email"] == "same@example.com"
    patched = http.patch(f"/crm/objects/2026-09/contacts/{contact_id}", json={"properties": {"firstname": "S"}})
    assert patched.status_code == 200
    legacy = http.get(f"/crm/v3/objects/contacts/{contact_id}?properties=firstname").get_json()
    assert legacy["properties"]["firstname"] == "S"
    assert http.get(f"/crm/objects/2026-03/0-1/{contact_id}").get_json()["id"] == contact_id
    # and the beta path, which differs only in the version segment
    assert http.get(f"/crm/objects/2027-03-beta/contacts/{contact_id}").status_code == 200


def test_dated_association_ids_are_strings_and_v4_ids_integers(http):
    """The dated specs type association record ids as strings; v4 answers integers."""
    contact = http.post("/crm/v3/objects/contacts", json={"properties": {"email": "i@example.com"}}).get_json()
    deal = http.post("/crm/v3/objects/deals", json={"properties": {"dealname": "I"}}).get_json()
    http.put(f"/crm/v4/objects/deals/{deal['id']}/associations/default/contacts/{contact['id']}")
    v4 = http.get(f"/crm/v4/objects/deals/{deal['id']}/associations/contacts").get_json()
    dated = http.get(f"/crm/objects/2026-09/deals/{deal['id']}/associations/contacts").get_json()
    assert v4["results"][0]["toObjectId"] == int(contact["id"])
    assert dated["results"][0]["toObjectId"] == contact["id"]
    assert all("label" not in t for t in dated["results"][0]["associationTypes"])


def test_unknown_version_is_not_routed(http):
    response = http.get("/crm/objects/2025-09/contacts")
    assert response.status_code == 404 and response.get_json()["category"] == "OBJECT_NOT_FOUND"


def test_batch_statuses_follow_each_versions_spec(http):
    """v3 and 2026-03 answer partial batches with 207; the 2026-09 spec has no 207 (the answer keeps 200 and
    lists the errors); dated association archives answer a 200 batch body where v4 answers 204."""
    body = {"inputs": [{"id": "424242"}]}
    assert http.post("/crm/v3/objects/contacts/batch/read", json=body).status_code == 207
    assert http.post("/crm/objects/2026-03/contacts/batch/read", json=body).status_code == 207
    late = http.post("/crm/objects/2026-09/contacts/batch/read", json=body)
    assert late.status_code == 200 and late.get_json()["numErrors"] == 1
    deal = http.post("/crm/v3/objects/deals", json={"properties": {"dealname": "x"}}).get_json()
    archive = {"inputs": [{"from": {"id": deal["id"]}, "to": [{"id": "1"}]}]}
    assert http.post("/crm/v4/associations/deals/contacts/batch/archive", json=archive).status_code == 204
    dated = http.post("/crm/associations/2026-09/deals/contacts/batch/archive", json=archive)
    assert dated.status_code == 200 and dated.get_json()["status"] == "COMPLETE"


def test_order_stages_are_open_or_closed_and_orders_link_with_hubspots_type_ids(http):
    stages = [{"label": "Paid", "metadata": {"state": "OPEN"}}, {"label": "Shipped", "metadata": {"state": "CLOSED"}}]
    made = http.post("/crm/pipelines/2026-09/orders", json={"label": "Shop", "stages": stages})
    assert [s["metadata"]["state"] for s in made.get_json()["stages"]] == ["OPEN", "CLOSED"]
    bad = http.post("/crm/pipelines/2026-09/orders", json={"label": "Bad", "stages": [
        {"label": "Limbo", "metadata": {"state": "MAYBE"}}]})
    assert bad.status_code == 400
    labels = {(a, b): {e["typeId"] for e in http.get(f"/crm/associations/2026-09/{a}/{b}/labels").get_json()["results"]}
              for a, b in [("orders", "contacts"), ("orders", "companies"), ("orders", "deals"),
                           ("orders", "line_items"), ("orders", "carts"), ("carts", "contacts"),
                           ("carts", "line_items"), ("carts", "orders")]}
    documented = {("orders", "contacts"): 507, ("orders", "companies"): 509, ("orders", "deals"): 512,
                  ("orders", "line_items"): 513, ("orders", "carts"): 593, ("carts", "contacts"): 586,
                  ("carts", "line_items"): 590, ("carts", "orders"): 592}
    assert {pair: type_id for pair, type_id in documented.items() if type_id in labels[pair]} == documented
