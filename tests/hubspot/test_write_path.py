"""The batch write path's shortcuts answer exactly what the general code did.

``render_written`` is ``render(..., list(record.properties))``; ``store.now()`` reuses the string of the
last millisecond; prepared values are passed from the validation pass to the write.
"""

from __future__ import annotations

from datetime import timedelta

from mocks.core.clock import Clock, format_iso
from mocks.hubspot import DEFAULT_TOKEN, HubSpotConfig, create_app
from mocks.hubspot.objecttypes import OBJECT_TYPES
from mocks.hubspot.render import render, render_written

AUTH = {"Authorization": f"Bearer {DEFAULT_TOKEN}"}


def test_render_written_equals_render_of_every_stored_property() -> None:
    app = create_app(HubSpotConfig(clock=Clock.simulated("2024-03-01T10:00:00Z"), rate_limit=False))
    web, store = app.test_client(), app.extensions["store"]
    assert web.post("/crm/v3/properties/contacts", headers=AUTH, json={
        "name": "shoe_size", "label": "Shoe size", "type": "number", "fieldType": "number",
        "groupName": "contactinformation"}).status_code == 201
    inputs = [{"id": f"w{i}@example.com", "idProperty": "email",
               "properties": {"firstname": f"W{i}", "shoe_size": str(40 + i)}} for i in range(5)]
    first = web.post("/crm/v3/objects/contacts/batch/upsert", headers=AUTH, json={"inputs": inputs})
    assert first.status_code == 200 and all(r["new"] for r in first.json["results"])
    inputs[0]["properties"] = {"firstname": "", "lastname": "Changed"}
    second = web.post("/crm/v3/objects/contacts/batch/upsert", headers=AUTH, json={"inputs": inputs})
    assert second.status_code == 200 and not any(r["new"] for r in second.json["results"])
    assert second.json["results"][0]["properties"]["lastname"] == "Changed"
    assert "firstname" not in second.json["results"][0]["properties"]
    deal = web.post("/crm/v3/objects/deals", headers=AUTH, json={"properties": {"dealname": "D", "amount": "5"}})
    assert deal.status_code == 201
    assert web.delete("/crm/v3/properties/contacts/shoe_size", headers=AUTH).status_code == 204
    with store.lock:
        for name, t in OBJECT_TYPES.items():
            for record in store.records[name].values():
                assert render_written(store, t, record) == render(store, t, record, list(record.properties))
        contact = next(iter(store.records["contacts"].values()))
        contact.properties.pop("lastmodifieddate")  # a basic the record lacks is answered as null
        t = OBJECT_TYPES["contacts"]
        assert render_written(store, t, contact) == render(store, t, contact, list(contact.properties))
        assert render_written(store, t, contact)["properties"]["lastmodifieddate"] is None


def test_now_reuses_only_the_same_millisecond() -> None:
    clock = Clock.simulated("2024-03-01T10:00:00Z")
    app = create_app(HubSpotConfig(clock=clock, rate_limit=False))
    store = app.extensions["store"]
    for _ in range(3000):
        assert store.now() == format_iso(clock.now())
        clock.advance(0.0003)
    clock.set(clock.now() - timedelta(days=1))
    assert store.now() == format_iso(clock.now())
