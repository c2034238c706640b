"""Pure mappings from GraphQL input objects to the store's (REST-shaped) bodies, and from the store's
validation errors to ``userErrors``."""

from __future__ import annotations

import re
from typing import Any

from mocks.shopify.errors import ShopifyError

# REST field -> GraphQL input field, for userErrors paths.
FIELD_NAMES = {"first_name": "firstName", "last_name": "lastName", "email": "email", "phone": "phone",
               "addresses": "addresses", "tags": "tags", "note": "note", "title": "title", "handle": "handle",
               "variants": "variants", "options": "productOptions", "line_items": "lineItems",
               "financial_status": "financialStatus", "customer": "customer", "processed_at": "processedAt",
               "address": "uri", "topic": "topic", "format": "format", "reason": "reason",
               "email_marketing_consent": "emailMarketingConsent", "sms_marketing_consent": "smsMarketingConsent",
               "status": "status", "currency": "currency"}
CODES = {"has already been taken": "TAKEN", "is invalid": "INVALID", "can't be blank": "BLANK",
         "is not included in the list": "INCLUSION", "is too long": "TOO_LONG"}


def humanize(field: str) -> str:
    return field.replace("_", " ").capitalize()


def user_errors(error: ShopifyError, prefix: list[str] | None = None, with_code: bool = False,
                default_code: str = "INVALID") -> list[dict]:
    """A store error (REST's ``{"field": ["message"]}`` or a text) as Shopify's ``userErrors``."""
    prefix = list(prefix or [])
    found: list[dict] = []
    errors = error.errors
    if isinstance(errors, dict):
        for field, messages in errors.items():
            for message in messages if isinstance(messages, list) else [messages]:
                text = str(message)
                entry: dict[str, Any] = {
                    "field": None if field == "base" else prefix + [FIELD_NAMES.get(field, _camel(field))],
                    "message": text if field == "base" else f"{humanize(field)} {text}",
                }
                if with_code:
                    entry["code"] = next((c for m, c in CODES.items() if text.startswith(m)), default_code)
                found.append(entry)
    else:
        entry = {"field": None, "message": str(errors)}
        if with_code:
            entry["code"] = default_code
        found.append(entry)
    return found


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.capitalize() for part in rest)


def address_body(raw: dict | None) -> dict | None:
    """``MailingAddressInput`` as the store's address fields."""
    if raw is None:
        return None
    body = {"address1": raw.get("address1"), "address2": raw.get("address2"), "city": raw.get("city"),
            "company": raw.get("company"), "first_name": raw.get("firstName"), "last_name": raw.get("lastName"),
            "phone": raw.get("phone"), "zip": raw.get("zip"), "country": raw.get("countryCode") or raw.get("country"),
            "province": raw.get("provinceCode") or raw.get("province")}
    return {k: v for k, v in body.items() if v is not None}


def _consent(raw: dict | None, sms: bool = False) -> dict | None:
    if raw is None:
        return None
    consent = {"state": str(raw.get("marketingState", "NOT_SUBSCRIBED")).lower()}
    if raw.get("marketingOptInLevel"):
        consent["opt_in_level"] = str(raw["marketingOptInLevel"]).lower()
    if sms:
        consent["consent_collected_from"] = "OTHER"
    return consent


def customer_body(raw: dict) -> dict:
    """``CustomerInput`` / ``CustomerSetInput`` as a REST customer body (only the keys given)."""
    body: dict[str, Any] = {}
    for key, rest in (("email", "email"), ("firstName", "first_name"), ("lastName", "last_name"),
                      ("phone", "phone"), ("note", "note"), ("taxExempt", "tax_exempt"),
                      ("multipassIdentifier", "multipass_identifier")):
        if key in raw:
            body[rest] = raw[key]
    if "tags" in raw:
        body["tags"] = list(raw["tags"] or [])
    if "taxExemptions" in raw:
        body["tax_exemptions"] = list(raw["taxExemptions"] or [])
    if raw.get("addresses") is not None:
        body["addresses"] = [address_body(a) or {} for a in raw["addresses"]]
    if raw.get("emailMarketingConsent") is not None:
        body["email_marketing_consent"] = _consent(raw["emailMarketingConsent"])
    if raw.get("smsMarketingConsent") is not None:
        body["sms_marketing_consent"] = _consent(raw["smsMarketingConsent"], sms=True)
    return body


def product_body(raw: dict) -> dict:
    """``ProductCreateInput`` / ``ProductUpdateInput`` / ``ProductSetInput`` as a REST product body."""
    body: dict[str, Any] = {}
    for key, rest in (("title", "title"), ("handle", "handle"), ("descriptionHtml", "body_html"),
                      ("productType", "product_type"), ("vendor", "vendor"), ("templateSuffix", "template_suffix")):
        if key in raw:
            body[rest] = raw[key]
    if "tags" in raw:
        body["tags"] = list(raw["tags"] or [])
    if raw.get("status"):
        body["status"] = str(raw["status"]).lower()
    options = raw.get("productOptions")
    if options is not None:
        body["options"] = [{"name": o.get("name")} for o in sorted(
            options, key=lambda o: o.get("position") or 0)]
    if raw.get("variants") is not None:
        names = [o.get("name") for o in (options or [])]
        body["variants"] = [variant_body(v, names) for v in raw["variants"]]
    return body


def variant_body(raw: dict, option_names: list[str | None]) -> dict:
    body: dict[str, Any] = {}
    for key, rest in (("price", "price"), ("compareAtPrice", "compare_at_price"), ("sku", "sku"),
                      ("barcode", "barcode"), ("taxable", "taxable")):
        if key in raw:
            body[rest] = raw[key]
    if raw.get("inventoryPolicy"):
        body["inventory_policy"] = str(raw["inventoryPolicy"]).lower()
    from mocks.shopify.graphql.ids import legacy_id
    if raw.get("id"):
        body["id"] = legacy_id(raw["id"], "ProductVariant")
    values = raw.get("optionValues") or []
    for index, value in enumerate(values[:3]):
        name = value.get("optionName")
        position = option_names.index(name) if name in option_names else index
        body[f"option{position + 1}"] = value.get("name")
    return body


def _money(bag: dict | None) -> str | None:
    if not bag:
        return None
    return str((bag.get("shopMoney") or {}).get("amount"))


def order_body(raw: dict) -> dict:
    """``OrderCreateOrderInput`` as a REST order body."""
    from mocks.shopify.graphql.ids import legacy_id
    body: dict[str, Any] = {}
    items = []
    for item in raw.get("lineItems") or []:
        line: dict[str, Any] = {"quantity": item.get("quantity")}
        if item.get("variantId"):
            line["variant_id"] = legacy_id(item["variantId"], "ProductVariant") or -1
        for key, rest in (("title", "title"), ("sku", "sku"), ("vendor", "vendor"),
                          ("requiresShipping", "requires_shipping"), ("taxable", "taxable"),
                          ("giftCard", "gift_card")):
            if item.get(key) is not None:
                line[rest] = item[key]
        if _money(item.get("priceSet")) is not None:
            line["price"] = _money(item.get("priceSet"))
        items.append(line)
    body["line_items"] = items
    for key, rest in (("email", "email"), ("phone", "phone"), ("note", "note"), ("test", "test"),
                      ("sourceName", "source_name"), ("buyerAcceptsMarketing", "buyer_accepts_marketing"),
                      ("taxesIncluded", "taxes_included"), ("currency", "currency"), ("processedAt", "processed_at"),
                      ("referringSite", "referring_site")):
        if raw.get(key) is not None:
            body[rest] = raw[key]
    if raw.get("tags") is not None:
        body["tags"] = list(raw["tags"])
    if raw.get("financialStatus"):
        body["financial_status"] = str(raw["financialStatus"]).lower()
    if raw.get("fulfillmentStatus"):
        body["fulfillment_status"] = str(raw["fulfillmentStatus"]).lower()
    for key, rest in (("billingAddress", "billing_address"), ("shippingAddress", "shipping_address")):
        if raw.get(key) is not None:
            body[rest] = address_body(raw[key])
    customer = raw.get("customer") or {}
    associate, upsert = customer.get("toAssociate"), customer.get("toUpsert")
    if associate:
        body["customer"] = {"id": legacy_id(associate.get("id"), "Customer") or -1} if associate.get("id") \
            else {"email": associate.get("email")}
    elif upsert:
        body["customer"] = {k: v for k, v in customer_body(upsert).items() if k != "addresses"}
    body["shipping_lines"] = [{"title": s.get("title"), "code": s.get("code"), "price": _money(s.get("priceSet"))}
                              for s in raw.get("shippingLines") or []]
    body["tax_lines"] = [{"title": t.get("title"), "rate": t.get("rate"), "price": _money(t.get("priceSet")) or "0"}
                         for t in raw.get("taxLines") or []]
    return body


def is_email(value: object) -> bool:
    return isinstance(value, str) and bool(re.match(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", value))
