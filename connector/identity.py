"""Whose state file is this? The shop, portal and mode a state file was made for, checked on every run.

The id map of a state file only means something against the Shopify shop and HubSpot portal it was
made with: used against another portal, every mapped id points at nothing (nothing is imported, the
run still says done); against another shop with the same ``--store-id``, another store's deals are
overwritten. A mode switch would leave deals where orders are expected. So the first run records

- ``mode``: ``--mode`` (nothing is migrated between modes: a switch needs another state file),
- ``shop:<store id>``: the Shopify shop's ``id`` and ``myshopify_domain`` (GraphQL ``shop``),
- ``hubspot_portal``: the HubSpot ``portalId`` (``GET /account-info/v3/details``),

and every later run compares and refuses a mismatch with one line (StateFileError; the CLI exits 2).
A portal whose account-info endpoint is missing (404) is not recorded, and says so in the log.
"""

from __future__ import annotations

import logging
from typing import Any

from connector.clients.hubspot import HubSpotClient
from connector.errors import ApiError, StateFileError
from connector.shopify_source import ShopifySource
from connector.state import State

log = logging.getLogger("connector")
ACCOUNT_PATH = "/account-info/v3/details"


def saved_mode(state: State) -> str | None:
    """The mode the state file was made in (older files: the mode of the saved schema)."""
    mode = state.get_meta("mode")
    if mode is None:
        schema = state.get_meta("schema")
        mode = schema.get("mode") if isinstance(schema, dict) else None
    return mode if isinstance(mode, str) else None


def check_mode(state: State, mode: str) -> None:
    """Refuse a state file made in another mode; record the mode on first use."""
    before = saved_mode(state)
    if before is not None and before != mode:
        raise StateFileError(f"state file {state.path} was made with --mode {before}; it is not migrated to "
                             f"--mode {mode}: run with --mode {before}, or use another --state file")
    if state.get_meta("mode") is None:
        state.set_meta("mode", mode)


def shop_identity(shopify: ShopifySource) -> dict[str, Any]:
    """The shop's numeric id and myshopify domain (GraphQL ``shop`` or ``GET shop.json``)."""
    shop = shopify.shop()
    if not shop.get("id"):
        raise StateFileError("Shopify answered without a shop id: is --shopify a Shopify store?")
    return {"id": str(shop["id"]), "domain": str(shop.get("domain") or "")}


def portal_identity(hubspot: HubSpotClient) -> str | None:
    """The HubSpot portal id of the token, or None when the account-info endpoint is not there."""
    try:
        body = hubspot.request("GET", ACCOUNT_PATH).json()
    except ApiError as exc:
        if exc.status == 404:
            log.warning("[S2] %s is not served: the HubSpot portal is not checked against the state file",
                        ACCOUNT_PATH)
            return None
        raise
    portal = body.get("portalId")
    return None if portal is None else str(portal)


def check_shop(state: State, store_id: str, found: dict[str, Any]) -> None:
    """Refuse a state file whose ``store_id`` was another shop; record the shop on first use."""
    key = f"shop:{store_id}"
    before = state.get_meta(key)
    if isinstance(before, dict) and (before.get("id"), before.get("domain")) != (found["id"], found["domain"]):
        raise StateFileError(f"state file {state.path} belongs to Shopify shop {before.get('domain')} "
                             f"(id {before.get('id')}) for store {store_id}, not {found['domain']} (id "
                             f"{found['id']}): use another --state file or --store-id")
    if before is None:
        state.set_meta(key, found)


def check_portal(state: State, found: str | None) -> None:
    """Refuse a state file made against another HubSpot portal; record the portal on first use."""
    if found is None:
        return
    before = state.get_meta("hubspot_portal")
    if before is not None and str(before) != found:
        raise StateFileError(f"state file {state.path} belongs to HubSpot portal {before}, not {found}: "
                             "use another --state file")
    if before is None:
        state.set_meta("hubspot_portal", found)


def verify(state: State, mode: str, hubspot: HubSpotClient, shops: dict[str, ShopifySource]) -> None:
    """All three checks; nothing is recorded unless all of them pass."""
    found_shops = {store_id: shop_identity(client) for store_id, client in shops.items()}
    portal = portal_identity(hubspot)
    with state.transaction():
        check_mode(state, mode)
        check_portal(state, portal)
        for store_id, found in found_shops.items():
            check_shop(state, store_id, found)
