"""Nothing lost or written twice across a token renewal (issue #13): a sync whose Shopify and HubSpot
tokens expire in the middle of the initial import (the services answer 401; the connector renews and
retries) ends with exactly the HubSpot content and the number of HubSpot writes of a sync whose static
tokens never expired. A restart after the import reuses the saved tokens instead of asking again."""

from __future__ import annotations

import pytest

from connector.clients.auth import OAuthToken
from connector.config import ConnectorConfig, StoreConfig
from mocks.shopify import DEFAULT_SECRET, DEFAULT_SHOP
from mocks.shopify.config import DEFAULT_CLIENT_ID
from tests.connector import test_crash_resume
from tests.connector.conftest import HUBSPOT_SECRET
from tests.connector.test_crash_resume import seed, snapshot

HUBSPOT_CLIENT_ID = "harness-client-id"
reference = test_crash_resume.reference  # the static-token run this file compares with (one fixture)


def oauth_config(world) -> ConnectorConfig:
    store = StoreConfig(store_id=DEFAULT_SHOP, shopify_url=world.shopify_url, shopify_token="",
                        webhook_secret=DEFAULT_SECRET, shopify_client_id=DEFAULT_CLIENT_ID,
                        shopify_client_secret=DEFAULT_SECRET)
    return ConnectorConfig(hubspot_url=world.hubspot_url, hubspot_token="", stores=[store],
                           state_path=world.state_path, hubspot_client_secret=HUBSPOT_SECRET,
                           hubspot_client_id=HUBSPOT_CLIENT_ID)


def expire_shopify(world, token: str) -> None:
    """Shopify ends the token now (the connector still believes it has hours left)."""
    from dataclasses import replace
    store = world.pair.store("shopify")
    with store.lock:
        store.tokens[token] = replace(store.tokens[token], expires_at=world.clock.now())


@pytest.mark.parametrize("shopify_at,hubspot_point,how", [(2, 0.3, "401"), (4, 0.0, "401"), (3, 0.6, "401"),
                                                          (1, 0.9, "401"), (2, 0.5, "due")])
def test_tokens_expiring_mid_import_change_nothing(world, reference, shopify_at, hubspot_point, how):
    """``401``: the services end the tokens early (answer 401; renewed and retried). ``due``: the tokens
    reach their renewal margin mid-import (renewed before the next call; no 401 at all)."""
    expected, writes = reference
    hubspot_at = max(1, int(writes * hubspot_point))
    assert hubspot_at < writes
    seed(world)
    connector = world.connector(oauth_config(world))
    shopify_source = connector.shopify_auth[DEFAULT_SHOP]
    hubspot_source = connector.hubspot_auth
    assert isinstance(shopify_source, OAuthToken) and isinstance(hubspot_source, OAuthToken)
    shopify_client = connector.shopify[DEFAULT_SHOP]
    credentials = world.pair.apps[1].extensions["client_credentials"]

    def after_shopify_call(method: str, path: str, response) -> None:
        if shopify_client.calls == shopify_at:
            if how == "401":
                expire_shopify(world, shopify_source.token())
            else:
                shopify_source._expires_at = world.clock.now()  # white-box: due now on the connector's clock

    crash_hook = connector.hubspot.after_write

    def after_hubspot_write(method: str, path: str) -> None:
        if crash_hook is not None:
            crash_hook(method, path)
        if connector.hubspot.writes == hubspot_at:
            if how == "401":
                assert credentials.expire(hubspot_source.token())
            else:
                hubspot_source._expires_at = world.clock.now()

    shopify_client.http.on_success = after_shopify_call
    connector.hubspot.after_write = after_hubspot_write
    summary = connector.sync()
    assert summary.errors == 0, summary.text()
    on_401 = 1 if how == "401" else 0
    assert shopify_client.stats.retries["401 renewed"] == on_401
    assert connector.hubspot.stats.retries["401 renewed"] == on_401
    assert shopify_source.renewals == 2 and hubspot_source.renewals == 2
    assert connector.hubspot.writes == writes, "no HubSpot write repeated or lost across the renewals"
    assert snapshot(world) == expected
    connector.close()
    world.connectors.remove(connector)

    restarted = world.connector(oauth_config(world))  # same state file: the saved tokens still work
    again = restarted.sync()
    assert again.errors == 0 and snapshot(world) == expected
    assert restarted.shopify_auth[DEFAULT_SHOP].renewals == 0 and restarted.hubspot_auth.renewals == 0
