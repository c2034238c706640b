"""HubSpot's new Python SDK (``hubspot_sdk``) drives the token endpoint and every Webhooks Journal call,
with strict response validation on (each answer must parse into the SDK's models)."""

from __future__ import annotations

import json

import hubspot_sdk
import pytest
import requests

from mocks.core.clock import Clock
from mocks.core.server import serve
from mocks.hubspot import DEFAULT_TOKEN, HubSpotConfig, create_app
from mocks.hubspot.app import DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET
from tests.hubspot.journal_helpers import ALL_JOURNAL_SCOPES, PORTAL


@pytest.fixture
def base_url():
    app = create_app(HubSpotConfig(clock=Clock.simulated("2026-12-01T10:00:00Z"), rate_limit=False))
    with serve(app) as server:
        yield server.url


def sdk(base_url: str, token: str) -> hubspot_sdk.HubSpot:
    return hubspot_sdk.HubSpot(base_url=base_url, access_token=token, _strict_response_validation=True,
                               max_retries=0)


def test_sdk_gets_a_client_credentials_token(base_url):
    granted = sdk(base_url, "unused").auth.oauth.create_token(
        grant_type="client_credentials", client_id=DEFAULT_CLIENT_ID, client_secret=DEFAULT_CLIENT_SECRET,
        scope=ALL_JOURNAL_SCOPES)
    assert granted.token_use == "client_credentials" and granted.expires_in == 1800
    assert "developer.webhooks_journal.read" in granted.scopes
    with pytest.raises(hubspot_sdk.BadRequestError):
        sdk(base_url, "unused").auth.oauth.create_token(grant_type="client_credentials", client_id="other",
                                                       client_secret=DEFAULT_CLIENT_SECRET, scope=ALL_JOURNAL_SCOPES)


def test_sdk_drives_subscriptions_filters_snapshots_and_journal_reads(base_url):
    token = sdk(base_url, "unused").auth.oauth.create_token(
        grant_type="client_credentials", client_id=DEFAULT_CLIENT_ID, client_secret=DEFAULT_CLIENT_SECRET,
        scope=ALL_JOURNAL_SCOPES).access_token
    client = sdk(base_url, token)
    journal = client.webhooks_journal
    sub = journal.subscriptions.create(subscription_type="OBJECT", object_type_id="0-1", portal_id=PORTAL,
                                       actions=["CREATE", "UPDATE"], properties=["email"], object_ids=[])
    assert sub.subscription_type == "OBJECT" and sub.portal_id == PORTAL
    assert [s.id for s in journal.subscriptions.list().results] == [sub.id]
    assert journal.subscriptions.get(sub.id).actions == ["CREATE", "UPDATE"]
    made = journal.subscriptions.filters.create(subscription_id=sub.id, filter={"conditions": [
        {"filterType": "CRM_OBJECT_PROPERTY", "operator": "IS_NOT_EMPTY", "property": "email"}]})
    assert journal.subscriptions.filters.get(made.filter_id).id == made.filter_id
    assert [f.id for f in journal.subscriptions.filters.list(sub.id)] == [made.filter_id]

    ids = []
    for i in range(3):
        answer = requests.post(f"{base_url}/crm/v3/objects/contacts", json={"properties": {"email": f"s{i}@x.io"}},
                               headers={"Authorization": f"Bearer {DEFAULT_TOKEN}"}, timeout=10)
        ids.append(int(answer.json()["id"]))
    snap = journal.snapshots.create(snapshot_requests=[{"objectId": ids[0], "objectTypeId": "0-1",
                                                        "portalId": PORTAL, "properties": ["email"]}])
    status_id = snap.snapshot_responses[0].snapshot_status_id
    # HubSpot's published spec (2026-03 and 2026-09) lists SUCCESS as the finished status; hubspot-sdk
    # 0.1.0a9 types it as COMPLETED (the spec's prose). The mock follows the spec's enum, so these two calls
    # are read raw here; everything else goes through the SDK's strict models.
    for resource in (journal.journal, journal.journal_local):
        raw = resource.with_raw_response.get_status(status_id)
        assert raw.status_code == 200 and raw.http_response.json()["status"] == "SUCCESS"

    earliest = journal.journal.batch.get_earliest(100)
    assert earliest.status == "COMPLETE" and len(earliest.results) == 7  # 3 x (CREATE, UPDATE) + SNAPSHOT
    offsets = [r.current_offset for r in earliest.results]
    assert [r.current_offset for r in journal.journal.batch.get_latest(2).results] == offsets[-2:]
    assert [r.current_offset for r in journal.journal.batch.get_from_offset(3, offset=offsets[0]).results] \
        == offsets[1:4]
    assert [r.current_offset for r in journal.journal.batch.get(inputs=offsets[:2]).results] == offsets[:2]
    local = journal.journal_local.batch.get_earliest(100, install_portal_id=PORTAL)
    assert [r.current_offset for r in local.results] == offsets
    assert [r.current_offset for r in journal.journal_local.batch.get_from_offset(
        2, offset=offsets[4], install_portal_id=PORTAL).results] == offsets[5:]
    assert [r.current_offset for r in journal.journal_local.batch.get(inputs=offsets[-1:]).results] == offsets[-1:]

    first = json.loads(journal.journal.get_earliest().read())
    assert first["currentOffset"] == offsets[0]
    step = json.loads(journal.journal.get_next_from_offset(offsets[0]).read())
    assert step["currentOffset"] == offsets[1]
    local_step = json.loads(journal.journal_local.get_next_from_offset(offsets[1]).read())
    assert local_step["currentOffset"] == offsets[2]
    assert json.loads(journal.journal_local.get_earliest().read())["currentOffset"] == offsets[0]
    data = requests.get(first["url"], timeout=10).json()
    assert (data["action"], data["objectId"], data["objectTypeId"]) == ("CREATE", ids[0], "0-1")

    journal.subscriptions.filters.delete(made.filter_id)
    journal.subscriptions.delete(sub.id)
    assert journal.subscriptions.list().results == []
    journal.subscriptions.create(subscription_type="OBJECT", object_type_id="0-1", portal_id=PORTAL,
                                 actions=["DELETE"], properties=[], object_ids=[])
    journal.subscriptions.delete_for_portal(PORTAL)
    assert journal.subscriptions.list().results == []
