"""Protected customer data: what an app without level-2 access sees (pure functions on REST JSON).

Level 2 covers the four protected fields — name, email, phone and address. An app below level 2 gets
them as ``null`` in customers, orders, abandoned checkouts and the webhook payloads of those topics,
and (from December 2026) no ``abandoned_checkout_url``. Everything else keeps its value, including the
region of an address (country, province and their codes), which is not one of the four fields.
"""

from __future__ import annotations

from typing import Any

FULL_ACCESS = 2

ADDRESS_FIELDS = ("first_name", "last_name", "name", "company", "address1", "address2", "city", "zip", "phone",
                  "latitude", "longitude")
CUSTOMER_FIELDS = ("first_name", "last_name", "email", "phone")
ORDER_FIELDS = ("email", "contact_email", "phone")
CHECKOUT_FIELDS = ("email", "phone", "abandoned_checkout_url")


def _null(data: dict, keys: tuple[str, ...]) -> None:
    for key in keys:
        if key in data:
            data[key] = None


def _address(value: Any) -> Any:
    if isinstance(value, dict):
        value = dict(value)
        _null(value, ADDRESS_FIELDS)
    return value


def redact_customer(data: dict) -> dict:
    """A customer (top level or nested in an order/checkout) without name, email, phone or address."""
    data = dict(data)
    _null(data, CUSTOMER_FIELDS)
    if "default_address" in data:
        data["default_address"] = _address(data["default_address"])
    if isinstance(data.get("addresses"), list):
        data["addresses"] = [_address(a) for a in data["addresses"]]
    return data


def _with_buyer(data: dict, keys: tuple[str, ...]) -> dict:
    data = dict(data)
    _null(data, keys)
    for key in ("billing_address", "shipping_address"):
        if key in data:
            data[key] = _address(data[key])
    if isinstance(data.get("customer"), dict):
        data["customer"] = redact_customer(data["customer"])
    return data


def redact_order(data: dict) -> dict:
    return _with_buyer(data, ORDER_FIELDS)


def redact_checkout(data: dict) -> dict:
    return _with_buyer(data, CHECKOUT_FIELDS)


REDACTORS = {"customer": redact_customer, "order": redact_order, "checkout": redact_checkout}
# REST roots and webhook topic prefixes -> the kind of record they carry.
ROOTS = {"customer": "customer", "customers": "customer", "order": "order", "orders": "order",
         "checkout": "checkout", "checkouts": "checkout"}


def redact_body(body: Any) -> Any:
    """A REST response body (``{"customers": [...]}``, ``{"order": {...}}`` …) as a level-0/1 app sees it."""
    if not isinstance(body, dict):
        return body
    out = dict(body)
    for root, value in body.items():
        kind = ROOTS.get(root)
        if kind is None:
            continue
        redact = REDACTORS[kind]
        if isinstance(value, list):
            out[root] = [redact(v) if isinstance(v, dict) else v for v in value]
        elif isinstance(value, dict):
            out[root] = redact(value)
    return out


def redact_payload(topic: str, payload: dict) -> dict:
    """A webhook payload of ``topic`` (``customers/update``, ``orders/create``, ``checkouts/update`` …)."""
    kind = ROOTS.get(topic.split("/", 1)[0])
    return REDACTORS[kind](payload) if kind else payload


def needs_redaction(pcd_level: int) -> bool:
    return pcd_level < FULL_ACCESS
