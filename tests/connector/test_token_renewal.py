"""Expiring tokens against the mocks' token endpoints on a simulated clock (issue #13): renewed before
expiry, renewed once on a 401 (then the call is retried), rotated refresh tokens saved in the state so a
restart keeps them, and a 401 that renewal cannot fix is one clear error after a bounded number of calls."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
import requests

from connector.clients.auth import OAuthToken, StaticToken, hubspot_grant, shopify_grant
from connector.clients.hubspot import HubSpotClient
from connector.clients.shopify import ShopifyClient
from connector.clients.shopify_graphql import ShopifyGraphQL
from connector.clock import format_iso
from connector.errors import HubSpotError, ShopifyError
from connector.state import State
from mocks.shopify import DEFAULT_SECRET, DEFAULT_SHOP
from mocks.shopify.config import DEFAULT_CLIENT_ID
from mocks.shopify.tokens import CLIENT_CREDENTIALS_TTL, OFFLINE_TTL
from tests.connector.conftest import HUBSPOT_SECRET, make_world

HUBSPOT_CLIENT_ID = "harness-client-id"


@pytest.fixture()
def world(tmp_path):
    rig = make_world(tmp_path)
    yield rig
    rig.close()


@pytest.fixture()
def state(tmp_path):
    db = State(str(tmp_path / "tokens.db"))
    yield db
    db.close()


def cc_source(world, state=None, secret: str = DEFAULT_SECRET) -> OAuthToken:
    grant = shopify_grant(world.shopify_url, DEFAULT_CLIENT_ID, secret, shop=DEFAULT_SHOP)
    return OAuthToken(grant, world.clock, store=state, key="auth:shopify:test", sleep=world.sleep)


def shop_client(world, source) -> ShopifyClient:
    return ShopifyClient(world.shopify_url, api_version="2026-10", sleep=world.sleep, auth=source)


def renewed_on_401(client) -> int:
    return client.stats.retries.get("401 renewed", 0)


# --- Shopify: client credentials -------------------------------------------------------------------
def test_client_credentials_token_is_fetched_then_renewed_before_it_expires(world, state):
    source = cc_source(world, state)
    client = shop_client(world, source)
    assert client.get("shop")["shop"]["myshopify_domain"].startswith(DEFAULT_SHOP)
    first, expires = source.token(), source.expires_at
    assert source.renewals == 1 and expires == world.clock.now() + timedelta(seconds=CLIENT_CREDENTIALS_TTL)
    world.advance(seconds=CLIENT_CREDENTIALS_TTL - 600)  # outside the 5-minute margin: kept
    client.get("shop")
    assert source.renewals == 1
    world.advance(seconds=400)  # inside the margin, before expiry: renewed before the call
    client.get("shop")
    assert source.renewals == 2 and source.token() != first
    assert renewed_on_401(client) == 0, "renewal before expiry never meets a 401"
    saved = state.get_meta("auth:shopify:test")
    assert saved["access_token"] == source.token() and saved["expires_at"] == format_iso(source.expires_at)


def test_a_401_renews_once_and_the_call_is_retried(world, state):
    """The token dies early (revoked, or the clocks disagree): the 401 renews it and the call goes through."""
    source = cc_source(world, state)
    client = ShopifyGraphQL(world.shopify_url, sleep=world.sleep, auth=source)
    assert client.execute("{ shop { name } }")["shop"]["name"]
    shop_store = world.pair.store("shopify")
    with shop_store.lock:  # the mock expires the token now; the connector still thinks it has ~24 h
        grant = shop_store.tokens[source.token()]
        shop_store.tokens[grant.token] = replace(grant, expires_at=world.clock.now())
    calls = client.calls
    assert client.execute("{ shop { name } }")["shop"]["name"]
    assert renewed_on_401(client) == 1 and client.calls == calls + 2 and source.renewals == 2


def test_a_saved_token_survives_a_restart(world, state):
    first = cc_source(world, state)
    shop_client(world, first).get("shop")
    again = cc_source(world, state)  # a new process on the same state file
    shop_client(world, again).get("shop")
    assert again.renewals == 0 and again.token() == first.token()


def test_a_wrong_client_secret_is_one_clear_error_not_a_loop(world):
    source = cc_source(world, secret="shpss_wrong")
    client = shop_client(world, source)
    with pytest.raises(ShopifyError) as caught:
        client.get("shop")
    message = str(caught.value)
    assert "/admin/oauth/access_token -> 401" in message and "could not get an access token" in message
    assert "invalid_client" in message and "shpss_wrong" not in message
    assert source.http.stats.calls == 1 and client.calls == 0, "a refused grant is not retried"


class StubbornSource:
    """Renews every time, but the new token is no better (a revoked app, a token for another shop)."""

    def __init__(self) -> None:
        self.renewals = 0

    def token(self) -> str:
        return "shpat_revoked"

    def renew(self, rejected: str) -> bool:
        self.renewals += 1
        return True


def test_a_401_that_renewal_cannot_fix_stops_after_one_renewal(world):
    source = StubbornSource()
    client = shop_client(world, source)
    with pytest.raises(ShopifyError) as caught:
        client.get("shop")
    assert caught.value.status == 401 and "still unauthorized after renewing" in str(caught.value)
    assert source.renewals == 1 and client.calls == 2


def test_a_static_token_401_is_final(world):
    client = shop_client(world, StaticToken("shpat_nobody"))
    with pytest.raises(ShopifyError) as caught:
        client.get("shop")
    assert caught.value.status == 401 and client.calls == 1


# --- Shopify: expiring offline tokens with a rotating refresh token -------------------------------
def minted_offline(world) -> dict:
    answer = requests.post(f"{world.shopify_url}/__admin/tokens", json={"kind": "expiring_offline"}, timeout=10)
    assert answer.status_code == 201, answer.text
    return answer.json()


def test_refresh_token_rotates_and_the_rotated_one_is_saved(world, state):
    minted = minted_offline(world)
    grant = shopify_grant(world.shopify_url, DEFAULT_CLIENT_ID, DEFAULT_SECRET, minted["refresh_token"],
                          shop=DEFAULT_SHOP)
    source = OAuthToken(grant, world.clock, store=state, key="auth:shopify:rt", sleep=world.sleep)
    client = shop_client(world, source)
    client.get("shop")
    rotated = state.get_meta("auth:shopify:rt")["refresh_token"]
    assert rotated != minted["refresh_token"] and source.renewals == 1
    world.advance(seconds=OFFLINE_TTL)  # the hour is over: renewed with the rotated refresh token
    client.get("shop")
    assert source.renewals == 2 and state.get_meta("auth:shopify:rt")["refresh_token"] != rotated
    # the first refresh token was retired when its successor was used: only the saved one works now
    restarted = OAuthToken(grant, world.clock, store=state, key="auth:shopify:rt", sleep=world.sleep)
    world.advance(seconds=OFFLINE_TTL)
    shop_client(world, restarted).get("shop")
    assert restarted.renewals == 1
    stale = OAuthToken(grant, world.clock, sleep=world.sleep)  # no state: the configured, retired token
    with pytest.raises(ShopifyError, match="invalid_grant"):
        stale.token()


# --- HubSpot: client credentials and refresh tokens on /oauth/v1/token ----------------------------
def hub_source(world, state=None, refresh_token: str = "", secret: str = HUBSPOT_SECRET) -> OAuthToken:
    grant = hubspot_grant(world.hubspot_url, HUBSPOT_CLIENT_ID, secret, refresh_token,
                          scopes="crm.objects.contacts.read crm.objects.contacts.write")
    return OAuthToken(grant, world.clock, store=state, key="auth:hubspot", sleep=world.sleep)


def test_hubspot_client_credentials_renewed_before_expiry_and_on_401(world, state):
    source = hub_source(world, state)
    client = HubSpotClient(world.hubspot_url, sleep=world.sleep, auth=source)
    client.upsert("contacts", "email", [("ada@example.com", {"firstname": "Ada"})])
    first = source.token()
    world.advance(seconds=1800 - 200)  # inside the margin of the 30-minute token
    assert list(client.search("contacts", properties=["email"]))
    assert source.renewals == 2 and source.token() != first and renewed_on_401(client) == 0
    hub_credentials = world.pair.apps[1].extensions["client_credentials"]
    hub_credentials.expire(source.token())  # dies early on HubSpot's side
    assert list(client.search("contacts", properties=["email"]))
    assert renewed_on_401(client) == 1 and source.renewals == 3


def test_hubspot_refresh_token_grant(world, state):
    answer = requests.post(f"{world.hubspot_url}/__admin/oauth/refresh-tokens", timeout=10,
                           json={"scopes": ["crm.objects.contacts.read", "crm.objects.contacts.write"]})
    assert answer.status_code == 201, answer.text
    refresh = answer.json()["refresh_token"]
    source = hub_source(world, state, refresh_token=refresh)
    client = HubSpotClient(world.hubspot_url, sleep=world.sleep, auth=source)
    client.upsert("contacts", "email", [("bo@example.com", {"firstname": "Bo"})])
    world.advance(seconds=1800)
    client.upsert("contacts", "email", [("bo@example.com", {"firstname": "Bob"})])
    assert source.renewals == 2 and state.get_meta("auth:hubspot")["refresh_token"] == refresh
    assert renewed_on_401(client) == 0
    with pytest.raises(HubSpotError, match="BAD_REFRESH_TOKEN"):
        hub_source(world, refresh_token="na1-unknown").token()
    # a token without the scope a call needs is a 403, not a renewal loop
    with pytest.raises(HubSpotError) as caught:
        client.upsert("deals", "dealname", [("d1", {})])
    assert caught.value.status == 403 and client.stats.retries.get("401 renewed", 0) == 0


def test_hubspot_wrong_secret_is_one_clear_error(world):
    source = hub_source(world, secret="wrong")
    client = HubSpotClient(world.hubspot_url, sleep=world.sleep, auth=source)
    with pytest.raises(HubSpotError) as caught:
        client.upsert("contacts", "email", [("x@example.com", {})])
    assert "could not get an access token" in str(caught.value) and "BAD_CLIENT_SECRET" in str(caught.value)
    assert source.http.stats.calls == 1 and client.calls == 0


# --- the command line ----------------------------------------------------------------------------
def test_cli_sync_with_oauth_clients_saves_and_reuses_tokens(world, tmp_path, monkeypatch):
    from connector.__main__ import run
    for var in ("SHOPIFY_TOKEN", "HUBSPOT_TOKEN"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("SHOPIFY_CLIENT_SECRET", DEFAULT_SECRET)  # secrets from the environment,
    monkeypatch.setenv("HUBSPOT_CLIENT_SECRET", HUBSPOT_SECRET)  # ids from flags
    state_path = str(tmp_path / "cli.db")
    argv = ["sync", "--shopify", world.shopify_url, "--shopify-client-id", DEFAULT_CLIENT_ID,
            "--hubspot", world.hubspot_url, "--hubspot-client-id", HUBSPOT_CLIENT_ID, "--state", state_path,
            "--now", format_iso(world.clock.now())]
    world.shop("POST", "customers", {"customer": {"email": "cli@example.com", "first_name": "Cy"}})
    assert run(argv) == 0
    saved = State(state_path)
    try:
        first = (saved.get_meta("auth:shopify:harness-shop"), saved.get_meta("auth:hubspot"))
    finally:
        saved.close()
    assert first[0]["access_token"].startswith("shpat_") and first[1]["access_token"]
    assert "cli@example.com" in world.by("contacts", "email")
    assert run(argv) == 0
    again = State(state_path)
    try:
        assert (again.get_meta("auth:shopify:harness-shop"), again.get_meta("auth:hubspot")) == first
    finally:
        again.close()


def test_cli_refused_client_secret_is_one_line_exit_1(world, tmp_path, monkeypatch, capsys):
    from connector.__main__ import run
    for var in ("SHOPIFY_TOKEN", "HUBSPOT_TOKEN", "SHOPIFY_CLIENT_SECRET", "HUBSPOT_CLIENT_SECRET"):
        monkeypatch.delenv(var, raising=False)
    argv = ["sync", "--shopify", world.shopify_url, "--shopify-client-id", DEFAULT_CLIENT_ID,
            "--shopify-client-secret", "shpss_not_the_secret", "--hubspot", world.hubspot_url,
            "--hubspot-token", "pat-na1-harness-default", "--state", str(tmp_path / "cli.db"),
            "--now", format_iso(world.clock.now())]
    assert run(argv) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "could not get an access token (client_credentials grant)" in err, err
    assert "invalid_client" in err and "shpss_not_the_secret" not in err
