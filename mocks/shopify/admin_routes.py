"""Shopify-only admin routes under ``/__admin`` (shops, uninstall, checkout purge, deliveries)."""

from __future__ import annotations

from flask import Blueprint, jsonify, request

from mocks.shopify.config import ALL_SCOPES, TokenGrant
from mocks.shopify.errors import ShopifyError
from mocks.shopify.store import Store
from mocks.shopify.webhooks import WebhookDispatcher


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
        with store.lock:
            if token is not None:
                if not isinstance(token, str) or not token:
                    return _bad("token must be a non-empty string")
                if token in store.tokens and store.tokens[token].shop != name:
                    return _bad("that token already opens another shop", 409)
                store.add_grant(TokenGrant(token, name, tuple(scopes) if scopes is not None else None))
            else:
                store.add_shop(name)
        return jsonify({"shop": next(s for s in store.shops_json() if s["name"] == name)}), 201

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
