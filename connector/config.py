"""Connector configuration: dataclasses, plus building them from CLI arguments and the environment."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field

from connector import checks
from connector.clients.hubspot_paths import DEFAULT_VERSION, VERSIONS
from connector.errors import ConfigError
from connector.shopify_source import API_CHOICES

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
    api_version: str = "2026-10"
    shopify_api: str = "graphql"              # or "rest" (connector/shopify_source.py)
    objects: dict[str, bool] = field(default_factory=default_objects)
    # OAuth instead of a static token (connector-auth.md): client credentials, or a refresh token too
    shopify_client_id: str = ""
    shopify_client_secret: str = field(default="", repr=False)
    shopify_refresh_token: str = field(default="", repr=False)

    def enabled(self, name: str) -> bool:
        return bool(self.objects.get(name, True))


@dataclass
class ConnectorConfig:
    """Everything the engine needs; the decided options of docs/connector.md live here."""

    hubspot_url: str
    hubspot_token: str
    stores: list[StoreConfig]
    hubspot_api_version: str = DEFAULT_VERSION  # 2026-09, 2026-03 or v3 (legacy v3/v4 paths)
    mode: str = "ecommerce-deals"
    state_path: str = ".shophub/state.db"
    hubspot_client_secret: str = ""          # verifies X-HubSpot-Signature-v3
    hubspot_client_id: str = ""              # with the secret: OAuth without a token, and the Webhooks Journal
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
    field_mappings: dict[str, list[dict]] | None = None  # O10: object -> [{hubspot, shopify, direction}]
    conflict_policy: dict[str, str] | None = None        # O9: object -> most-recent | hubspot-wins | shopify-wins
    timeout: float = 30.0
    # OAuth instead of a static token (connector-auth.md); the client id and secret are above
    hubspot_refresh_token: str = field(default="", repr=False)
    hubspot_scopes: str = ""                 # client-credentials scopes (default: what the connector needs)
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
    if config.hubspot_api_version not in VERSIONS:
        raise ConfigError(f"--hubspot-api-version must be one of {', '.join(VERSIONS)}, "
                          f"not {config.hubspot_api_version!r}")
    if not config.hubspot_url:
        raise ConfigError("HubSpot URL missing (--hubspot or HUBSPOT_URL)")
    _check_credentials(HUBSPOT_FLAGS, config.hubspot_token, config.hubspot_client_id,
                       config.hubspot_client_secret, config.hubspot_refresh_token)
    if not config.stores:
        raise ConfigError("no Shopify store configured")
    seen: set[str] = set()
    for store in config.stores:
        if not store.shopify_url:
            raise ConfigError("Shopify URL missing (--shopify or SHOPIFY_URL)")
        _check_credentials(SHOPIFY_FLAGS, store.shopify_token, store.shopify_client_id,
                           store.shopify_client_secret, store.shopify_refresh_token)
        if not store.store_id or store.store_id in seen:
            raise ConfigError(f"store id missing or repeated: {store.store_id!r}")
        seen.add(store.store_id)
        checks.check_store_id("--store-id", store.store_id)
        checks.check_url("--shopify", store.shopify_url)
        for flag, value in (("--shopify-token", store.shopify_token),
                            ("--shopify-client-id", store.shopify_client_id),
                            ("--shopify-client-secret", store.shopify_client_secret),
                            ("--shopify-refresh-token", store.shopify_refresh_token)):
            if value:
                checks.check_token(flag, value)
        if store.shopify_api not in API_CHOICES:
            raise ConfigError(f"--shopify-api must be one of {', '.join(API_CHOICES)}, not {store.shopify_api!r}")
        if store.webhook_secret:
            checks.check_token("--webhook-secret", store.webhook_secret)
    checks.check_url("--hubspot", config.hubspot_url)
    for flag, value in (("--hubspot-token", config.hubspot_token), ("--hubspot-client-id", config.hubspot_client_id),
                        ("--hubspot-refresh-token", config.hubspot_refresh_token)):
        if value:
            checks.check_token(flag, value)
    if config.hubspot_scopes and not all(checks_scope(s) for s in config.hubspot_scopes.split()):
        raise ConfigError("--hubspot-scopes must be scope names separated by spaces")
    if config.hubspot_client_secret:
        checks.check_token("--hubspot-secret", config.hubspot_client_secret)
    if config.hubspot_client_id:
        if not config.hubspot_client_secret:
            raise ConfigError("--hubspot-client-id needs the app's client secret (--hubspot-secret or "
                              "HUBSPOT_CLIENT_SECRET) for the Webhooks Journal")
    if config.webhook_base_url:
        checks.check_url("--webhook-base-url", config.webhook_base_url)
    if not str(config.state_path).strip() or "\x00" in str(config.state_path):
        raise ConfigError("--state must be a file path")
    from connector.reverse.mapping import build  # O9/O10: a mapping that cannot work is named now
    build(config.field_mappings, config.conflict_policy)


@dataclass(frozen=True)
class CredentialFlags:
    """The flags and variables that name one service's credentials in error messages."""

    service: str
    token: str
    client_id: str
    client_secret: str
    refresh_token: str


SHOPIFY_FLAGS = CredentialFlags("Shopify", "--shopify-token or SHOPIFY_TOKEN",
                                "--shopify-client-id or SHOPIFY_CLIENT_ID",
                                "--shopify-client-secret or SHOPIFY_CLIENT_SECRET",
                                "--shopify-refresh-token or SHOPIFY_REFRESH_TOKEN")
HUBSPOT_FLAGS = CredentialFlags("HubSpot", "--hubspot-token or HUBSPOT_TOKEN",
                                "--hubspot-client-id or HUBSPOT_CLIENT_ID",
                                "--hubspot-secret or HUBSPOT_CLIENT_SECRET",
                                "--hubspot-refresh-token or HUBSPOT_REFRESH_TOKEN")


def _check_credentials(flags: CredentialFlags, token: str, client_id: str, client_secret: str,
                       refresh_token: str) -> None:
    """A static token, or an OAuth client (id and secret, plus a refresh token for expiring offline
    tokens). Nothing is defaulted: a missing piece is a ConfigError naming its flag and variable."""
    if token:
        return
    if not client_id and not refresh_token:
        raise ConfigError(f"{flags.service} credentials missing: {flags.token} (or an OAuth client: "
                          f"{flags.client_id} with {flags.client_secret})")
    if not client_id:
        raise ConfigError(f"{flags.service} client id missing ({flags.client_id}): a refresh token needs "
                          "the app's client id and secret")
    if not client_secret:
        raise ConfigError(f"{flags.service} client secret missing ({flags.client_secret})")


def checks_scope(scope: str) -> bool:
    """A HubSpot scope name: letters, digits, '.', '_' and '-'."""
    return bool(scope) and all(c.isalnum() or c in "._-" for c in scope)


def require_receiver_secrets(config: ConnectorConfig) -> None:
    """Fail closed: the webhook receiver verifies every delivery, so it needs both signing secrets
    (there is no default secret outside the demo and the scenario targets)."""
    for store in config.stores:
        if not store.webhook_secret:
            raise ConfigError(f"Shopify webhook secret missing for store {store.store_id} (--webhook-secret or "
                              "SHOPIFY_WEBHOOK_SECRET; the app's client secret, --shopify-client-secret, "
                              "serves too)")
    if not config.hubspot_client_secret:
        raise ConfigError("HubSpot client secret missing (--hubspot-secret or HUBSPOT_CLIENT_SECRET): it "
                          "verifies X-HubSpot-Signature-v3")


def from_args(args: object, env: Mapping[str, str] | None = None) -> ConnectorConfig:
    """Build a config from argparse results; every flag falls back to its variable (SHOPIFY_URL,
    SHOPIFY_TOKEN, HUBSPOT_URL, HUBSPOT_TOKEN, ...). Secrets have no defaults (fail closed)."""
    env = os.environ if env is None else env

    def pick(attr: str, var: str, default: str = "") -> str:
        value = getattr(args, attr, None)
        return value if value else env.get(var, default)

    shopify_url = pick("shopify", "SHOPIFY_URL")
    mappings_path = pick("mappings", "SHOPHUB_MAPPINGS")
    field_mappings, conflict_policy = None, None
    if mappings_path:
        from connector.reverse.config_file import load
        field_mappings, conflict_policy = load(mappings_path)
    store_id = pick("store_id", "SHOPIFY_STORE_ID", "") or "harness-shop"
    client_secret = pick("shopify_client_secret", "SHOPIFY_CLIENT_SECRET")
    store = StoreConfig(
        store_id=store_id,
        shopify_url=shopify_url.rstrip("/"),
        shopify_token=pick("shopify_token", "SHOPIFY_TOKEN"),
        # Shopify signs webhooks with the app's client secret: one value serves both when only it is given
        webhook_secret=pick("webhook_secret", "SHOPIFY_WEBHOOK_SECRET") or client_secret,
        shopify_client_id=pick("shopify_client_id", "SHOPIFY_CLIENT_ID"),
        shopify_client_secret=client_secret,
        shopify_refresh_token=pick("shopify_refresh_token", "SHOPIFY_REFRESH_TOKEN"),
        api_version=pick("shopify_api_version", "SHOPIFY_API_VERSION", "2026-10"),
        shopify_api=pick("shopify_api", "SHOPIFY_API", "graphql"),
    )
    return ConnectorConfig(
        hubspot_url=pick("hubspot", "HUBSPOT_URL").rstrip("/"),
        hubspot_token=pick("hubspot_token", "HUBSPOT_TOKEN"),
        stores=[store],
        hubspot_api_version=pick("hubspot_api_version", "HUBSPOT_API_VERSION", DEFAULT_VERSION),
        mode=pick("mode", "SHOPHUB_MODE", "ecommerce-deals"),
        state_path=pick("state", "SHOPHUB_STATE", ".shophub/state.db"),
        hubspot_client_secret=pick("hubspot_secret", "HUBSPOT_CLIENT_SECRET"),
        webhook_base_url=pick("webhook_base_url", "SHOPHUB_WEBHOOK_BASE_URL"),
        hubspot_client_id=pick("hubspot_client_id", "HUBSPOT_CLIENT_ID"),
        hubspot_refresh_token=pick("hubspot_refresh_token", "HUBSPOT_REFRESH_TOKEN"),
        hubspot_scopes=pick("hubspot_scopes", "HUBSPOT_SCOPES"),
        field_mappings=field_mappings,
        conflict_policy=conflict_policy,
        bulk_import=not getattr(args, "paged_import", False),
    )
