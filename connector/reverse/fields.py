"""The Shopify fields a mapping may name, per synced object (O10): GraphQL name, the REST key the
Shopify -> HubSpot direction reads, and the kind of value. Pure data."""

from __future__ import annotations

from dataclasses import dataclass

OBJECTS = ("contacts", "products", "companies")
# HubSpot property types a Shopify value kind can be stored in (a mapping across others is refused)
COMPATIBLE = {
    "text": ("string", "enumeration", "phone_number"),
    "tags": ("string", "enumeration"),
    "bool": ("bool", "enumeration"),
    "number": ("number",),
}


@dataclass(frozen=True)
class ShopifyField:
    """One Shopify field: ``name`` in GraphQL (input and object), ``rest`` in REST payloads."""

    name: str
    rest: str
    kind: str = "text"      # text | tags | bool | number
    key: bool = False       # the field objects are matched by (never blanked, never changed)


FIELDS: dict[str, dict[str, ShopifyField]] = {
    "contacts": {f.name: f for f in (
        ShopifyField("email", "email", key=True),
        ShopifyField("firstName", "first_name"),
        ShopifyField("lastName", "last_name"),
        ShopifyField("phone", "phone"),
        ShopifyField("note", "note"),
        ShopifyField("tags", "tags", "tags"),
        ShopifyField("taxExempt", "tax_exempt", "bool"),
    )},
    "products": {f.name: f for f in (
        ShopifyField("title", "title", key=True),
        ShopifyField("descriptionHtml", "body_html"),
        ShopifyField("vendor", "vendor"),
        ShopifyField("productType", "product_type"),
        ShopifyField("tags", "tags", "tags"),
    )},
    "companies": {f.name: f for f in (
        ShopifyField("name", "name", key=True),
        ShopifyField("note", "note"),
        ShopifyField("externalId", "external_id"),
    )},
}

HUBSPOT_TYPES = {"contacts": "contacts", "products": "products", "companies": "companies"}
