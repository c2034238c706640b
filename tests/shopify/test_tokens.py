"""Tokens on the mock's clock: the client-credentials grant (~24 h), expiring offline tokens (60 min)
with rotating refresh tokens, and Shopify's 401 for an expired token (REST and the GraphQL path)."""

from __future__ import annotations

import pytest
import requests

from mocks.shopify import DEFAULT_SECRET
from mocks.shopify.config import DEFAULT_CLIENT_ID

from .conftest import Mock

UNAUTHORIZED = {"errors": "[API] Invalid API key or access token (unrecognized login or wrong password)"}
CREDENTIALS = {"client_id": DEFAULT_CLIENT_ID, "client_secret": DEFAULT_SECRET}


def _token_endpoint(mock: Mock, form: dict | None = None, json: dict | None = None) -> requests.Response:
    return requests.post(mock.url + "/admin/oauth/access_token", data=form, json=json, timeout=10)


def _unauthorized(mock: Mock, token: str) -> bool:
    rest = mock.get("/customers.json", token=token)
    graphql = requests.post(mock.api + "/graphql.json", json={"query": "{shop{name}}"},
                            headers=mock.headers(token), timeout=10)
    return (rest.status_code, rest.json(), graphql.status_code) == (401, UNAUTHORIZED, 401)


def test_client_credentials_grant_gives_a_24_hour_token_as_form_or_json(mock):
    for answer in (_token_endpoint(mock, form={"grant_type": "client_credentials", **CREDENTIALS}),
                   _token_endpoint(mock, json={"grant_type": "client_credentials", **CREDENTIALS})):
        assert answer.status_code == 200
        body = answer.json()
        assert set(body) == {"access_token", "scope", "expires_in"} and body["expires_in"] == 86399
        assert "read_customers" in body["scope"].split(",")
    token = body["access_token"]
    assert mock.get("/customers.json", token=token).status_code == 200
    mock.clock.advance(86398)
    assert mock.get("/customers.json", token=token).status_code == 200
    mock.clock.advance(1)
    assert _unauthorized(mock, token)


def test_the_token_endpoint_refuses_wrong_credentials_and_unknown_grants(mock):
    wrong = _token_endpoint(mock, form={"grant_type": "client_credentials", "client_id": DEFAULT_CLIENT_ID,
                                        "client_secret": "nope"})
    assert wrong.status_code == 401 and wrong.json()["error"] == "invalid_client"
    missing = _token_endpoint(mock, form={"grant_type": "client_credentials"})
    assert missing.status_code == 400 and missing.json()["error"] == "invalid_request"
    odd = _token_endpoint(mock, form={"grant_type": "password", **CREDENTIALS})
    assert odd.status_code == 400 and odd.json()["error"] == "unsupported_grant_type"
    stale = _token_endpoint(mock, form={"grant_type": "refresh_token", "refresh_token": "shprt_x", **CREDENTIALS})
    assert stale.status_code == 400 and stale.json()["error"] == "invalid_grant"
    elsewhere = _token_endpoint(mock, form={"grant_type": "client_credentials", "shop": "no-such-shop", **CREDENTIALS})
    assert elsewhere.status_code == 400


def test_expiring_offline_token_refreshes_and_rotates(mock):
    minted = mock.admin("POST", "/tokens", json={"kind": "expiring_offline"})
    assert minted.status_code == 201
    first = minted.json()
    assert first["expires_in"] == 3600 and first["refresh_token"].startswith("shprt_")
    assert mock.get("/shop.json", token=first["access_token"]).status_code == 200
    mock.clock.advance(3600)
    assert _unauthorized(mock, first["access_token"])

    def refresh(token: str) -> requests.Response:
        return _token_endpoint(mock, form={"grant_type": "refresh_token", "refresh_token": token, **CREDENTIALS})

    second = refresh(first["refresh_token"])
    assert second.status_code == 200
    second_body = second.json()
    assert set(second_body) == {"access_token", "expires_in", "refresh_token", "refresh_token_expires_in", "scope"}
    assert second_body["refresh_token"] != first["refresh_token"]
    assert mock.get("/shop.json", token=second_body["access_token"]).status_code == 200
    # The response was "lost": the old refresh token still works until its replacement is used ...
    retry = refresh(first["refresh_token"])
    assert retry.status_code == 200
    latest = retry.json()
    assert refresh(latest["refresh_token"]).status_code == 200
    # ... and once the replacement is used, the old one is gone (so is the superseded replacement).
    assert refresh(first["refresh_token"]).json()["error"] == "invalid_grant"
    assert refresh(second_body["refresh_token"]).json()["error"] == "invalid_grant"


def test_refresh_tokens_expire_and_reset_restores_the_configured_tokens(mock):
    first = mock.admin("POST", "/tokens", json={"kind": "expiring_offline"}).json()
    mock.clock.advance(90 * 24 * 3600)
    expired = _token_endpoint(mock, form={"grant_type": "refresh_token", "refresh_token": first["refresh_token"],
                                          **CREDENTIALS})
    assert expired.status_code == 400
    plain = mock.admin("POST", "/tokens", json={}).json()
    assert mock.get("/shop.json", token=plain["access_token"]).status_code == 200
    mock.admin("POST", "/reset")
    assert mock.get("/shop.json", token=plain["access_token"]).status_code == 401
    assert mock.get("/shop.json").status_code == 200


def test_minting_checks_its_input(mock):
    assert mock.admin("POST", "/tokens", json={"kind": "forever"}).status_code == 400
    assert mock.admin("POST", "/tokens", json={"pcd_level": 3}).status_code == 400
    assert mock.admin("POST", "/tokens", json={"shop": "nowhere"}).status_code == 404
    assert mock.admin("POST", "/tokens", json={"scopes": ["read_everything"]}).status_code == 400
    scoped = mock.admin("POST", "/tokens", json={"scopes": ["read_products"], "kind": "client_credentials"}).json()
    assert scoped["scope"] == "read_products" and scoped["expires_in"] == 86399
    assert mock.get("/products.json", token=scoped["access_token"]).status_code == 200
    assert mock.get("/customers.json", token=scoped["access_token"]).status_code == 403


def test_shopifyapi_on_a_retired_version_with_a_client_credentials_token_until_it_expires(sdk, mock):
    """The official client, pinned to 2024-10, keeps working (fall-forward) until its ~24 h token
    expires, then gets Shopify's 401 as ``UnauthorizedAccess``."""
    from pyactiveresource.connection import UnauthorizedAccess

    token = _token_endpoint(mock, form={"grant_type": "client_credentials", **CREDENTIALS}).json()["access_token"]
    sdk.ShopifyResource.activate_session(sdk.Session("harness-shop.myshopify.com", "2024-10", token))
    sdk.ShopifyResource.site = mock.url + "/admin/api/2024-10"
    made = sdk.Customer.create({"email": "cc@example.com"})
    assert made.id and sdk.Customer.count() == 1
    mock.clock.advance(86399)
    with pytest.raises(UnauthorizedAccess):
        sdk.Customer.count()


def test_admin_expire_ends_the_shops_expiring_tokens_now(mock):
    """``POST /__admin/tokens/expire`` (chaos token expiries): expiring tokens end at once, the app
    renews (here: the refresh token still works), static tokens are left alone."""
    offline = mock.admin("POST", "/tokens", json={"kind": "expiring_offline"}).json()
    cc = _token_endpoint(mock, form={"grant_type": "client_credentials", **CREDENTIALS}).json()["access_token"]
    one = mock.admin("POST", "/tokens/expire", json={"shop": "harness-shop", "token": cc})
    assert one.json() == {"expired": 1}
    assert _unauthorized(mock, cc) and mock.get("/shop.json", token=offline["access_token"]).status_code == 200
    assert mock.admin("POST", "/tokens/expire", json={}).json() == {"expired": 1}   # cc had ended already
    assert _unauthorized(mock, offline["access_token"])
    renewed = _token_endpoint(mock, form={"grant_type": "refresh_token", "refresh_token": offline["refresh_token"],
                                          **CREDENTIALS}).json()["access_token"]
    assert mock.get("/shop.json", token=renewed).status_code == 200
    assert mock.get("/shop.json").status_code == 200                       # the configured static token
    assert mock.admin("POST", "/tokens/expire", json={"shop": "nowhere"}).status_code == 404
    assert mock.admin("POST", "/tokens/expire", json={"token": 7}).status_code == 400
