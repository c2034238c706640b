"""GraphQL Admin nodes -> the REST/webhook-shaped records the engine and the mappings consume.

Webhook payloads stay REST-shaped, so the engine keeps one internal shape; these pure functions give
a GraphQL node that shape, field for field where the mappings read it: numeric ids from gids,
snake_case names, enum values lower-cased as REST spells them, tags joined by ``", "``, money as
two-decimal strings, and timestamps in the shop's time zone with its offset (REST's form), so a
record read through either API maps to the same HubSpot values and the same fingerprint.

Fields GraphQL does not expose are absent (never ``None``, so nothing in HubSpot is blanked): an
order's ``checkout_token``/``checkout_id`` and a checkout's ``token`` (see docs/connector-shopify-graphql.md).
:func:`project` cuts a REST-shaped record down to exactly the fields these shapes produce, which is
what the engine fingerprints (engine/applied.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, tzinfo
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import urlsplit

ADDRESS_KEYS = ("address1", "address2", "city", "province", "province_code", "zip", "country", "country_code",
                "company", "first_name", "last_name", "phone")
BUYER_KEYS: dict[str, Any] = {"id": None, "email": None, "first_name": None, "last_name": None,
                              "email_marketing_consent": {"state": None}}
LINE_KEYS = ("id", "title", "name", "quantity", "sku", "variant_title", "vendor", "price", "product_id",
             "variant_id")
CHECKOUT_LINE_KEYS = ("title", "variant_title", "sku", "quantity", "price", "product_id", "variant_id")
FULFILLMENT_KEYS = ("id", "status", "created_at", "updated_at", "shipment_status")  # the last: REST only


def _tree(keys: tuple[str, ...]) -> dict[str, Any]:
    return dict.fromkeys(keys)


ADDRESS = _tree(ADDRESS_KEYS)
# kind -> the key tree a shape produces ({key: None} a value, {key: {...}} an object, {key: [{...}]} a list)
KEYS: dict[str, dict[str, Any]] = {
    "customer": {**_tree(("id", "email", "first_name", "last_name", "phone", "created_at", "updated_at", "note",
                          "tags", "tax_exempt", "verified_email", "orders_count", "state")),
                 "email_marketing_consent": {"state": None}, "default_address": ADDRESS},
    "product": {**_tree(("id", "title", "handle", "vendor", "product_type", "tags", "status", "body_html",
                         "created_at", "updated_at", "published_at")),
                "image": {"src": None}, "variants": [_tree(("id", "title", "sku", "price"))]},
    "order": {**_tree(("id", "name", "order_number", "email", "phone", "created_at", "updated_at",
                       "processed_at", "cancelled_at", "cancel_reason", "closed_at", "currency", "note", "tags",
                       "source_name", "financial_status", "fulfillment_status", "total_price", "subtotal_price",
                       "total_tax", "total_discounts", "buyer_accepts_marketing", "taxes_included",
                       "total_weight", "total_line_items_price", "referring_site", "landing_site")),
              "customer": BUYER_KEYS, "billing_address": ADDRESS, "shipping_address": ADDRESS,
              "fulfillments": [_tree(FULFILLMENT_KEYS)], "line_items": [_tree(LINE_KEYS)]},
    "checkout": {**_tree(("id", "name", "note", "created_at", "updated_at", "completed_at",
                          "abandoned_checkout_url", "taxes_included", "total_price", "subtotal_price", "currency",
                          "email")),
                 "customer": BUYER_KEYS, "billing_address": ADDRESS, "shipping_address": ADDRESS,
                 "line_items": [_tree(CHECKOUT_LINE_KEYS)]},
}


# HubSpot properties from fields only REST (and the REST-shaped webhooks) carry: a store read through
# GraphQL does not write them, so a record's HubSpot values never depend on whether a webhook or a pass
# brought it (the checkout token stays: checkout deals are keyed and found by it, engine/checkout_ids.py)
REST_ONLY_PROPERTIES = frozenset({"ip__shopify__token", "ip__shopify__cart_token", "ip__shopify__processing_method",
                                  "ip__shopify__published_scope"})
FIRST_ONLY = ("variants",)  # a product's first variant is all the mapping reads (P4), and all that is queried


def legacy_id(gid: Any) -> int | None:
    """``gid://shopify/Order/42`` -> 42 (None for no id)."""
    if gid is None:
        return None
    tail = str(gid).rsplit("/", 1)[-1].split("?", 1)[0]
    return int(tail) if tail.isdigit() else None


def stamp(value: Any, zone: tzinfo | None) -> str | None:
    """A GraphQL ``DateTime`` (UTC) in REST's form: the shop's offset, seconds precision."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return str(value)  # not a DateTime: left as it is, for the payload checks to name
    return moment.astimezone(zone).isoformat(timespec="seconds") if zone else moment.isoformat(timespec="seconds")


def money(value: Any) -> str | None:
    """``Decimal``/``Money`` or a ``MoneyBag`` -> REST's ``"20.00"``."""
    if isinstance(value, Mapping):
        value = ((value.get("shopMoney") or {}).get("amount")) if "shopMoney" in value else value.get("amount")
    if value is None:
        return None
    try:
        return format(Decimal(str(value)).quantize(Decimal("0.01")), "f")
    except InvalidOperation:
        return None


def currency(bag: Any) -> str | None:
    return ((bag or {}).get("shopMoney") or {}).get("currencyCode") if isinstance(bag, Mapping) else None


def tags(value: Any) -> str:
    return ", ".join(value) if isinstance(value, list) else str(value or "")


def lower(value: Any) -> str | None:
    return str(value).lower() if value else None


def _nodes(connection: Any) -> list[dict]:
    return list((connection or {}).get("nodes") or []) if isinstance(connection, Mapping) else []


def address(node: Any) -> dict | None:
    if not isinstance(node, Mapping):
        return None
    return {"address1": node.get("address1"), "address2": node.get("address2"), "city": node.get("city"),
            "province": node.get("province"), "province_code": node.get("provinceCode"), "zip": node.get("zip"),
            "country": node.get("country"), "country_code": node.get("countryCodeV2"),
            "company": node.get("company"), "first_name": node.get("firstName"),
            "last_name": node.get("lastName"), "phone": node.get("phone")}


def _consent(email: Any) -> dict | None:
    state = (email or {}).get("marketingState") if isinstance(email, Mapping) else None
    return {"state": state.lower()} if state else None


def buyer(node: Any) -> dict | None:
    """An order's or checkout's ``customer`` (what buyer_of() and the deal mappings read)."""
    if not isinstance(node, Mapping):
        return None
    email = node.get("defaultEmailAddress") or {}
    out = {"id": legacy_id(node.get("id")), "email": email.get("emailAddress"), "first_name": node.get("firstName"),
           "last_name": node.get("lastName")}
    consent = _consent(email)
    if consent:
        out["email_marketing_consent"] = consent
    return out


def customer(node: Mapping, zone: tzinfo | None = None) -> dict:
    email = node.get("defaultEmailAddress") or {}
    out = {
        "id": legacy_id(node.get("id")), "email": email.get("emailAddress"),
        "first_name": node.get("firstName"), "last_name": node.get("lastName"),
        "phone": (node.get("defaultPhoneNumber") or {}).get("phoneNumber"),
        "created_at": stamp(node.get("createdAt"), zone), "updated_at": stamp(node.get("updatedAt"), zone),
        "note": node.get("note"), "tags": tags(node.get("tags")), "tax_exempt": node.get("taxExempt"),
        "verified_email": node.get("verifiedEmail"),
        "orders_count": int(node["numberOfOrders"]) if node.get("numberOfOrders") is not None else None,
        "state": lower(node.get("state")), "default_address": address(node.get("defaultAddress")),
    }
    consent = _consent(email)
    if consent:
        out["email_marketing_consent"] = consent
    return out


def product(node: Mapping, zone: tzinfo | None = None) -> dict:
    """A product with its first variant (the one the mapping reads) and its featured image."""
    preview = ((node.get("featuredMedia") or {}).get("preview") or {}).get("image") or {}
    return {
        "id": legacy_id(node.get("id")), "title": node.get("title"), "handle": node.get("handle"),
        "vendor": node.get("vendor"), "product_type": node.get("productType"), "tags": tags(node.get("tags")),
        "status": lower(node.get("status")), "body_html": node.get("descriptionHtml"),
        "created_at": stamp(node.get("createdAt"), zone), "updated_at": stamp(node.get("updatedAt"), zone),
        "published_at": stamp(node.get("publishedAt"), zone),
        "variants": [{"id": legacy_id(v.get("id")), "title": v.get("title"), "sku": v.get("sku"),
                      "price": money(v.get("price"))} for v in _nodes(node.get("variants"))],
        "image": {"src": preview["url"]} if preview.get("url") else None,
    }


def line_item(node: Mapping) -> dict:
    return {"id": legacy_id(node.get("id")), "title": node.get("title"), "name": node.get("name"),
            "quantity": node.get("quantity"), "sku": node.get("sku"), "variant_title": node.get("variantTitle"),
            "vendor": node.get("vendor"), "price": money(node.get("originalUnitPriceSet")),
            "product_id": legacy_id((node.get("product") or {}).get("id")),
            "variant_id": legacy_id((node.get("variant") or {}).get("id"))}


def checkout_line(node: Mapping) -> dict:
    return {"title": node.get("title"), "variant_title": node.get("variantTitle"), "sku": node.get("sku"),
            "quantity": node.get("quantity"), "price": money(node.get("originalUnitPriceSet")),
            "product_id": legacy_id((node.get("product") or {}).get("id")),
            "variant_id": legacy_id((node.get("variant") or {}).get("id"))}


FULFILLMENT_STATUS = {"UNFULFILLED": None, "PARTIALLY_FULFILLED": "partial", "FULFILLED": "fulfilled",
                      "RESTOCKED": "restocked"}


def order(node: Mapping, zone: tzinfo | None = None, lines: list[dict] | None = None) -> dict:
    """``lines``: every line item node when the order has more than the first page."""
    display = node.get("displayFulfillmentStatus")
    items = [line_item(li) for li in (lines if lines is not None else _nodes(node.get("lineItems")))]
    return {
        "id": legacy_id(node.get("id")), "name": node.get("name"), "order_number": node.get("number"),
        "email": node.get("email"), "phone": node.get("phone"),
        "created_at": stamp(node.get("createdAt"), zone), "updated_at": stamp(node.get("updatedAt"), zone),
        "processed_at": stamp(node.get("processedAt"), zone), "cancelled_at": stamp(node.get("cancelledAt"), zone),
        "cancel_reason": lower(node.get("cancelReason")), "closed_at": stamp(node.get("closedAt"), zone),
        "currency": node.get("currencyCode"), "note": node.get("note"), "tags": tags(node.get("tags")),
        "source_name": node.get("sourceName"), "financial_status": lower(node.get("displayFinancialStatus")),
        "fulfillment_status": FULFILLMENT_STATUS.get(display, lower(display)),
        "total_price": money(node.get("totalPriceSet")), "subtotal_price": money(node.get("subtotalPriceSet")),
        "total_tax": money(node.get("totalTaxSet")), "total_discounts": money(node.get("totalDiscountsSet")),
        "customer": buyer(node.get("customer")),
        "billing_address": address(node.get("billingAddress")),
        "shipping_address": address(node.get("shippingAddress")),
        "fulfillments": [{"id": legacy_id(f.get("id")), "status": lower(f.get("status")),
                          "created_at": stamp(f.get("createdAt"), zone), "updated_at": stamp(f.get("updatedAt"), zone)}
                         for f in node.get("fulfillments") or []],
        "buyer_accepts_marketing": node.get("customerAcceptsMarketing"),
        "taxes_included": node.get("taxesIncluded"),
        "total_weight": int(node["totalWeight"]) if str(node.get("totalWeight") or "").isdigit() else None,
        "total_line_items_price": _lines_total(items),
        **_visit(node.get("customerJourneySummary")),
        "line_items": items,
    }


def _visit(summary: Any) -> dict:
    """REST's ``referring_site`` and ``landing_site`` (a path with its query) from the last visit."""
    visit = (summary or {}).get("lastVisit") if isinstance(summary, Mapping) else None
    if not isinstance(visit, Mapping):
        return {}
    page = urlsplit(str(visit.get("landingPage") or ""))
    landing = (page.path or "/") + (f"?{page.query}" if page.query else "") if visit.get("landingPage") else None
    return {"referring_site": visit.get("referrerUrl"), "landing_site": landing}


def _lines_total(items: list[dict]) -> str | None:
    """REST's ``total_line_items_price``: the lines' unit prices times quantities (GraphQL has no field)."""
    try:
        return money(sum(Decimal(i["price"]) * int(i.get("quantity") or 0) for i in items if i.get("price")))
    except (InvalidOperation, TypeError, ValueError):
        return None


def checkout(node: Mapping, zone: tzinfo | None = None, lines: list[dict] | None = None) -> dict:
    """An abandoned checkout. GraphQL has no checkout token: the engine keys it (engine/checkout_ids.py)."""
    person = buyer(node.get("customer"))
    return {
        "id": legacy_id(node.get("id")), "name": node.get("name"), "note": node.get("note"),
        "created_at": stamp(node.get("createdAt"), zone), "updated_at": stamp(node.get("updatedAt"), zone),
        "completed_at": stamp(node.get("completedAt"), zone),
        "abandoned_checkout_url": node.get("abandonedCheckoutUrl"), "taxes_included": node.get("taxesIncluded"),
        "total_price": money(node.get("totalPriceSet")), "subtotal_price": money(node.get("subtotalPriceSet")),
        "currency": currency(node.get("totalPriceSet")), "email": (person or {}).get("email"),
        "customer": person, "billing_address": address(node.get("billingAddress")),
        "shipping_address": address(node.get("shippingAddress")),
        "line_items": [checkout_line(li) for li in (lines if lines is not None else _nodes(node.get("lineItems")))],
    }


SHAPES = {"customers": customer, "products": product, "orders": order, "checkouts": checkout}


def project(kind: str, record: Any, tree: Any = None) -> Any:
    """``record`` (REST- or GraphQL-shaped) cut down to the fields the shapes produce, values normalised
    as the shapes give them (money to two decimals, empty text to None): equal for one version of a
    record whichever API it came from."""
    tree = KEYS.get(kind) if tree is None else tree
    if tree is None:
        return record
    if not isinstance(record, Mapping):
        return None
    out: dict[str, Any] = {}
    for key, sub in tree.items():
        value = record.get(key)
        if isinstance(sub, dict):
            value = project(kind, value, sub) if isinstance(value, Mapping) else None
        elif isinstance(sub, list):
            value = [project(kind, v, sub[0]) for v in value] if isinstance(value, list) else []
            if key in FIRST_ONLY:
                value = value[:1]
        elif key in ("price", "total_price", "subtotal_price", "total_tax", "total_discounts",
                     "total_line_items_price"):
            value = money(value)
        if value in ("", None, {}) or (isinstance(value, dict) and not any(v not in (None, "") for v in value.values())):
            continue
        out[key] = value
    return out
