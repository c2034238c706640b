"""The storefront simulation under ``/__admin/storefront/<shop>/...``: what shoppers do, not an app.

Since April 1, 2025 no app can create or complete a checkout through the Admin API (the REST Checkout
endpoints answer 404). Checkouts come from shoppers: a cart goes to checkout, the shopper enters contact
details and changes lines, and pays. This surface plays the shopper, on the same store and with the same
webhooks (``checkouts/create``, ``checkouts/update``, ``orders/create``, ``customers/create`` …) as on
Shopify; apps then read the abandoned ones through ``GET checkouts.json`` (REST) or
``abandonedCheckouts`` (GraphQL).

- ``POST   /__admin/storefront/<shop>/checkouts``                 a cart reaches checkout (201)
- ``GET    /__admin/storefront/<shop>/checkouts/<token>``         the checkout as the shop stores it
- ``PUT    /__admin/storefront/<shop>/checkouts/<token>``         contact entry, addresses, line changes
- ``POST   /__admin/storefront/<shop>/checkouts/<token>/complete`` the shopper pays: an order is placed

Bodies are the checkout's fields as a flat JSON object (``email``, ``phone``, ``line_items`` of
``{variant_id, quantity}`` — replaced as a whole —, ``shipping_address``, ``billing_address``, ``note``,
``buyer_accepts_marketing``, ``referring_site``, ``landing_site``, ``source_name``); answers are
``{"checkout": {...}}`` in the REST shape. Errors: 404 for an unknown shop or checkout, 422 like the
store's validation (``{"errors": {"email": ["is invalid"]}}``).
"""

from __future__ import annotations

from flask import Blueprint, Response, jsonify, request

from mocks.shopify.errors import ShopifyError
from mocks.shopify.store import ShopStore, Store


def _fields() -> dict:
    data = request.get_json(silent=True) if request.get_data(cache=True).strip() else {}
    if not isinstance(data, dict):
        raise ShopifyError(400, {"checkout": "send the checkout's fields as a JSON object"})
    return data


def _answer(shop: ShopStore, checkout: object, status: int = 200) -> Response:
    # The abandoned-checkout shape plus the order a completed checkout became (the storefront's own answer).
    data = {**shop.checkout_json(checkout), "order_id": checkout.order_id}  # type: ignore[arg-type,attr-defined]
    response = jsonify({"checkout": data})
    response.status_code = status
    return response


def storefront_blueprint(store: Store) -> Blueprint:
    bp = Blueprint("shopify_storefront", __name__)  # registered under /__admin

    @bp.post("/storefront/<shop_name>/checkouts")
    def create(shop_name: str) -> Response:
        with store.lock:
            shop = store.shop(shop_name)
            return _answer(shop, shop.create_checkout(_fields(), request.host_url), 201)

    @bp.get("/storefront/<shop_name>/checkouts/<token>")
    def show(shop_name: str, token: str) -> Response:
        with store.lock:
            shop = store.shop(shop_name)
            return _answer(shop, shop.checkout(token))

    @bp.put("/storefront/<shop_name>/checkouts/<token>")
    def update(shop_name: str, token: str) -> Response:
        with store.lock:
            shop = store.shop(shop_name)
            return _answer(shop, shop.update_checkout(token, _fields()))

    @bp.post("/storefront/<shop_name>/checkouts/<token>/complete")
    def complete(shop_name: str, token: str) -> Response:
        with store.lock:
            shop = store.shop(shop_name)
            return _answer(shop, shop.complete_checkout(token))

    return bp
