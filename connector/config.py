"""Connector configuration: dataclasses, plus building them from CLI arguments and the environment."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field

from connector import checks
from connector.errors import ConfigError

MODES = ("ecommerce-deals", "data-sync")
OBJECTS = ("contacts", "companies", "products", "orders", "carts")


def default_objects() -> dict[str, bool]:
    """Every object sync on (S5)."""
    return {name: True for name in OBJECTS}


@dataclass
class StoreConfig:
    """One connected Shopify store (S2). ``objects`` turns each object sync on/off (S5)."""

    store_id: str
    shopify_url: str
    shopify_token: str
    webhook_secret: str = ""
    api_version: str = "2024-10"
    objects: dict[str, bool] = field(default_factory=default_objects)

    def enabled(self, name: str) -> bool:
        return bool(self.objects.get(name, True))


@dataclass
class ConnectorConfig:
    """Everything the engine needs; the decided options of docs/connector.md live here."""

    hubspot_url: str
    hubspot_token: str
    stores: list[StoreConfig]
    mode: str = "ecommerce-deals"
    state_path: str = ".shophub/state.db"
    hubspot_client_secret: str = ""          # verifies X-HubSpot-Signature-v3
    hubspot_portal_id: str = "62515"         # tracking-code script (S3)
    tracking_script_url: str = ""            # default https://js.hs-scripts.com/<portal>.js
    webhook_base_url: str = ""               # if set, Shopify webhook subscriptions point here
    only_contacts_with_email: bool = True    # C10
    only_products_with_name: bool = True     # P5
    overlap_seconds: int = 300               # incremental pass re-reads this much before the cursor (S6)
    abandon_after_hours: float = 24.0        # D4
    clear_after_hours: float = 48.0          # D6
    reproduce_duplicates: bool = True        # O5
    order_stage_map: dict[str, str | None] | None = None  # O3: status -> order stage id; None = skipped
    source_mapping: dict[str, list[str]] | None = None   # C7 overrides (see mapping.sources)
    timeout: float = 30.0
    bulk_import: bool = True                 # initial import through bulk operations above one page
                                             # (docs/connector-bulk-import.md); False: paging only

    def __post_init__(self) -> None:
        validate(self)

    def store(self, store_id: str) -> StoreConfig:
        for store in self.stores:
            if store.store_id == store_id:
                return store
        raise ConfigError(f"unknown store {store_id!r}")

    @property
    def tracking_src(self) -> str:
        return self.tracking_script_url or f"https://js.hs-scripts.com/{self.hubspot_portal_id}.js"


def validate(config: ConnectorConfig) -> None:
    """Raise ConfigError naming the first problem (URLs, tokens and ids are checked as the CLI's flags)."""
    if config.mode not in MODES:
        raise ConfigError(f"mode must be one of {', '.join(MODES)}, not {config.mode!r}")
    if not config.hubspot_url:
        raise ConfigError("HubSpot URL missing (--hubspot or HUBSPOT_URL)")
    if not config.hubspot_token:
        raise ConfigError("HubSpot token missing (--hubspot-token or HUBSPOT_TOKEN)")
    if not config.stores:
        raise ConfigError("no Shopify store configured")
    seen: set[str] = set()
    for store in config.stores:
        if not store.shopify_url:
            raise ConfigError("Shopify URL missing (--shopify or SHOPIFY_URL)")
        if not store.shopify_token:
            raise ConfigError("Shopify token missing (--shopify-token or SHOPIFY_TOKEN)")
        if not store.store_id or store.store_id in seen:
            raise ConfigError(f"store id missing or repeated: {store.store_id!r}")
        seen.add(store.store_id)
        checks.check_store_id("--store-id", store.store_id)
        checks.check_url("--shopify", store.shopify_url)
        checks.check_token("--shopify-token", store.shopify_token)
        if store.webhook_secret:
            checks.check_token("--webhook-secret", store.webhook_secret)
    checks.check_url("--hubspot", config.hubspot_url)
    checks.check_token("--hubspot-token", config.hubspot_token)
    if config.hubspot_client_secret:
        checks.check_token("--hubspot-secret", config.hubspot_client_secret)
    if config.webhook_base_url:
        checks.check_url("--webhook-base-url", config.webhook_base_url)
    if not str(config.state_path).strip() or "\x00" in str(config.state_path):
        raise ConfigError("--state must be a file path")


def from_args(args: object, env: Mapping[str, str] | None = None) -> ConnectorConfig:
    """Build a config from argparse results; flags fall back to SHOPIFY_URL/TOKEN, HUBSPOT_URL/TOKEN."""
    env = os.environ if env is None else env

    def pick(attr: str, var: str, default: str = "") -> str:
        value = getattr(args, attr, None)
        return value if value else env.get(var, default)

    shopify_url = pick("shopify", "SHOPIFY_URL")
    store_id = pick("store_id", "SHOPIFY_STORE_ID", "") or "harness-shop"
    store = StoreConfig(
        store_id=store_id,
        shopify_url=shopify_url.rstrip("/"),
        shopify_token=pick("shopify_token", "SHOPIFY_TOKEN"),
        webhook_secret=pick("webhook_secret", "SHOPIFY_WEBHOOK_SECRET", "shpss_harness_secret"),
    )
    return ConnectorConfig(
        hubspot_url=pick("hubspot", "HUBSPOT_URL").rstrip("/"),
        hubspot_token=pick("hubspot_token", "HUBSPOT_TOKEN"),
        stores=[store],
        mode=pick("mode", "SHOPHUB_MODE", "ecommerce-deals"),
        state_path=pick("state", "SHOPHUB_STATE", ".shophub/state.db"),
        hubspot_client_secret=pick("hubspot_secret", "HUBSPOT_CLIENT_SECRET", "hubspot-harness-secret"),
        webhook_base_url=pick("webhook_base_url", "SHOPHUB_WEBHOOK_BASE_URL"),
        bulk_import=not getattr(args, "paged_import", False),
    )
