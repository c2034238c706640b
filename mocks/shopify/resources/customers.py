"""Customers: validation, duplicate rules, addresses, marketing consent and order statistics."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING

from mocks.shopify import parse
from mocks.shopify.atomic import all_or_nothing
from mocks.shopify.errors import ShopifyError, invalid, invalid_many, not_found
from mocks.shopify.records import Address, Customer, Order
from mocks.shopify.values import ADDRESS_FIELDS, normalize_address, normalize_phone, tags_string

if TYPE_CHECKING:
    from mocks.shopify.store import ShopStore

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
CONSENT_STATES = ("subscribed", "not_subscribed", "pending", "unsubscribed", "redacted", "invalid")
OPT_IN_LEVELS = ("single_opt_in", "confirmed_opt_in", "unknown", None)
CUSTOMER_STATES = ("disabled", "invited", "enabled", "declined")
# Orders that count towards orders_count/total_spent are every order; total_spent skips these.
NOT_SPENT = ("voided", "refunded")


class CustomersMixin:
    def customer(self: ShopStore, customer_id: int) -> Customer:
        if customer_id not in self.customers:
            raise not_found()
        return self.customers[customer_id]

    def customer_json(self: ShopStore, customer: Customer) -> dict:
        return customer.to_dict(self.zone)

    def customer_text(self: ShopStore, customer: Customer, encoding: object, dumps: Callable[[dict], str]) -> str:
        """``dumps(customer_json(customer))``, kept until the customer changes. ``encoding`` identifies what
        ``dumps`` does (it is part of the cache guard with the shop's timezone and the record's stamps)."""
        guard = (encoding, self.info.timezone, customer.updated_at, customer.orders_count)
        cached = self.customer_text_cache.get(customer.id)
        if cached is not None and cached[0] == guard:
            return cached[1]
        text = dumps(self.customer_json(customer))
        self.customer_text_cache[customer.id] = (guard, text)
        return text

    def _customer_changing(self: ShopStore, customer: Customer) -> None:
        """Called before any change to a customer's fields, addresses or statistics (under the lock):
        its cached JSON goes, so the next read renders the record as it is then."""
        self.customer_text_cache.pop(customer.id, None)
        self.customer_graphql_cache.pop(customer.id, None)

    def find_customer_by_email(self: ShopStore, email: str) -> Customer | None:
        """Any case; O(1) through the email index."""
        return self.customers_by_email.get(email.strip().lower())

    def find_customer_by_phone(self: ShopStore, phone: str) -> Customer | None:
        """An E.164 phone; O(1) through the phone index."""
        return self.customers_by_phone.get(phone)

    def customer_orders(self: ShopStore, customer_id: int) -> list[Order]:
        """The customer's orders by id, from the orders-by-customer index."""
        return sorted(self.orders_by_customer.get(customer_id, {}).values(), key=lambda o: o.id)

    # -- indexes ---------------------------------------------------------------------------------
    def _index_contact(self: ShopStore, customer: Customer) -> None:
        if customer.email:
            self.customers_by_email[customer.email.lower()] = customer
        if customer.phone:
            self.customers_by_phone[customer.phone] = customer

    def _unindex_contact(self: ShopStore, customer: Customer) -> None:
        if customer.email and self.customers_by_email.get(customer.email.lower()) is customer:
            del self.customers_by_email[customer.email.lower()]
        if customer.phone and self.customers_by_phone.get(customer.phone) is customer:
            del self.customers_by_phone[customer.phone]

    # -- validation ------------------------------------------------------------------------------
    def _check_contact(self: ShopStore, email: str | None, phone: str | None, own_id: int | None,
                       errors: dict[str, list[str]]) -> None:
        if email is not None:
            if not EMAIL.match(email):
                errors.setdefault("email", []).append("is invalid")
            else:
                other = self.find_customer_by_email(email)
                if other is not None and other.id != own_id:
                    errors.setdefault("email", []).append("has already been taken")
        if phone is not None:
            other = self.find_customer_by_phone(phone)
            if other is not None and other.id != own_id:
                errors.setdefault("phone", []).append("has already been taken")

    def _consent(self: ShopStore, raw: dict | None, key: str, current: dict | None) -> dict | None:
        if raw is None:
            return current
        state = raw.get("state", (current or {}).get("state", "not_subscribed"))
        level = raw.get("opt_in_level", (current or {}).get("opt_in_level", "single_opt_in"))
        if state not in CONSENT_STATES:
            raise invalid(key, "state is not included in the list")
        if level not in OPT_IN_LEVELS:
            raise invalid(key, "opt_in_level is not included in the list")
        consent = {"state": state, "opt_in_level": level, "consent_updated_at": self.now()}
        if key == "sms_marketing_consent":
            consent["consent_collected_from"] = raw.get("consent_collected_from", "OTHER")
        return consent

    def _addresses(self: ShopStore, customer: Customer, raw_list: list[dict]) -> list[Address]:
        """Entries with a known ``id`` update that address; others are added. Exactly one is default."""
        by_id = {a.id: a for a in customer.addresses}
        result = list(customer.addresses)
        chosen_default = None
        for raw in raw_list:
            for key in ADDRESS_FIELDS:
                if key in raw and raw[key] is not None and not isinstance(raw[key], str | int | float):
                    raise invalid("addresses", f"{key} is invalid")
            address_id = raw.get("id")
            if isinstance(address_id, int) and address_id in by_id:
                address = by_id[address_id]
                merged = {**address.fields, **{k: raw[k] for k in ADDRESS_FIELDS if k in raw}}
                address.fields = normalize_address(merged)
            else:
                address = Address(self.ids.next("address"), customer.id, normalize_address(raw))
                result.append(address)
            if raw.get("default") is True:
                chosen_default = address
        if result:
            default = chosen_default or next((a for a in result if a.default), result[0])
            for address in result:
                address.default = address is default
        return result

    # -- create / update / delete ----------------------------------------------------------------
    def create_customer(self: ShopStore, body: dict, emit: bool = True) -> Customer:
        email = parse.text(body, "email")
        email = email.strip().lower() if email else None
        try:
            phone = normalize_phone(parse.text(body, "phone"))
        except ValueError:
            raise invalid("phone", "is invalid") from None
        first, last = parse.text(body, "first_name"), parse.text(body, "last_name")
        errors: dict[str, list[str]] = {}
        if not any((email, phone, first, last)):
            errors["base"] = ["Customer must have a name, phone number or email address"]
        self._check_contact(email, phone, None, errors)
        if errors:
            raise invalid_many(errors)
        state = "invited" if parse.flag(body, "send_email_invite", False) else "disabled"
        now = self.now()
        customer = Customer(id=self.ids.next("customer"), created_at=now, updated_at=now, email=email,
                            first_name=first, last_name=last, phone=phone, currency=self.currency, state=state)
        self._apply_customer_fields(customer, body)
        if email and customer.email_marketing_consent is None:
            customer.email_marketing_consent = {"state": "not_subscribed", "opt_in_level": "single_opt_in",
                                                "consent_updated_at": None}
        if phone and customer.sms_marketing_consent is None:
            customer.sms_marketing_consent = {"state": "not_subscribed", "opt_in_level": "single_opt_in",
                                              "consent_updated_at": None, "consent_collected_from": "OTHER"}
        self.customers[customer.id] = customer
        bisect.insort(self.customer_ids, customer.id)
        self._customer_changing(customer)
        self._index_contact(customer)
        if emit:
            self.emit("customers/create", self.customer_json(customer))
        return customer

    def _apply_customer_fields(self: ShopStore, customer: Customer, body: dict) -> None:
        """The writable fields other than email/phone/names; read-only ones the SDK echoes are ignored."""
        if "note" in body:
            customer.note = parse.text(body, "note")
        if "tags" in body:
            if body["tags"] is not None and not isinstance(body["tags"], str | list):
                raise invalid("tags", "is invalid")
            customer.tags = tags_string(body["tags"])
        customer.verified_email = parse.flag(body, "verified_email", customer.verified_email)
        customer.tax_exempt = parse.flag(body, "tax_exempt", customer.tax_exempt)
        if "multipass_identifier" in body:
            customer.multipass_identifier = parse.text(body, "multipass_identifier")
        exemptions = parse.strings(body, "tax_exemptions")
        if exemptions is not None:
            customer.tax_exemptions = exemptions
        if "state" in body and body["state"] is not None:
            if body["state"] not in CUSTOMER_STATES:
                raise invalid("state", "is not included in the list")
            customer.state = body["state"]
        raw_addresses = parse.items(body, "addresses")
        if raw_addresses is None and isinstance(body.get("default_address"), dict):
            raw_addresses = [{**body["default_address"], "default": True}]
        if raw_addresses is not None:
            customer.addresses = self._addresses(customer, raw_addresses)
        consent = parse.obj(body, "email_marketing_consent")
        if consent is None and "accepts_marketing" in body:
            subscribed = parse.flag(body, "accepts_marketing", False)
            current = (customer.email_marketing_consent or {}).get("state")
            if subscribed != (current == "subscribed"):
                consent = {"state": "subscribed" if subscribed else "not_subscribed"}
        if consent is not None and (consent.get("state") != (customer.email_marketing_consent or {}).get("state")
                                    or "consent_updated_at" not in consent):
            customer.email_marketing_consent = self._consent(consent, "email_marketing_consent",
                                                             customer.email_marketing_consent)
        sms = parse.obj(body, "sms_marketing_consent")
        if sms is not None and sms.get("state") != (customer.sms_marketing_consent or {}).get("state"):
            customer.sms_marketing_consent = self._consent(sms, "sms_marketing_consent",
                                                           customer.sms_marketing_consent)

    @all_or_nothing("customer", unindex="_unindex_contact", index="_index_contact")
    def update_customer(self: ShopStore, customer_id: int, body: dict, replace_addresses: bool = False) -> Customer:
        """``replace_addresses``: the given addresses replace the current ones (GraphQL ``customerSet``)
        instead of being merged by id (REST)."""
        customer = self.customer(customer_id)
        self._customer_changing(customer)  # first: a failed update may have changed some fields already
        email = customer.email
        if "email" in body:
            email = parse.text(body, "email")
            email = email.strip().lower() if email else None
        phone = customer.phone
        if "phone" in body:
            try:
                phone = normalize_phone(parse.text(body, "phone"))
            except ValueError:
                raise invalid("phone", "is invalid") from None
        errors: dict[str, list[str]] = {}
        self._check_contact(email if email != customer.email else None,
                            phone if phone != customer.phone else None, customer.id, errors)
        if errors:
            raise invalid_many(errors)
        self._unindex_contact(customer)
        customer.email, customer.phone = email, phone
        self._index_contact(customer)
        if "first_name" in body:
            customer.first_name = parse.text(body, "first_name")
        if "last_name" in body:
            customer.last_name = parse.text(body, "last_name")
        if replace_addresses and parse.items(body, "addresses") is not None:
            customer.addresses = []
        self._apply_customer_fields(customer, body)
        if customer.email and customer.email_marketing_consent is None:
            customer.email_marketing_consent = {"state": "not_subscribed", "opt_in_level": "single_opt_in",
                                                "consent_updated_at": None}
        customer.updated_at = self.now()
        self.emit("customers/update", self.customer_json(customer))
        return customer

    def delete_customer(self: ShopStore, customer_id: int) -> None:
        customer = self.customer(customer_id)
        if self.orders_by_customer.get(customer.id):
            # Shopify refuses "intentionally"; the exact body is unverified (see docs/shopify-mock.md).
            raise ShopifyError(422, {"base": ["Error deleting customer: customers with orders cannot be deleted"]})
        del self.customers[customer_id]
        index = bisect.bisect_left(self.customer_ids, customer_id)
        if index < len(self.customer_ids) and self.customer_ids[index] == customer_id:
            del self.customer_ids[index]
        self._customer_changing(customer)
        self._unindex_contact(customer)
        for checkout in list(self.checkouts_by_customer.get(customer_id, {}).values()):
            self._set_checkout_customer(checkout, None)
        self.drop_customer_contacts(customer_id)
        self.emit("customers/delete", {"id": customer.id, "tax_exemptions": [],
                                       "admin_graphql_api_id": f"gid://shopify/Customer/{customer.id}"})

    def refresh_customer_stats(self: ShopStore, customer_id: int | None, emit: bool = True) -> None:
        """orders_count, total_spent and the last order follow the customer's orders."""
        customer = self.customers.get(customer_id) if customer_id else None
        if customer is None:
            return
        orders = self.customer_orders(customer.id)
        spent = sum((o.total_price for o in orders
                     if o.cancelled_at is None and o.financial_status not in NOT_SPENT), Decimal("0"))
        last = orders[-1] if orders else None
        stats = (len(orders), spent, last.id if last else None, last.name if last else None)
        if stats == (customer.orders_count, customer.total_spent, customer.last_order_id, customer.last_order_name):
            return
        self._customer_changing(customer)
        customer.orders_count, customer.total_spent, customer.last_order_id, customer.last_order_name = stats
        customer.updated_at = self.now()
        if emit:
            self.emit("customers/update", self.customer_json(customer))
