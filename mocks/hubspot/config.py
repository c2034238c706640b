"""Configuration of one HubSpot mock app, and the constants the docs name (tokens, ids, API versions)."""

from __future__ import annotations

from dataclasses import dataclass, field

from mocks.core.clock import Clock
from mocks.hubspot.auth import all_scopes

DEFAULT_TOKEN = "pat-na1-harness-default"
DEFAULT_CLIENT_SECRET = "hubspot-harness-secret"
DEFAULT_CLIENT_ID = "harness-client-id"
DEFAULT_DEVELOPER_KEY = "harness-developer-key"
DEFAULT_APP_ID = 1160452
PORTAL_ID = 62515

# Date-based API versions served next to the legacy /crm/v3 and /crm/v4 paths (one store behind all).
# 2026-09 and later enforce the portal's write-validation rules (``mocks.hubspot.write_rules``).
DATED_VERSIONS = ("2026-03", "2026-09", "2027-03-beta")
VALIDATING_VERSIONS = frozenset({"2026-09", "2027-03-beta"})
LEGACY = "v3"


@dataclass
class HubSpotConfig:
    """Everything a HubSpot mock app is made of; every field has the documented default."""

    clock: Clock | None = None
    rate_limit: bool = True
    tier: str = "professional"
    api_addon: bool = False            # the API limit increase: 250 per 10 s and +1,000,000 per day
    admin: bool = True
    tokens: dict[str, set[str]] = field(default_factory=lambda: {DEFAULT_TOKEN: all_scopes()})
    client_id: str = DEFAULT_CLIENT_ID        # the app's client id (client-credentials tokens, /oauth/v1/token)
    client_secret: str = DEFAULT_CLIENT_SECRET
    developer_key: str = DEFAULT_DEVELOPER_KEY
    app_id: int = DEFAULT_APP_ID
    portal_id: int = PORTAL_ID
    webhook_transport: object = None   # mocks.core.outbox.Transport; None = real HTTP
    source_writable: bool = True       # False: hs_analytics_source* are read-only, as a portal may keep them
    # Token -> id of the app it belongs to, for writes' changeSource/sourceId (others: ``app_id``).
    token_apps: dict[str, int] = field(default_factory=dict)
