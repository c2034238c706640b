"""A long property history: every value is kept and answered newest first, while the list the store
appends to stays short (older entries settle into tuples the garbage collector does not walk)."""

from __future__ import annotations

import gc

from mocks.core.clock import Clock
from mocks.hubspot import HubSpotConfig, create_app
from mocks.hubspot import store as store_module
from mocks.hubspot.config import DEFAULT_TOKEN

HEADERS = {"Authorization": f"Bearer {DEFAULT_TOKEN}", "Content-Type": "application/json"}


def test_every_value_of_a_long_history_is_answered_newest_first_through_single_and_batch_writes(monkeypatch):
    monkeypatch.setattr(store_module, "HISTORY_CHUNK", 8)  # the mechanism at any size; 8 keeps the test quick
    chunk = store_module.HISTORY_CHUNK
    clock = Clock.simulated("2026-12-01T10:00:00Z")
    app = create_app(HubSpotConfig(clock=clock, rate_limit=False))
    client, store = app.test_client(), app.extensions["store"]
    created = client.post("/crm/v3/objects/contacts", json={"properties": {"email": "long@example.com"}},
                          headers=HEADERS).get_json()
    writes = 3 * chunk + 5
    for n in range(writes):
        clock.advance(1)
        if n % 2:
            answer = client.patch(f"/crm/v3/objects/contacts/{created['id']}", json={"properties": {"city": f"c{n}"}},
                                  headers=HEADERS)
        else:
            answer = client.post("/crm/v3/objects/contacts/batch/upsert", headers=HEADERS, json={"inputs": [
                {"id": "long@example.com", "idProperty": "email", "properties": {"city": f"c{n}"}}]})
        assert answer.status_code == 200
    record = store.records["contacts"][int(created["id"])]
    assert [value for value, *_ in record.entries("city")] == [f"c{n}" for n in range(writes)]
    assert len(record.history["city"]) < chunk
    assert len(record.history["lastmodifieddate"]) < chunk
    assert len(record.entries("lastmodifieddate")) == writes + 1
    read = client.get(f"/crm/v3/objects/contacts/{created['id']}?propertiesWithHistory=city", headers=HEADERS)
    history = read.get_json()["propertiesWithHistory"]["city"]
    assert [h["value"] for h in history] == [f"c{n}" for n in reversed(range(writes))]
    assert history[0]["timestamp"] > history[-1]["timestamp"]
    settled = record.settled["city"]
    for _ in range(10):  # each collector pass leaves out one more link of the chain (a running server's own
        gc.collect()     # passes do this as it goes)
        if not gc.is_tracked(settled):
            break
    assert not gc.is_tracked(settled) and not gc.is_tracked(settled[1])
