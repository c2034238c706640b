"""``POST /admin/oauth/access_token``: the client-credentials grant and refresh-token rotation.

Parameters come as a form or a JSON object: ``grant_type``, ``client_id``, ``client_secret`` and, for
``refresh_token``, the refresh token. The shop is the one the request is addressed to: the
``<shop>.myshopify.com`` host, else a ``shop`` parameter (the mock serves many shops on one host),
else the default shop.
"""

from __future__ import annotations

import hmac

from flask import Blueprint, Response, jsonify, request

from mocks.shopify.config import DEFAULT_SHOP, ShopifyConfig
from mocks.shopify.store import Store
from mocks.shopify.tokens import (
    CLIENT_CREDENTIALS_TTL,
    OFFLINE_TTL,
    REFRESH_TTL,
    OAuthError,
    RefreshToken,
    TokenIssuer,
    scope_text,
)

SHOP_SUFFIX = ".myshopify.com"


def _params() -> dict[str, str]:
    data = request.get_json(silent=True) if request.is_json else None
    source = data if isinstance(data, dict) else request.form
    return {k: v for k, v in source.items() if isinstance(v, str)}


def _shop_of(params: dict[str, str]) -> str:
    host = request.host.split(":", 1)[0]
    if host.endswith(SHOP_SUFFIX):
        return host.removesuffix(SHOP_SUFFIX)
    return params.get("shop", "").removesuffix(SHOP_SUFFIX) or DEFAULT_SHOP


def refresh_body(grant_scope: str, refresh: RefreshToken) -> dict:
    """The answer to a code exchange with ``expiring=1`` or to a refresh."""
    return {"access_token": refresh.grant.token, "expires_in": OFFLINE_TTL, "refresh_token": refresh.token,
            "refresh_token_expires_in": REFRESH_TTL, "scope": grant_scope}


def oauth_blueprint(store: Store, config: ShopifyConfig) -> Blueprint:
    bp = Blueprint("shopify_oauth", __name__)
    issuer = TokenIssuer(store)

    def authenticate(params: dict[str, str]) -> None:
        if not params.get("client_id") or not params.get("client_secret"):
            raise OAuthError(400, "invalid_request", "client_id and client_secret are required.")
        same_id = hmac.compare_digest(params["client_id"].encode(), config.client_id.encode())
        same_secret = hmac.compare_digest(params["client_secret"].encode(), config.api_secret.encode())
        if not (same_id and same_secret):
            raise OAuthError(401, "invalid_client", "Client authentication failed.")

    @bp.post("/admin/oauth/access_token")
    def access_token() -> Response:
        params = _params()
        grant_type = params.get("grant_type", "")
        authenticate(params)
        if grant_type == "client_credentials":
            shop = _shop_of(params)
            if shop not in store.shops:
                raise OAuthError(400, "invalid_request", f"The app is not installed on {shop}{SHOP_SUFFIX}.")
            grant = issuer.client_credentials(shop, config.app_scopes, config.app_pcd_level)
            return jsonify({"access_token": grant.token, "scope": scope_text(grant, config.app_scopes),
                            "expires_in": CLIENT_CREDENTIALS_TTL})
        if grant_type == "refresh_token":
            if not params.get("refresh_token"):
                raise OAuthError(400, "invalid_request", "refresh_token is required.")
            grant, refresh = issuer.refresh(params["refresh_token"])
            return jsonify(refresh_body(scope_text(grant, config.app_scopes), refresh))
        raise OAuthError(400, "unsupported_grant_type", f"grant_type {grant_type!r} is not supported.")

    @bp.errorhandler(OAuthError)
    def _oauth_error(error: OAuthError) -> Response:
        response = jsonify(error.body())
        response.status_code = error.status
        return response

    return bp
