"""Shape checks of webhook payloads, before anything is applied: a signed but malformed payload is a
400 with nothing written (never a 500, never a junk deal keyed ``<store>:order:None``).

The checks are the fields the engine relies on, typed as Shopify and HubSpot send them; fields the
engine does not read are not checked (a real payload carries many more)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from connector.clock import parse_iso

ID_RESOURCES = ("customers", "products", "orders")
OBJECTS = ("customer", "billing_address", "shipping_address", "default_address")
LISTS = ("line_items", "variants", "addresses", "shipping_lines", "discount_codes", "tax_lines", "note_attributes",
         "fulfillments", "refunds")
STAMPS = ("updated_at", "created_at", "processed_at", "closed_at", "cancelled_at", "completed_at")
MAX_DEPTH = 20
# fields Shopify sends as strings (or null) that the engine reads as text, at the top level, in the
# nested buyer/address objects and in line items
TEXT = ("email", "phone", "first_name", "last_name", "title", "name", "checkout_token", "note", "tags",
        "currency", "financial_status", "fulfillment_status", "source_name", "referring_site", "landing_site",
        "vendor", "product_type", "body_html", "handle", "status", "cancel_reason", "abandoned_checkout_url",
        "company", "country", "country_code", "province", "city", "zip", "address1", "address2", "sku",
        "variant_title", "option1", "state", "order_status_url", "presentment_currency", "customer_locale")


def _is_id(value: Any) -> bool:
    """A Shopify numeric id: a positive integer (JSON number) or its decimal string."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return value > 0
    return isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 20


def _depth(value: Any, limit: int = MAX_DEPTH) -> int:
    stack, deepest = [(value, 1)], 0
    while stack:
        item, level = stack.pop()
        deepest = max(deepest, level)
        if deepest > limit:
            return deepest
        if isinstance(item, dict):
            stack.extend((v, level + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, level + 1) for v in item)
    return deepest


def _stamp_problem(name: str, value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        return f"{name} must be an ISO 8601 string"
    try:
        moment = parse_iso(value)
    except (ValueError, OverflowError):
        return f"{name} is not an ISO 8601 time"
    if not 1970 <= moment.year < 9000:
        return f"{name} is out of range"
    return None


def _text_problem(where: str, record: dict) -> str | None:
    for name in TEXT:
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            return f"{where}{name} must be a string"
    return None


def _line_problem(index: int, line: Any) -> str | None:
    if not isinstance(line, dict):
        return f"line_items[{index}] must be an object"
    if problem := _text_problem(f"line_items[{index}].", line):
        return problem
    quantity = line.get("quantity", 1)
    if isinstance(quantity, bool) or not isinstance(quantity, int) or not 0 <= quantity <= 1_000_000:
        return f"line_items[{index}].quantity must be an integer"
    price = line.get("price")
    if price is not None:
        try:
            number = float(price)
        except (TypeError, ValueError):
            return f"line_items[{index}].price must be a decimal"
        if isinstance(price, bool) or not math.isfinite(number):
            return f"line_items[{index}].price must be a decimal"
    for key in ("product_id", "variant_id"):
        if line.get(key) is not None and not _is_id(line[key]):
            return f"line_items[{index}].{key} must be an id"
    return None


def shopify_problem(topic: str, payload: Any) -> str | None:
    """Why a Shopify webhook payload cannot be applied, or None."""
    if not isinstance(payload, dict):
        return "the payload must be a JSON object"
    if _depth(payload) > MAX_DEPTH:
        return "the payload is nested too deeply"
    resource = topic.partition("/")[0]
    if resource in ID_RESOURCES and not _is_id(payload.get("id")):
        return "id must be a positive integer"
    if resource == "checkouts":
        token = payload.get("token")
        if not isinstance(token, str) or not token.strip() or len(token) > 200:
            return "token must be a non-empty string"
    if resource == "checkouts" and _stamp_problem("created_at", payload.get("created_at") or 0):
        return "created_at must be an ISO 8601 time"
    if problem := _text_problem("", payload):
        return problem
    for name in OBJECTS:
        if payload.get(name) is not None and not isinstance(payload[name], dict):
            return f"{name} must be an object"
        if isinstance(payload.get(name), dict) and (problem := _text_problem(f"{name}.", payload[name])):
            return problem
    for name in ("addresses", "variants", "fulfillments", "shipping_lines", "discount_codes", "tax_lines"):
        items = payload.get(name)
        if isinstance(items, list) and any(not isinstance(item, dict) for item in items):
            return f"{name} must be a list of objects"
        for item in items if isinstance(items, list) else []:
            if problem := _text_problem(f"{name}[].", item):
                return problem
    for name in LISTS:
        if payload.get(name) is not None and not isinstance(payload[name], list):
            return f"{name} must be a list"
    for name in STAMPS:
        if problem := _stamp_problem(name, payload.get(name)):
            return problem
    email = payload.get("email")
    if email is not None and not isinstance(email, str):
        return "email must be a string"
    for index, line in enumerate(payload.get("line_items") or []):
        if problem := _line_problem(index, line):
            return problem
    return None


def hubspot_problem(events: Any) -> str | None:
    """Why a HubSpot webhook body (a list of events) cannot be applied, or None."""
    if not isinstance(events, list):
        return "the body must be a JSON array of events"
    if len(events) > 1000:
        return "too many events in one request"
    for index, event in enumerate(events):
        if not isinstance(event, Mapping):
            return f"event {index} must be an object"
        for key in ("eventId", "objectId"):
            value = event.get(key)
            if isinstance(value, bool) or not isinstance(value, int | str) or not str(value).isdigit():
                return f"event {index}: {key} must be an integer"
        kind = event.get("subscriptionType", event.get("eventType"))
        if not isinstance(kind, str):
            return f"event {index}: subscriptionType must be a string"
    return None
