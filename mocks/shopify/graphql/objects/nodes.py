"""``node``/``nodes``: any served object by its global id."""

from __future__ import annotations

from typing import Any

from mocks.shopify.graphql.context import Context, ctx
from mocks.shopify.graphql.ids import parse_gid


def node_by_id(context: Context, value: str) -> dict | None:
    from mocks.shopify.graphql.objects.checkouts import checkout_node
    from mocks.shopify.graphql.objects.customers import customer_node
    from mocks.shopify.graphql.objects.orders import fulfillment_order_node, line_item_node, order_node
    from mocks.shopify.graphql.objects.products import product_node, variant_node
    from mocks.shopify.graphql.objects.shop import shop_node, webhook_node

    parsed = parse_gid(value)
    if parsed is None:
        return None
    kind, record_id = parsed
    shop = context.shop
    if kind == "Customer" and record_id in shop.customers and context.grant.allows("read_customers"):
        return customer_node(context, shop.customers[record_id])
    if kind == "Product" and record_id in shop.products and context.grant.allows("read_products"):
        return product_node(context, shop.products[record_id])
    if kind == "ProductVariant" and context.grant.allows("read_products"):
        found = shop.find_variant(record_id)
        return variant_node(context, *found) if found else None
    if context.grant.allows("read_orders"):
        if kind == "Order" and record_id in shop.orders:
            return order_node(context, shop.orders[record_id])
        if kind == "FulfillmentOrder" and record_id in shop.orders:
            return fulfillment_order_node(context, shop.orders[record_id])
        if kind == "LineItem":
            for order in shop.orders.values():
                item = next((li for li in order.line_items if li.id == record_id), None)
                if item is not None:
                    return line_item_node(context, order, item)
        if kind == "AbandonedCheckout" and record_id in shop.checkouts:
            return checkout_node(context, shop.checkouts[record_id])
    if context.grant.allows("read_customers") or context.grant.allows("read_companies"):
        from mocks.shopify.graphql.objects.companies import company_node, contact_node, location_node
        if kind == "Company" and record_id in shop.companies:
            return company_node(context, shop.companies[record_id])
        if kind == "CompanyContact" and record_id in shop.company_contacts:
            return contact_node(context, shop.company_contacts[record_id])
        if kind == "CompanyLocation" and record_id in shop.company_locations:
            return location_node(context, shop.company_locations[record_id])
    if kind == "WebhookSubscription" and record_id in shop.webhooks:
        return webhook_node(context, shop.webhooks[record_id])
    if kind == "Shop" and record_id == shop.info.id:
        return shop_node(context)
    if kind == "BulkOperation":
        op = context.bulk_ops.get(record_id, shop.name)
        return op.node() if op else None
    return None


def resolve_node(_root: Any, info: Any, id: str) -> dict | None:  # noqa: A002
    return node_by_id(ctx(info), id)


def resolve_nodes(_root: Any, info: Any, ids: list[str]) -> list[dict | None]:
    return [node_by_id(ctx(info), value) for value in ids]
