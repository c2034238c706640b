"""Order/checkout lines -> line items (P3, P4, P6)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from connector import names
from connector.mapping.common import money, money_text, non_empty

DEFAULT_VARIANT = "Default Title"


def line_name(line: Mapping) -> str:
    """The product title, plus the variant title when there is a real one (P4)."""
    title = line.get("title") or line.get("name") or ""
    variant = line.get("variant_title")
    if variant and variant != DEFAULT_VARIANT and variant not in title:
        return f"{title} - {variant}"
    return title


def line_keys(parent_key: str, lines: Iterable[Mapping]) -> list[str]:
    """Stable keys of a parent's lines: by variant (so a checkout line and the order line that
    completes it share a line item), then product, then line id; repeats get a suffix."""
    keys: list[str] = []
    seen: dict[str, int] = {}
    for line in lines:
        ident = (f"v{line['variant_id']}" if line.get("variant_id") else
                 f"p{line['product_id']}" if line.get("product_id") else
                 f"l{line.get('id') or line.get('key') or line.get('title')}")
        seen[ident] = seen.get(ident, 0) + 1
        keys.append(f"{parent_key}:{ident}" + (f"#{seen[ident]}" if seen[ident] > 1 else ""))
    return keys


def line_item_properties(line: Mapping, key: str, hs_product_id: str | None,
                         currency: str | None = None) -> dict[str, str]:
    """name (keeps the variant title), quantity, unit price, amount = price x quantity, hs_product_id."""
    price = money(line.get("price") if line.get("price") is not None else line.get("variant_price"))
    quantity = int(line.get("quantity") or 0)
    amount = money_text(price * quantity) if price is not None else None
    return non_empty({
        names.LINE_ITEM_KEY: key,
        "name": line_name(line),
        "quantity": quantity,
        "price": money_text(price),
        "amount": amount,
        "hs_product_id": hs_product_id,
        "hs_sku": line.get("sku"),
        "hs_line_item_currency_code": currency,
        names.SHOPIFY_TITLE: line.get("title"),
        names.ECOMM_SYNCED: True,
    })
