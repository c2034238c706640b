"""OAuth access tokens on the CRM routes and the refresh-token grant (issue #13's expiring tokens): an app
that authenticates by client credentials or by a refresh token reaches the CRM with its token's scopes,
gets 401 EXPIRED_AUTHENTICATION once the token is past its lifetime, and renews through /oauth/v1/token."""

from __future__ import annotations

from mocks.hubspot.app import DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET
from tests.hubspot.journal_helpers import make_app, token

CONTACTS = "/crm/v3/objects/contacts"
READ_WRITE = "crm.objects.contacts.read crm.objects.contacts.write"


def refresh_form(refresh_token: str) -> dict:
    return {"grant_type": "refresh_token", "client_id": DEFAULT_CLIENT_ID, "client_secret": DEFAULT_CLIENT_SECRET,
            "refresh_token": refresh_token}


def test_a_client_credentials_token_opens_the_crm_with_its_scopes_until_it_expires():
    _, web, clock = make_app()
    auth = token(web, READ_WRITE)
    made = web.post(CONTACTS, json={"properties": {"email": "a@example.com"}}, headers=auth)
    assert made.status_code == 201, made.get_json()
    assert web.get(CONTACTS, headers=auth).status_code == 200
    denied = web.get("/crm/v3/objects/deals", headers=auth)
    assert denied.status_code == 403 and denied.get_json()["category"] == "MISSING_SCOPES"
    clock.advance(1800)
    expired = web.get(CONTACTS, headers=auth)
    assert expired.status_code == 401 and expired.get_json()["category"] == "EXPIRED_AUTHENTICATION"
    assert web.get(CONTACTS, headers={"Authorization": "Bearer CC-na1-unknown"}).get_json()["category"] == \
        "INVALID_AUTHENTICATION"


def test_refresh_token_grant_returns_a_new_access_token_and_the_same_refresh_token():
    _, web, clock = make_app()
    minted = web.post("/__admin/oauth/refresh-tokens", json={"scopes": READ_WRITE.split()})
    assert minted.status_code == 201
    refresh = minted.get_json()["refresh_token"]
    first = web.post("/oauth/v1/token", data=refresh_form(refresh))
    body = first.get_json()
    assert first.status_code == 200 and body["refresh_token"] == refresh and body["expires_in"] == 1800
    assert body["token_type"] == "bearer" and body["access_token"]
    auth = {"Authorization": f"Bearer {body['access_token']}"}
    assert web.get(CONTACTS, headers=auth).status_code == 200
    clock.advance(1800)
    assert web.get(CONTACTS, headers=auth).status_code == 401
    renewed = web.post("/oauth/v1/token", data=refresh_form(refresh)).get_json()
    assert renewed["access_token"] != body["access_token"]
    assert web.get(CONTACTS, headers={"Authorization": f"Bearer {renewed['access_token']}"}).status_code == 200


def test_refresh_grant_refusals():
    _, web, _ = make_app()
    for form, code in [(refresh_form("na1-unknown"), "BAD_REFRESH_TOKEN"), (refresh_form(""), "BAD_REFRESH_TOKEN"),
                       ({**refresh_form("x"), "client_secret": "wrong"}, "BAD_CLIENT_SECRET")]:
        answer = web.post("/oauth/v1/token", data=form)
        assert answer.status_code == 400 and answer.get_json()["status"] == code
    for body in ({"scopes": ["crm.unknown"]}, {"scopes": []}, {"scopes": "crm.objects.contacts.read"}, None):
        answer = web.post("/__admin/oauth/refresh-tokens", json=body)
        assert answer.status_code == 400 and answer.get_json()["status"] == "BAD_SCOPES"


def test_reset_forgets_refresh_tokens():
    app, web, _ = make_app()
    refresh = web.post("/__admin/oauth/refresh-tokens", json={"scopes": ["crm.objects.contacts.read"]}).get_json()
    assert web.post("/__admin/reset").status_code in (200, 204)
    answer = web.post("/oauth/v1/token", data=refresh_form(refresh["refresh_token"]))
    assert answer.get_json()["status"] == "BAD_REFRESH_TOKEN"


def test_an_apps_tokens_share_one_rate_limit_window():
    """Limits belong to the app's install, not to each token: a renewed token does not get a fresh window."""
    from mocks.core.clock import Clock
    from mocks.hubspot.app import HubSpotConfig, create_app
    web = create_app(HubSpotConfig(clock=Clock.simulated("2026-12-01T10:00:00Z"), rate_limit=True)).test_client()
    first, second = token(web, READ_WRITE), token(web, READ_WRITE)
    left = [int(web.get(CONTACTS, headers=auth).headers["X-HubSpot-RateLimit-Remaining"])
            for auth in (first, second, first)]
    assert left[1] == left[0] - 1 and left[2] == left[0] - 2
