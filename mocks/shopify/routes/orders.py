"""orders.json and its actions (cancel, close, open) and fulfillments."""

from __future__ import annotations

from flask import Blueprint, request

from mocks.shopify.listing import COMMON_FILTERS, apply_common, common_filter
from mocks.shopify.routes import common as c

ORDER_FILTERS = COMMON_FILTERS + ("status", "financial_status", "fulfillment_status")


def orders_blueprint() -> Blueprint:
    bp = c.blueprint("orders")

    def matching(filters: dict[str, str]) -> list:
        shop = c.shop()
        return shop.filter_orders(apply_common(list(shop.orders.values()), filters), filters)

    @c.route(bp, "/orders.json", ["GET"])
    def list_orders():  # noqa: ANN202
        q = c.query(ORDER_FILTERS)
        shop = c.shop()
        common, state = common_filter(q.filters), shop.order_test(q.filters)
        page = c.id_ordered_page(shop.orders, lambda order: common(order) and state(order), q)
        return c.page_response("orders", page, q, shop.order_json)

    @c.route(bp, "/orders/count.json", ["GET"])
    def count_orders():  # noqa: ANN202
        return c.count(len(matching(c.count_filters(ORDER_FILTERS))))

    @c.route(bp, "/orders/<int:order_id>.json", ["GET"])
    def get_order(order_id: int):  # noqa: ANN202
        return c.one("order", c.shop().order_json(c.shop().order(order_id)))

    @c.route(bp, "/orders.json", ["POST"])
    def create_order():  # noqa: ANN202
        order = c.shop().create_order(c.body("order"))
        return c.one("order", c.shop().order_json(order), 201)

    @c.route(bp, "/orders/<int:order_id>.json", ["PUT"])
    def update_order(order_id: int):  # noqa: ANN202
        c.shop().order(order_id)
        return c.one("order", c.shop().order_json(c.shop().update_order(order_id, c.body("order"))))

    @c.route(bp, "/orders/<int:order_id>.json", ["DELETE"])
    def delete_order(order_id: int):  # noqa: ANN202
        c.shop().delete_order(order_id)
        return c.empty()

    @c.route(bp, "/orders/<int:order_id>/cancel.json", ["POST"])
    def cancel_order(order_id: int):  # noqa: ANN202
        c.shop().order(order_id)
        options = {**request.args.to_dict(), **c.body("order", required=False)}  # ShopifyAPI sends a query
        order = c.shop().cancel_order(order_id, options)
        return c.one("order", c.shop().order_json(order))

    @c.route(bp, "/orders/<int:order_id>/close.json", ["POST"])
    def close_order(order_id: int):  # noqa: ANN202
        return c.one("order", c.shop().order_json(c.shop().close_order(order_id, True)))

    @c.route(bp, "/orders/<int:order_id>/open.json", ["POST"])
    def open_order(order_id: int):  # noqa: ANN202
        return c.one("order", c.shop().order_json(c.shop().close_order(order_id, False)))

    @c.route(bp, "/orders/<int:order_id>/fulfillments.json", ["POST"])
    def create_fulfillment(order_id: int):  # noqa: ANN202
        c.shop().order(order_id)
        fulfillment = c.shop().fulfil_order(order_id, c.body("fulfillment", required=False))
        return c.one("fulfillment", fulfillment.to_dict(c.shop().zone), 201)

    @c.route(bp, "/orders/<int:order_id>/fulfillments.json", ["GET"])
    def list_fulfillments(order_id: int):  # noqa: ANN202
        q = c.query(COMMON_FILTERS)
        records = apply_common(c.shop().order(order_id).fulfillments, q.filters)
        return c.listing("fulfillments", records, q, lambda f: f.to_dict(c.shop().zone))

    @c.route(bp, "/orders/<int:order_id>/fulfillments/count.json", ["GET"])
    def count_fulfillments(order_id: int):  # noqa: ANN202
        return c.count(len(c.shop().order(order_id).fulfillments))

    @c.route(bp, "/orders/<int:order_id>/fulfillments/<int:fulfillment_id>.json", ["GET"])
    def get_fulfillment(order_id: int, fulfillment_id: int):  # noqa: ANN202
        return c.one("fulfillment", c.shop().fulfillment(order_id, fulfillment_id).to_dict(c.shop().zone))

    return bp
