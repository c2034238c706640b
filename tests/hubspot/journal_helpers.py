"""Shared helpers of the Webhooks Journal tests: an app on a simulated clock, tokens, reading entries."""

from __future__ import annotations

from urllib.parse import urlsplit

from mocks.core.clock import Clock
from mocks.hubspot import DEFAULT_TOKEN, HubSpotConfig, create_app
from mocks.hubspot.app import DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET

PAT = {"Authorization": f"Bearer {DEFAULT_TOKEN}"}
ALL_JOURNAL_SCOPES = ("developer.webhooks_journal.read developer.webhooks_journal.subscriptions.read "
                      "developer.webhooks_journal.subscriptions.write developer.webhooks_journal.snapshots.read "
                      "developer.webhooks_journal.snapshots.write crm.objects.contacts.read "
                      "crm.objects.companies.read crm.objects.deals.read")
SUBS = "/webhooks-journal/subscriptions/2026-03"
GLOBAL = "/webhooks-journal/journal/2026-03"
LOCAL = "/webhooks-journal/journal-local/2026-03"
PORTAL = 62515


def make_app(clock: Clock | None = None, **config):
    clock = clock or Clock.simulated("2026-12-01T10:00:00Z")
    app = create_app(HubSpotConfig(clock=clock, rate_limit=False, **config))
    return app, app.test_client(), clock


def token(web, scope: str = ALL_JOURNAL_SCOPES) -> dict:
    """Authorization headers with a fresh client-credentials token."""
    answer = web.post("/oauth/v1/token", data={"grant_type": "client_credentials", "client_id": DEFAULT_CLIENT_ID,
                                               "client_secret": DEFAULT_CLIENT_SECRET, "scope": scope})
    assert answer.status_code == 200, answer.get_json()
    return {"Authorization": f"Bearer {answer.get_json()['access_token']}"}


def subscribe(web, auth: dict, object_type: str = "0-1", actions=("CREATE", "UPDATE", "DELETE"),
              properties=("email",), object_ids=(), **extra) -> dict:
    body = {"subscriptionType": "OBJECT", "objectTypeId": object_type, "portalId": PORTAL,
            "actions": list(actions), "properties": list(properties), "objectIds": list(object_ids), **extra}
    answer = web.post(SUBS, json=body, headers=auth)
    assert answer.status_code == 200, answer.get_json()
    return answer.get_json()


def contact(web, **properties) -> int:
    answer = web.post("/crm/v3/objects/contacts", json={"properties": properties}, headers=PAT)
    assert answer.status_code == 201, answer.get_json()
    return int(answer.get_json()["id"])


def event_of(web, fetched: dict) -> dict:
    """Follow a JournalFetchResponse's URL (no token, as with a pre-signed file URL) to the event."""
    parts = urlsplit(fetched["url"])
    answer = web.get(f"{parts.path}?{parts.query}")
    assert answer.status_code == 200, answer.data
    return answer.get_json()


def events(web, auth: dict, base: str = GLOBAL, count: int = 1000, query: str = "") -> list[dict]:
    answer = web.get(f"{base}/batch/earliest/{count}{query}", headers=auth)
    assert answer.status_code == 200, answer.get_json()
    return [event_of(web, r) for r in answer.get_json()["results"]]
