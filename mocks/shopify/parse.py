"""Reading request bodies into typed values; a wrong type is Shopify's 422 for that field."""

from __future__ import annotations

import math
from typing import Any

from mocks.shopify.errors import ShopifyError, invalid


def text(body: dict, key: str, default: str | None = None) -> str | None:
    if key not in body:
        return default
    value = body[key]
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise invalid(key, "is invalid")
    return str(value)


def flag(body: dict, key: str, default: bool) -> bool:
    value = body.get(key, default)
    if value is None:
        return default
    if isinstance(value, bool):
        return value
    if value in ("true", "1", 1):
        return True
    if value in ("false", "0", 0):
        return False
    raise invalid(key, "is invalid")


def integer(body: dict, key: str, default: int | None = None, minimum: int | None = None) -> int | None:
    value = body.get(key, default)
    if value is None:
        return default
    if isinstance(value, bool):
        raise invalid(key, "is invalid")
    try:
        number = int(str(value))
    except ValueError:
        raise invalid(key, "is invalid") from None
    if minimum is not None and number < minimum:
        raise invalid(key, f"must be greater than or equal to {minimum}")
    if abs(number) > 2**63 - 1:
        raise invalid(key, "is invalid")
    return number


def record_id(raw: dict, field: str) -> int | None:
    """The ``id`` of a nested record (a variant, image, line item ...): an integer or digits; ``None``
    when absent; anything else is 422 ``{field: ["id is invalid"]}``."""
    try:
        return integer(raw, "id")
    except ShopifyError:
        raise invalid(field, "id is invalid") from None


def number(body: dict, key: str, default: float = 0.0) -> float:
    """A finite number given as a JSON number or a numeric string (``0.13``, ``"0.13"``); else 422."""
    value = body.get(key)
    if value is None or value == "":
        return default
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise invalid(key, "is invalid")
    try:
        result = float(value)
    except (ValueError, OverflowError):
        raise invalid(key, "is invalid") from None
    if not math.isfinite(result):
        raise invalid(key, "is invalid")
    return result


def obj(body: dict, key: str) -> dict | None:
    value = body.get(key)
    if value is None:
        return None
    if not isinstance(value, dict):
        raise invalid(key, "is invalid")
    return value


def items(body: dict, key: str) -> list[dict] | None:
    """A list of objects (``line_items``, ``addresses``, ``variants`` ...); ``None`` when absent."""
    value = body.get(key)
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise invalid(key, "is invalid")
    return value


def strings(body: dict, key: str) -> list[str] | None:
    value: Any = body.get(key)
    if value is None:
        return None
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise invalid(key, "is invalid")
    return list(value)
