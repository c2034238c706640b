"""Product -> HubSpot product (P1, P4, P5)."""

from __future__ import annotations

import re
from collections.abc import Mapping

from connector import names
from connector.mapping.common import is_empty, non_empty, normalize_email, shop_field

_TAGS = re.compile(r"<[^>]+>")


def first_variant(product: Mapping) -> Mapping:
    variants = product.get("variants") or []
    return variants[0] if variants else {}


def image_url(product: Mapping) -> str | None:
    image = product.get("image") or {}
    if image.get("src"):
        return image["src"]
    images = product.get("images") or []
    return images[0].get("src") if images else None


def product_key(store_id: str, product: Mapping, mode: str) -> str | None:
    """ecommerce-deals: one HubSpot product per (store, Shopify product) [P4]; data-sync: products match
    by name (P5), so the key is the trimmed, lower-cased title. None when there is no name."""
    if mode == "data-sync":
        title = normalize_email(product.get("title"))  # same trim+lower normalisation
        return f"name:{title}" if title else None
    return f"{store_id}:{product['id']}"


def product_properties(store_id: str, product: Mapping, mode: str = "ecommerce-deals") -> dict[str, str]:
    """P1 fields; price and SKU from the first variant (P4 [decided]); variants are not synced."""
    variant = first_variant(product)
    body = product.get("body_html")
    props = {
        names.PRODUCT_KEY: product_key(store_id, product, mode),
        "name": product.get("title"),
        "price": variant.get("price"),
        "description": None if is_empty(body) else _TAGS.sub("", str(body)).strip(),
        "hs_sku": variant.get("sku"),
    }
    if mode != "data-sync":  # data-sync products carry no ip__shopify__ fields
        props.update({
            shop_field("body_html"): body,
            shop_field("vendor"): product.get("vendor"),
            shop_field("tags"): product.get("tags"),
            shop_field("handle"): product.get("handle"),
            shop_field("product_type"): product.get("product_type"),
            shop_field("published_at"): product.get("published_at"),
            shop_field("published_scope"): product.get("published_scope"),
            shop_field("shopify_created_at"): product.get("created_at"),
            names.IMAGE_URL: image_url(product),
        })
    return non_empty(props)
