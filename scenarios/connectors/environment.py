"""The fixed environment a connector under test gets (``cmd:``, ``serve:`` and ``python:`` alike).

``SHOPIFY_URL`` and ``HUBSPOT_URL`` are base URLs (``http://127.0.0.1:PORT``, as
``https://shop.myshopify.com`` and ``https://api.hubapi.com`` would be): the program appends
``/admin/api/...`` and ``/crm/...`` itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mocks.core.clock import format_iso

if TYPE_CHECKING:
    from scenarios.targets.base import Session

FIXED = ("SHOPIFY_URL", "SHOPIFY_TOKEN", "SHOPIFY_API_VERSION", "SHOPIFY_WEBHOOK_SECRET", "SHOPIFY_STORE",
         "HUBSPOT_URL", "HUBSPOT_TOKEN", "HUBSPOT_CLIENT_SECRET", "SHOPHUB_NOW", "SHOPHUB_STATE_DIR", "SHOPHUB_STEP")


def connector_environment(session: Session, step: str, state_dir: str) -> dict[str, str]:
    """The fixed variables for one step (``connect``, ``sync``, ``timers`` or ``serve``)."""
    from scenarios.targets.base import API_VERSION, store_token
    store = session.scenario.stores[0]
    endpoints = session.endpoints
    return {
        "SHOPIFY_URL": endpoints.shopify_url.rstrip("/"),
        "SHOPIFY_TOKEN": endpoints.store_tokens.get(store) or store_token(store),
        "SHOPIFY_API_VERSION": API_VERSION,
        "SHOPIFY_WEBHOOK_SECRET": endpoints.shopify_secret,
        "SHOPIFY_STORE": store,
        "HUBSPOT_URL": endpoints.hubspot_url.rstrip("/"),
        "HUBSPOT_TOKEN": endpoints.hubspot_token,
        "HUBSPOT_CLIENT_SECRET": endpoints.hubspot_secret,
        "SHOPHUB_NOW": format_iso(session.clock.now()),
        "SHOPHUB_STATE_DIR": state_dir,
        "SHOPHUB_STEP": step,
    }
