"""``Order``, its line items, fulfillment orders and fulfillments; the ``order``/``orders`` queries."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any
from urllib.parse import urlparse

from mocks.shopify.graphql.connections import (
    id_ordered_connection,
    list_connection,
    page_args,
    sorted_connection,
)
from mocks.shopify.graphql.context import Context, ctx
from mocks.shopify.graphql.ids import gid, legacy_id
from mocks.shopify.graphql.objects.addresses import address_node
from mocks.shopify.graphql.redact import redact
from mocks.shopify.graphql.scalars import date_time, money_bag, tag_list, uint
from mocks.shopify.graphql.search import parse_search
from mocks.shopify.records import LineItem, Order

FULFILLMENT_STATUS = {None: "UNFULFILLED", "partial": "PARTIALLY_FULFILLED", "fulfilled": "FULFILLED"}
SEARCH_FIELDS: dict[str, Any] = {
    "id": lambda o: o.id, "name": lambda o: [o.name, str(o.number + 1000)], "email": lambda o: o.email,
    "created_at": lambda o: o.created_at, "updated_at": lambda o: o.updated_at,
    "processed_at": lambda o: o.processed_at, "customer_id": lambda o: o.customer_id,
    "financial_status": lambda o: o.financial_status, "tag": lambda o: tag_list(o.tags),
    "fulfillment_status": lambda o: {None: "unshipped", "partial": "partial", "fulfilled": "shipped"}
    [o.fulfillment_status], "test": lambda o: o.test, "source_name": lambda o: o.source_name,
    "status": lambda o: "cancelled" if o.cancelled_at else ("closed" if o.closed_at else "open"),
}
SORTS: dict[str, Any] = {
    "ID": lambda o: o.id, "CREATED_AT": lambda o: (int(o.created_at.timestamp()), o.id),
    "UPDATED_AT": lambda o: (int(o.updated_at.timestamp()), o.id),
    "PROCESSED_AT": lambda o: (int(o.processed_at.timestamp()), o.id),
    "ORDER_NUMBER": lambda o: (o.number, o.id), "TOTAL_PRICE": lambda o: (float(o.total_price), o.id),
}


def line_item_node(context: Context, order: Order, item: LineItem) -> dict:
    shop, currency = context.shop, order.currency

    def variant(info: Any) -> dict | None:
        from mocks.shopify.graphql.objects.products import variant_node
        found = shop.find_variant(item.variant_id) if item.variant_id else None
        return variant_node(ctx(info), found[0], found[1]) if found else None

    def product(info: Any) -> dict | None:
        from mocks.shopify.graphql.objects.products import product_node
        record = shop.products.get(item.product_id) if item.product_id else None
        return product_node(ctx(info), record) if record else None

    return {
        "__typename": "LineItem", "id": gid("LineItem", item.id), "name": item.name, "title": item.title,
        "quantity": item.quantity, "sku": item.sku, "vendor": item.vendor, "variantTitle": item.variant_title,
        "variant": variant, "product": product, "originalUnitPriceSet": money_bag(item.price, currency),
        "originalTotalSet": money_bag(item.price * item.quantity, currency),
        "requiresShipping": item.requires_shipping, "taxable": item.taxable,
    }


def fulfillment_order_status(order: Order) -> str:
    if order.cancelled_at is not None:
        return "CANCELLED"
    return "CLOSED" if order.fulfillment_status == "fulfilled" else "OPEN"


def fulfillment_order_node(context: Context, order: Order) -> dict:
    """The mock keeps one fulfillment order per order, with the order's id and one line per line item."""
    def lines(info: Any, **args: Any) -> dict:
        def render(item: LineItem) -> dict:
            return {"id": gid("FulfillmentOrderLineItem", item.id), "totalQuantity": item.quantity,
                    "remainingQuantity": item.quantity - item.fulfilled_quantity, "sku": item.sku,
                    "productTitle": item.title, "variantTitle": item.variant_title,
                    "lineItem": line_item_node(context, order, item)}
        return list_connection(order.line_items, page_args(args, ctx(info).bulk), render)

    return {"__typename": "FulfillmentOrder", "id": gid("FulfillmentOrder", order.id),
            "status": fulfillment_order_status(order), "createdAt": date_time(order.created_at),
            "updatedAt": date_time(order.updated_at), "orderId": gid("Order", order.id), "orderName": order.name,
            "lineItems": lines}


def fulfillment_node(context: Context, order: Order, fulfillment: Any) -> dict:
    return {
        "__typename": "Fulfillment", "id": gid("Fulfillment", fulfillment.id),
        "legacyResourceId": uint(fulfillment.id), "name": fulfillment.name,
        "status": {"success": "SUCCESS", "cancelled": "CANCELLED", "error": "ERROR", "failure": "FAILURE",
                   "pending": "PENDING", "open": "OPEN"}.get(fulfillment.status, "SUCCESS"),
        "createdAt": date_time(fulfillment.created_at), "updatedAt": date_time(fulfillment.updated_at),
        "totalQuantity": sum(int(li.get("quantity", 0)) for li in fulfillment.line_items),
        "order": lambda info: order_node(ctx(info), order),
        "trackingInfo": lambda info, first=None: [
            {"company": fulfillment.tracking_company, "number": fulfillment.tracking_number,
             "url": fulfillment.tracking_url}] if (fulfillment.tracking_number or fulfillment.tracking_company) else [],
    }


def journey(domain: str, order: Order) -> dict:
    """``customerJourneySummary``: the visit the order came from is its last (and, here, first) visit:
    REST's ``referring_site`` and ``landing_site`` (a path, which GraphQL gives as a full URL)."""
    visit = None
    if order.referring_site or order.landing_site:
        host = urlparse(order.referring_site or "").hostname
        visit = {"__typename": "CustomerVisit", "id": gid("CustomerVisit", order.id),
                 "landingPage": f"https://{domain}{order.landing_site}" if order.landing_site else None,
                 "referrerUrl": order.referring_site, "occurredAt": date_time(order.created_at),
                 "source": host or "direct"}
    return {"customerOrderIndex": None, "daysToConversion": 0 if visit else None, "firstVisit": visit,
            "lastVisit": visit, "ready": True}


def order_node(context: Context, order: Order) -> dict:
    shop, currency, pcd = context.shop, order.currency, context.pcd

    def customer(info: Any) -> dict | None:
        from mocks.shopify.graphql.objects.customers import customer_node
        record = shop.customers.get(order.customer_id) if order.customer_id else None
        return customer_node(ctx(info), record) if record else None

    # ``number`` is "the order number used to generate the name" (#1001 -> 1001), REST's order_number
    node = {
        "__typename": "Order", "id": gid("Order", order.id), "legacyResourceId": uint(order.id),
        "name": order.name, "number": 1000 + order.number, "email": order.email, "phone": order.phone,
        "createdAt": date_time(order.created_at), "updatedAt": date_time(order.updated_at),
        "processedAt": date_time(order.processed_at), "cancelledAt": date_time(order.cancelled_at),
        "cancelReason": order.cancel_reason.upper() if order.cancel_reason else None,
        "closed": order.closed_at is not None, "closedAt": date_time(order.closed_at), "confirmed": True,
        "test": order.test, "note": order.note, "tags": tag_list(order.tags), "currencyCode": currency,
        "displayFinancialStatus": order.financial_status.upper(),
        "displayFulfillmentStatus": FULFILLMENT_STATUS.get(order.fulfillment_status, "UNFULFILLED"),
        "totalPriceSet": money_bag(order.total_price, currency),
        "subtotalPriceSet": money_bag(order.subtotal_price, currency),
        "totalTaxSet": money_bag(order.total_tax, currency),
        "totalDiscountsSet": money_bag(order.total_discounts, currency),
        "totalShippingPriceSet": money_bag(order.total_shipping, currency),
        "currentTotalPriceSet": money_bag(Decimal("0") if order.cancelled_at else order.total_price, currency),
        "customer": customer,
        "lineItems": lambda info, **args: list_connection(
            order.line_items, page_args(args, ctx(info).bulk), lambda li: line_item_node(context, order, li)),
        "billingAddress": address_node(order.billing_address, None, pcd),
        "shippingAddress": address_node(order.shipping_address, None, pcd),
        "fulfillmentOrders": lambda info, **args: list_connection(
            [order], page_args(args, ctx(info).bulk), lambda o: fulfillment_order_node(context, o)),
        "fulfillments": lambda info, first=None, query=None: [
            fulfillment_node(context, order, f) for f in order.fulfillments][:first],
        "sourceName": order.source_name, "customerAcceptsMarketing": order.buyer_accepts_marketing,
        "taxesIncluded": order.taxes_included, "customerJourneySummary": journey(shop.info.domain, order),
        "totalWeight": uint(sum(li.grams * li.quantity for li in order.line_items)),
    }
    return redact("Order", node, pcd)


def orders_connection(context: Context, orders: Any, args: dict, by_id: Mapping[int, Any] | None = None) -> dict:
    """A page of ``orders``. ``by_id``: the same orders as the shop keeps them, keyed in creation (= id)
    order, so that sorted by ID they need no sort: a page (or a bulk export's chunk) costs one pass over
    the ids, not a sort of the shop's orders."""
    pa = page_args(args, context.bulk)
    search = parse_search(args.get("query"), SEARCH_FIELDS, lambda o: [o.name, o.email])
    sort = args.get("sortKey") if args.get("sortKey") in SORTS else "ID"
    render = lambda o: order_node(context, o)  # noqa: E731
    if sort == "ID" and by_id is not None:
        return id_ordered_connection(list(by_id), by_id.__getitem__, search.test if args.get("query") else None,
                                     pa, render)
    records = (o for o in orders if search.test(o))  # read only when sorted (a bulk export: once)
    return sorted_connection(records, SORTS[sort], pa, sort, render)


def resolve_order(_root: Any, info: Any, id: str) -> dict | None:  # noqa: A002
    context = ctx(info)
    context.require("read_orders", "order")
    order_id = legacy_id(id, "Order")
    order = context.shop.orders.get(order_id) if order_id else None
    return order_node(context, order) if order else None


def resolve_orders(_root: Any, info: Any, **args: Any) -> dict:
    context = ctx(info)
    context.require("read_orders", "orders")
    return orders_connection(context, context.shop.orders.values(), args, by_id=context.shop.orders)
