"""checkouts.json: create/update/complete (Checkout API) and the abandoned-checkout listing."""

from __future__ import annotations

from flask import Blueprint, request

from mocks.shopify.errors import bad_param
from mocks.shopify.listing import COMMON_FILTERS, apply_common
from mocks.shopify.routes import common as c

CHECKOUT_FILTERS = COMMON_FILTERS + ("status",)


def _abandoned(filters: dict[str, str]) -> list:
    status = filters.get("status", "open")
    if status not in ("open", "closed", "any"):
        raise bad_param("status", "Invalid value.")
    return apply_common(c.shop().abandoned_checkouts(status), filters)


def _checkout_api(checkout: object) -> dict:
    """A Checkout API answer (create/get/update/complete; the API Shopify shut off in April 2025): the
    abandoned-checkout keys plus the ``order_id`` of a completed checkout, as this mock has always given."""
    return {**c.shop().checkout_json(checkout), "order_id": checkout.order_id}  # type: ignore[attr-defined]


def checkouts_blueprint() -> Blueprint:
    bp = c.blueprint("checkouts")

    @c.route(bp, "/checkouts.json", ["GET"])
    def list_checkouts():  # noqa: ANN202
        q = c.query(CHECKOUT_FILTERS)
        return c.listing("checkouts", _abandoned(q.filters), q, c.shop().checkout_json)

    @c.route(bp, "/checkouts/count.json", ["GET"])
    def count_checkouts():  # noqa: ANN202
        return c.count(len(_abandoned(c.count_filters(CHECKOUT_FILTERS))))

    @c.route(bp, "/checkouts.json", ["POST"])
    def create_checkout():  # noqa: ANN202
        checkout = c.shop().create_checkout(c.body("checkout"), request.host_url)
        return c.one("checkout", _checkout_api(checkout), 201)

    @c.route(bp, "/checkouts/<token>.json", ["GET"])
    def get_checkout(token: str):  # noqa: ANN202
        return c.one("checkout", _checkout_api(c.shop().checkout(token)))

    @c.route(bp, "/checkouts/<token>.json", ["PUT"])
    def update_checkout(token: str):  # noqa: ANN202
        c.shop().checkout(token)
        checkout = c.shop().update_checkout(token, c.body("checkout"))
        return c.one("checkout", _checkout_api(checkout))

    @c.route(bp, "/checkouts/<token>/complete.json", ["POST"])
    def complete_checkout(token: str):  # noqa: ANN202
        return c.one("checkout", _checkout_api(c.shop().complete_checkout(token)))

    return bp
