"""The initial import creates contacts without reading first while HubSpot has none of them (C6 with
one call per 100 contacts); a contact HubSpot already has turns the batch, and the rest of the import,
back to read-then-upsert: nothing duplicated, an existing contact's original source left alone."""

from __future__ import annotations

import math

from connector import names
from tests.connector.conftest import customer

PEOPLE = 150  # two contact batches


def seed(world, count: int = PEOPLE) -> list[str]:
    emails = [f"person{i:03d}@example.com" for i in range(count)]
    for i, email in enumerate(emails):
        world.shop("POST", "customers", customer(email, first=f"P{i}"))
    return emails


def contact_calls(world) -> dict[str, int]:
    out: dict[str, int] = {}
    for entry in world.pair.admin.hubspot.requests(method="POST"):
        if entry["path"].startswith("/crm/objects/2026-09/contacts/batch/") and entry.get("status", 0) < 500:
            action = entry["path"].rsplit("/", 1)[1]
            out[action] = out.get(action, 0) + 1
    return out


def sources(world) -> dict[str, tuple[str | None, str | None]]:
    found = world.by("contacts", "email", names.SOURCE, names.SOURCE_DATA_1)
    return {email: (c["properties"].get(names.SOURCE), c["properties"].get(names.SOURCE_DATA_1))
            for email, c in found.items()}


def test_an_empty_portal_gets_its_contacts_by_batch_create_only(world):
    emails = seed(world)
    summary = world.connector().sync()
    assert summary.errors == 0, summary.text()
    assert contact_calls(world) == {"create": math.ceil(PEOPLE / 100)}  # no read, no upsert
    assert sources(world) == {e: (names.IMPORT_SOURCE, names.IMPORT_SOURCE_DATA_1) for e in emails}  # C6
    again = world.connector().sync()  # a later pass writes by key: nothing is created twice
    assert again.errors == 0
    assert len(world.records("contacts", "email")) == PEOPLE


def test_a_contact_hubspot_has_sends_the_import_back_to_read_then_upsert(world):
    emails = seed(world)
    existing = world.hubspot.request("POST", "/crm/objects/2026-09/contacts", json={"properties": {
        "email": emails[5], names.SOURCE: "ORGANIC_SEARCH", names.SOURCE_DATA_1: "www.example.org"}}).json()
    summary = world.connector().sync()
    assert summary.errors == 0, summary.text()
    calls = contact_calls(world)
    batches = math.ceil(PEOPLE / 100)
    # the first batch is refused whole (409) and nothing of it created; then every batch reads first
    assert calls == {"create": 1, "read": batches, "upsert": batches}
    contacts = world.by("contacts", "email")
    assert len(world.records("contacts", "email")) == PEOPLE and set(contacts) == set(emails)
    assert contacts[emails[5]]["id"] == existing["id"]
    found = sources(world)
    assert found.pop(emails[5]) == ("ORGANIC_SEARCH", "www.example.org")  # not the import's source (C6)
    assert set(found.values()) == {(names.IMPORT_SOURCE, names.IMPORT_SOURCE_DATA_1)}

