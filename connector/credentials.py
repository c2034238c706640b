"""The token sources of a configuration: a static token, or an OAuth client whose tokens expire.

Both API clients of one service share one source (a Shopify store's REST and GraphQL clients renew
one token together); tokens are saved in the connector's state under ``auth:<service>:<id>``.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from connector.clients.auth import OAuthToken, StaticToken, TokenStore, hubspot_grant, shopify_grant
from connector.clients.http import TokenSource
from connector.clients.hubspot_journal import SCOPES as JOURNAL_SCOPES
from connector.clock import ClockLike
from connector.config import ConnectorConfig, StoreConfig

# What the connector reads and writes in HubSpot (client-credentials tokens carry these by default).
HUBSPOT_SCOPES = " ".join(f"crm.{kind}.{name}.{access}" for kind in ("objects", "schemas")
                          for name in ("contacts", "companies", "deals", "products", "line_items", "orders",
                                       "carts")
                          for access in ("read", "write"))


def shopify_source(store: StoreConfig, clock: ClockLike, state: TokenStore | None,
                   sleep: Callable[[float], None] = time.sleep, timeout: float = 30.0) -> TokenSource:
    """The store's static token if it has one, else its OAuth client's tokens."""
    if store.shopify_token:
        return StaticToken(store.shopify_token)
    grant = shopify_grant(store.shopify_url, store.shopify_client_id, store.shopify_client_secret,
                          store.shopify_refresh_token, shop=store.store_id)
    return OAuthToken(grant, clock, store=state, key=f"auth:shopify:{store.store_id}", sleep=sleep,
                      timeout=timeout)


def hubspot_source(config: ConnectorConfig, clock: ClockLike, state: TokenStore | None,
                   sleep: Callable[[float], None] = time.sleep) -> TokenSource:
    """HubSpot's static token if there is one, else the OAuth client's tokens."""
    if config.hubspot_token:
        return StaticToken(config.hubspot_token)
    grant = hubspot_grant(config.hubspot_url, config.hubspot_client_id, config.hubspot_client_secret,
                          config.hubspot_refresh_token, scopes=config.hubspot_scopes or HUBSPOT_SCOPES)
    return OAuthToken(grant, clock, store=state, key="auth:hubspot", sleep=sleep, timeout=config.timeout)


def journal_source(config: ConnectorConfig, clock: ClockLike, state: TokenStore | None,
                   sleep: Callable[[float], None] = time.sleep) -> TokenSource:
    """The Webhooks Journal's token: always the app's client credentials (the journal refuses private-app
    and user tokens), for the journal scopes, kept under ``auth:hubspot:journal``."""
    grant = hubspot_grant(config.hubspot_url, config.hubspot_client_id, config.hubspot_client_secret,
                          scopes=" ".join(JOURNAL_SCOPES))
    return OAuthToken(grant, clock, store=state, key="auth:hubspot:journal", sleep=sleep, timeout=config.timeout)
