"""The records of one shop as plain dataclasses; ``to_dict(zone)`` gives the 2024-10 REST shape.

Timestamps are stored in UTC and rendered with the shop's offset; money is ``Decimal`` and rendered
as strings, as Shopify does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from mocks.shopify.values import fmt_money, fmt_time, money_set


def gid(kind: str, record_id: int) -> str:
    return f"gid://shopify/{kind}/{record_id}"


# An order's or a checkout's address (a mailing address, no id): the customer-address keys without
# ``country_name``, plus the geocoded ``latitude``/``longitude`` (null: the mock does not geocode).
MAILING_KEYS = ("first_name", "address1", "phone", "city", "zip", "province", "country", "last_name", "address2",
                "company", "latitude", "longitude", "name", "country_code", "province_code")


def mailing_address(stored: dict | None) -> dict | None:
    """An order's or checkout's address as Shopify renders it."""
    if stored is None:
        return None
    return {key: stored.get(key) for key in MAILING_KEYS}


@dataclass
class Address:
    id: int
    customer_id: int
    fields: dict[str, Any]
    default: bool = False

    def to_dict(self) -> dict:
        return {"id": self.id, "customer_id": self.customer_id, **{k: self.fields.get(k) for k in (
            "first_name", "last_name", "company", "address1", "address2", "city", "province", "country",
            "zip", "phone", "name", "province_code", "country_code", "country_name")}, "default": self.default}


@dataclass
class Customer:
    id: int
    created_at: datetime
    updated_at: datetime
    email: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    phone: str | None = None
    note: str | None = None
    verified_email: bool = True
    tax_exempt: bool = False
    tags: str = ""
    state: str = "disabled"
    currency: str = "USD"
    multipass_identifier: str | None = None
    tax_exemptions: list[str] = field(default_factory=list)
    addresses: list[Address] = field(default_factory=list)
    email_marketing_consent: dict | None = None
    sms_marketing_consent: dict | None = None
    orders_count: int = 0
    total_spent: Decimal = Decimal("0.00")
    last_order_id: int | None = None
    last_order_name: str | None = None

    @property
    def default_address(self) -> Address | None:
        return next((a for a in self.addresses if a.default), self.addresses[0] if self.addresses else None)

    def to_dict(self, zone: object = UTC) -> dict:
        """Every key of the 2024-10 shape, the deprecated ``accepts_marketing`` trio included (Shopify still
        fills it from the email consent; later versions drop keys through :mod:`rest_versions`)."""
        consent = dict(self.email_marketing_consent or {})
        if consent.get("consent_updated_at") is not None and isinstance(consent["consent_updated_at"], datetime):
            consent["consent_updated_at"] = fmt_time(consent["consent_updated_at"], zone)
        data = {
            "id": self.id, "email": self.email, "created_at": fmt_time(self.created_at, zone),
            "updated_at": fmt_time(self.updated_at, zone), "first_name": self.first_name,
            "last_name": self.last_name, "orders_count": self.orders_count, "state": self.state,
            "total_spent": fmt_money(self.total_spent), "last_order_id": self.last_order_id, "note": self.note,
            "verified_email": self.verified_email, "multipass_identifier": self.multipass_identifier,
            "tax_exempt": self.tax_exempt, "tags": self.tags, "last_order_name": self.last_order_name,
            "currency": self.currency, "phone": self.phone,
            "addresses": [a.to_dict() for a in self.addresses[:10]],
            "tax_exemptions": list(self.tax_exemptions),
            "email_marketing_consent": consent or None,
            "sms_marketing_consent": self.sms_marketing_consent,
            "admin_graphql_api_id": gid("Customer", self.id),
        }
        subscribed = consent.get("state") == "subscribed"
        data["accepts_marketing"] = subscribed
        data["accepts_marketing_updated_at"] = consent.get("consent_updated_at") or data["updated_at"]
        data["marketing_opt_in_level"] = consent.get("opt_in_level") if subscribed else None
        default = self.default_address
        data["default_address"] = default.to_dict() if default else None
        return data


@dataclass
class Variant:
    id: int
    product_id: int
    created_at: datetime
    updated_at: datetime
    title: str = "Default Title"
    price: Decimal = Decimal("0.00")
    sku: str | None = None
    position: int = 1
    inventory_policy: str = "deny"
    compare_at_price: Decimal | None = None
    fulfillment_service: str = "manual"
    inventory_management: str | None = None
    option1: str | None = "Default Title"
    option2: str | None = None
    option3: str | None = None
    taxable: bool = True
    barcode: str | None = None
    grams: int = 0
    weight: float = 0.0
    weight_unit: str = "kg"
    image_id: int | None = None
    inventory_item_id: int = 0
    inventory_quantity: int = 0
    requires_shipping: bool = True

    def to_dict(self, zone: object = UTC, currency: str = "USD") -> dict:
        compare = fmt_money(self.compare_at_price) if self.compare_at_price is not None else None
        return {
            "id": self.id, "product_id": self.product_id, "title": self.title, "price": fmt_money(self.price),
            "sku": self.sku, "position": self.position, "inventory_policy": self.inventory_policy,
            "compare_at_price": compare, "fulfillment_service": self.fulfillment_service,
            "inventory_management": self.inventory_management, "option1": self.option1,
            "option2": self.option2, "option3": self.option3, "created_at": fmt_time(self.created_at, zone),
            "updated_at": fmt_time(self.updated_at, zone), "taxable": self.taxable, "barcode": self.barcode,
            "grams": self.grams, "image_id": self.image_id, "weight": self.weight,
            "weight_unit": self.weight_unit, "inventory_item_id": self.inventory_item_id,
            "inventory_quantity": self.inventory_quantity, "old_inventory_quantity": self.inventory_quantity,
            "presentment_prices": [{"price": {"amount": fmt_money(self.price), "currency_code": currency},
                                    "compare_at_price": None if compare is None else
                                    {"amount": compare, "currency_code": currency}}],
            "requires_shipping": self.requires_shipping, "tax_code": None,
            "admin_graphql_api_id": gid("ProductVariant", self.id),
        }


@dataclass
class ProductOption:
    id: int
    product_id: int
    name: str
    position: int
    values: list[str]

    def to_dict(self) -> dict:
        return {"id": self.id, "product_id": self.product_id, "name": self.name, "position": self.position,
                "values": list(self.values)}


@dataclass
class Image:
    id: int
    product_id: int
    position: int
    src: str
    created_at: datetime
    updated_at: datetime
    alt: str | None = None
    width: int = 0
    height: int = 0
    variant_ids: list[int] = field(default_factory=list)

    def to_dict(self, zone: object = UTC) -> dict:
        return {"id": self.id, "alt": self.alt, "position": self.position, "product_id": self.product_id,
                "created_at": fmt_time(self.created_at, zone), "updated_at": fmt_time(self.updated_at, zone),
                "admin_graphql_api_id": gid("ProductImage", self.id), "width": self.width,
                "height": self.height, "src": self.src, "variant_ids": list(self.variant_ids)}


@dataclass
class Product:
    id: int
    title: str
    handle: str
    created_at: datetime
    updated_at: datetime
    body_html: str | None = None
    vendor: str | None = None
    product_type: str = ""
    published_at: datetime | None = None
    template_suffix: str | None = None
    published_scope: str = "web"
    tags: str = ""
    status: str = "active"
    variants: list[Variant] = field(default_factory=list)
    options: list[ProductOption] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)

    def to_dict(self, zone: object = UTC, currency: str = "USD") -> dict:
        images = [i.to_dict(zone) for i in self.images]
        return {
            "id": self.id, "title": self.title, "body_html": self.body_html, "vendor": self.vendor,
            "product_type": self.product_type, "created_at": fmt_time(self.created_at, zone),
            "handle": self.handle, "updated_at": fmt_time(self.updated_at, zone),
            "published_at": fmt_time(self.published_at, zone), "template_suffix": self.template_suffix,
            "published_scope": self.published_scope, "tags": self.tags, "status": self.status,
            "admin_graphql_api_id": gid("Product", self.id),
            "variants": [v.to_dict(zone, currency) for v in self.variants],
            "options": [o.to_dict() for o in self.options], "images": images,
            "image": images[0] if images else None,
        }


@dataclass
class LineItem:
    id: int
    title: str
    price: Decimal
    quantity: int
    variant_id: int | None = None
    product_id: int | None = None
    variant_title: str | None = None
    sku: str | None = None
    vendor: str | None = None
    grams: int = 0
    requires_shipping: bool = True
    taxable: bool = True
    gift_card: bool = False
    fulfillment_status: str | None = None
    fulfilled_quantity: int = 0
    properties: list[dict] = field(default_factory=list)
    product_exists: bool = True

    @property
    def name(self) -> str:
        if self.variant_title and self.variant_title != "Default Title":
            return f"{self.title} - {self.variant_title}"
        return self.title

    def to_dict(self, currency: str = "USD") -> dict:
        return {
            "id": self.id, "admin_graphql_api_id": gid("LineItem", self.id), "current_quantity": self.quantity,
            "fulfillable_quantity": self.quantity - self.fulfilled_quantity,
            "fulfillment_service": "manual", "fulfillment_status": self.fulfillment_status,
            "gift_card": self.gift_card, "grams": self.grams, "name": self.name,
            "price": fmt_money(self.price), "price_set": money_set(self.price, currency),
            "product_exists": self.product_exists, "product_id": self.product_id,
            "properties": list(self.properties), "quantity": self.quantity,
            "requires_shipping": self.requires_shipping, "sku": self.sku, "taxable": self.taxable,
            "title": self.title, "total_discount": "0.00",
            "total_discount_set": money_set(Decimal("0"), currency), "variant_id": self.variant_id,
            "variant_inventory_management": None, "variant_title": self.variant_title, "vendor": self.vendor,
            "tax_lines": [], "duties": [], "discount_allocations": [], "attributed_staffs": [],
        }


@dataclass
class Fulfillment:
    id: int
    order_id: int
    name: str
    created_at: datetime
    updated_at: datetime
    line_items: list[dict]
    status: str = "success"
    tracking_company: str | None = None
    tracking_number: str | None = None
    tracking_url: str | None = None

    def to_dict(self, zone: object = UTC) -> dict:
        return {
            "id": self.id, "admin_graphql_api_id": gid("Fulfillment", self.id), "created_at":
            fmt_time(self.created_at, zone), "location_id": None, "name": self.name, "order_id": self.order_id,
            "origin_address": {}, "receipt": {}, "service": "manual", "shipment_status": None,
            "status": self.status, "tracking_company": self.tracking_company,
            "tracking_number": self.tracking_number,
            "tracking_numbers": [self.tracking_number] if self.tracking_number else [],
            "tracking_url": self.tracking_url, "tracking_urls": [self.tracking_url] if self.tracking_url else [],
            "updated_at": fmt_time(self.updated_at, zone), "line_items": [dict(li) for li in self.line_items],
        }


@dataclass
class Order:
    id: int
    number: int
    token: str
    created_at: datetime
    updated_at: datetime
    processed_at: datetime
    line_items: list[LineItem]
    currency: str = "USD"
    email: str | None = None
    phone: str | None = None
    customer_id: int | None = None
    financial_status: str = "paid"
    fulfillment_status: str | None = None
    closed_at: datetime | None = None
    cancelled_at: datetime | None = None
    cancel_reason: str | None = None
    note: str | None = None
    tags: str = ""
    source_name: str = "web"
    referring_site: str | None = None  # set by the storefront session; accepted on create (harness)
    landing_site: str | None = None
    buyer_accepts_marketing: bool = False
    taxes_included: bool = False
    test: bool = False
    checkout_id: int | None = None
    checkout_token: str | None = None
    cart_token: str | None = None
    billing_address: dict | None = None
    shipping_address: dict | None = None
    shipping_lines: list[dict] = field(default_factory=list)
    tax_lines: list[dict] = field(default_factory=list)
    discount_codes: list[dict] = field(default_factory=list)
    note_attributes: list[dict] = field(default_factory=list)
    fulfillments: list[Fulfillment] = field(default_factory=list)
    subtotal_price: Decimal = Decimal("0")
    total_discounts: Decimal = Decimal("0")
    total_tax: Decimal = Decimal("0")
    total_shipping: Decimal = Decimal("0")
    total_price: Decimal = Decimal("0")

    @property
    def name(self) -> str:
        return f"#{1000 + self.number}"

    @property
    def line_items_total(self) -> Decimal:
        return sum((li.price * li.quantity for li in self.line_items), Decimal("0"))

    def to_dict(self, zone: object = UTC, customer: dict | None = None, status_url: str | None = None,
                merchant_entity: str | None = None) -> dict:
        """Every key any supported version serves; :mod:`rest_versions` drops what a version lacks."""
        cur = self.currency
        outstanding = self.total_price if self.financial_status in ("pending", "authorized") else Decimal("0")
        return {
            "id": self.id, "admin_graphql_api_id": gid("Order", self.id), "app_id": None, "browser_ip": None,
            "buyer_accepts_marketing": self.buyer_accepts_marketing, "cancel_reason": self.cancel_reason,
            "cancelled_at": fmt_time(self.cancelled_at, zone), "cart_token": self.cart_token,
            "checkout_id": self.checkout_id, "checkout_token": self.checkout_token, "client_details": None,
            "closed_at": fmt_time(self.closed_at, zone), "company": None, "confirmation_number": self.token[:9].upper(),
            "confirmed": True, "contact_email": self.email, "created_at": fmt_time(self.created_at, zone),
            "currency": cur, "current_subtotal_price": fmt_money(self.subtotal_price),
            "current_subtotal_price_set": money_set(self.subtotal_price, cur),
            "current_total_discounts": fmt_money(self.total_discounts),
            "current_total_discounts_set": money_set(self.total_discounts, cur),
            "current_total_additional_fees_set": None, "current_total_duties_set": None,
            "current_total_price": fmt_money(self.total_price),
            "current_total_price_set": money_set(self.total_price, cur),
            "current_total_tax": fmt_money(self.total_tax), "current_total_tax_set": money_set(self.total_tax, cur),
            "customer_locale": "en", "device_id": None, "discount_codes": list(self.discount_codes),
            "duties_included": False, "email": self.email, "estimated_taxes": False,
            "financial_status": self.financial_status, "fulfillment_status": self.fulfillment_status,
            "gateway": "manual", "landing_site": self.landing_site, "landing_site_ref": None,
            "location_id": None, "merchant_business_entity_id": merchant_entity,
            "merchant_of_record_app_id": None, "name": self.name, "note": self.note,
            "note_attributes": list(self.note_attributes), "number": self.number,
            "order_number": 1000 + self.number, "order_status_url": status_url,
            "original_total_additional_fees_set": None, "original_total_duties_set": None,
            "payment_gateway_names": ["manual"], "phone": self.phone, "po_number": None,
            "presentment_currency": cur, "processed_at": fmt_time(self.processed_at, zone), "reference": None,
            "referring_site": self.referring_site, "source_identifier": None, "source_name": self.source_name,
            "source_url": None, "subtotal_price": fmt_money(self.subtotal_price),
            "subtotal_price_set": money_set(self.subtotal_price, cur), "tags": self.tags,
            "tax_lines": list(self.tax_lines), "taxes_included": self.taxes_included, "test": self.test,
            "token": self.token, "total_discounts": fmt_money(self.total_discounts),
            "total_cash_rounding_payment_adjustment_set": money_set(Decimal("0"), cur),
            "total_cash_rounding_refund_adjustment_set": money_set(Decimal("0"), cur),
            "total_discounts_set": money_set(self.total_discounts, cur),
            "total_line_items_price": fmt_money(self.line_items_total),
            "total_line_items_price_set": money_set(self.line_items_total, cur),
            "total_outstanding": fmt_money(outstanding), "total_price": fmt_money(self.total_price),
            "total_price_set": money_set(self.total_price, cur),
            "total_shipping_price_set": money_set(self.total_shipping, cur), "total_tax": fmt_money(self.total_tax),
            "total_tax_set": money_set(self.total_tax, cur), "total_tip_received": "0.00",
            "total_weight": sum(li.grams * li.quantity for li in self.line_items),
            "updated_at": fmt_time(self.updated_at, zone), "user_id": None,
            "billing_address": mailing_address(self.billing_address), "customer": customer,
            "discount_applications": [],
            "fulfillments": [f.to_dict(zone) for f in self.fulfillments],
            "line_items": [li.to_dict(cur) for li in self.line_items], "payment_terms": None, "refunds": [],
            "shipping_address": mailing_address(self.shipping_address),
            "shipping_lines": list(self.shipping_lines),
        }


@dataclass
class CheckoutLine:
    variant_id: int
    product_id: int
    title: str
    variant_title: str | None
    price: Decimal
    quantity: int
    sku: str | None = None
    vendor: str | None = None
    grams: int = 0

    def to_dict(self, index: int) -> dict:
        line_price = self.price * self.quantity
        return {
            "id": self.variant_id, "applied_discounts": [], "discount_allocations": [],
            "key": f"{self.variant_id}-{index}",
            "destination_location_id": None, "fulfillment_service": "manual", "gift_card": False,
            "grams": self.grams, "origin_location_id": None, "presentment_title": self.title,
            "presentment_variant_title": self.variant_title or "", "product_id": self.product_id,
            "properties": None, "quantity": self.quantity, "requires_shipping": True, "sku": self.sku,
            "tax_lines": [], "taxable": True, "title": self.title, "variant_id": self.variant_id,
            "variant_title": self.variant_title or "", "variant_price": fmt_money(self.price),
            "vendor": self.vendor, "user_id": None, "unit_price_measurement": {"measured_type": None},
            "rank": index, "compare_at_price": None, "line_price": fmt_money(line_price),
            "price": fmt_money(self.price),
        }


@dataclass
class Checkout:
    id: int
    token: str
    cart_token: str
    created_at: datetime
    updated_at: datetime
    recover_url: str
    currency: str = "USD"
    email: str | None = None
    phone: str | None = None
    customer_id: int | None = None
    line_items: list[CheckoutLine] = field(default_factory=list)
    completed_at: datetime | None = None
    closed_at: datetime | None = None
    order_id: int | None = None
    note: str | None = None
    referring_site: str | None = None
    landing_site: str | None = None
    source_name: str = "web"
    buyer_accepts_marketing: bool = False
    billing_address: dict | None = None
    shipping_address: dict | None = None

    @property
    def total(self) -> Decimal:
        return sum((li.price * li.quantity for li in self.line_items), Decimal("0"))

    def to_dict(self, zone: object = UTC, customer: dict | None = None) -> dict:
        total = fmt_money(self.total)
        return {
            "id": self.id, "token": self.token, "cart_token": self.cart_token, "email": self.email,
            "gateway": None, "buyer_accepts_marketing": self.buyer_accepts_marketing,
            "created_at": fmt_time(self.created_at, zone), "updated_at": fmt_time(self.updated_at, zone),
            "landing_site": self.landing_site, "note": self.note, "note_attributes": [],
            "referring_site": self.referring_site,
            "shipping_lines": [], "taxes_included": False,
            "total_weight": sum(li.grams * li.quantity for li in self.line_items), "currency": self.currency,
            "completed_at": fmt_time(self.completed_at, zone), "closed_at": fmt_time(self.closed_at, zone),
            "user_id": None, "location_id": None, "source_identifier": None, "source_url": None,
            "device_id": None, "phone": self.phone, "customer_locale": "en",
            "line_items": [li.to_dict(i) for i, li in enumerate(self.line_items)], "name": f"#{self.id}",
            "source": None, "abandoned_checkout_url": self.recover_url, "discount_codes": [], "tax_lines": [],
            "source_name": self.source_name, "presentment_currency": self.currency, "buyer_accepts_sms_marketing": False,
            "sms_marketing_phone": None, "total_discounts": "0.00", "total_line_items_price": total,
            "total_price": total, "total_tax": "0.00", "subtotal_price": total, "total_duties": None,
            "billing_address": mailing_address(self.billing_address),
            "shipping_address": mailing_address(self.shipping_address), "customer": customer,
        }


@dataclass
class Webhook:
    id: int
    address: str
    topic: str
    created_at: datetime
    updated_at: datetime
    api_version: str
    format: str = "json"
    fields: list[str] = field(default_factory=list)
    metafield_namespaces: list[str] = field(default_factory=list)

    def to_dict(self, zone: object = UTC) -> dict:
        return {"id": self.id, "address": self.address, "topic": self.topic,
                "created_at": fmt_time(self.created_at, zone), "updated_at": fmt_time(self.updated_at, zone),
                "format": self.format, "fields": list(self.fields),
                "metafield_namespaces": list(self.metafield_namespaces), "api_version": self.api_version,
                "private_metafield_namespaces": []}


@dataclass
class ScriptTag:
    id: int
    src: str
    created_at: datetime
    updated_at: datetime
    event: str = "onload"
    display_scope: str = "all"
    cache: bool = False

    def to_dict(self, zone: object = UTC) -> dict:
        return {"id": self.id, "src": self.src, "event": self.event,
                "created_at": fmt_time(self.created_at, zone), "updated_at": fmt_time(self.updated_at, zone),
                "display_scope": self.display_scope, "cache": self.cache}


@dataclass
class Event:
    id: int
    subject_id: int
    subject_type: str
    verb: str
    created_at: datetime
    message: str
    description: str
    path: str
    arguments: list[Any] = field(default_factory=list)
    author: str = "Shopify"

    def to_dict(self, zone: object = UTC) -> dict:
        return {"id": self.id, "subject_id": self.subject_id, "created_at": fmt_time(self.created_at, zone),
                "subject_type": self.subject_type, "verb": self.verb, "arguments": list(self.arguments),
                "body": None, "message": self.message, "author": self.author,
                "description": self.description, "path": self.path}
