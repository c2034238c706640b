"""Client-credentials tokens: issued for the app's id and secret, expiring on the clock, scoped."""

from __future__ import annotations

from mocks.hubspot.app import DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET
from tests.hubspot.journal_helpers import GLOBAL, PAT, SUBS, make_app, token

FORM = {"grant_type": "client_credentials", "client_id": DEFAULT_CLIENT_ID, "client_secret": DEFAULT_CLIENT_SECRET,
        "scope": "developer.webhooks_journal.read"}


def test_token_response_carries_the_granted_scopes_and_lifetime():
    _, web, _ = make_app()
    answer = web.post("/oauth/v1/token", data={**FORM, "scope": "developer.webhooks_journal.read "
                                                                "crm.objects.contacts.read"})
    body = answer.get_json()
    assert answer.status_code == 200
    assert body["token_type"] == "bearer" and body["token_use"] == "client_credentials"
    assert body["expires_in"] == 1800
    assert body["scopes"] == ["crm.objects.contacts.read", "developer.webhooks_journal.read"]
    assert body["access_token"] != token(web)["Authorization"].split()[1]  # every grant is a new token


def test_bad_client_secret_grant_or_scope_get_oauth_error_bodies():
    _, web, _ = make_app()
    cases = [({"client_id": "someone-else"}, "BAD_CLIENT_ID"), ({"client_secret": "wrong"}, "BAD_CLIENT_SECRET"),
             ({"grant_type": "password"}, "BAD_GRANT_TYPE"), ({"scope": "crm.unknown.scope"}, "BAD_SCOPES"),
             ({"scope": ""}, "BAD_SCOPES")]
    for change, code in cases:
        answer = web.post("/oauth/v1/token", data={**FORM, **change})
        assert answer.status_code == 400, change
        assert answer.get_json()["status"] == code and answer.get_json()["message"]


def test_configured_client_id_and_secret_are_the_ones_accepted():
    _, web, _ = make_app(client_id="my-app", client_secret="s3cret")
    assert web.post("/oauth/v1/token", data=FORM).get_json()["status"] == "BAD_CLIENT_ID"
    answer = web.post("/oauth/v1/token", data={**FORM, "client_id": "my-app", "client_secret": "s3cret"})
    assert answer.status_code == 200


def test_tokens_expire_on_the_mock_clock():
    _, web, clock = make_app()
    auth = token(web)
    assert web.get(f"{GLOBAL}/batch/earliest/1", headers=auth).status_code == 200
    clock.advance(1799)
    assert web.get(f"{GLOBAL}/batch/earliest/1", headers=auth).status_code == 200
    clock.advance(121)
    answer = web.get(f"{GLOBAL}/batch/earliest/1", headers=auth)
    assert answer.status_code == 401
    assert answer.get_json()["category"] == "EXPIRED_AUTHENTICATION"
    assert "expired 2 minute(s) ago" in answer.get_json()["message"]
    assert web.get(f"{GLOBAL}/batch/earliest/1", headers=token(web)).status_code == 200


def test_journal_calls_need_a_client_credentials_token_with_the_right_scope():
    _, web, _ = make_app()
    assert web.get(SUBS).status_code == 401
    assert web.get(SUBS, headers={"Authorization": "Bearer nope"}).get_json()["category"] == "INVALID_AUTHENTICATION"
    # A private-app token is a real token, but not one the journal accepts.
    refused = web.get(SUBS, headers=PAT)
    assert refused.status_code == 403 and refused.get_json()["category"] == "MISSING_SCOPES"
    read_only = token(web, "developer.webhooks_journal.subscriptions.read")
    assert web.get(SUBS, headers=read_only).status_code == 200
    write = web.post(SUBS, headers=read_only, json={})
    assert write.status_code == 403
    assert write.get_json()["errors"][0]["context"]["requiredGranularScopes"] == [
        "developer.webhooks_journal.subscriptions.write"]
    assert web.get(f"{GLOBAL}/latest", headers=read_only).status_code == 403


def test_subscribing_to_an_object_type_needs_its_object_scope():
    _, web, _ = make_app()
    auth = token(web, "developer.webhooks_journal.subscriptions.write")
    answer = web.post(SUBS, headers=auth, json={"subscriptionType": "OBJECT", "objectTypeId": "0-1",
                                                "portalId": 62515, "actions": ["CREATE"], "properties": [],
                                                "objectIds": []})
    assert answer.status_code == 403
    assert answer.get_json()["errors"][0]["context"]["requiredGranularScopes"] == ["crm.objects.contacts.read"]
