"""Small pure helpers shared by the mappings."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any


def is_empty(value: Any) -> bool:
    """None, empty or whitespace-only strings, and empty containers carry no value (C3)."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (list, dict, tuple, set)):
        return not value
    return False


def text(value: Any) -> str:
    """HubSpot property values are strings: booleans as "true"/"false", the rest verbatim (S4)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def non_empty(props: Mapping[str, Any]) -> dict[str, str]:
    """Only the properties that have a value, as strings (C3: an empty value never blanks HubSpot)."""
    return {key: text(value) for key, value in props.items() if not is_empty(value)}


def normalize_email(email: Any) -> str:
    """The contact key: trimmed and lower-cased [decided, C1]; "" when there is no email."""
    return email.strip().lower() if isinstance(email, str) else ""


def money(value: Any) -> Decimal | None:
    try:
        return Decimal(str(value)) if not is_empty(value) else None
    except (InvalidOperation, ValueError):
        return None


def money_text(value: Decimal | None) -> str | None:
    return None if value is None else format(value.quantize(Decimal("0.01")), "f")


def shop_field(name: str) -> str:
    """``ip__shopify__<shopify_field>``."""
    return f"ip__shopify__{name}"
