"""Client-credentials tokens (``POST /oauth/v1/token``), as the Webhooks Journal uses them.

An app exchanges its client id and secret for a bearer token carrying the scopes it asked for;
the token expires on the mock's clock (``expires_in`` seconds, 30 minutes like HubSpot's access
tokens). The CRM routes keep accepting the configured static tokens; these tokens are what the
journal, subscription and snapshot endpoints require.
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

    def reset(self) -> None:
        with self._lock:
            self._grants.clear()

    def issue(self, form: dict[str, str]) -> dict:
        """Check a token request's form fields and return the token response body."""
        grant_type = form.get("grant_type", "")
        if grant_type != "client_credentials":
            raise OAuthError("BAD_GRANT_TYPE", f"grant_type must be client_credentials, got {grant_type!r}"
                             if grant_type else "missing grant_type")
        if not form.get("client_id") or form["client_id"] != self.client_id:
            raise OAuthError("BAD_CLIENT_ID", "missing or unknown client id")
        if not form.get("client_secret") or not secrets.compare_digest(
                form["client_secret"].encode(), self.client_secret.encode()):
            raise OAuthError("BAD_CLIENT_SECRET", "missing or invalid client secret")
        requested = [s for s in form.get("scope", "").replace(",", " ").split() if s]
        if not requested:
            raise OAuthError("BAD_SCOPES", "at least one scope is required")
        unknown = sorted(set(requested) - grantable_scopes())
        if unknown:
            raise OAuthError("BAD_SCOPES", f"unknown scopes: {', '.join(unknown)}")
        token = "CC-na1-" + str(uuid.uuid4())
        grant = Grant(token, frozenset(requested), self.clock.timestamp() + self.lifetime_s)
        with self._lock:  # expired grants stay known, so a late call gets "expired", not "unknown"
            self._grants[token] = grant
        return {"token_type": "bearer", "access_token": token, "expires_in": self.lifetime_s,
                "token_use": "client_credentials", "scopes": sorted(grant.scopes)}

    def lookup(self, token: str | None) -> Grant | None:
        """The grant of ``token`` (possibly expired: compare ``expires_at`` with the clock); ``None`` if unknown."""
        if not token:
            return None
        with self._lock:
            return self._grants.get(token)
