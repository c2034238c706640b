"""GraphQL nodes of the bulk queries (connector/shopify_gql/bulk.py) -> the REST-shaped record dicts
the engine consumes. Interim: the paged GraphQL source's shapes (gqlconn's ``shapes.py``) take this
over when both are merged; what GraphQL does not carry stays absent (docs/connector-bulk-import.md)."""

from __future__ import annotations

from typing import Any

FULFILLMENT = {"UNFULFILLED": None, "PARTIALLY_FULFILLED": "partial", "FULFILLED": "fulfilled"}


def legacy_id(node: dict | None) -> int | None:
    """The numeric REST id of a node (``legacyResourceId``, else the tail of its gid)."""
    if not node:
        return None
    value = node.get("legacyResourceId") or str(node.get("id") or "").rsplit("/", 1)[-1].split("?")[0]
    return int(value) if str(value).isdigit() else None


def amount(bag: dict | None) -> str | None:
    """``MoneyBag.shopMoney.amount`` (a decimal string), as REST's price fields."""
    money = (bag or {}).get("shopMoney") or {}
    return money.get("amount")


def tags(value: Any) -> str:
    """GraphQL's tag list -> REST's ``"a, b"``."""
    return ", ".join(value) if isinstance(value, list) else (value or "")


def lower(value: str | None) -> str | None:
    return value.lower() if isinstance(value, str) else None


def address(node: dict | None) -> dict | None:
    if not node:
        return None
    return {"first_name": node.get("firstName"), "last_name": node.get("lastName"), "company": node.get("company"),
            "address1": node.get("address1"), "address2": node.get("address2"), "city": node.get("city"),
            "province": node.get("province"), "province_code": node.get("provinceCode"),
            "country": node.get("country"), "country_code": node.get("countryCodeV2"), "zip": node.get("zip"),
            "phone": node.get("phone")}


def customer(node: dict | None) -> dict | None:
    """A ``Customer`` node -> REST customer (email and phone from the 2025-04 default contact fields)."""
    if not node:
        return None
    email = node.get("defaultEmailAddress") or {}
    phone = node.get("defaultPhoneNumber") or {}
    consent = lower(email.get("marketingState"))
    orders = node.get("numberOfOrders")
    return {"id": legacy_id(node), "email": email.get("emailAddress"), "phone": phone.get("phoneNumber"),
            "first_name": node.get("firstName"), "last_name": node.get("lastName"),
            "created_at": node.get("createdAt"), "updated_at": node.get("updatedAt"),
            "state": lower(node.get("state")), "note": node.get("note"), "tags": tags(node.get("tags")),
            "verified_email": node.get("verifiedEmail"), "tax_exempt": node.get("taxExempt"),
            "orders_count": int(orders) if orders is not None else None,
            "email_marketing_consent": {"state": consent} if consent else None,
            "default_address": address(node.get("defaultAddress")),
            "admin_graphql_api_id": node.get("id")}


def line_item(node: dict) -> dict:
    return {"id": legacy_id(node), "title": node.get("title"), "name": node.get("name"),
            "quantity": node.get("quantity"), "sku": node.get("sku"), "vendor": node.get("vendor"),
            "variant_title": node.get("variantTitle"), "price": amount(node.get("originalUnitPriceSet")),
            "variant_id": legacy_id(node.get("variant")), "product_id": legacy_id(node.get("product"))}


def order(node: dict) -> dict:
    number = node.get("number")
    return {"id": legacy_id(node), "name": node.get("name"), "number": number,
            "order_number": number + 1000 if isinstance(number, int) else None,
            "email": node.get("email"), "contact_email": node.get("email"), "phone": node.get("phone"),
            "created_at": node.get("createdAt"), "updated_at": node.get("updatedAt"),
            "processed_at": node.get("processedAt"), "cancelled_at": node.get("cancelledAt"),
            "cancel_reason": lower(node.get("cancelReason")), "closed_at": node.get("closedAt"),
            "note": node.get("note"), "tags": tags(node.get("tags")), "currency": node.get("currencyCode"),
            "presentment_currency": node.get("currencyCode"),
            "financial_status": lower(node.get("displayFinancialStatus")),
            "fulfillment_status": FULFILLMENT.get(node.get("displayFulfillmentStatus") or "UNFULFILLED"),
            "source_name": node.get("sourceName"),
            "total_price": amount(node.get("totalPriceSet")), "subtotal_price": amount(node.get("subtotalPriceSet")),
            "total_tax": amount(node.get("totalTaxSet")), "total_discounts": amount(node.get("totalDiscountsSet")),
            "customer": customer(node.get("customer")),
            "billing_address": address(node.get("billingAddress")),
            "shipping_address": address(node.get("shippingAddress")),
            "line_items": [line_item(n) for n in (node.get("lineItems") or {}).get("nodes") or []],
            "admin_graphql_api_id": node.get("id")}


def variant(node: dict, product_id: int | None) -> dict:
    return {"id": legacy_id(node), "product_id": product_id, "title": node.get("title"), "sku": node.get("sku"),
            "price": node.get("price"), "compare_at_price": node.get("compareAtPrice"),
            "position": node.get("position"), "taxable": node.get("taxable"), "barcode": node.get("barcode"),
            "created_at": node.get("createdAt"), "updated_at": node.get("updatedAt")}


def product(node: dict) -> dict:
    ident = legacy_id(node)
    return {"id": ident, "title": node.get("title"), "handle": node.get("handle"), "status": lower(node.get("status")),
            "vendor": node.get("vendor"), "product_type": node.get("productType"), "tags": tags(node.get("tags")),
            "body_html": node.get("descriptionHtml"), "created_at": node.get("createdAt"),
            "updated_at": node.get("updatedAt"), "published_at": node.get("publishedAt"),
            "variants": [variant(n, ident) for n in (node.get("variants") or {}).get("nodes") or []],
            "admin_graphql_api_id": node.get("id")}


CONVERT = {"customers": customer, "orders": order, "products": product}


def rest_record(resource: str, node: dict) -> dict:
    """One node of ``resource``'s bulk query as the REST record the engine reads."""
    return CONVERT[resource](node)
