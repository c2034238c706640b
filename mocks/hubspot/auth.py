"""Bearer tokens with scopes, the scope each call needs, and HubSpot's rate limits on the clock."""

from __future__ import annotations

import math
import uuid
from dataclasses import dataclass

from flask import Response, g, request

from mocks.core.clock import Clock
from mocks.core.limiter import DailyQuota, Decision, RollingWindow
from mocks.hubspot import errors
from mocks.hubspot.objecttypes import OBJECT_TYPES, PIPELINE_OBJECTS, resolve

# Private-app limits as of 2026 (per 10 s, per day): HubSpot's "increasing our API limits" changelog.
TIERS = {"free": (100, 250_000), "starter": (100, 250_000), "professional": (190, 650_000),
         "enterprise": (190, 1_000_000)}
# The API limit increase add-on: a 250 per 10 s burst (not stacking) and 1,000,000 more calls a day.
ADDON_BURST, ADDON_DAILY = 250, 1_000_000
# CRM search: its own per-second limit per token (5/s as commonly cited for 2026; unverified), no
# X-HubSpot-RateLimit headers on search answers, at most 200 results a page and 10,000 in all.
SEARCH_PER_SECOND = 5
WINDOW_SECONDS = 10


def all_scopes() -> set[str]:
    scopes = {"e-commerce", "tickets", "oauth"}
    for name in [*OBJECT_TYPES, "tickets"]:
        for kind in ("objects", "schemas"):
            for access in ("read", "write"):
                scopes.add(f"crm.{kind}.{name}.{access}")
    return scopes


def required_scopes(method: str, path: str) -> list[str] | None:
    """Alternatives, any one of which allows the call; ``None`` when the path needs no CRM scope."""
    parts = path.strip("/").split("/")
    if len(parts) < 4 or parts[0] != "crm":
        return None
    # /crm/v3/objects/<type>... (legacy) or /crm/objects/2026-03/<type>... (dated): the family either way
    family = parts[2] if parts[1][:1] == "v" and parts[1][1:].isdigit() else parts[1]
    segment = parts[3]
    if family == "associations":
        family = "objects"
    if family == "pipelines":
        name = PIPELINE_OBJECTS.get(segment.lower())
    else:
        t = resolve(segment)
        name = t.scope if t else None
    if name is None:
        return None
    tail = parts[-1]
    reads = method == "GET" or tail in ("search", "read")
    if family == "objects":
        access = "read" if reads else "write"
        alternatives = [f"crm.objects.{name}.{access}"]
        if name in ("products", "line_items"):
            alternatives.append("e-commerce")
        return alternatives
    if reads:
        return [f"crm.schemas.{name}.read", f"crm.objects.{name}.read"]
    return [f"crm.schemas.{name}.write"]


@dataclass
class RateLimits:
    """The ten-second window and daily quota per token, plus the search per-second limit."""

    clock: Clock
    tier: str = "professional"
    api_addon: bool = False

    def __post_init__(self) -> None:
        burst, daily = TIERS[self.tier]
        if self.api_addon:
            burst, daily = ADDON_BURST, daily + ADDON_DAILY
        self.window = RollingWindow(self.clock, burst, WINDOW_SECONDS)
        self.daily = DailyQuota(self.clock, daily)
        self.search = RollingWindow(self.clock, SEARCH_PER_SECOND, 1.0)

    def reset(self) -> None:
        self.window.reset()
        self.daily.reset()
        self.search.reset()

    def check(self, token: str, is_search: bool) -> None:
        """Count the call; raise the 429 of the policy it breaks (headers go on via ``g``)."""
        if is_search:
            decision = self.search.hit(token)
            if not decision.allowed:
                _raise_429("SECONDLY", decision)
        else:
            decision = self.window.hit(token)
            g.rate_window = decision
            if not decision.allowed:
                _raise_429("TEN_SECONDLY_ROLLING", decision)
        daily = self.daily.hit(token)
        g.rate_daily = daily
        if not daily.allowed:
            _raise_429("DAILY", daily)


def _raise_429(policy: str, decision: Decision) -> None:
    error = errors.rate_limited(policy, str(uuid.uuid4()))
    g.retry_after = max(1, math.ceil(decision.retry_after))
    raise error


def add_rate_headers(response: Response, limits: RateLimits) -> None:
    window, daily = g.get("rate_window"), g.get("rate_daily")
    if window is not None:
        response.headers["X-HubSpot-RateLimit-Interval-Milliseconds"] = str(WINDOW_SECONDS * 1000)
        response.headers["X-HubSpot-RateLimit-Max"] = str(window.limit)
        response.headers["X-HubSpot-RateLimit-Remaining"] = str(window.remaining)
    if window is not None and daily is not None:
        response.headers["X-HubSpot-RateLimit-Daily"] = str(daily.limit)
        response.headers["X-HubSpot-RateLimit-Daily-Remaining"] = str(daily.remaining)
    if g.get("retry_after") is not None:
        response.headers["Retry-After"] = str(g.retry_after)


def bearer_token() -> str | None:
    header = request.headers.get("Authorization", "")
    if header[:7].lower() == "bearer ":
        return header[7:].strip() or None
    return None
