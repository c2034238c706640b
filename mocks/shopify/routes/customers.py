"""customers.json, customers/{id}.json, count, search and customers/{id}/orders.json."""

from __future__ import annotations

from flask import Blueprint

from mocks.shopify.listing import (
    COMMON_FILTERS,
    apply_common,
    common_filter,
    paginate,
    paginate_ids,
)
from mocks.shopify.routes import common as c
from mocks.shopify.routes.orders import ORDER_FILTERS
from mocks.shopify.search import customer_matcher


def customers_blueprint() -> Blueprint:
    bp = c.blueprint("customers")

    @c.route(bp, "/customers.json", ["GET"])
    def list_customers():  # noqa: ANN202
        q = c.query(COMMON_FILTERS)
        shop = c.shop()
        keep = common_filter(q.filters)
        # Customers are kept in id order: a page costs its own records, not the whole shop.
        page = paginate_ids(shop.customer_ids, shop.customers.__getitem__, keep, q)
        if page is None:  # another order, or a forged cursor
            page = paginate([cu for cu in shop.customers.values() if keep(cu)], q)
        return c.page_response("customers", page, q, shop.customer_json, shop.customer_text)

    @c.route(bp, "/customers/count.json", ["GET"])
    def count_customers():  # noqa: ANN202
        return c.count(len(apply_common(list(c.shop().customers.values()), c.count_filters(COMMON_FILTERS))))

    @c.route(bp, "/customers/search.json", ["GET"])
    def search_customers():  # noqa: ANN202
        q = c.query(("query",))
        matches = customer_matcher(q.filters.get("query", ""))
        records = [cu for cu in c.shop().customers.values() if matches(cu)]
        return c.listing("customers", records, q, c.shop().customer_json, c.shop().customer_text)

    @c.route(bp, "/customers/<int:customer_id>.json", ["GET"])
    def get_customer(customer_id: int):  # noqa: ANN202
        return c.one("customer", c.shop().customer_json(c.shop().customer(customer_id)))

    @c.route(bp, "/customers.json", ["POST"])
    def create_customer():  # noqa: ANN202
        customer = c.shop().create_customer(c.body("customer"))
        return c.one("customer", c.shop().customer_json(customer), 201)

    @c.route(bp, "/customers/<int:customer_id>.json", ["PUT"])
    def update_customer(customer_id: int):  # noqa: ANN202
        c.shop().customer(customer_id)
        customer = c.shop().update_customer(customer_id, c.body("customer"))
        return c.one("customer", c.shop().customer_json(customer))

    @c.route(bp, "/customers/<int:customer_id>.json", ["DELETE"])
    def delete_customer(customer_id: int):  # noqa: ANN202
        c.shop().delete_customer(customer_id)
        return c.empty()

    @c.route(bp, "/customers/<int:customer_id>/orders.json", ["GET"])
    def customer_orders(customer_id: int):  # noqa: ANN202
        shop = c.shop()
        shop.customer(customer_id)
        q = c.query(ORDER_FILTERS)
        records = shop.customer_orders(customer_id)
        records = shop.filter_orders(apply_common(records, q.filters), q.filters)
        return c.listing("orders", records, q, shop.order_json)

    return bp
