"""Access tokens: a static token, or OAuth tokens that expire (client credentials, refresh token).

An :class:`OAuthToken` renews its token ``margin`` seconds before it expires (on the injected clock)
and once after a 401 (``HttpCore`` then retries the call, so a renewal loses and repeats nothing: a
401 means the call was not carried out). Each new token, and a rotated refresh token, is saved in a
:class:`TokenStore` (the connector's SQLite state) before it is used, so a restart keeps them.

The grants, as the two services define them:

- Shopify: ``POST {shop}/admin/oauth/access_token`` with ``grant_type=client_credentials`` (~24 h
  tokens) or ``grant_type=refresh_token`` (expiring offline tokens, 60 min; the refresh token rotates
  and the old one keeps working until the new one is first used, so a lost answer can be retried).
- HubSpot: ``POST /oauth/v1/token`` with ``grant_type=refresh_token`` (30 min tokens) or
  ``grant_type=client_credentials`` (with ``scope``).
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Protocol
from urllib.parse import urlsplit

from connector.clients.http import Authorizer, HttpCore, RetryPolicy, TokenSource
from connector.clock import ClockLike, format_iso, parse_iso
from connector.errors import ApiError, HubSpotError, ShopifyError

DEFAULT_MARGIN_S = 300.0  # renew this long before the token expires
SHOPIFY_TOKEN_PATH = "/admin/oauth/access_token"
HUBSPOT_TOKEN_PATH = "/oauth/v1/token"
SHOP_SUFFIX = ".myshopify.com"


class TokenStore(Protocol):
    """Where tokens survive a restart (``connector.state.State`` is one)."""

    def get_meta(self, key: str, default: Any = None) -> Any: ...

    def set_meta(self, key: str, value: Any) -> None: ...


class StaticToken:
    """A token that never changes (a private-app or custom-app token): a 401 is final."""

    def __init__(self, token: str) -> None:
        self._token = token

    def token(self) -> str:
        return self._token

    def renew(self, rejected: str) -> bool:
        return False


@dataclass(frozen=True)
class Grant:
    """One OAuth grant against one token endpoint: what is posted and how failures are named."""

    service: str                    # "shopify" | "hubspot"
    base_url: str
    path: str
    kind: str                       # "client_credentials" | "refresh_token"
    client_id: str
    client_secret: str = field(repr=False)
    refresh_token: str = field(default="", repr=False)
    extra: tuple[tuple[str, str], ...] = ()  # e.g. HubSpot's scope, the mock's shop

    @property
    def error_cls(self) -> type[ApiError]:
        return ShopifyError if self.service == "shopify" else HubSpotError

    def form(self, refresh_token: str) -> dict[str, str]:
        body = {"grant_type": self.kind, "client_id": self.client_id, "client_secret": self.client_secret}
        if self.kind == "refresh_token":
            body["refresh_token"] = refresh_token
        body.update(dict(self.extra))
        return body

    def origin(self) -> str:
        """Fingerprint of the configured credentials (and scopes): saved tokens are reused only for the same."""
        seed = "\x00".join((self.service, self.base_url, self.kind, self.client_id, self.refresh_token,
                            *(f"{k}={v}" for k, v in self.extra)))
        return hashlib.sha256(seed.encode()).hexdigest()[:16]


def shopify_grant(shop_url: str, client_id: str, client_secret: str, refresh_token: str = "",
                  shop: str = "") -> Grant:
    """Shopify's token endpoint on the shop's host. ``shop`` is sent only when the host is not
    ``<shop>.myshopify.com`` (the mock serves many shops on one host and reads it from the form)."""
    host = urlsplit(shop_url).hostname or ""
    extra = (("shop", shop),) if shop and not host.endswith(SHOP_SUFFIX) else ()
    return Grant("shopify", shop_url, SHOPIFY_TOKEN_PATH, "refresh_token" if refresh_token else
                 "client_credentials", client_id, client_secret, refresh_token, extra)


def hubspot_grant(hubspot_url: str, client_id: str, client_secret: str, refresh_token: str = "",
                  scopes: str = "") -> Grant:
    """HubSpot's token endpoint: a refresh token if given, else client credentials for ``scopes``."""
    extra = () if refresh_token else (("scope", scopes),)
    return Grant("hubspot", hubspot_url, HUBSPOT_TOKEN_PATH, "refresh_token" if refresh_token else
                 "client_credentials", client_id, client_secret, refresh_token, extra)


class OAuthToken:
    """An expiring token from ``grant``: renewed before expiry and after a 401; thread-safe."""

    def __init__(self, grant: Grant, clock: ClockLike, *, store: TokenStore | None = None, key: str = "",
                 margin_s: float = DEFAULT_MARGIN_S, sleep: Callable[[float], None] = time.sleep,
                 timeout: float = 30.0, policy: RetryPolicy | None = None) -> None:
        self.grant, self.clock, self.store, self.margin = grant, clock, store, timedelta(seconds=margin_s)
        self.key = key or f"auth:{grant.service}"
        self.http = HttpCore(grant.base_url, {"Accept": "application/json"}, error_cls=grant.error_cls,
                             sleep=sleep, timeout=timeout, policy=policy)
        self._lock = threading.Lock()
        self._access = ""
        self._expires_at: datetime | None = None
        self._refresh = grant.refresh_token
        self.renewals = 0
        self._load()

    # --- TokenSource
    def token(self) -> str:
        with self._lock:
            if not self._access or self._due():
                self._fetch()
            return self._access

    def renew(self, rejected: str) -> bool:
        with self._lock:
            if self._access and self._access != rejected and not self._due():
                return True  # another thread renewed it meanwhile
            self._fetch()
            return True

    @property
    def expires_at(self) -> datetime | None:
        return self._expires_at

    def close(self) -> None:
        """Close the token endpoint's session."""
        self.http.session.close()

    # --- internals
    def _due(self) -> bool:
        return self._expires_at is not None and self.clock.now() >= self._expires_at - self.margin

    def _fetch(self) -> None:
        label = f"{self.grant.kind} grant"
        try:
            response = self.http.send("POST", self.grant.path, data=self.grant.form(self._refresh))
        except ApiError as exc:
            raise self.grant.error_cls(exc.method, exc.path, exc.status, f"could not get an access token "
                                       f"({label}): {_oauth_detail(exc.body) or exc.detail}", None) from None
        body = response.json() if response.content else {}
        access = body.get("access_token") if isinstance(body, dict) else None
        if not isinstance(access, str) or not access:
            raise self.grant.error_cls("POST", self.grant.path, response.status_code,
                                       f"could not get an access token ({label}): no access_token", None)
        expires_in = body.get("expires_in")
        self._access = access
        self._expires_at = (self.clock.now() + timedelta(seconds=float(expires_in))
                            if isinstance(expires_in, (int, float)) and expires_in > 0 else None)
        rotated = body.get("refresh_token")
        if isinstance(rotated, str) and rotated:
            self._refresh = rotated
        self.renewals += 1
        self._save()

    def _load(self) -> None:
        saved = self.store.get_meta(self.key) if self.store is not None else None
        if not isinstance(saved, dict) or saved.get("origin") != self.grant.origin():
            return
        self._refresh = str(saved.get("refresh_token") or self._refresh)
        expires = saved.get("expires_at")
        self._access = str(saved.get("access_token") or "")
        self._expires_at = parse_iso(expires) if isinstance(expires, str) else None

    def _save(self) -> None:
        if self.store is None:
            return
        self.store.set_meta(self.key, {
            "origin": self.grant.origin(), "access_token": self._access, "refresh_token": self._refresh,
            "expires_at": format_iso(self._expires_at) if self._expires_at else None})


def _oauth_detail(body: Any) -> str:
    """``error: description`` of an OAuth error body (Shopify's ``error``, HubSpot's ``status``)."""
    if not isinstance(body, dict):
        return ""
    code = body.get("error") or body.get("status") or ""
    text = body.get("error_description") or body.get("message") or ""
    return ": ".join(str(part) for part in (code, text) if part)


def shopify_auth(token: str, source: TokenSource | None = None) -> Authorizer:
    """Shopify's ``X-Shopify-Access-Token`` header, from ``source`` or the static ``token``."""
    return Authorizer(source or StaticToken(token), "X-Shopify-Access-Token", "")


def hubspot_auth(token: str, source: TokenSource | None = None) -> Authorizer:
    """HubSpot's ``Authorization: Bearer`` header, from ``source`` or the static ``token``."""
    return Authorizer(source or StaticToken(token), "Authorization", "Bearer ")
