"""What a reverse (HubSpot -> Shopify) sync needs from HubSpot's change events: the property name and
value, ``occurredAt``, and who made the change — ``changeSource: "INTEGRATION"`` with ``sourceId`` the
writing app's id for API writes, ``"CRM_UI"`` with ``"userId:<id>"`` for a user's edit in HubSpot — on
v3 push webhooks and on the Webhooks Journal, for contacts, companies and products."""

from __future__ import annotations

from mocks.core.clock import Clock
from mocks.hubspot import DEFAULT_TOKEN, HubSpotConfig, create_app
from mocks.hubspot.app import DEFAULT_APP_ID
from tests.hubspot.journal_helpers import PAT, SUBS, events, make_app, subscribe, token
from tests.hubspot.test_webhooks import Receiver, deliver, make

OTHER_TOKEN = "pat-na1-another-integration"
OTHER_APP = 4242


def _changes(receiver: Receiver) -> list[tuple]:
    return [(e["subscriptionType"], e.get("propertyName"), e.get("propertyValue"), e["changeSource"],
             e.get("sourceId")) for e in receiver.events()]


def test_push_webhooks_name_the_app_for_api_writes_and_the_user_for_ui_edits():
    receiver = Receiver()
    app, web, clock = make(receiver)
    made = web.post("/crm/v3/objects/companies", json={"properties": {"name": "Acme", "domain": "acme.test"}},
                    headers={"Authorization": f"Bearer {DEFAULT_TOKEN}"})
    company = made.get_json()["id"]
    deliver(web)
    app_id = str(DEFAULT_APP_ID)
    assert sorted(_changes(receiver)) == sorted([
        ("company.creation", None, None, "INTEGRATION", app_id),
        ("company.propertyChange", "name", "Acme", "INTEGRATION", app_id),
        ("company.propertyChange", "domain", "acme.test", "INTEGRATION", app_id)])
    receiver.posts.clear()
    clock.advance(5)
    edited = web.patch(f"/__admin/ui/objects/companies/{company}", json={"properties": {"name": "Acme Corp"},
                                                                          "userId": 7})
    assert edited.status_code == 200 and edited.get_json()["properties"]["name"] == "Acme Corp"
    deliver(web)
    [event] = receiver.events()
    assert _changes(receiver) == [("company.propertyChange", "name", "Acme Corp", "CRM_UI", "userId:7")]
    assert event["occurredAt"] == int(clock.timestamp() * 1000) and event["objectId"] == int(company)
    history = web.get(f"/crm/v3/objects/companies/{company}?propertiesWithHistory=name",
                      headers={"Authorization": f"Bearer {DEFAULT_TOKEN}"}).get_json()["propertiesWithHistory"]["name"]
    assert [(h["value"], h["sourceType"], h.get("sourceId"), h.get("updatedByUserId")) for h in history] == [
        ("Acme Corp", "CRM_UI", "userId:7", 7), ("Acme", "API", app_id, None)]


def test_ui_creates_and_deletes_products_and_contacts_and_other_apps_are_told_apart():
    receiver = Receiver()
    app = create_app(HubSpotConfig(clock=Clock.simulated("2026-12-01T10:00:00Z"), rate_limit=False,
                                   webhook_transport=receiver,
                                   tokens={DEFAULT_TOKEN: app_scopes(), OTHER_TOKEN: app_scopes()},
                                   token_apps={OTHER_TOKEN: OTHER_APP}))
    web = app.test_client()
    web.post("/__admin/webhooks/settings", json={"targetUrl": "http://receiver.test/hook"})
    product = web.post("/__admin/ui/objects/products", json={"properties": {"name": "Hat", "price": "10"},
                                                             "userId": 3}).get_json()["id"]
    web.patch(f"/crm/v3/objects/products/{product}", json={"properties": {"price": "12"}},
              headers={"Authorization": f"Bearer {OTHER_TOKEN}"})
    contact = web.post("/crm/v3/objects/contacts", json={"properties": {"email": "a@b.test"}},
                       headers={"Authorization": f"Bearer {DEFAULT_TOKEN}"}).get_json()["id"]
    assert web.delete(f"/__admin/ui/objects/contacts/{contact}?userId=9").status_code == 204
    deliver(web)
    seen = _changes(receiver)
    assert ("product.creation", None, None, "CRM_UI", "userId:3") in seen
    assert ("product.propertyChange", "price", "10", "CRM_UI", "userId:3") in seen
    assert ("product.propertyChange", "price", "12", "INTEGRATION", str(OTHER_APP)) in seen
    assert ("contact.creation", None, None, "INTEGRATION", str(DEFAULT_APP_ID)) in seen
    assert ("contact.deletion", None, None, "CRM_UI", "userId:9") in seen
    # Admin UI routes answer HubSpot's errors, never a 500.
    assert web.patch("/__admin/ui/objects/products/999", json={"properties": {"price": "1"}}).status_code == 404
    assert web.post("/__admin/ui/objects/nope", json={"properties": {}}).status_code == 404
    assert web.post("/__admin/ui/objects/products", json={"properties": {}, "userId": "x"}).status_code == 400
    assert web.post("/__admin/ui/objects/products", data="[", content_type="application/json").status_code == 400


def app_scopes() -> set[str]:
    from mocks.hubspot.auth import all_scopes
    return all_scopes()


def test_the_journal_carries_change_source_and_source_id_for_updates_and_associations():
    app, web, _ = make_app()
    auth = token(web)
    subscribe(web, auth, object_type="0-2", properties=("name",))
    web.post(SUBS, headers=auth, json={"subscriptionType": "ASSOCIATION", "objectTypeId": "0-1", "portalId": 62515,
                                       "actions": ["ASSOCIATION_ADDED"], "objectIds": [],
                                       "associatedObjectTypeIds": ["0-2"]})
    company = web.post("/crm/v3/objects/companies", json={"properties": {"name": "Acme"}}, headers=PAT).get_json()["id"]
    web.patch(f"/__admin/ui/objects/companies/{company}", json={"properties": {"name": "Acme Inc"}, "userId": 5})
    contact = web.post("/crm/v3/objects/contacts", json={"properties": {"email": "j@x.test"}}, headers=PAT).get_json()
    assert web.put(f"/crm/v4/objects/contacts/{contact['id']}/associations/default/companies/{company}",
                   headers=PAT).status_code == 200
    seen = [(e["action"], e.get("propertyName"), e.get("propertyValue"), e["changeSource"], e.get("sourceId"))
            for e in events(web, auth)]
    app_id = str(DEFAULT_APP_ID)
    assert seen == [("CREATE", None, None, "INTEGRATION", app_id), ("UPDATE", "name", "Acme", "INTEGRATION", app_id),
                    ("UPDATE", "name", "Acme Inc", "CRM_UI", "userId:5"),
                    ("ASSOCIATION_ADDED", None, None, "INTEGRATION", app_id)]


def test_batch_writes_and_dated_paths_are_attributed_to_the_app():
    receiver = Receiver()
    app, web, _ = make(receiver)
    auth = {"Authorization": f"Bearer {DEFAULT_TOKEN}"}
    made = web.post("/crm/v3/objects/contacts/batch/create", headers=auth, json={"inputs": [
        {"properties": {"email": "b1@x.test"}}, {"properties": {"email": "b2@x.test"}}]})
    assert made.status_code == 201
    ids = [r["id"] for r in made.get_json()["results"]]
    assert web.post("/crm/objects/2026-03/contacts/batch/update", headers=auth, json={"inputs": [
        {"id": i, "properties": {"firstname": "B"}} for i in ids]}).status_code == 200
    deliver(web)
    seen = receiver.events()
    assert len(seen) == 6 and {(e["changeSource"], e["sourceId"]) for e in seen} == {("INTEGRATION",
                                                                                      str(DEFAULT_APP_ID))}
