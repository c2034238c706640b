"""How the store's values are written in GraphQL responses (pure functions)."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from mocks.shopify.values import fmt_money


def date_time(moment: datetime | None) -> str | None:
    """``DateTime``: UTC, seconds, ``Z``."""
    if moment is None:
        return None
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def decimal(amount: Decimal) -> str:
    """``Decimal``: no trailing zeros but at least one decimal place (``"10.0"``, ``"12.5"``)."""
    text = format(amount.normalize(), "f")
    return text if "." in text else text + ".0"


def money(amount: Decimal | None) -> str | None:
    """``Money``: two decimals (``"10.00"``)."""
    return None if amount is None else fmt_money(amount)


def money_v2(amount: Decimal, currency: str) -> dict:
    return {"amount": decimal(amount), "currencyCode": currency}


def money_bag(amount: Decimal, currency: str) -> dict:
    value = money_v2(amount, currency)
    return {"shopMoney": value, "presentmentMoney": dict(value)}


def tag_list(tags: str) -> list[str]:
    return [t.strip() for t in tags.split(",") if t.strip()]


def uint(value: int) -> str:
    """``UnsignedInt64`` is written as a string."""
    return str(value)
