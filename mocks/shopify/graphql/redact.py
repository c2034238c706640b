"""Protected customer data: what a token below level 2 does not see (one pure function).

Level 2 covers name, email, phone and address. Below it, those fields of customers, orders, addresses
and abandoned checkouts are null; ``abandonedCheckoutUrl`` is refused (see ``checkouts``).
"""

from __future__ import annotations

FULL_ACCESS = 2

PROTECTED: dict[str, tuple[str, ...]] = {
    "Customer": ("firstName", "lastName", "email", "phone", "defaultEmailAddress", "defaultPhoneNumber"),
    "MailingAddress": ("address1", "address2", "city", "company", "firstName", "lastName", "name", "phone", "zip"),
    "Order": ("email", "phone"),
    "AbandonedCheckout": (),
}
# Non-null text that would carry a name: replaced rather than nulled (null would void the parent).
BLANKED: dict[str, tuple[str, ...]] = {"Customer": ("displayName",)}


def redact(type_name: str, node: dict, level: int) -> dict:
    """``node`` as a token with protected-customer-data ``level`` (0, 1 or 2) sees it."""
    if level >= FULL_ACCESS:
        return node
    for key in PROTECTED.get(type_name, ()):
        if key in node:
            node[key] = None
    for key in BLANKED.get(type_name, ()):
        if key in node:
            node[key] = ""
    return node


def pcd_level(grant: object) -> int:
    """The grant's protected-customer-data level (``TokenGrant.pcd_level``)."""
    return grant.pcd_level  # type: ignore[attr-defined]
