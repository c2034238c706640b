"""``POST /__admin/oauth/refresh-tokens``: a refresh token as an app gets it when a portal installs it.

The mock does not serve the authorization-code flow; this stands in for it, so an app can then use
``grant_type=refresh_token`` on ``/oauth/v1/token``. Body ``{"scopes": ["crm.objects.contacts.read", …]}``
→ 201 ``{"refresh_token", "scopes"}``; unknown or no scopes → 400 ``BAD_SCOPES``.
"""

from __future__ import annotations

from flask import Blueprint, Response, jsonify, request

from mocks.hubspot.oauth import ClientCredentials, OAuthError


def oauth_admin_blueprint(credentials: ClientCredentials) -> Blueprint:
    bp = Blueprint("hubspot_oauth_admin", __name__)

    @bp.post("/oauth/refresh-tokens")
    def mint() -> tuple[Response, int]:
        body = request.get_json(silent=True)
        scopes = body.get("scopes") if isinstance(body, dict) else None
        if not isinstance(scopes, list) or not all(isinstance(s, str) for s in scopes):
            return jsonify({"status": "BAD_SCOPES", "message": 'send {"scopes": ["crm.objects.contacts.read"]}'}), 400
        try:
            token = credentials.mint_refresh_token(scopes)
        except OAuthError as error:
            return jsonify(error.body()), error.status
        return jsonify({"refresh_token": token, "scopes": sorted(set(scopes))}), 201

    return bp
