"""HubSpot names the integration writes and reads: pipeline stages, properties, association types.

One place for every name, so mapping, engine, reports and workflows agree (docs/RULES.md "Names").
"""

from __future__ import annotations

from types import MappingProxyType

# --- Ecommerce deal pipeline (ecommerce-deals mode). The pipeline id differs per account.
ECOMMERCE_PIPELINE_LABEL = "Ecommerce Pipeline"
STAGE_ABANDONED = "checkout_abandoned"
STAGE_PENDING = "checkout_pending"
STAGE_COMPLETED = "checkout_completed"
STAGE_PROCESSED = "processed"
STAGE_SHIPPED = "shipped"
STAGE_CANCELLED = "cancelled"
ECOMMERCE_STAGES: list[tuple[str, str, str]] = [  # (id, label, probability) in display order
    (STAGE_ABANDONED, "Checkout Abandoned", "0.0"),
    (STAGE_PENDING, "Checkout Pending", "0.5"),
    (STAGE_COMPLETED, "Checkout Completed", "1.0"),
    (STAGE_PROCESSED, "Processed", "1.0"),
    (STAGE_SHIPPED, "Shipped", "1.0"),
    (STAGE_CANCELLED, "Cancelled", "0.0"),
]
DEFAULT_WON_STAGES = frozenset({STAGE_COMPLETED, STAGE_PROCESSED, STAGE_SHIPPED})

# --- Order pipeline (data-sync mode): HubSpot's global default ids.
ORDER_PIPELINE_ID = "14a2e10e-5471-408a-906e-c51f3b04369e"
ORDER_PIPELINE_LABEL = "Order pipeline"
ORDER_STAGE_OPEN = "4b27b500-f031-4927-9811-68a0b525cbae"
ORDER_STAGE_PROCESSED = "937ea84d-0a4f-4dcf-9028-3f9c2aafbf03"
ORDER_STAGE_SHIPPED = "aa99e8d0-c1d5-4071-b915-d240bbb1aed9"
ORDER_STAGE_DELIVERED = "3725360f-519b-4b18-a593-494d60a29c9f"
ORDER_STAGE_CANCELLED = "3c85a297-e9ce-400b-b42e-9f16853d69d6"
ORDER_STAGES: list[tuple[str, str, str]] = [  # (id, label, state)
    (ORDER_STAGE_OPEN, "Open", "OPEN"),
    (ORDER_STAGE_PROCESSED, "Processed", "OPEN"),
    (ORDER_STAGE_SHIPPED, "Shipped", "OPEN"),
    (ORDER_STAGE_DELIVERED, "Delivered", "CLOSED"),
    (ORDER_STAGE_CANCELLED, "Cancelled", "CLOSED"),
]

# --- Property group and the integration's own properties.
PROPERTY_GROUP = "ip__ecomm_bridge"
PROPERTY_GROUP_LABEL = "Ecommerce integration"
ECOMM_SYNCED = "ip__ecomm_bridge__ecomm_synced"
ORDER_NUMBER = "ip__ecomm_bridge__order_number"
DISCOUNT_AMOUNT = "ip__ecomm_bridge__discount_amount"
TAX_AMOUNT = "ip__ecomm_bridge__tax_amount"
ABANDONED_CART_URL = "ip__ecomm_bridge__abandoned_cart_url"
SOURCE_STORE_ID = "ip__ecomm_bridge__source_store_id"
IMAGE_URL = "ip__ecomm_bridge__image_url"
SHOPIFY_PREFIX = "ip__shopify__"
SOURCE_NAME = "ip__shopify__source_name"
SUBTOTAL_PRICE = "ip__shopify__subtotal_price"

# --- Contact source (C6, C7).
SOURCE = "hs_analytics_source"
SOURCE_DATA_1 = "hs_analytics_source_data_1"
SOURCE_DATA_2 = "hs_analytics_source_data_2"
IMPORT_SOURCE = "OFFLINE"
IMPORT_SOURCE_DATA_1 = "INTEGRATION_SYNC"
IMPORT_SOURCE_DATA_2 = "integrations-sync"

# --- Association type ids (HUBSPOT_DEFINED).
DEAL_TO_CONTACT = 3
CONTACT_TO_DEAL = 4
DEAL_TO_LINE_ITEM = 19
LINE_ITEM_TO_DEAL = 20
ORDER_TO_CONTACT = 507
ORDER_TO_DEAL = 512
ORDER_TO_LINE_ITEM = 513
ORDER_TO_CART = 593
CART_TO_CONTACT = 586
CART_TO_LINE_ITEM = 590
CART_TO_ORDER = 592
CONTACT_TO_COMPANY = 279

# --- Deal currency and HubSpot's calculated stage-entry/exit properties (reports, workflows).
DEAL_CURRENCY_CODE = "deal_currency_code"
DATE_ENTERED_PREFIX = "hs_date_entered_"  # + stage id
V2_DATE_ENTERED_PREFIX = "hs_v2_date_entered_"  # + stage id
DATE_EXITED_PREFIX = "hs_date_exited_"  # + stage id

# --- Added by the connector: stable keys that make every write an idempotent upsert.
# Each is a unique-value text property; the value embeds the store so stores never collide (S2).
DEAL_KEY = "ip__ecomm_bridge__deal_key"
LINE_ITEM_KEY = "ip__ecomm_bridge__line_item_key"
PRODUCT_KEY = "ip__ecomm_bridge__product_key"
ORDER_KEY = "ip__ecomm_bridge__order_key"
CART_KEY = "ip__ecomm_bridge__cart_key"
COMPANY_KEY = "ip__ecomm_bridge__company_key"
CONTACT_KEY = "ip__ecomm_bridge__contact_key"  # only for email-less contacts when C10 is off
SHOPIFY_TITLE = "ip__shopify__title"
DEAL_TO_COMPANY = 341
DATA_SYNC_ORDER_STATUSES = ("open", "processed", "shipped", "delivered", "cancelled")
DEFAULT_ORDER_STAGE_MAP = MappingProxyType({
    "open": ORDER_STAGE_OPEN,
    "processed": ORDER_STAGE_PROCESSED,
    "shipped": ORDER_STAGE_SHIPPED,
    "delivered": ORDER_STAGE_DELIVERED,
    "cancelled": ORDER_STAGE_CANCELLED,
})
