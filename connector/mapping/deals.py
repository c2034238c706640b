"""Orders and checkouts -> Ecommerce deals (ecommerce-deals mode: D3, D5, D8, D9, D10, S2)."""

from __future__ import annotations

from collections.abc import Mapping

from connector import names
from connector.mapping.common import non_empty, shop_field

WON_FINANCIAL = ("paid", "partially_paid", "partially_refunded")
CANCELLED_FINANCIAL = ("refunded", "voided")

# D8 fields written as ip__shopify__<field>, verbatim (S4).
ORDER_FIELDS = ("buyer_accepts_marketing", "cancel_reason", "cart_token", "cancelled_at", "currency",
                "financial_status", "fulfillment_status", "landing_site", "name", "note", "processing_method",
                "referring_site", "source_name", "subtotal_price", "taxes_included", "token",
                "total_line_items_price", "total_price", "total_weight", "checkout_token")


def order_stage(order: Mapping) -> str:
    """D10 [decided, configurable by replacing this function]: cancelled wins (cancelled_at, refunded or
    voided); fulfilled -> shipped; paid/partially paid/partially refunded -> processed; else (pending,
    authorized, unknown) -> checkout_completed."""
    financial = (order.get("financial_status") or "").lower()
    if order.get("cancelled_at") or financial in CANCELLED_FINANCIAL:
        return names.STAGE_CANCELLED
    if (order.get("fulfillment_status") or "").lower() == "fulfilled":
        return names.STAGE_SHIPPED
    if financial in WON_FINANCIAL:
        return names.STAGE_PROCESSED
    return names.STAGE_COMPLETED


def deal_key(store_id: str, record: Mapping, kind: str) -> str:
    """One deal per checkout token (D5 [decided]): an order that came from a checkout shares its
    deal; an order without a checkout is keyed by its id. Always scoped by store (S2)."""
    token = record.get("token") if kind == "checkout" else record.get("checkout_token")
    if token:
        return f"{store_id}:checkout:{token}"
    return f"{store_id}:order:{record['id']}"


def _common(store_id: str, record: Mapping, pipeline_id: str, key: str) -> dict:
    customer = record.get("customer") or {}
    return {
        names.DEAL_KEY: key,
        names.ECOMM_SYNCED: True,                 # D9
        names.SOURCE_STORE_ID: store_id,          # S2
        "pipeline": pipeline_id,
        "amount": record.get("total_price"),
        names.DEAL_CURRENCY_CODE: record.get("currency") or record.get("presentment_currency"),
        "createdate": record.get("created_at"),
        shop_field("shopify_created_at"): record.get("created_at"),
        shop_field("customer_id"): customer.get("id"),
        names.DISCOUNT_AMOUNT: record.get("total_discounts"),
        names.TAX_AMOUNT: record.get("total_tax"),
    }


def order_deal(store_id: str, order: Mapping, pipeline_id: str, stage_id: str) -> dict[str, str]:
    """D8 fields of an order; stage from :func:`order_stage` (the caller maps it to the pipeline's id)."""
    props = _common(store_id, order, pipeline_id, deal_key(store_id, order, "order"))
    props.update({shop_field(field): order.get(field) for field in ORDER_FIELDS})
    props.update({
        "dealname": order.get("name") or f"Order {order.get('id')}",
        "dealstage": stage_id,
        "closedate": order.get("processed_at") or order.get("created_at"),
        names.ORDER_NUMBER: order.get("order_number"),
        names.ABANDONED_CART_URL: order.get("abandoned_checkout_url"),
    })
    return non_empty(props)


def checkout_deal(store_id: str, checkout: Mapping, pipeline_id: str, stage_id: str) -> dict[str, str]:
    """D3: a checkout as a deal (Checkout Pending at creation; the timers move it on)."""
    props = _common(store_id, checkout, pipeline_id, deal_key(store_id, checkout, "checkout"))
    props.update({shop_field(field): checkout.get(field) for field in
                  ("buyer_accepts_marketing", "cart_token", "currency", "landing_site", "name", "note",
                   "referring_site", "source_name", "subtotal_price", "taxes_included", "token",
                   "total_line_items_price", "total_price", "total_weight")})
    props.update({
        "dealname": checkout.get("name") or f"Checkout {checkout.get('token')}",
        "dealstage": stage_id,
        names.ABANDONED_CART_URL: checkout.get("abandoned_checkout_url"),
    })
    return non_empty(props)
