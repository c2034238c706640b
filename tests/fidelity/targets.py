"""The two mocks as fidelity targets: how to build one, authenticate, and recognise its real 401.

Everything here is a constant or a factory; each test builds its own app (no shared state).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from flask import Flask

from mocks.core.clock import Clock

SHOPIFY_TOKEN = "shpat_harness_default"
HUBSPOT_TOKEN = "pat-na1-harness-default"
HUBSPOT_DEVELOPER_KEY = "harness-developer-key"
WRONG_TOKEN = "wrong-token-0000"
START = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)
SHOPIFY_401 = {"errors": "[API] Invalid API key or access token (unrecognized login or wrong password)"}
DEFAULT_EXAMPLES = 7


def fuzz_examples() -> int:
    """Examples per operation: ``SHOPHUB_FUZZ_EXAMPLES`` (``make fuzz`` sets 300), else a small CI budget."""
    try:
        return max(1, int(os.environ.get("SHOPHUB_FUZZ_EXAMPLES", DEFAULT_EXAMPLES)))
    except ValueError:
        return DEFAULT_EXAMPLES


def shopify_app(*, admin: bool = True, rate_limit: bool = False, clock: Clock | None = None) -> Flask:
    """A fresh Shopify mock on a simulated clock (rate limit off unless asked: fuzzing is a burst)."""
    from mocks.shopify import ShopifyConfig, create_app

    return create_app(ShopifyConfig(clock=clock or Clock.simulated(START), rate_limit=rate_limit, admin=admin))


def hubspot_app(*, admin: bool = True, rate_limit: bool = False, clock: Clock | None = None) -> Flask:
    """A fresh HubSpot mock on a simulated clock."""
    from mocks.hubspot.app import HubSpotConfig, create_app

    return create_app(HubSpotConfig(clock=clock or Clock.simulated(START), rate_limit=rate_limit, admin=admin))


def is_shopify_401(status: int, body: object) -> bool:
    """Shopify's REST 401: exactly the ``[API] Invalid API key...`` body."""
    return status == 401 and body == SHOPIFY_401


def is_hubspot_401(status: int, body: object) -> bool:
    """HubSpot's 401: ``status: error``, category ``INVALID_AUTHENTICATION``, a message and a correlation id."""
    return (status == 401 and isinstance(body, dict) and body.get("status") == "error"
            and body.get("category") == "INVALID_AUTHENTICATION" and bool(body.get("message"))
            and bool(body.get("correlationId")))


@dataclass(frozen=True)
class Target:
    """One mock seen from outside: its factory and its credentials, by security-scheme kind."""

    name: str
    make_app: Callable[..., Flask]
    good_headers: Callable[[], dict[str, str]]
    bad_headers: Callable[[], dict[str, str]]
    is_401: Callable[[int, object], bool]
    good_query: Callable[[], dict[str, str]] = dict
    bad_query: Callable[[], dict[str, str]] = dict


SHOPIFY = Target(
    name="shopify", make_app=shopify_app,
    good_headers=lambda: {"X-Shopify-Access-Token": SHOPIFY_TOKEN},
    bad_headers=lambda: {"X-Shopify-Access-Token": WRONG_TOKEN},
    is_401=is_shopify_401,
)
HUBSPOT = Target(
    name="hubspot", make_app=hubspot_app,
    good_headers=lambda: {"Authorization": f"Bearer {HUBSPOT_TOKEN}"},
    bad_headers=lambda: {"Authorization": f"Bearer {WRONG_TOKEN}"},
    is_401=is_hubspot_401,
    good_query=lambda: {"hapikey": HUBSPOT_DEVELOPER_KEY},
    bad_query=lambda: {"hapikey": WRONG_TOKEN},
)
TARGETS = (SHOPIFY, HUBSPOT)
