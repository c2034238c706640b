"""checkouts.json: the abandoned-checkout listing and count; the shut-off Checkout API answers 404."""

from __future__ import annotations

from flask import Blueprint

from mocks.shopify.errors import bad_param, not_found
from mocks.shopify.listing import COMMON_FILTERS, apply_common
from mocks.shopify.routes import common as c

CHECKOUT_FILTERS = COMMON_FILTERS + ("status",)
SHUT_OFF = (("/checkouts.json", ["POST"]), ("/checkouts/<token>.json", ["GET", "PUT"]),
            ("/checkouts/<token>/complete.json", ["POST"]))


def _abandoned(filters: dict[str, str]) -> list:
    status = filters.get("status", "open")
    if status not in ("open", "closed", "any"):
        raise bad_param("status", "Invalid value.")
    return apply_common(c.shop().abandoned_checkouts(status), filters)


def checkouts_blueprint() -> Blueprint:
    bp = c.blueprint("checkouts")

    @c.route(bp, "/checkouts.json", ["GET"])
    def list_checkouts():  # noqa: ANN202
        q = c.query(CHECKOUT_FILTERS)
        return c.listing("checkouts", _abandoned(q.filters), q, c.shop().checkout_json)

    @c.route(bp, "/checkouts/count.json", ["GET"])
    def count_checkouts():  # noqa: ANN202
        return c.count(len(_abandoned(c.count_filters(CHECKOUT_FILTERS))))

    # The Checkout API (create, read one, update, complete) was shut off on April 1, 2025 on every
    # version; those paths answer Shopify's 404. Checkouts come from the storefront (mocks/shopify/storefront.py).
    def checkout_api_shut_off(token: str | None = None):  # noqa: ANN202
        raise not_found()

    for index, (rule, methods) in enumerate(SHUT_OFF):
        bp.add_url_rule(rule, endpoint=f"shut_off_{index}", view_func=checkout_api_shut_off, methods=methods)

    return bp
