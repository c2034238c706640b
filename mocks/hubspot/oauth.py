"""OAuth tokens (``POST /oauth/v1/token``): client credentials, as the Webhooks Journal uses them,
and refresh tokens, as an installed public app renews its access.

An app exchanges its client id and secret (plus, for ``grant_type=refresh_token``, a refresh token)
for a bearer token carrying the scopes it asked for (or the refresh token was granted); the token
expires on the mock's clock (``expires_in`` seconds, 30 minutes like HubSpot's access tokens). The
CRM routes accept these tokens as well as the configured static ones; the journal, subscription
and snapshot endpoints require them. Refresh tokens come from the authorization-code flow, which the
mock does not serve: :meth:`ClientCredentials.mint_refresh_token` (``POST /__admin/oauth/refresh-tokens``)
stand in for an install. HubSpot returns the same refresh token on every refresh (no rotation).
"""

from __future__ import annotations

import secrets
import threading
import uuid
from dataclasses import dataclass

from mocks.core.clock import Clock
from mocks.hubspot.auth import all_scopes

TOKEN_LIFETIME_S = 1800
JOURNAL_READ = "developer.webhooks_journal.read"
SUBSCRIPTIONS_READ = "developer.webhooks_journal.subscriptions.read"
SUBSCRIPTIONS_WRITE = "developer.webhooks_journal.subscriptions.write"
SNAPSHOTS_READ = "developer.webhooks_journal.snapshots.read"
SNAPSHOTS_WRITE = "developer.webhooks_journal.snapshots.write"
JOURNAL_SCOPES = frozenset({JOURNAL_READ, SUBSCRIPTIONS_READ, SUBSCRIPTIONS_WRITE, SNAPSHOTS_READ,
                            SNAPSHOTS_WRITE})


def grantable_scopes() -> frozenset[str]:
    """Every scope a client-credentials token may carry: the journal scopes plus the CRM object scopes."""
    return JOURNAL_SCOPES | frozenset(all_scopes())


class OAuthError(Exception):
    """A refused token request: HubSpot's OAuth error body is ``{"status": CODE, "message": ...}``."""

    def __init__(self, code: str, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.code, self.message, self.status = code, message, status

    def body(self) -> dict:
        return {"status": self.code, "message": self.message, "correlationId": str(uuid.uuid4())}


@dataclass(frozen=True)
class Grant:
    """One issued token: its scopes and the instant (clock seconds) it stops working."""

    token: str
    scopes: frozenset[str]
    expires_at: float


class ClientCredentials:
    """The app's client id/secret and the tokens issued for them (thread-safe)."""

    def __init__(self, clock: Clock, client_id: str, client_secret: str,
                 lifetime_s: int = TOKEN_LIFETIME_S) -> None:
        self.clock, self.client_id, self.client_secret = clock, client_id, client_secret
        self.lifetime_s = lifetime_s
        self._lock = threading.Lock()
        self._grants: dict[str, Grant] = {}
        self._refresh: dict[str, frozenset[str]] = {}

    def reset(self) -> None:
        with self._lock:
            self._grants.clear()
            self._refresh.clear()

    def mint_refresh_token(self, scopes: list[str] | tuple[str, ...]) -> str:
        """A refresh token for ``scopes``, as an app gets it when a portal installs it."""
        unknown = sorted(set(scopes) - grantable_scopes())
        if not scopes or unknown:
            raise OAuthError("BAD_SCOPES", f"unknown scopes: {', '.join(unknown)}" if unknown
                             else "at least one scope is required")
        token = "na1-" + str(uuid.uuid4())
        with self._lock:
            self._refresh[token] = frozenset(scopes)
        return token

    def expire(self, token: str) -> bool:
        """End an access token now (a portal revoking it early); False if unknown."""
        with self._lock:
            grant = self._grants.get(token)
            if grant is None:
                return False
            self._grants[token] = Grant(token, grant.scopes, min(grant.expires_at, self.clock.timestamp()))
            return True

    def issue(self, form: dict[str, str]) -> dict:
        """Check a token request's form fields and return the token response body."""
        grant_type = form.get("grant_type", "")
        if grant_type not in ("client_credentials", "refresh_token"):
            raise OAuthError("BAD_GRANT_TYPE", "grant_type must be client_credentials or refresh_token, got "
                             f"{grant_type!r}" if grant_type else "missing grant_type")
        if not form.get("client_id") or form["client_id"] != self.client_id:
            raise OAuthError("BAD_CLIENT_ID", "missing or unknown client id")
        if not form.get("client_secret") or not secrets.compare_digest(
                form["client_secret"].encode(), self.client_secret.encode()):
            raise OAuthError("BAD_CLIENT_SECRET", "missing or invalid client secret")
        if grant_type == "refresh_token":
            return self._refreshed(form.get("refresh_token", ""))
        requested = [s for s in form.get("scope", "").replace(",", " ").split() if s]
        if not requested:
            raise OAuthError("BAD_SCOPES", "at least one scope is required")
        unknown = sorted(set(requested) - grantable_scopes())
        if unknown:
            raise OAuthError("BAD_SCOPES", f"unknown scopes: {', '.join(unknown)}")
        grant = self._grant("CC-na1-", frozenset(requested))
        return {"token_type": "bearer", "access_token": grant.token, "expires_in": self.lifetime_s,
                "token_use": "client_credentials", "scopes": sorted(grant.scopes)}

    def _refreshed(self, refresh_token: str) -> dict:
        with self._lock:
            scopes = self._refresh.get(refresh_token) if refresh_token else None
        if scopes is None:  # HubSpot's code for a bad refresh token [UNVERIFIED body]
            raise OAuthError("BAD_REFRESH_TOKEN", "missing or unknown refresh token")
        grant = self._grant("CJ-na1-", scopes)
        return {"token_type": "bearer", "refresh_token": refresh_token, "access_token": grant.token,
                "expires_in": self.lifetime_s}

    def _grant(self, prefix: str, scopes: frozenset[str]) -> Grant:
        grant = Grant(prefix + str(uuid.uuid4()), scopes, self.clock.timestamp() + self.lifetime_s)
        with self._lock:  # expired grants stay known, so a late call gets "expired", not "unknown"
            self._grants[grant.token] = grant
        return grant

    def lookup(self, token: str | None) -> Grant | None:
        """The grant of ``token`` (possibly expired: compare ``expires_at`` with the clock); ``None`` if unknown."""
        if not token:
            return None
        with self._lock:
            return self._grants.get(token)
