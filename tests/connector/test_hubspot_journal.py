"""C5 through HubSpot's Webhooks Journal (2026-03): contact deletions read by offset, the offset kept in
SQLite, a crash between reading and applying re-reads and never skips; the v3 push webhooks still work."""

from __future__ import annotations

import pytest

import connector.engine.journal as journal_engine
from connector.config import validate
from connector.errors import ConfigError, ConnectorCrashed
from mocks.hubspot.config import DEFAULT_CLIENT_ID
from tests.connector.conftest import customer

STORE = "harness-shop"


def journal_connector(world, **options):
    return world.connector(hubspot_client_id=DEFAULT_CLIENT_ID, **options)


def delete_contact(world, email: str) -> str:
    hs_id = world.by("contacts", "email")[email]["id"]
    world.hubspot.request("DELETE", world.hubspot.paths.objects("contacts", hs_id))  # no push webhook
    return hs_id


def test_a_contact_deleted_in_hubspot_is_learnt_from_the_journal(world):
    connector = journal_connector(world)
    ada = world.shop("POST", "customers", customer("ada@example.com"))["customer"]
    world.shop("POST", "customers", customer("bob@example.com", first="Bob"))
    first = connector.sync()
    assert first.errors == 0, first.text()
    assert "journal: 0 entries, 0 contact deletions" in first.actions
    assert connector.state.get_meta(journal_engine.SUBSCRIPTION)

    hs_id = delete_contact(world, "ada@example.com")
    second = connector.sync()  # nothing changed in Shopify: only the journal can tell
    assert "journal: 1 entries, 1 contact deletions" in second.actions, second.text()
    assert connector.status()["stores"][STORE]["tombstones"] == 1
    assert connector.state.hs_id(STORE, "contact", "email:ada@example.com") is None
    assert connector.state.get_meta(journal_engine.OFFSET)
    assert second.calls["hubspot_journal"] >= 2  # read, entry file (the token is kept from the first pass)

    # C5: a later Shopify update does not re-create the contact; bob is untouched
    world.advance(minutes=1)
    world.shop("PUT", f"customers/{ada['id']}", {"customer": {"id": ada["id"], "first_name": "Again"}})
    third = connector.sync()
    assert "journal: 0 entries, 0 contact deletions" in third.actions  # the offset moved: not read twice
    assert set(world.by("contacts", "email")) == {"bob@example.com"}
    assert hs_id not in {c["id"] for c in world.records("contacts")}


def test_a_crash_between_reading_and_applying_rereads_the_entry(world, monkeypatch):
    connector = journal_connector(world)
    world.shop("POST", "customers", customer("ada@example.com"))
    connector.sync()
    delete_contact(world, "ada@example.com")
    offset = connector.state.get_meta(journal_engine.OFFSET)
    real = journal_engine.apply_hubspot

    def crash(*args, **kwargs):
        raise ConnectorCrashed("crashed after reading the journal entry, before applying it")

    monkeypatch.setattr(journal_engine, "apply_hubspot", crash)
    with pytest.raises(ConnectorCrashed):
        connector.sync()
    assert connector.state.get_meta(journal_engine.OFFSET) == offset  # not moved past the unapplied entry
    assert connector.status()["stores"][STORE]["tombstones"] == 0
    monkeypatch.setattr(journal_engine, "apply_hubspot", real)
    restarted = journal_connector(world)  # a new process on the same state file
    summary = restarted.sync()
    assert "journal: 1 entries, 1 contact deletions" in summary.actions, summary.text()
    assert restarted.status()["stores"][STORE]["tombstones"] == 1


def test_journal_failures_are_reported_and_the_offset_stays(world):
    connector = world.connector(hubspot_client_id="not-the-client-id")
    world.shop("POST", "customers", customer("ada@example.com"))
    summary = connector.sync()
    assert summary.errors == 1 and "webhooks journal" in summary.text() and "could not get an access token" in summary.text()
    assert connector.state.get_meta(journal_engine.OFFSET) is None
    assert set(world.by("contacts", "email")) == {"ada@example.com"}  # the rest of the pass went through


def test_a_client_id_needs_the_client_secret(world):
    config = world.config()
    config.hubspot_client_id, config.hubspot_client_secret = DEFAULT_CLIENT_ID, ""
    with pytest.raises(ConfigError, match="client secret"):
        validate(config)


def test_push_webhook_and_journal_agree_on_one_deletion(world):
    """The v3 push webhook is kept: a deletion learnt from it and then read from the journal is applied once."""
    from tests.connector.test_deletes_stores import hubspot_signed

    connector = journal_connector(world)
    world.shop("POST", "customers", customer("ada@example.com"))
    connector.sync()
    hs_id = delete_contact(world, "ada@example.com")
    headers, raw, url = hubspot_signed(world, [{"eventId": 7, "subscriptionType": "contact.deletion",
                                                "objectId": int(hs_id)}])
    assert connector.handle_hubspot_webhook(headers, raw, url) == (200, "tombstoned 1")
    summary = connector.sync()
    assert "journal: 1 entries, 1 contact deletions" in summary.actions and summary.errors == 0
    assert connector.status()["stores"][STORE]["tombstones"] == 1


def test_the_journal_token_is_kept_across_passes_and_renewed_before_it_expires(world):
    """One client-credentials grant serves every pass within its 30 minutes (kept in the state file, so
    a new process reuses it too); past its expiry margin the next pass gets a new one."""
    def grants() -> int:
        return sum(1 for e in world.pair.admin.hubspot.requests(method="POST") if e["path"] == "/oauth/v1/token")

    world.shop("POST", "customers", customer("ada@example.com"))
    journal_connector(world).sync()
    journal_connector(world).sync()  # another process, same state file
    assert grants() == 1
    world.advance(minutes=26)  # inside the 300 s renewal margin of a 30-minute token
    assert journal_connector(world).sync().errors == 0
    assert grants() == 2
