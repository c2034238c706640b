"""Configuration of one Shopify mock app, and the constants the README documents."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from mocks.core.clock import Clock
from mocks.core.outbox import Transport

DEFAULT_TOKEN = "shpat_harness_default"
DEFAULT_SHOP = "harness-shop"
DEFAULT_SECRET = "shpss_harness_secret"
API_VERSION = "2024-10"

# Access scopes a token may hold; ``write_x`` implies ``read_x`` as on Shopify.
ALL_SCOPES = (
    "read_customers", "write_customers", "read_products", "write_products", "read_orders", "write_orders",
    "read_checkouts", "write_checkouts", "read_script_tags", "write_script_tags",
)

# 8 retries, exponential (doubling from 1 minute), the last shortened so the total is ~4 hours (3 h 59 min).
RETRY_DELAYS = (60.0, 120.0, 240.0, 480.0, 960.0, 1920.0, 3840.0, 6720.0)
# The first attempt and its 8 retries all failed: the subscription is removed.
MAX_CONSECUTIVE_FAILURES = 9

_VERSION = re.compile(r"^(\d{4})-(01|04|07|10)$")


def supported_version(version: str) -> bool:
    """Quarterly stable versions from 2019-04 on, and ``unstable``; all serve the same 2024-10 shapes."""
    if version == "unstable":
        return True
    match = _VERSION.match(version)
    return bool(match) and (2019, 4) <= (int(match.group(1)), int(match.group(2))) <= (2099, 10)


@dataclass(frozen=True)
class TokenGrant:
    """An access token, the shop it opens and its scopes (``None``: every scope)."""

    token: str
    shop: str = DEFAULT_SHOP
    scopes: tuple[str, ...] | None = None

    def allows(self, scope: str) -> bool:
        if self.scopes is None:
            return True
        if scope in self.scopes:
            return True
        return scope.startswith("read_") and "write_" + scope[5:] in self.scopes

    def to_dict(self) -> dict:
        return {"token": self.token, "shop": self.shop,
                "scopes": list(ALL_SCOPES if self.scopes is None else self.scopes)}


@dataclass
class ShopifyConfig:
    """Everything a ``create_app`` needs; the defaults give the documented harness shop."""

    clock: Clock | None = None
    rate_limit: bool = True
    admin: bool = True
    tokens: list[TokenGrant] = field(default_factory=lambda: [TokenGrant(DEFAULT_TOKEN, DEFAULT_SHOP)])
    api_secret: str = DEFAULT_SECRET
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
