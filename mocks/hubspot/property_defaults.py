"""HubSpot-defined property definitions per object type (what a Shopify connector reads and writes).

Only standard properties exist at start; ``ip__*`` custom properties appear when a client creates them.
"""

from __future__ import annotations

from mocks.hubspot.objecttypes import OBJECT_TYPES

GROUPS = {"contacts": "contactinformation", "companies": "companyinformation", "deals": "dealinformation",
          "products": "productinformation", "line_items": "lineiteminformation", "orders": "orderinformation",
          "carts": "cartinformation", "tickets": "ticketinformation"}

FIELD_TYPES = {"string": "text", "number": "number", "date": "date", "datetime": "date",
               "enumeration": "select", "bool": "booleancheckbox", "phone_number": "phonenumber"}

LIFECYCLE = ["subscriber", "lead", "marketingqualifiedlead", "salesqualifiedlead", "opportunity", "customer",
             "evangelist", "other"]
SOURCES = ["ORGANIC_SEARCH", "PAID_SEARCH", "EMAIL_MARKETING", "SOCIAL_MEDIA", "REFERRALS", "OTHER_CAMPAIGNS",
           "DIRECT_TRAFFIC", "OFFLINE", "PAID_SOCIAL", "AI_REFERRALS"]
LEAD_STATUS = ["NEW", "OPEN", "IN_PROGRESS", "OPEN_DEAL", "UNQUALIFIED", "ATTEMPTED_TO_CONTACT", "CONNECTED",
               "BAD_TIMING"]

# (name, type, options or None, read-only value)
S, N, D, DT, E, B = "string", "number", "date", "datetime", "enumeration", "bool"
_COMMON_RO = [("hs_object_id", N, None, True), ("hs_lastmodifieddate", DT, None, True)]

_SPECS: dict[str, list[tuple]] = {
    "contacts": [
        ("email", S), ("firstname", S), ("lastname", S), ("phone", "phone_number"),
        ("mobilephone", "phone_number"), ("fax", S), ("address", S), ("city", S), ("state", S), ("zip", S),
        ("country", S), ("company", S), ("jobtitle", S), ("website", S), ("hs_additional_emails", S),
        ("lifecyclestage", E, LIFECYCLE), ("hs_lead_status", E, LEAD_STATUS), ("hubspot_owner_id", S),
        ("hs_analytics_source", E, SOURCES), ("hs_analytics_source_data_1", S),
        ("hs_analytics_source_data_2", S), ("createdate", DT, None, True), ("lastmodifieddate", DT, None, True),
        ("hs_object_id", N, None, True),
    ],
    "companies": [
        ("name", S), ("domain", S), ("phone", "phone_number"), ("website", S), ("address", S), ("city", S),
        ("state", S), ("zip", S), ("country", S), ("industry", S), ("description", S),
        ("numberofemployees", N), ("annualrevenue", N), ("lifecyclestage", E, LIFECYCLE),
        ("hubspot_owner_id", S), ("createdate", DT, None, True), *_COMMON_RO,
    ],
    "deals": [
        ("dealname", S), ("amount", N), ("dealstage", E, []), ("pipeline", E, []), ("closedate", DT),
        ("createdate", DT), ("deal_currency_code", S), ("description", S),
        ("dealtype", E, ["newbusiness", "existingbusiness"]), ("hubspot_owner_id", S),
        ("hs_is_closed", B, None, True), ("hs_is_closed_won", B, None, True),
        ("hs_closed_won_date", DT, None, True), ("hs_deal_stage_probability", N, None, True), *_COMMON_RO,
    ],
    "products": [
        ("name", S), ("description", S), ("price", N), ("hs_sku", S), ("hs_cost_of_goods_sold", N),
        ("hs_recurring_billing_period", S), ("hs_folder_id", N), ("hs_images", S), ("hs_url", S),
        ("hs_product_type", E, ["inventory", "non_inventory", "service"]), ("createdate", DT, None, True),
        *_COMMON_RO,
    ],
    "line_items": [
        ("name", S), ("description", S), ("quantity", N), ("price", N), ("amount", N), ("hs_product_id", N),
        ("hs_sku", S), ("hs_line_item_currency_code", S), ("recurringbillingfrequency", S),
        ("hs_recurring_billing_start_date", D), ("discount", N), ("hs_discount_percentage", N), ("tax", N),
        ("hs_tax_rate_group_id", S), ("hs_pricing_model", S), ("hs_tier_ranges", S), ("hs_tier_prices", S),
        ("hs_images", S), ("hs_url", S), ("createdate", DT, None, True), *_COMMON_RO,
    ],
    "orders": [
        ("hs_order_name", S), ("hs_currency_code", S), ("hs_source_store", S), ("hs_fulfillment_status", S),
        ("hs_shipping_status_url", S), ("hs_shipping_tracking_number", S), ("hs_shipping_address_name", S),
        ("hs_shipping_address_street", S), ("hs_shipping_address_city", S), ("hs_shipping_address_state", S),
        ("hs_shipping_address_postal_code", S), ("hs_shipping_address_country", S),
        ("hs_pipeline", E, []), ("hs_pipeline_stage", E, []), ("hs_external_order_id", S),
        ("hs_external_order_status", S), ("hs_external_created_date", DT), ("hs_external_order_url", S),
        ("hs_total_price", N), ("hs_subtotal_price", N), ("hs_tax", N), ("hs_shipping_cost", N),
        ("hs_order_discount", N), ("hs_discount_codes", S), ("hs_payment_status", S), ("hs_order_note", S),
        ("hs_tags", S), ("hs_billing_address_name", S), ("hs_billing_address_email", S),
        ("hs_billing_address_phone", S), ("hs_billing_address_street", S), ("hs_billing_address_city", S),
        ("hs_billing_address_state", S), ("hs_billing_address_postal_code", S),
        ("hs_billing_address_country", S), ("hs_external_cart_id", S), ("hs_external_checkout_id", S),
        ("hs_processed_date", DT), ("hs_exchange_rate", N, None, True), ("createdate", DT, None, True),
        ("hs_createdate", DT, None, True), *_COMMON_RO,
    ],
    "carts": [
        ("hs_cart_name", S), ("hs_external_cart_id", S), ("hs_source_store", S), ("hs_external_status", S),
        ("hs_cart_url", S), ("hs_total_price", N), ("hs_currency_code", S), ("hs_cart_discount", N),
        ("hs_tax", N), ("hs_shipping_cost", N), ("hs_tags", S), ("hs_external_token", S),
        ("hs_external_created_date", DT), ("hs_external_modified_date", DT),
        ("hs_homecurrency_amount", N, None, True), ("createdate", DT, None, True),
        ("hs_createdate", DT, None, True), *_COMMON_RO,
    ],
}

# Values HubSpot computes from the pipeline: options are the pipelines' ids / stage ids.
PIPELINE_OPTION_PROPS = {"pipeline", "dealstage", "hs_pipeline", "hs_pipeline_stage"}


def label_of(name: str) -> str:
    return name.replace("hs_", "").replace("_", " ").strip().title()


def make_property(object_type: str, name: str, type_: str, options: list[str] | None = None,
                  read_only: bool = False, *, label: str | None = None, group: str | None = None,
                  field_type: str | None = None, hubspot_defined: bool = True, unique: bool = False,
                  calculated: bool = False, at: str = "1970-01-01T00:00:00Z", description: str = "") -> dict:
    """A Property in HubSpot's JSON shape."""
    return {
        "name": name, "label": label or label_of(name), "type": type_,
        "fieldType": field_type or FIELD_TYPES.get(type_, "text"),
        "groupName": group or GROUPS.get(object_type, "information"), "description": description,
        "options": [{"label": o, "value": o, "displayOrder": i, "hidden": False, "description": ""}
                    for i, o in enumerate(options or [])],
        "displayOrder": -1, "hasUniqueValue": unique, "hidden": False, "formField": not read_only,
        "calculated": calculated, "externalOptions": name in PIPELINE_OPTION_PROPS,
        "hubspotDefined": hubspot_defined,
        "modificationMetadata": {"archivable": not hubspot_defined, "readOnlyDefinition": hubspot_defined,
                                 "readOnlyValue": read_only, "readOnlyOptions": hubspot_defined},
        "createdAt": at, "updatedAt": at, "archived": False,
    }


def default_properties(object_type: str) -> dict[str, dict]:
    """name -> Property for one object type's HubSpot-defined properties."""
    out = {}
    for spec in _SPECS.get(object_type, []):
        name, type_ = spec[0], spec[1]
        options = spec[2] if len(spec) > 2 else None
        read_only = spec[3] if len(spec) > 3 else False
        out[name] = make_property(object_type, name, type_, options, read_only, calculated=read_only)
    return out


def default_groups(object_type: str) -> list[dict]:
    name = GROUPS.get(object_type, "information")
    return [{"name": name, "label": label_of(name.replace("information", " information")), "displayOrder": -1,
             "archived": False}]


assert set(_SPECS) == set(OBJECT_TYPES), "every object type needs its default properties"
