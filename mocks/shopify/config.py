"""Configuration of one Shopify mock app, and the constants the README documents."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from mocks.core.clock import Clock
from mocks.core.outbox import Transport
from mocks.shopify.versions import LATEST, resolve

DEFAULT_TOKEN = "shpat_harness_default"
DEFAULT_SHOP = "harness-shop"
DEFAULT_SECRET = "shpss_harness_secret"
DEFAULT_CLIENT_ID = "harness-client-id"
API_VERSION = LATEST  # the version the docs and the OpenAPI description name

# Access scopes a token may hold; ``write_x`` implies ``read_x`` as on Shopify.
ALL_SCOPES = (
    "read_customers", "write_customers", "read_products", "write_products", "read_orders", "write_orders",
    "read_checkouts", "write_checkouts", "read_script_tags", "write_script_tags", "read_companies",
    "write_companies",
)

# 8 retries, exponential (doubling from 1 minute), the last shortened so the total is ~4 hours (3 h 59 min).
RETRY_DELAYS = (60.0, 120.0, 240.0, 480.0, 960.0, 1920.0, 3840.0, 6720.0)
# The first attempt and its 8 retries all failed: the subscription is removed.
MAX_CONSECUTIVE_FAILURES = 9


def supported_version(version: str) -> bool:
    """Whether a request naming ``version`` is answered (by itself, or by 2026-01 after falling forward);
    kept for callers of the earlier API — :func:`mocks.shopify.versions.resolve` names the answering version."""
    return resolve(version) is not None


@dataclass(frozen=True)
class TokenGrant:
    """An access token, the shop it opens and its scopes (``None``: every scope).

    ``pcd_level`` is the app's protected-customer-data access: 2 (the default) sees names, emails,
    phones and addresses; 0 or 1 gets them redacted (null). ``expires_at`` (on the mock's clock):
    ``None`` for a non-expiring token; client-credentials and expiring offline tokens carry one.
    """

    token: str
    shop: str = DEFAULT_SHOP
    scopes: tuple[str, ...] | None = None
    pcd_level: int = 2
    expires_at: datetime | None = None

    def expired(self, now: datetime) -> bool:
        return self.expires_at is not None and now >= self.expires_at

    def allows(self, scope: str) -> bool:
        if self.scopes is None:
            return True
        if scope in self.scopes:
            return True
        return scope.startswith("read_") and "write_" + scope[5:] in self.scopes

    def to_dict(self) -> dict:
        return {"token": self.token, "shop": self.shop,
                "scopes": list(ALL_SCOPES if self.scopes is None else self.scopes), "pcd_level": self.pcd_level,
                "expires_at": self.expires_at.isoformat() if self.expires_at else None}


@dataclass
class ShopifyConfig:
    """Everything a ``create_app`` needs; the defaults give the documented harness shop."""

    clock: Clock | None = None
    rate_limit: bool = True
    admin: bool = True
    tokens: list[TokenGrant] = field(default_factory=lambda: [TokenGrant(DEFAULT_TOKEN, DEFAULT_SHOP)])
    api_secret: str = DEFAULT_SECRET            # the app's client secret: webhook HMAC key and OAuth secret
    client_id: str = DEFAULT_CLIENT_ID          # the app's client id (API key) for /admin/oauth/access_token
    app_scopes: tuple[str, ...] = ALL_SCOPES    # what the app's tokens from the OAuth endpoint hold
    app_pcd_level: int = 2                      # the app's protected-customer-data level for those tokens
    bucket_size: int = 40
    leak_rate: float = 2.0
    currency: str = "USD"
    timezone: str = "UTC"
    retry_delays: tuple[float, ...] = RETRY_DELAYS
    max_consecutive_failures: int = MAX_CONSECUTIVE_FAILURES
    webhook_transport: Transport | None = None   # tests inject one; default: real HTTP POSTs
    auto_deliver: bool | None = None             # None: deliver in the background when the clock is real
    # GraphQL Admin API: the cost bucket per app and shop (standard plan: 2000 points, 100 restored per
    # second), the single-query cap, and how long (on the clock) a bulk query operation runs.
    graphql_bucket_size: float = 2000.0
    graphql_restore_rate: float = 100.0
    graphql_max_cost: int = 1000
    bulk_operation_seconds: float = 1.0
    bulk_background: bool | None = None          # None: export on a thread of its own when the clock is real
