"""Access tokens an app obtains from Shopify, on the mock's clock (no Flask here).

- Client-credentials grant (Dev-Dashboard apps on their own store): a token valid 86399 s (~24 h).
- Expiring offline tokens: valid 3600 s, with a refresh token (90 days). Refreshing returns a new access
  token and a new refresh token; the old refresh token keeps working until its replacement is first used
  (so a lost response can be retried), then it is gone.

Tokens live in :class:`~mocks.shopify.store.Store` (``tokens`` and ``refresh_tokens``) and go back to the
configured ones on reset.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from mocks.shopify.config import TokenGrant
from mocks.shopify.store import Store

CLIENT_CREDENTIALS_TTL = 86399
OFFLINE_TTL = 3600
REFRESH_TTL = 90 * 24 * 3600


@dataclass(frozen=True)
class RefreshToken:
    """A refresh token and the grant it renews; ``predecessor`` is retired when this one is used."""

    token: str
    grant: TokenGrant
    expires_at: datetime
    predecessor: str | None = None


class OAuthError(Exception):
    """An OAuth error answer: ``{"error": code, "error_description": description}`` with ``status``."""

    def __init__(self, status: int, code: str, description: str) -> None:
        super().__init__(f"{status} {code}: {description}")
        self.status, self.code, self.description = status, code, description

    def body(self) -> dict:
        return {"error": self.code, "error_description": self.description}


def _new(prefix: str) -> str:
    return f"{prefix}{uuid.uuid4().hex}"


def scope_text(grant: TokenGrant, all_scopes: tuple[str, ...]) -> str:
    return ",".join(all_scopes if grant.scopes is None else grant.scopes)


class TokenIssuer:
    """Issues, refreshes and checks tokens in one store."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def client_credentials(self, shop: str, scopes: tuple[str, ...] | None, pcd_level: int) -> TokenGrant:
        """A new ~24 h access token for ``shop``."""
        with self.store.lock:
            now = self.store.clock.now()
            grant = TokenGrant(_new("shpat_"), shop, scopes, pcd_level, now + timedelta(seconds=CLIENT_CREDENTIALS_TTL))
            self.store.add_grant(grant)
            return grant

    def expiring_offline(self, shop: str, scopes: tuple[str, ...] | None,
                         pcd_level: int) -> tuple[TokenGrant, RefreshToken]:
        """A 60-minute offline access token and its refresh token (what the code exchange with
        ``expiring=1`` returns)."""
        with self.store.lock:
            return self._issue(TokenGrant("", shop, scopes, pcd_level), predecessor=None)

    def _issue(self, template: TokenGrant, predecessor: str | None) -> tuple[TokenGrant, RefreshToken]:
        now = self.store.clock.now()
        grant = replace(template, token=_new("shpat_"), expires_at=now + timedelta(seconds=OFFLINE_TTL))
        self.store.add_grant(grant)
        refresh = RefreshToken(_new("shprt_"), grant, now + timedelta(seconds=REFRESH_TTL), predecessor)
        self.store.refresh_tokens[refresh.token] = refresh
        return grant, refresh

    def expire_now(self, shop: str, token: str | None = None) -> int:
        """End ``shop``'s expiring access tokens now (only ``token``, when given), as if their lifetime
        had run out: the next call with one gets 401 and the app must renew. Non-expiring (static)
        tokens are left alone. Returns how many were ended (still valid until now)."""
        with self.store.lock:
            now = self.store.clock.now()
            hits = [g for g in self.store.tokens.values() if g.shop == shop and g.expires_at is not None
                    and g.expires_at > now and (token is None or g.token == token)]
            for grant in hits:
                self.store.tokens[grant.token] = replace(grant, expires_at=now)
            return len(hits)

    def refresh(self, token: str) -> tuple[TokenGrant, RefreshToken]:
        """Rotate: a new access token and refresh token; the used token's predecessor is retired."""
        with self.store.lock:
            current = self.store.refresh_tokens.get(token)
            if current is None or self.store.clock.now() >= current.expires_at:
                raise OAuthError(400, "invalid_grant", "The refresh token is invalid, expired or revoked.")
            if current.grant.shop not in self.store.shops:
                raise OAuthError(400, "invalid_grant", "The app is not installed on this shop.")
            if current.predecessor is not None:
                self.store.refresh_tokens.pop(current.predecessor, None)
            # A retry with this token replaces the successor it issued before (never used).
            for other in [r for r in self.store.refresh_tokens.values() if r.predecessor == token]:
                del self.store.refresh_tokens[other.token]
            return self._issue(current.grant, predecessor=token)
