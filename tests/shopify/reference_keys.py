"""The project's own record of the keys Shopify's REST answers carry, per resource and per API version.

Written from two references, read while developing (neither is copied into the project):
- the REST resource declarations of ``@shopify/shopify-api`` (12.2.0 for 2024-10 ... 2025-10, 15.0.0 for
  2024-10 ... 2026-07), which list the properties of each resource per version; and
- the REST answers recorded as test fixtures in Shopify's Python library (``shopify_python_api``).

The rules used to merge them:
- a key either reference shows in an answer is expected, unless a newer declaration dropped it (the
  fixtures are older than 2024-10: ``payment_details``, ``processing_method``, ``total_price_usd`` and
  the shop's ``public`` were gone from the declarations well before 2024-10);
- properties the declarations list only for writing are not in answers: ``password``,
  ``password_confirmation`` and ``metafield`` (customer), ``notify_customer`` (fulfillment);
- the declarations flatten a few nested properties: the variant's ``option`` stands for ``option1`` to
  ``option3``, and the fulfillment's ``variant_inventory_management`` belongs to its line items;
- ``admin_graphql_api_id`` is in every answer of a resource that has a GraphQL id (the fixtures show it on
  orders and customers; Shopify's reference examples show it on the others).
"""

from __future__ import annotations


def keys(text: str) -> frozenset[str]:
    return frozenset(text.split())


SHOP = keys("""
    id name email domain province country address1 zip city source phone latitude longitude primary_locale
    address2 created_at updated_at country_code country_name currency customer_email timezone iana_timezone
    shop_owner money_format money_with_currency_format weight_unit province_code taxes_included tax_shipping
    county_taxes plan_display_name plan_name has_discounts has_gift_cards myshopify_domain google_apps_domain
    google_apps_login_enabled money_in_emails_format money_with_currency_in_emails_format
    eligible_for_card_reader_giveaway eligible_for_payments force_ssl requires_extra_payments_agreement
    password_enabled has_storefront finances primary_location_id checkout_api_supported
    multi_location_enabled setup_required pre_launch_enabled enabled_presentment_currencies
    marketing_sms_consent_enabled_at_checkout transactional_sms_disabled
""")
CUSTOMER = keys("""
    id email created_at updated_at first_name last_name orders_count state total_spent last_order_id note
    verified_email multipass_identifier tax_exempt tags last_order_name currency phone addresses
    tax_exemptions email_marketing_consent sms_marketing_consent admin_graphql_api_id accepts_marketing
    accepts_marketing_updated_at marketing_opt_in_level default_address
""")
# The customer inside an order or a checkout: the same, without the address list.
EMBEDDED_CUSTOMER = CUSTOMER - {"addresses"}
CUSTOMER_ADDRESS = keys("""
    id customer_id first_name last_name company address1 address2 city province country zip phone name
    province_code country_code country_name default
""")
# An order's or a checkout's billing/shipping address.
MAILING_ADDRESS = keys("""
    first_name address1 phone city zip province country last_name address2 company latitude longitude name
    country_code province_code
""")
PRODUCT = keys("""
    id title body_html vendor product_type created_at handle updated_at published_at template_suffix
    published_scope tags status admin_graphql_api_id variants options images image
""")
VARIANT = keys("""
    id product_id title price sku position inventory_policy compare_at_price fulfillment_service
    inventory_management option1 option2 option3 created_at updated_at taxable barcode grams image_id weight
    weight_unit inventory_item_id inventory_quantity old_inventory_quantity presentment_prices
    requires_shipping tax_code admin_graphql_api_id
""")
IMAGE = keys("id alt position product_id created_at updated_at admin_graphql_api_id width height src variant_ids")
PRODUCT_OPTION = keys("id product_id name position values")
ORDER = keys("""
    id admin_graphql_api_id app_id browser_ip buyer_accepts_marketing cancel_reason cancelled_at cart_token
    checkout_id checkout_token client_details closed_at company confirmation_number confirmed contact_email
    created_at currency current_subtotal_price current_subtotal_price_set current_total_additional_fees_set
    current_total_discounts current_total_discounts_set current_total_duties_set current_total_price
    current_total_price_set current_total_tax current_total_tax_set customer_locale device_id discount_codes
    email estimated_taxes financial_status fulfillment_status gateway landing_site landing_site_ref
    location_id merchant_business_entity_id merchant_of_record_app_id name note note_attributes number
    order_number order_status_url original_total_additional_fees_set original_total_duties_set
    payment_gateway_names phone po_number presentment_currency processed_at reference referring_site
    source_identifier source_name source_url subtotal_price subtotal_price_set tags tax_lines taxes_included
    test token total_discounts total_discounts_set total_line_items_price total_line_items_price_set
    total_outstanding total_price total_price_set total_shipping_price_set total_tax total_tax_set
    total_tip_received total_weight updated_at user_id billing_address customer discount_applications
    fulfillments line_items payment_terms refunds shipping_address shipping_lines
""")
LINE_ITEM = keys("""
    id admin_graphql_api_id attributed_staffs current_quantity fulfillable_quantity fulfillment_service
    fulfillment_status gift_card grams name price price_set product_exists product_id properties quantity
    requires_shipping sku taxable title total_discount total_discount_set variant_id
    variant_inventory_management variant_title vendor tax_lines duties discount_allocations
""")
SHIPPING_LINE = keys("""
    id title price price_set code source discounted_price discounted_price_set carrier_identifier
    requested_fulfillment_service_id tax_lines discount_allocations
""")
TAX_LINE = keys("title price price_set rate channel_liable")
DISCOUNT_CODE = keys("code amount type")
FULFILLMENT = keys("""
    id admin_graphql_api_id created_at location_id name order_id origin_address receipt service
    shipment_status status tracking_company tracking_number tracking_numbers tracking_url tracking_urls
    updated_at line_items
""")
ABANDONED_CHECKOUT = keys("""
    id token cart_token email gateway buyer_accepts_marketing created_at updated_at landing_site note
    note_attributes referring_site shipping_lines taxes_included total_weight currency completed_at closed_at
    user_id location_id source_identifier source_url device_id phone customer_locale line_items name source
    abandoned_checkout_url discount_codes tax_lines source_name presentment_currency
    buyer_accepts_sms_marketing sms_marketing_phone total_discounts total_line_items_price total_price
    total_tax subtotal_price total_duties billing_address shipping_address customer
""")
CHECKOUT_LINE_ITEM = keys("""
    id applied_discounts discount_allocations key destination_location_id fulfillment_service gift_card grams
    origin_location_id presentment_title presentment_variant_title product_id properties quantity
    requires_shipping sku tax_lines taxable title variant_id variant_title variant_price vendor user_id
    unit_price_measurement rank compare_at_price line_price price
""")
WEBHOOK = keys("""
    id address topic created_at updated_at format fields metafield_namespaces api_version
    private_metafield_namespaces
""")
SCRIPT_TAG = keys("id src event created_at updated_at display_scope cache")
EVENT = keys("id subject_id created_at subject_type verb arguments body message author description path")

# The 2024-10 key set of each kind of record.
BASE: dict[str, frozenset[str]] = {
    "shop": SHOP, "customer": CUSTOMER, "embedded_customer": EMBEDDED_CUSTOMER,
    "customer_address": CUSTOMER_ADDRESS, "mailing_address": MAILING_ADDRESS, "product": PRODUCT,
    "variant": VARIANT, "image": IMAGE, "product_option": PRODUCT_OPTION, "order": ORDER, "line_item": LINE_ITEM,
    "shipping_line": SHIPPING_LINE, "tax_line": TAX_LINE, "discount_code": DISCOUNT_CODE,
    "fulfillment": FULFILLMENT, "abandoned_checkout": ABANDONED_CHECKOUT,
    "checkout_line_item": CHECKOUT_LINE_ITEM, "webhook": WEBHOOK, "script_tag": SCRIPT_TAG, "event": EVENT,
}

# What the declarations of 2025-01 changed (nothing changed for these resources from 2025-04 to 2026-07;
# 2026-10, 2027-01 and unstable are taken to carry the 2026-07 keys).
FROM_2025_01: dict[str, tuple[frozenset[str], frozenset[str]]] = {  # kind -> (added, removed)
    "shop": (keys("auto_configure_tax_inclusivity"), keys("eligible_for_card_reader_giveaway")),
    "customer": (frozenset(), keys("accepts_marketing accepts_marketing_updated_at")),
    "embedded_customer": (frozenset(), keys("accepts_marketing accepts_marketing_updated_at")),
    "order": (keys("duties_included total_cash_rounding_payment_adjustment_set "
                   "total_cash_rounding_refund_adjustment_set"), keys("gateway")),
}


def expected(kind: str, version: str) -> frozenset[str]:
    """The keys a record of ``kind`` carries in a REST answer of ``version``."""
    base = BASE[kind]
    if version == "unstable" or version >= "2025-01":
        added, removed = FROM_2025_01.get(kind, (frozenset(), frozenset()))
        return (base | added) - removed
    return base
