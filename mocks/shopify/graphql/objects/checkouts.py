"""``AbandonedCheckout`` and the ``abandonedCheckouts`` query."""

from __future__ import annotations

from typing import Any

from graphql import GraphQLError

from mocks.shopify.graphql.connections import list_connection, page_args, sorted_connection
from mocks.shopify.graphql.context import ACCESS_DOC, Context, ctx
from mocks.shopify.graphql.ids import gid
from mocks.shopify.graphql.objects.addresses import address_node
from mocks.shopify.graphql.redact import FULL_ACCESS
from mocks.shopify.graphql.scalars import date_time, money_bag
from mocks.shopify.graphql.search import parse_search
from mocks.shopify.records import Checkout, CheckoutLine

SEARCH_FIELDS: dict[str, Any] = {
    "id": lambda c: c.id, "created_at": lambda c: c.created_at, "updated_at": lambda c: c.updated_at,
    "status": lambda c: "closed" if c.closed_at else "open", "email": lambda c: c.email,
}
SORTS: dict[str, Any] = {
    "ID": lambda c: c.id, "CHECKOUT_ID": lambda c: c.id,
    "CREATED_AT": lambda c: (int(c.created_at.timestamp()), c.id),
    "TOTAL_PRICE": lambda c: (float(c.total), c.id),
}
PCD_REFUSED = ("This app is not approved to access the abandonedCheckoutUrl field: it requires access to "
               "protected customer data (name, email, phone and address).")


def _line_node(context: Context, checkout: Checkout, line: CheckoutLine, index: int) -> dict:
    shop = context.shop

    def product(info: Any) -> dict | None:
        from mocks.shopify.graphql.objects.products import product_node
        record = shop.products.get(line.product_id)
        return product_node(ctx(info), record) if record else None

    def variant(info: Any) -> dict | None:
        from mocks.shopify.graphql.objects.products import variant_node
        found = shop.find_variant(line.variant_id)
        return variant_node(ctx(info), *found) if found else None

    return {"id": gid("AbandonedCheckoutLineItem", line.variant_id * 100 + index), "title": line.title,
            "variantTitle": line.variant_title, "sku": line.sku, "quantity": line.quantity,
            "product": product, "variant": variant,
            "originalUnitPriceSet": money_bag(line.price, checkout.currency),
            "originalTotalPriceSet": money_bag(line.price * line.quantity, checkout.currency)}


def checkout_node(context: Context, checkout: Checkout) -> dict:
    shop, pcd = context.shop, context.pcd

    def url(info: Any) -> str:
        if pcd < FULL_ACCESS:
            raise GraphQLError(PCD_REFUSED, extensions={"code": "ACCESS_DENIED", "documentation": ACCESS_DOC})
        return checkout.recover_url

    def customer(info: Any) -> dict | None:
        from mocks.shopify.graphql.objects.customers import customer_node
        record = shop.customers.get(checkout.customer_id) if checkout.customer_id else None
        return customer_node(ctx(info), record) if record else None

    lines = list(enumerate(checkout.line_items))
    return {
        "__typename": "AbandonedCheckout", "id": gid("AbandonedCheckout", checkout.id), "abandonedCheckoutUrl": url,
        "billingAddress": address_node(checkout.billing_address, None, pcd),
        "shippingAddress": address_node(checkout.shipping_address, None, pcd),
        "completedAt": date_time(checkout.completed_at), "createdAt": date_time(checkout.created_at),
        "updatedAt": date_time(checkout.updated_at), "customer": customer, "discountCodes": [],
        "lineItems": lambda info, **args: list_connection(
            lines, page_args(args, ctx(info).bulk), lambda pair: _line_node(context, checkout, pair[1], pair[0])),
        "name": f"#{checkout.id}", "note": checkout.note or "",
        "subtotalPriceSet": money_bag(checkout.total, checkout.currency),
        "totalPriceSet": money_bag(checkout.total, checkout.currency), "taxesIncluded": False,
    }


def resolve_abandoned_checkouts(_root: Any, info: Any, **args: Any) -> dict:
    context = ctx(info)
    context.require("read_orders", "abandonedCheckouts")
    pa = page_args(args, context.bulk)
    search = parse_search(args.get("query"), SEARCH_FIELDS, lambda c: [c.email])
    sort = args.get("sortKey") if args.get("sortKey") in SORTS else "ID"
    records = [c for c in context.shop.abandoned_checkouts("any") if search.test(c)]
    return sorted_connection(records, SORTS[sort], pa, sort, lambda c: checkout_node(context, c))
