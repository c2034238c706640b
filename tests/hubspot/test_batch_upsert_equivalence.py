"""``batch_upsert``'s batch write path (one validation pass, prepared values, runs of updates written by
``apply_updates`` with shared per-batch state) leaves exactly the state and events that writing each input
alone through the store's general ``create``/``update`` leaves (issue #12 made the batch path faster; this
holds it to the general one)."""

from __future__ import annotations

import random

from mocks.core.clock import Clock
from mocks.hubspot import HubSpotConfig, create_app
from mocks.hubspot.objecttypes import OBJECT_TYPES
from mocks.hubspot.render import render_written

CONTACTS = OBJECT_TYPES["contacts"]
NAMES = ["firstname", "lastname", "phone", "city"]


def _portal():
    clock = Clock.simulated("2026-12-01T10:00:00Z")
    store = create_app(HubSpotConfig(clock=clock, rate_limit=False)).extensions["store"]
    events: list[dict] = []
    store.event_sink, store.event_gate = events.append, None  # every event, without subscriptions
    return clock, store, events


def _batches(rng: random.Random) -> list[list[dict]]:
    batches = []
    for _ in range(30):
        emails = rng.sample(range(60), rng.randint(1, 25))
        inputs = []
        for n in emails:
            email = f"user{n}@example.com"
            email = rng.choice([email, email.upper(), f" {email}", email.title()])
            properties = {name: rng.choice(["", "A", "B", f"v{n}"]) for name in rng.sample(NAMES, rng.randint(0, 3))}
            inputs.append({"id": email, "idProperty": "email", "properties": properties})
        batches.append(inputs)
    return batches


def _state(store) -> dict:  # noqa: ANN001
    records = {rid: (r.properties, {k: r.entries(k) for k in r.history}, r.created_at, r.updated_at)
               for rid, r in store.records["contacts"].items()}
    return {"records": records, "unique": store.unique["contacts"], "order": store.order["contacts"]}


def test_batch_upsert_writes_what_single_writes_write() -> None:
    rng = random.Random(12)
    batch_clock, batch_store, batch_events = _portal()
    single_clock, single_store, single_events = _portal()
    for inputs in _batches(rng):
        written, errors = batch_store.batch_upsert(CONTACTS, [dict(i) for i in inputs])
        assert errors == []
        with single_store.lock:
            at = single_store.now()
            expected = []
            for item in inputs:
                record = single_store.lookup(CONTACTS, item["id"], "email")
                if record is None:
                    properties = {**item["properties"], "email": item["id"]}
                    expected.append((single_store.create(CONTACTS, properties, at=at), True))
                else:
                    expected.append((single_store.update(CONTACTS, str(record.id), item["properties"], at=at),
                                     False))
        assert [(r.id, new) for r, new in written] == [(r.id, new) for r, new in expected]
        assert [render_written(batch_store, CONTACTS, r) for r, _ in written] == \
            [render_written(single_store, CONTACTS, r) for r, _ in expected]
        batch_clock.advance(1.5)
        single_clock.advance(1.5)
    assert _state(batch_store) == _state(single_store)
    assert batch_events == single_events and len(batch_events) > 100
    histories = [h for r in batch_store.records["contacts"].values() for h in r.entries("lastmodifieddate")]
    assert len(histories) > 60 and all(entry[2] == "CALCULATED" for entry in histories)


def test_batch_update_writes_what_single_updates_write() -> None:
    rng = random.Random(13)
    portals = [_portal(), _portal()]
    for _, store, _ in portals:
        for n in range(20):
            store.create(CONTACTS, {"email": f"user{n}@example.com"})
    for _ in range(20):
        inputs = [{"id": str(1001 + n), "properties": {name: rng.choice(["", "A", f"v{n}"])
                                                       for name in rng.sample(NAMES, rng.randint(0, 3))}}
                  for n in rng.sample(range(20), rng.randint(1, 10))]
        (clock_a, a, _), (clock_b, b, _) = portals
        a.batch_update(CONTACTS, inputs)
        with b.lock:
            at = b.now()
            for item in inputs:
                b.update(CONTACTS, item["id"], item["properties"], at=at)
        clock_a.advance(2)
        clock_b.advance(2)
    assert _state(portals[0][1]) == _state(portals[1][1])
    assert portals[0][2] == portals[1][2] and len(portals[0][2]) > 40
