"""``POST /__admin/oauth/expire``: end the portal's OAuth access tokens now (fault injection).

A token past its lifetime gets 401 ``EXPIRED_AUTHENTICATION`` on the routes that take OAuth tokens,
so an app must renew it (refresh token or client credentials) and repeat the call. Chaos runs use
this to expire a connector's tokens mid-run (tools/chaos ``--expire-tokens``). Configured static
tokens (private-app tokens) never expire and are left alone.
"""

from __future__ import annotations

import json
from dataclasses import replace

from flask import Blueprint, Response, request

from mocks.hubspot.oauth import ClientCredentials


def _json(data: object, status: int = 200) -> Response:
    return Response(json.dumps(data), status=status, mimetype="application/json")


def expire_tokens(credentials: ClientCredentials, token: str | None = None) -> int:
    """End every issued access token still valid now (only ``token``, when given); how many were ended."""
    now = credentials.clock.timestamp()
    with credentials._lock:  # the issuer's own table: the admin route is the only other writer
        hits = [g for g in credentials._grants.values() if g.expires_at > now and (token is None or g.token == token)]
        for grant in hits:
            credentials._grants[grant.token] = replace(grant, expires_at=now)
    return len(hits)


def token_admin_blueprint(credentials: ClientCredentials) -> Blueprint:
    """``POST /oauth/expire`` with ``{}`` (every token) or ``{"token": "..."}``: ``{"expired": n}``."""
    bp = Blueprint("hubspot_token_admin", __name__)

    @bp.post("/oauth/expire")
    def expire():  # noqa: ANN202
        raw = request.get_data() or b"{}"
        try:
            body = json.loads(raw)
        except (ValueError, RecursionError):
            body = None
        token = body.get("token") if isinstance(body, dict) else None
        if not isinstance(body, dict) or (token is not None and (not isinstance(token, str) or not token)):
            return _json({"status": "error", "message": 'send {} or {"token": "..."}',
                          "category": "VALIDATION_ERROR"}, 400)
        return _json({"expired": expire_tokens(credentials, token)})

    return bp
