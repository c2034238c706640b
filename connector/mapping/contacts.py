"""Customer (or the person behind an order/checkout) -> contact properties (C1, C3, C8, C9)."""

from __future__ import annotations

from typing import Any

from connector.mapping.common import non_empty, normalize_email, shop_field


def accepts_marketing(customer: dict) -> bool | None:
    """The legacy flag, or the 2024-10 ``email_marketing_consent.state``."""
    if "accepts_marketing" in customer and customer["accepts_marketing"] is not None:
        return bool(customer["accepts_marketing"])
    consent = customer.get("email_marketing_consent") or {}
    state = consent.get("state") if isinstance(consent, dict) else None
    return None if state is None else state == "subscribed"


def customer_properties(customer: dict) -> dict[str, str]:
    """C8 fields with a value; phone only from the customer's own ``phone`` (C9), never the address."""
    address = customer.get("default_address") or {}
    street = " ".join(part for part in (address.get("address1"), address.get("address2")) if part)
    return non_empty({
        "email": normalize_email(customer.get("email")),
        "firstname": customer.get("first_name"),
        "lastname": customer.get("last_name"),
        "phone": customer.get("phone"),
        "address": street,
        "city": address.get("city"),
        "state": address.get("province"),
        "zip": address.get("zip"),
        "country": address.get("country"),
        shop_field("accepts_marketing"): accepts_marketing(customer),
        shop_field("shopify_created_at"): customer.get("created_at"),
        shop_field("orders_count"): customer.get("orders_count"),
        shop_field("tags"): customer.get("tags"),
        shop_field("verified_email"): customer.get("verified_email"),
        shop_field("tax_exempt"): customer.get("tax_exempt"),
        shop_field("note"): customer.get("note"),
    })


def buyer_of(record: dict) -> dict[str, Any] | None:
    """The customer-like dict behind an order or checkout: its ``customer`` with the record's email
    as a fallback; names from the billing address when there is no customer. None without an email."""
    customer = dict(record.get("customer") or {})
    email = customer.get("email") or record.get("email") or record.get("contact_email")
    if not normalize_email(email):
        return None
    customer["email"] = email
    billing = record.get("billing_address") or {}
    customer.setdefault("first_name", billing.get("first_name"))
    customer.setdefault("last_name", billing.get("last_name"))
    return customer


def contact_ref(store_id: str, person: dict) -> str:
    """Tombstone/id-map key of a person in a store: the customer id, else the email (C5)."""
    if person.get("id") is not None:
        return f"customer:{person['id']}"
    return f"email:{normalize_email(person.get('email'))}"
