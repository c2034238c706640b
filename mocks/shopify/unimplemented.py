"""Real Shopify paths the mock knows but does not implement: 501 with a clear message (DESIGN rule)."""

from __future__ import annotations

from flask import Blueprint, jsonify, request

from mocks.shopify.routes.common import API_PREFIX

KNOWN = (
    "/customers/<int:i>/send_invite.json", "/customers/<int:i>/account_activation_url.json",
    "/customers/<int:i>/addresses.json", "/customers/<int:i>/addresses/<int:j>.json",
    "/products/<int:i>/variants.json", "/products/<int:i>/images.json", "/variants/<int:i>.json",
    "/orders/<int:i>/transactions.json", "/orders/<int:i>/refunds.json", "/orders/<int:i>/risks.json",
    "/draft_orders.json", "/fulfillment_orders/<int:i>.json", "/locations.json", "/inventory_levels.json",
    "/metafields.json", "/custom_collections.json", "/smart_collections.json", "/collects.json",
    "/price_rules.json", "/gift_cards.json", "/themes.json", "/carrier_services.json", "/recurring_application_charges.json",
)


def unimplemented_blueprint() -> Blueprint:
    bp = Blueprint("shopify_unimplemented", __name__, url_prefix=API_PREFIX)

    @bp.url_value_preprocessor
    def _drop(_endpoint: str | None, values: dict | None) -> None:
        if values is not None:
            values.clear()

    def not_implemented():  # noqa: ANN202
        response = jsonify({"errors": f"Not Implemented: the Shopify mock does not implement "
                                      f"{request.method} {request.path}"})
        response.status_code = 501
        return response

    for index, rule in enumerate(KNOWN):
        bp.add_url_rule(rule, endpoint=f"u{index}", view_func=not_implemented,
                        methods=["GET", "POST", "PUT", "DELETE"])
    return bp
