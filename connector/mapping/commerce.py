"""data-sync mode: orders -> Order objects (O2, O3), abandoned checkouts -> Carts (O6), companies (O1)."""

from __future__ import annotations

from collections.abc import Mapping

from connector import names
from connector.mapping.common import non_empty, normalize_email

PROCESSED_FINANCIAL = ("paid", "partially_refunded", "refunded")


def order_status(order: Mapping) -> str:
    """O3 default derivation: cancelled wins; fulfilled and every (non-cancelled) fulfillment delivered
    -> delivered; fulfilled -> shipped; paid/partially refunded/refunded -> processed; else open."""
    if order.get("cancelled_at"):
        return "cancelled"
    fulfillment = (order.get("fulfillment_status") or "").lower()
    if fulfillment == "fulfilled":
        live = [f for f in order.get("fulfillments") or [] if (f.get("status") or "") != "cancelled"]
        if live and all((f.get("shipment_status") or "") == "delivered" for f in live):
            return "delivered"
        return "shipped"
    if (order.get("financial_status") or "").lower() in PROCESSED_FINANCIAL:
        return "processed"
    return "open"


FALLBACK = {"delivered": "shipped", "shipped": "processed", "processed": "open"}


def order_stage_id(status: str, stage_map: Mapping[str, str | None]) -> str | None:
    """The HubSpot stage for a status; a skipped (unmapped) stage receives no orders (O3), so the
    order falls back to the previous mapped stage (delivered -> shipped -> processed -> open)."""
    while status:
        stage = stage_map.get(status)
        if stage:
            return stage
        status = FALLBACK.get(status, "")
    return None


def order_key(store_id: str, order: Mapping) -> str:
    return f"{store_id}:order:{order['id']}"


def cart_key(store_id: str, checkout: Mapping) -> str:
    return f"{store_id}:cart:{checkout.get('token') or checkout.get('id')}"


def order_properties(store_id: str, order: Mapping, stage_id: str | None) -> dict[str, str]:
    """O2 fields; ``hs_source_store`` + ``hs_external_order_id`` identify it (S2)."""
    shipping = order.get("shipping_address") or {}
    return non_empty({
        names.ORDER_KEY: order_key(store_id, order),
        "hs_order_name": order.get("name") or f"Order {order.get('id')}",
        "hs_external_order_id": order.get("id"),
        "hs_source_store": store_id,
        "hs_pipeline": names.ORDER_PIPELINE_ID if stage_id else None,
        "hs_pipeline_stage": stage_id,
        "hs_total_price": order.get("total_price"),
        "hs_subtotal_price": order.get("subtotal_price"),
        "hs_tax": order.get("total_tax"),
        "hs_order_discount": order.get("total_discounts"),
        "hs_currency_code": order.get("currency"),
        "hs_payment_status": order.get("financial_status"),
        "hs_fulfillment_status": order.get("fulfillment_status"),
        "hs_external_order_status": order_status(order),
        "hs_external_created_date": order.get("created_at"),
        "hs_external_cart_id": order.get("checkout_token") or order.get("cart_token"),
        "hs_external_checkout_id": order.get("checkout_id"),
        "hs_order_note": order.get("note"),
        "hs_tags": order.get("tags"),
        "hs_billing_address_email": normalize_email(order.get("email")),
        "hs_shipping_address_city": shipping.get("city"),
        "hs_shipping_address_country": shipping.get("country"),
        "hs_shipping_address_postal_code": shipping.get("zip"),
    })


def cart_properties(store_id: str, checkout: Mapping) -> dict[str, str]:
    """O6: an abandoned checkout as a Cart."""
    return non_empty({
        names.CART_KEY: cart_key(store_id, checkout),
        "hs_cart_name": checkout.get("name") or f"Checkout {checkout.get('token')}",
        "hs_external_cart_id": checkout.get("token") or checkout.get("id"),
        "hs_source_store": store_id,
        "hs_cart_url": checkout.get("abandoned_checkout_url"),
        "hs_total_price": checkout.get("total_price"),
        "hs_currency_code": checkout.get("currency") or checkout.get("presentment_currency"),
        "hs_cart_discount": checkout.get("total_discounts"),
        "hs_tax": checkout.get("total_tax"),
        "hs_external_status": "completed" if checkout.get("completed_at") else "abandoned",
        "hs_external_created_date": checkout.get("created_at"),
    })


def company_name(customer: Mapping) -> str | None:
    """O1: a customer's company, from the default address (REST has no B2B company resource)."""
    name = ((customer.get("default_address") or {}).get("company") or "").strip()
    return name or None


def company_key(name: str) -> str:
    """Companies match by name [O1]: trimmed, lower-cased."""
    return f"name:{name.strip().lower()}"


def company_properties(name: str) -> dict[str, str]:
    return non_empty({names.COMPANY_KEY: company_key(name), "name": name})
