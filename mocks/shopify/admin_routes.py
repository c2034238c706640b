"""Shopify-only admin routes under ``/__admin`` (shops, tokens, uninstall, checkout purge, deliveries)."""

from __future__ import annotations

import uuid

from flask import Blueprint, jsonify, request

from mocks.shopify.config import ALL_SCOPES, DEFAULT_SHOP, TokenGrant
from mocks.shopify.errors import ShopifyError
from mocks.shopify.routes.oauth import refresh_body
from mocks.shopify.store import Store
from mocks.shopify.tokens import CLIENT_CREDENTIALS_TTL, TokenIssuer
from mocks.shopify.webhooks import WebhookDispatcher

KINDS = ("offline", "expiring_offline", "client_credentials")


def _bad(message: str, status: int = 400):  # noqa: ANN202
    response = jsonify({"error": message})
    response.status_code = status
    return response


def _json_body() -> object:
    """The request's JSON, or ``None`` when it is not JSON or nests too deep to read."""
    try:
        return request.get_json(silent=True)
    except RecursionError:
        return None


def shopify_admin_blueprint(store: Store, dispatcher: WebhookDispatcher) -> Blueprint:
    bp = Blueprint("shopify_admin_extra", __name__)

    @bp.get("/shops")
    def list_shops():  # noqa: ANN202
        return jsonify({"shops": store.shops_json()})

    @bp.post("/shops")
    def add_shop():  # noqa: ANN202
        body = _json_body()
        if not isinstance(body, dict) or not isinstance(body.get("name"), str) or not body["name"].strip():
            return _bad('send {"name": "store-b", "token": "...", "scopes": [...]}')
        name = body["name"].strip().removesuffix(".myshopify.com")
        token = body.get("token")
        scopes = body.get("scopes")
        if scopes is not None and (not isinstance(scopes, list) or any(s not in ALL_SCOPES for s in scopes)):
            return _bad(f"scopes must be a list drawn from {list(ALL_SCOPES)}")
        pcd_level = body.get("pcd_level", 2)
        if pcd_level not in (0, 1, 2) or isinstance(pcd_level, bool):
            return _bad("pcd_level must be 0, 1 or 2")
        with store.lock:
            if token is not None:
                if not isinstance(token, str) or not token:
                    return _bad("token must be a non-empty string")
                if token in store.tokens and store.tokens[token].shop != name:
                    return _bad("that token already opens another shop", 409)
                store.add_grant(TokenGrant(token, name, tuple(scopes) if scopes is not None else None, pcd_level))
            else:
                store.add_shop(name)
        return jsonify({"shop": next(s for s in store.shops_json() if s["name"] == name)}), 201

    @bp.post("/tokens")
    def mint_token():  # noqa: ANN202
        """A token as an app would hold it: ``{"shop", "kind": offline | expiring_offline |
        client_credentials, "scopes", "pcd_level"}`` (all optional; default a non-expiring offline token
        with every scope and level 2). Answers what Shopify's token endpoint would (plus ``shop``)."""
        body = request.get_json(silent=True)
        body = {} if body is None and not request.get_data(cache=True).strip() else body
        if not isinstance(body, dict):
            return _bad('send {"shop": "harness-shop", "kind": "expiring_offline", "pcd_level": 1}')
        shop, kind = body.get("shop", DEFAULT_SHOP), body.get("kind", "offline")
        scopes, pcd_level = body.get("scopes"), body.get("pcd_level", 2)
        if kind not in KINDS:
            return _bad(f"kind must be one of {list(KINDS)}")
        if scopes is not None and (not isinstance(scopes, list) or any(s not in ALL_SCOPES for s in scopes)):
            return _bad(f"scopes must be a list drawn from {list(ALL_SCOPES)}")
        if pcd_level not in (0, 1, 2) or isinstance(pcd_level, bool):
            return _bad("pcd_level must be 0, 1 or 2")
        wanted = tuple(scopes) if scopes is not None else None
        scope = ",".join(ALL_SCOPES if wanted is None else wanted)
        issuer = TokenIssuer(store)
        with store.lock:
            if not isinstance(shop, str) or shop not in store.shops:
                return _bad(f"no shop named {shop!r}", 404)
            if kind == "expiring_offline":
                _grant, refresh = issuer.expiring_offline(shop, wanted, pcd_level)
                return jsonify({**refresh_body(scope, refresh), "shop": shop}), 201
            if kind == "client_credentials":
                grant = issuer.client_credentials(shop, wanted, pcd_level)
                return jsonify({"access_token": grant.token, "scope": scope, "expires_in": CLIENT_CREDENTIALS_TTL,
                                "shop": shop}), 201
            grant = TokenGrant(f"shpat_{uuid.uuid4().hex}", shop, wanted, pcd_level)
            store.add_grant(grant)
            return jsonify({"access_token": grant.token, "scope": scope, "shop": shop}), 201

    @bp.post("/tokens/expire")
    def expire_tokens():  # noqa: ANN202
        """``{"shop": "harness-shop", "token"?: "shpat_..."}``: the shop's expiring access tokens (client
        credentials, expiring offline) end now; answers ``{"expired": n}``."""
        body = _json_body()
        body = {} if body is None and not request.get_data(cache=True).strip() else body
        if not isinstance(body, dict):
            return _bad('send {"shop": "harness-shop"} or {"shop": "harness-shop", "token": "shpat_..."}')
        shop, token = body.get("shop", DEFAULT_SHOP), body.get("token")
        if token is not None and (not isinstance(token, str) or not token):
            return _bad("token must be a non-empty string")
        with store.lock:
            if not isinstance(shop, str) or shop not in store.shops:
                return _bad(f"no shop named {str(shop)[:100]!r}", 404)
            return jsonify({"expired": TokenIssuer(store).expire_now(shop, token)})

    @bp.post("/shops/<name>/uninstall")
    def uninstall(name: str):  # noqa: ANN202
        with store.lock:
            try:
                shop = store.shop(name)
            except ShopifyError:
                return _bad(f"no shop named {name}", 404)
            shop.uninstall()
            store.revoke_shop_tokens(name)
        return jsonify({"status": "uninstalled", "shop": name})

    @bp.delete("/shops/<name>/checkouts/<token>")
    def purge_checkout(name: str, token: str):  # noqa: ANN202
        with store.lock:
            try:
                store.shop(name).delete_checkout(token)
            except ShopifyError:
                return _bad("no such shop or checkout", 404)
        return jsonify({"status": "deleted"})

    @bp.get("/webhooks")
    def deliveries():  # noqa: ANN202
        return jsonify(dispatcher.state())

    return bp
