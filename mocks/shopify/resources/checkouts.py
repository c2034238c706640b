"""Checkouts (the sales-channel Checkout resource): create, update, complete into an order, and the
abandoned-checkout listing (not completed, with an email or a phone)."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from mocks.shopify import parse
from mocks.shopify.atomic import all_or_nothing
from mocks.shopify.errors import invalid, not_found
from mocks.shopify.records import Checkout, CheckoutLine
from mocks.shopify.values import normalize_address, normalize_phone

if TYPE_CHECKING:
    from mocks.shopify.store import ShopStore


class CheckoutsMixin:
    def checkout(self: ShopStore, key: str | int) -> Checkout:
        """By token (what the Checkout API uses) or by numeric id (what ShopifyAPI's ``save()`` uses);
        O(1) through the token index and the id-keyed records."""
        text = str(key)
        checkout = self.checkouts_by_token.get(text)
        if checkout is None:
            try:
                checkout = self.checkouts.get(int(text))
            except ValueError:
                checkout = None
            if checkout is not None and str(checkout.id) != text:  # "0123" or " 123" is no id
                checkout = None
        if checkout is None:
            raise not_found()
        return checkout

    def _set_checkout_customer(self: ShopStore, checkout: Checkout, customer_id: int | None) -> None:
        """Sets ``customer_id`` and keeps the checkouts-by-customer index in step."""
        self._unindex_checkout_customer(checkout)
        checkout.customer_id = customer_id
        if customer_id is not None and checkout.id in self.checkouts:
            self.checkouts_by_customer.setdefault(customer_id, {})[checkout.id] = checkout

    def checkout_json(self: ShopStore, checkout: Checkout) -> dict:
        customer = self.customers.get(checkout.customer_id) if checkout.customer_id else None
        data = self.customer_json(customer) if customer else None
        if data:
            data.pop("addresses", None)
        return checkout.to_dict(self.zone, data)

    def _unindex_checkout_customer(self: ShopStore, checkout: Checkout) -> None:
        if checkout.customer_id is not None:
            bucket = self.checkouts_by_customer.get(checkout.customer_id, {})
            bucket.pop(checkout.id, None)
            if not bucket:
                self.checkouts_by_customer.pop(checkout.customer_id, None)

    def _checkout_lines(self: ShopStore, raw_list: list[dict]) -> list[CheckoutLine]:
        lines = []
        for raw in raw_list:
            variant_id = parse.integer(raw, "variant_id")
            found = self.find_variant(variant_id) if variant_id is not None else None
            if found is None:
                raise invalid("line_items", "variant_id is invalid")
            product, variant = found
            quantity = parse.integer(raw, "quantity", 1, minimum=1) or 1
            lines.append(CheckoutLine(variant.id, product.id, product.title, variant.title, variant.price, quantity,
                                      variant.sku, product.vendor, variant.grams))
        return lines

    def _apply_checkout_fields(self: ShopStore, checkout: Checkout, body: dict) -> None:
        if "email" in body:
            email = parse.text(body, "email")
            if email and "@" not in email:
                raise invalid("email", "is invalid")
            checkout.email = email or None
        if "phone" in body:
            try:
                checkout.phone = normalize_phone(parse.text(body, "phone"))
            except ValueError:
                raise invalid("phone", "is invalid") from None
        raw_lines = parse.items(body, "line_items")
        if raw_lines is not None:
            checkout.line_items = self._checkout_lines(raw_lines)  # line items are replaced, not merged
        for key in ("billing_address", "shipping_address"):
            if key in body:
                value = parse.obj(body, key)
                setattr(checkout, key, normalize_address(value) if value else None)
        if "note" in body:
            checkout.note = parse.text(body, "note")
        for key in ("referring_site", "landing_site", "source_name"):  # the storefront session's origin
            if parse.text(body, key):
                setattr(checkout, key, parse.text(body, key))
        checkout.buyer_accepts_marketing = parse.flag(body, "buyer_accepts_marketing",
                                                      checkout.buyer_accepts_marketing)
        customer = self.find_customer_by_email(checkout.email) if checkout.email else None
        self._set_checkout_customer(checkout, customer.id if customer else None)

    def create_checkout(self: ShopStore, body: dict, base_url: str) -> Checkout:
        now = self.now()
        token = uuid.uuid4().hex
        checkout = Checkout(self.ids.next("checkout"), token, uuid.uuid4().hex, now, now,
                            f"{base_url.rstrip('/')}/{self.info.id}/checkouts/{token}/recover",
                            currency=self.currency)
        self._apply_checkout_fields(checkout, body)
        self.checkouts[checkout.id] = checkout
        self.checkouts_by_token[checkout.token] = checkout
        self._set_checkout_customer(checkout, checkout.customer_id)  # now that it is stored
        self.emit("checkouts/create", self.checkout_json(checkout))
        return checkout

    @all_or_nothing("checkout")
    def update_checkout(self: ShopStore, key: str, body: dict) -> Checkout:
        checkout = self.checkout(key)
        if checkout.completed_at is not None:
            raise invalid("base", "Checkout is already completed")
        self._apply_checkout_fields(checkout, body)
        checkout.updated_at = self.now()
        self.emit("checkouts/update", self.checkout_json(checkout))
        return checkout

    def complete_checkout(self: ShopStore, key: str) -> Checkout:
        """Creates the order (carrying ``checkout_token``/``cart_token``) and sets ``completed_at``."""
        checkout = self.checkout(key)
        if checkout.completed_at is not None:
            raise invalid("base", "Checkout is already completed")
        if not checkout.line_items:
            raise invalid("line_items", "can't be blank")
        body: dict = {"line_items": [{"variant_id": li.variant_id, "quantity": li.quantity, "price": str(li.price)}
                                     for li in checkout.line_items],
                      "financial_status": "paid", "buyer_accepts_marketing": checkout.buyer_accepts_marketing}
        if checkout.email:
            body["email"] = checkout.email
        if checkout.phone:
            body["phone"] = checkout.phone
        for key_name in ("billing_address", "shipping_address", "referring_site", "landing_site", "source_name"):
            if getattr(checkout, key_name):
                body[key_name] = getattr(checkout, key_name)
        order = self.create_order(body, checkout=checkout)
        now = self.now()
        checkout.completed_at, checkout.updated_at, checkout.order_id = now, now, order.id
        self._set_checkout_customer(checkout, order.customer_id)
        self.emit("checkouts/update", self.checkout_json(checkout))
        return checkout

    def delete_checkout(self: ShopStore, key: str) -> None:
        checkout = self.checkout(key)
        self._unindex_checkout_customer(checkout)
        del self.checkouts[checkout.id]
        self.checkouts_by_token.pop(checkout.token, None)
        self.emit("checkouts/delete", {"id": checkout.id, "token": checkout.token})

    def abandoned_checkouts(self: ShopStore, status: str) -> list[Checkout]:
        """Not completed, with contact details; ``status`` open (default: not closed) or closed."""
        found = [c for c in self.checkouts.values() if c.completed_at is None and (c.email or c.phone)]
        if status == "closed":
            return [c for c in found if c.closed_at is not None]
        if status == "open":
            return [c for c in found if c.closed_at is None]
        return found
