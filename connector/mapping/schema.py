"""The HubSpot properties the mappings write, per object type (S1 creates the missing ones).

Standard HubSpot properties are listed too: setup creates only what the account lacks, so a real
portal gets just our custom ones, in the ``ip__ecomm_bridge`` group."""

from __future__ import annotations

from dataclasses import dataclass

from connector import names
from connector.mapping.deals import ORDER_FIELDS


@dataclass(frozen=True)
class PropertySpec:
    name: str
    type: str = "string"
    field_type: str = "text"
    unique: bool = False

    def to_create(self, group: str) -> dict:
        body = {"name": self.name, "label": _label(self.name), "type": self.type, "fieldType": self.field_type,
                "groupName": group, "hasUniqueValue": self.unique}
        if self.type == "bool":
            body["options"] = [{"label": "Yes", "value": "true", "displayOrder": 0, "hidden": False},
                               {"label": "No", "value": "false", "displayOrder": 1, "hidden": False}]
        return body


def _label(name: str) -> str:
    short = name.split("__")[-1]
    return short.replace("_", " ").capitalize()


def _s(*props: str) -> list[PropertySpec]:
    return [PropertySpec(p) for p in props]


def _dt(*props: str) -> list[PropertySpec]:
    return [PropertySpec(p, "datetime", "date") for p in props]


def _num(*props: str) -> list[PropertySpec]:
    return [PropertySpec(p, "number", "number") for p in props]


def _key(prop: str) -> PropertySpec:
    return PropertySpec(prop, unique=True)


SYNCED = PropertySpec(names.ECOMM_SYNCED, "bool", "booleancheckbox")
SOURCES = _s(names.SOURCE, names.SOURCE_DATA_1, names.SOURCE_DATA_2)


def object_properties() -> dict[str, list[PropertySpec]]:
    """Object type -> properties written to it (both modes)."""
    shop = names.SHOPIFY_PREFIX
    return {
        "contacts": [
            _key(names.CONTACT_KEY),
            *_s("email", "firstname", "lastname", "phone", "address", "city", "state", "zip", "country"),
            *SOURCES,
            *_s(f"{shop}accepts_marketing", f"{shop}orders_count", f"{shop}tags", f"{shop}verified_email",
                f"{shop}tax_exempt", f"{shop}note", f"{shop}shopify_created_at"),
        ],
        "deals": [
            _key(names.DEAL_KEY), SYNCED,
            *_s("dealname", "dealstage", "pipeline", names.DEAL_CURRENCY_CODE),
            *_num("amount"), *_dt("closedate", "createdate"),
            *_s(f"{shop}shopify_created_at", names.ORDER_NUMBER, names.DISCOUNT_AMOUNT, names.TAX_AMOUNT, names.ABANDONED_CART_URL,
                names.SOURCE_STORE_ID, f"{shop}customer_id"),
            *_s(*(f"{shop}{f}" for f in ORDER_FIELDS)),
        ],
        "products": [
            _key(names.PRODUCT_KEY),
            *_s("name", "description", "hs_sku", names.IMAGE_URL), *_num("price"),
            *_s(*(f"{shop}{f}" for f in ("body_html", "vendor", "tags", "handle", "product_type",
                                         "published_scope", "published_at", "shopify_created_at"))),
        ],
        "line_items": [
            _key(names.LINE_ITEM_KEY), SYNCED,
            *_s("name", "hs_product_id", "hs_sku", "hs_line_item_currency_code", names.SHOPIFY_TITLE),
            *_num("quantity", "price", "amount"),
        ],
        "orders": [
            _key(names.ORDER_KEY),
            *_s("hs_order_name", "hs_external_order_id", "hs_source_store", "hs_pipeline", "hs_pipeline_stage",
                "hs_currency_code", "hs_payment_status", "hs_fulfillment_status", "hs_external_order_status",
                "hs_external_cart_id", "hs_external_checkout_id", "hs_order_note", "hs_tags",
                "hs_billing_address_email", "hs_shipping_address_city", "hs_shipping_address_country",
                "hs_shipping_address_postal_code"),
            *_num("hs_total_price", "hs_subtotal_price", "hs_tax", "hs_order_discount"),
            *_dt("hs_external_created_date"),
        ],
        "carts": [
            _key(names.CART_KEY),
            *_s("hs_cart_name", "hs_external_cart_id", "hs_source_store", "hs_cart_url", "hs_currency_code",
                "hs_external_status"),
            *_num("hs_total_price", "hs_cart_discount", "hs_tax"), *_dt("hs_external_created_date"),
        ],
        "companies": [_key(names.COMPANY_KEY), *_s("name")],
    }


def types_for_mode(mode: str) -> list[str]:
    if mode == "data-sync":
        return ["contacts", "companies", "products", "line_items", "orders", "carts"]
    return ["contacts", "deals", "products", "line_items"]
