"""The state of every shop in one mock process, and the rules it keeps (no Flask here).

A :class:`Store` holds the shops and the access tokens that open them. Each :class:`ShopStore`
owns one shop's records; its rules live in one mixin per resource (customers, products, orders,
checkouts, app resources). Changes that Shopify announces by webhook call ``emit(topic, payload)``;
the app wires that to the signed outbox. One re-entrant lock guards the whole store.
"""

from __future__ import annotations

import base64
import itertools
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from mocks.core.clock import Clock
from mocks.shopify.config import TokenGrant
from mocks.shopify.errors import not_found
from mocks.shopify.resources.app_resources import AppResourcesMixin
from mocks.shopify.resources.checkouts import CheckoutsMixin
from mocks.shopify.resources.companies import CompaniesMixin
from mocks.shopify.resources.customers import CustomersMixin
from mocks.shopify.resources.orders import OrdersMixin
from mocks.shopify.resources.products import ProductsMixin
from mocks.shopify.values import fmt_time, shop_zone, truncate

Emit = Callable[[str, str, dict, datetime], None]  # shop name, topic, payload, triggered at

# Each kind of record numbers from its own base, so ids look like Shopify's and never collide.
ID_BASES = {
    "shop": 48_000_000_000, "customer": 6_100_000_000_000, "address": 8_200_000_000_000,
    "product": 7_300_000_000_000, "variant": 4_400_000_000_000, "option": 9_500_000_000_000,
    "image": 3_600_000_000_000, "inventory_item": 4_700_000_000_000, "order": 5_800_000_000_000,
    "line_item": 1_900_000_000_000, "fulfillment": 5_010_000_000_000, "checkout": 3_110_000_000_000,
    "webhook": 1_210_000_000_000, "script_tag": 2_310_000_000_000, "event": 1_410_000_000_000,
    "company": 1_510_000_000, "company_contact": 1_610_000_000, "company_location": 1_710_000_000,
    "company_address": 1_810_000_000,
}


class Ids:
    """Increasing ids per kind, shared by every shop of a store (ids are unique across shops)."""

    def __init__(self) -> None:
        self._counters = {kind: itertools.count(base + 1) for kind, base in ID_BASES.items()}

    def next(self, kind: str) -> int:
        return next(self._counters[kind])


@dataclass
class ShopInfo:
    id: int
    name: str
    created_at: datetime
    currency: str = "USD"
    timezone: str = "UTC"

    @property
    def domain(self) -> str:
        return f"{self.name}.myshopify.com"

    @property
    def business_entity_id(self) -> str:
        """The shop's one business entity, as orders name it (Shopify's value is unpadded base64 of its id)."""
        return base64.b64encode(str(self.id).encode()).decode().rstrip("=")

    def to_dict(self) -> dict:
        zone = shop_zone(self.timezone)
        stamp = fmt_time(self.created_at, zone)
        offset = self.created_at.astimezone(zone).strftime("%z")  # type: ignore[arg-type]
        return {
            "id": self.id, "name": self.name.replace("-", " ").title(), "email": f"owner@{self.domain}",
            "domain": self.domain, "province": "Ontario", "country": "CA", "address1": "1 Harness Street",
            "zip": "K1A 0B1", "city": "Ottawa", "source": None, "phone": "+16135550100", "latitude": 45.42,
            "longitude": -75.69, "primary_locale": "en", "address2": None, "created_at": stamp,
            "updated_at": stamp, "country_code": "CA", "country_name": "Canada", "currency": self.currency,
            "customer_email": f"owner@{self.domain}",
            "timezone": f"(GMT{offset[:3]}:{offset[3:]}) {self.timezone}", "iana_timezone": self.timezone,
            "shop_owner": "Harness Owner", "money_format": "${{amount}}",
            "money_with_currency_format": f"${{{{amount}}}} {self.currency}", "weight_unit": "kg",
            "province_code": "ON", "taxes_included": False, "auto_configure_tax_inclusivity": None,
            "tax_shipping": None, "county_taxes": True, "plan_display_name": "Shopify",
            "plan_name": "professional", "has_discounts": False, "has_gift_cards": False,
            "myshopify_domain": self.domain, "google_apps_domain": None, "google_apps_login_enabled": None,
            "money_in_emails_format": "${{amount}}",
            "money_with_currency_in_emails_format": f"${{{{amount}}}} {self.currency}",
            "eligible_for_card_reader_giveaway": False, "eligible_for_payments": True, "force_ssl": True, "requires_extra_payments_agreement": False,
            "password_enabled": False, "has_storefront": True, "finances": True,
            "primary_location_id": None, "checkout_api_supported": True, "multi_location_enabled": True,
            "setup_required": False, "pre_launch_enabled": False,
            "enabled_presentment_currencies": [self.currency], "marketing_sms_consent_enabled_at_checkout": False,
            "transactional_sms_disabled": False,
        }


@dataclass
class ShopStore(CustomersMixin, ProductsMixin, OrdersMixin, CheckoutsMixin, AppResourcesMixin, CompaniesMixin):
    """One shop's records and rules."""

    info: ShopInfo
    clock: Clock
    ids: Ids
    emit_hook: Emit
    lock: threading.RLock
    customers: dict = field(default_factory=dict)
    products: dict = field(default_factory=dict)
    orders: dict = field(default_factory=dict)
    checkouts: dict = field(default_factory=dict)
    webhooks: dict = field(default_factory=dict)
    script_tags: dict = field(default_factory=dict)
    events: dict = field(default_factory=dict)
    companies: dict = field(default_factory=dict)  # B2B: id -> Company (see resources/companies.py)
    company_contacts: dict = field(default_factory=dict)  # id -> CompanyContact
    company_locations: dict = field(default_factory=dict)  # id -> CompanyLocation
    order_numbers: itertools.count = field(default_factory=lambda: itertools.count(1))
    # Protected-customer-data level of the app that made each webhook subscription (id -> 0/1/2; absent: 2).
    subscription_pcd: dict = field(default_factory=dict)
    # Indexes, kept in step with the records by every create/update/delete (only the resource mixins
    # write them), so no request scans the whole shop to find one record or one customer's orders.
    customers_by_email: dict = field(default_factory=dict, repr=False)  # lower-cased email -> Customer
    customers_by_phone: dict = field(default_factory=dict, repr=False)  # E.164 phone -> Customer
    orders_by_customer: dict = field(default_factory=dict, repr=False)  # customer id -> {order id: Order}
    orders_by_product: dict = field(default_factory=dict, repr=False)  # product id -> {order id: Order}
    checkouts_by_token: dict = field(default_factory=dict, repr=False)  # token -> Checkout
    checkouts_by_customer: dict = field(default_factory=dict, repr=False)  # customer id -> {id: Checkout}
    products_by_handle: dict = field(default_factory=dict, repr=False)  # handle -> product id
    product_by_variant: dict = field(default_factory=dict, repr=False)  # variant id -> product id
    customer_ids: list = field(default_factory=list, repr=False)  # every customer id, increasing (list pages)
    company_ids: list = field(default_factory=list, repr=False)  # every company id, increasing
    company_location_ids: list = field(default_factory=list, repr=False)  # every location id, increasing
    companies_by_external_id: dict = field(default_factory=dict, repr=False)  # external id -> Company
    company_contacts_by_customer: dict = field(default_factory=dict, repr=False)  # customer id -> {id: contact}
    # Encoded JSON of customers as list pages show them: id -> (guard, text). Dropped by every change
    # to a customer (the customers mixin); the guard also holds what else shapes the text (zone, encoder).
    customer_text_cache: dict = field(default_factory=dict, repr=False)
    # GraphQL ``Customer`` mappings: id -> {(guard...): node}; dropped with the text cache (same hook).
    customer_graphql_cache: dict = field(default_factory=dict, repr=False)
    _zone: tuple = field(default=("", None), repr=False)  # (timezone name, its zone object)

    @property
    def name(self) -> str:
        return self.info.name

    @property
    def zone(self) -> object:
        name, zone = self._zone
        if zone is None or name != self.info.timezone:
            zone = shop_zone(self.info.timezone)
            self._zone = (self.info.timezone, zone)
        return zone

    @property
    def currency(self) -> str:
        return self.info.currency

    def now(self) -> datetime:
        """Shopify timestamps have whole seconds; records store them that way so filters agree."""
        return truncate(self.clock.now())

    def emit(self, topic: str, payload: dict) -> None:
        self.emit_hook(self.name, topic, payload, self.clock.now())

    def shop_json(self) -> dict:
        return self.info.to_dict()

    def dump(self) -> dict:
        """Every record of the shop in its REST shape (for ``/__admin/state``)."""
        return {
            "shop": self.shop_json(),
            "customers": [self.customer_json(c) for c in self.customers.values()],
            "products": [self.product_json(p) for p in self.products.values()],
            "orders": [self.order_json(o) for o in self.orders.values()],
            "checkouts": [self.checkout_json(c) for c in self.checkouts.values()],
            "webhooks": [w.to_dict(self.zone) for w in self.webhooks.values()],
            "script_tags": [s.to_dict(self.zone) for s in self.script_tags.values()],
            "events": [e.to_dict(self.zone) for e in self.events.values()],
            "companies": [self.company_json(c) for c in self.companies.values()],
        }


class Store:
    """All shops and tokens of one mock app."""

    def __init__(self, clock: Clock, grants: list[TokenGrant], currency: str = "USD",
                 timezone: str = "UTC") -> None:
        self.clock = clock
        self.lock = threading.RLock()
        self._initial = list(grants)
        self._currency, self._timezone = currency, timezone
        self.on_event: Emit = lambda shop, topic, payload, at: None
        self.reset()

    def reset(self) -> None:
        """Back to the configured shops and tokens, with no records."""
        with self.lock:
            self.ids = Ids()
            self.shops: dict[str, ShopStore] = {}
            self.tokens: dict[str, TokenGrant] = {}
            self.refresh_tokens: dict = {}  # refresh token -> mocks.shopify.tokens.RefreshToken
            for grant in self._initial:
                self.add_grant(grant)

    def _emit(self, shop: str, topic: str, payload: dict, at: datetime) -> None:
        self.on_event(shop, topic, payload, at)

    def add_shop(self, name: str) -> ShopStore:
        with self.lock:
            if name not in self.shops:
                info = ShopInfo(self.ids.next("shop"), name, truncate(self.clock.now()), self._currency,
                                self._timezone)
                self.shops[name] = ShopStore(info, self.clock, self.ids, self._emit, self.lock)
            return self.shops[name]

    def add_grant(self, grant: TokenGrant) -> ShopStore:
        with self.lock:
            shop = self.add_shop(grant.shop)
            self.tokens[grant.token] = grant
            return shop

    def grant(self, token: str | None) -> TokenGrant | None:
        with self.lock:
            return self.tokens.get(token) if token else None

    def shop(self, name: str) -> ShopStore:
        with self.lock:
            if name not in self.shops:
                raise not_found()
            return self.shops[name]

    def revoke_shop_tokens(self, name: str) -> None:
        with self.lock:
            for token in [t for t, g in self.tokens.items() if g.shop == name]:
                del self.tokens[token]
            for token in [t for t, r in self.refresh_tokens.items() if r.grant.shop == name]:
                del self.refresh_tokens[token]

    def remove_webhook(self, webhook_id: int) -> None:
        """A subscription the outbox gave up on (8 failed retries) disappears, as on Shopify."""
        with self.lock:
            for shop in self.shops.values():
                shop.webhooks.pop(webhook_id, None)

    def shops_json(self) -> list[dict]:
        with self.lock:
            return [{"name": s.name, "domain": s.info.domain, "id": s.info.id,
                     "tokens": [g.to_dict() for g in self.tokens.values() if g.shop == s.name]}
                    for s in self.shops.values()]

    def dump(self) -> dict:
        with self.lock:
            return {name: shop.dump() for name, shop in self.shops.items()}
