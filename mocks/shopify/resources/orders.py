"""Orders: line items from variants or custom lines, customers by id or email, totals, and the
cancel/close/open/fulfil lifecycle with the webhooks Shopify sends for each step."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING

from mocks.shopify import parse
from mocks.shopify.atomic import all_or_nothing
from mocks.shopify.errors import ShopifyError, invalid, not_found
from mocks.shopify.records import Fulfillment, LineItem, Order
from mocks.shopify.values import (
    fmt_money,
    money,
    money_set,
    normalize_address,
    normalize_phone,
    parse_time,
    tags_string,
)

if TYPE_CHECKING:
    from mocks.shopify.store import ShopStore

FINANCIAL = ("pending", "authorized", "partially_paid", "paid", "partially_refunded", "refunded", "voided")
CANCEL_REASONS = ("customer", "fraud", "inventory", "declined", "other")
ORDER_STATUSES = ("open", "closed", "cancelled", "any")
FULFILLMENT_FILTERS = ("shipped", "partial", "unshipped", "any", "unfulfilled", "fulfilled")
FINANCIAL_FILTERS = FINANCIAL + ("any", "unpaid")


class OrdersMixin:
    def order(self: ShopStore, order_id: int) -> Order:
        if order_id not in self.orders:
            raise not_found()
        return self.orders[order_id]

    def _index_order(self: ShopStore, order: Order) -> None:
        if order.customer_id is not None:
            self.orders_by_customer.setdefault(order.customer_id, {})[order.id] = order
        for product_id in {li.product_id for li in order.line_items if li.product_id is not None}:
            self.orders_by_product.setdefault(product_id, {})[order.id] = order

    def _unindex_order(self: ShopStore, order: Order) -> None:
        keys = [(self.orders_by_customer, order.customer_id)]
        keys += [(self.orders_by_product, li.product_id) for li in order.line_items]
        for index, key in keys:
            bucket = index.get(key) if key is not None else None
            if bucket is not None:
                bucket.pop(order.id, None)
                if not bucket:
                    del index[key]

    def order_json(self: ShopStore, order: Order) -> dict:
        customer = None
        if order.customer_id in self.customers:
            customer = self.customer_json(self.customers[order.customer_id])
            customer.pop("addresses", None)  # an order's customer carries only the default address
        status_url = f"https://{self.info.domain}/{self.info.id}/orders/{order.token}/authenticate"
        return order.to_dict(self.zone, customer, status_url, self.info.business_entity_id)

    # -- building an order -----------------------------------------------------------------------
    def _line_item(self: ShopStore, raw: dict) -> LineItem:
        quantity = parse.integer(raw, "quantity", 1, minimum=1) or 1
        try:
            price = money(raw["price"]) if raw.get("price") not in (None, "") else None
        except ValueError:
            raise invalid("line_items", "price is invalid") from None
        variant_id = parse.integer(raw, "variant_id")
        if variant_id is not None:
            found = self.find_variant(variant_id)
            if found is None:
                raise invalid("line_items", f"variant_id {variant_id} does not exist")
            product, variant = found
            return LineItem(self.ids.next("line_item"), parse.text(raw, "title") or product.title,
                            variant.price if price is None else price, quantity, variant.id, product.id,
                            variant.title, variant.sku, product.vendor, variant.grams, variant.requires_shipping,
                            variant.taxable)
        title = parse.text(raw, "title")
        if not title:
            raise invalid("line_items", "title can't be blank")
        if price is None:
            raise invalid("line_items", "price can't be blank")
        return LineItem(self.ids.next("line_item"), title, price, quantity, sku=parse.text(raw, "sku"),
                        vendor=parse.text(raw, "vendor"), grams=parse.integer(raw, "grams", 0, minimum=0) or 0,
                        requires_shipping=parse.flag(raw, "requires_shipping", True),
                        taxable=parse.flag(raw, "taxable", True), gift_card=parse.flag(raw, "gift_card", False),
                        product_exists=False)

    def _order_customer(self: ShopStore, body: dict, email: str | None) -> int | None:
        """By id, else by email (an unknown email creates the customer, as Shopify does), else a guest."""
        raw = parse.obj(body, "customer") or {}
        customer_id = parse.integer(raw, "id")
        if customer_id is not None:
            if customer_id not in self.customers:
                raise invalid("customer", "is invalid")
            return customer_id
        email = parse.text(raw, "email") or email
        if not email:
            return None
        existing = self.find_customer_by_email(email)
        if existing is not None:
            return existing.id
        fields = {k: raw[k] for k in ("first_name", "last_name", "phone", "tags", "note") if k in raw}
        address = body.get("billing_address") or body.get("shipping_address")
        if isinstance(address, dict):
            fields.setdefault("first_name", address.get("first_name"))
            fields.setdefault("last_name", address.get("last_name"))
            fields["addresses"] = [address]
        return self.create_customer({**fields, "email": email}).id

    def _money_lines(self: ShopStore, body: dict, key: str) -> list[dict]:
        lines = []
        for raw in parse.items(body, key) or []:
            try:
                price = money(raw.get("price", "0"))
            except ValueError:
                raise invalid(key, "price is invalid") from None
            line = {"title": parse.text(raw, "title") or ("Tax" if key == "tax_lines" else "Shipping"),
                    "price": fmt_money(price),
                    "price_set": {"shop_money": {"amount": fmt_money(price), "currency_code": self.currency},
                                  "presentment_money": {"amount": fmt_money(price), "currency_code": self.currency}}}
            if key == "tax_lines":
                try:
                    rate = parse.number(raw, "rate")
                except ShopifyError:
                    raise invalid(key, "rate is invalid") from None
                if rate < 0:
                    raise invalid(key, "rate is invalid")
                line.update({"rate": rate, "channel_liable": False})
            else:
                line.update({"id": self.ids.next("line_item"), "code": parse.text(raw, "code"),
                             "source": "shopify", "discounted_price": fmt_money(price),
                             "discounted_price_set": money_set(price, self.currency), "carrier_identifier": None,
                             "requested_fulfillment_service_id": None, "tax_lines": [], "discount_allocations": []})
            lines.append(line)
        return lines

    def _totals(self: ShopStore, order: Order) -> None:
        items_total = order.line_items_total
        discounts = Decimal("0")
        for code in order.discount_codes:
            amount = Decimal(code["amount"])
            discounts += (items_total * amount / 100) if code["type"] == "percentage" else amount
        order.total_discounts = min(discounts, items_total).quantize(Decimal("0.01"))
        order.subtotal_price = items_total - order.total_discounts
        order.total_tax = sum((Decimal(t["price"]) for t in order.tax_lines), Decimal("0"))
        order.total_shipping = sum((Decimal(s["price"]) for s in order.shipping_lines), Decimal("0"))
        tax = Decimal("0") if order.taxes_included else order.total_tax
        order.total_price = order.subtotal_price + order.total_shipping + tax

    def _discount_codes(self: ShopStore, body: dict) -> list[dict]:
        codes = []
        for raw in parse.items(body, "discount_codes") or []:
            kind = raw.get("type", "fixed_amount")
            if kind not in ("fixed_amount", "percentage", "shipping"):
                raise invalid("discount_codes", "type is not included in the list")
            try:
                amount = money(raw.get("amount", "0"))
            except ValueError:
                raise invalid("discount_codes", "amount is invalid") from None
            codes.append({"code": parse.text(raw, "code") or "", "amount": fmt_money(amount), "type": kind})
        return codes

    def create_order(self: ShopStore, body: dict, checkout: object = None) -> Order:
        raw_items = parse.items(body, "line_items")
        if not raw_items:
            raise invalid("line_items", "can't be blank")
        line_items = [self._line_item(raw) for raw in raw_items]
        financial = body.get("financial_status") or self._financial_from_transactions(body)
        if financial not in FINANCIAL:
            raise invalid("financial_status", "is not included in the list")
        currency = (parse.text(body, "currency") or self.currency).upper()
        if not re.fullmatch(r"[A-Z]{3}", currency):
            raise invalid("currency", "is invalid")
        try:
            phone = normalize_phone(parse.text(body, "phone"))
        except ValueError:
            raise invalid("phone", "is invalid") from None
        processed_at = self.now()
        if body.get("processed_at"):
            try:
                processed_at = parse_time(str(body["processed_at"]))
            except ValueError:
                raise invalid("processed_at", "is invalid") from None
        email = parse.text(body, "email")
        tax_lines, shipping_lines = self._money_lines(body, "tax_lines"), self._money_lines(body, "shipping_lines")
        discount_codes = self._discount_codes(body)
        addresses = {key: normalize_address(value) for key in ("billing_address", "shipping_address")
                     if (value := parse.obj(body, key))}
        # Every other field is read (and refused) before the customer, whom an order may create.
        fields = dict(financial_status=financial, note=parse.text(body, "note"),
                      tags=tags_string(body.get("tags") if isinstance(body.get("tags"), str | list) else None),
                      source_name=parse.text(body, "source_name") or "web",
                      referring_site=parse.text(body, "referring_site") or None,
                      landing_site=parse.text(body, "landing_site") or None,
                      buyer_accepts_marketing=parse.flag(body, "buyer_accepts_marketing", False),
                      taxes_included=parse.flag(body, "taxes_included", False), test=parse.flag(body, "test", False),
                      tax_lines=tax_lines, shipping_lines=shipping_lines, discount_codes=discount_codes,
                      note_attributes=list(parse.items(body, "note_attributes") or []))
        customer_id = self._order_customer(body, email)
        if not email and customer_id is not None:
            email = self.customers[customer_id].email
        now = self.now()
        order = Order(self.ids.next("order"), next(self.order_numbers), uuid.uuid4().hex, now, now, processed_at,
                      line_items, currency=currency, email=email, phone=phone, customer_id=customer_id, **fields)
        for key, address in addresses.items():
            setattr(order, key, address)
        if checkout is not None:
            order.checkout_id, order.checkout_token = checkout.id, checkout.token  # type: ignore[attr-defined]
            order.cart_token = checkout.cart_token  # type: ignore[attr-defined]
        self._totals(order)
        self.orders[order.id] = order
        self._index_order(order)
        if body.get("fulfillment_status") == "fulfilled":
            self._fulfil(order, {}, emit=False)
        self.record_event("Order", order.id, "placed", order.name)
        self.emit("orders/create", self.order_json(order))
        if financial == "paid":
            self.emit("orders/paid", self.order_json(order))
        if order.fulfillment_status == "fulfilled":
            self.emit("orders/fulfilled", self.order_json(order))
        self.refresh_customer_stats(customer_id)
        return order

    @staticmethod
    def _financial_from_transactions(body: dict) -> str:
        """No ``financial_status``: derived from ``transactions`` as Shopify does; none means paid."""
        transactions = body.get("transactions")
        if not isinstance(transactions, list) or not transactions:
            return "paid"
        first = transactions[0] if isinstance(transactions[0], dict) else {}
        if first.get("status") == "pending":
            return "pending"
        return "authorized" if first.get("kind") == "authorization" else "paid"

    # -- lifecycle -------------------------------------------------------------------------------
    @all_or_nothing("order")
    def update_order(self: ShopStore, order_id: int, body: dict) -> Order:
        """Writable: email, phone, note, tags, note_attributes, buyer_accepts_marketing, addresses.
        ``financial_status`` is also accepted (a mock convenience: the real API uses transactions)."""
        order = self.order(order_id)
        if "email" in body:
            order.email = parse.text(body, "email")
        if "phone" in body:
            try:
                order.phone = normalize_phone(parse.text(body, "phone"))
            except ValueError:
                raise invalid("phone", "is invalid") from None
        if "note" in body:
            order.note = parse.text(body, "note")
        if "tags" in body:
            order.tags = tags_string(body["tags"] if isinstance(body["tags"], str | list) else None)
        if "note_attributes" in body:
            order.note_attributes = list(parse.items(body, "note_attributes") or [])
        order.buyer_accepts_marketing = parse.flag(body, "buyer_accepts_marketing", order.buyer_accepts_marketing)
        for key in ("billing_address", "shipping_address"):
            if key in body:
                value = parse.obj(body, key)
                setattr(order, key, normalize_address(value) if value else None)
        became_paid = False
        if body.get("financial_status") not in (None, order.financial_status):
            if body["financial_status"] not in FINANCIAL:
                raise invalid("financial_status", "is not included in the list")
            became_paid = body["financial_status"] == "paid"
            order.financial_status = body["financial_status"]
        order.updated_at = self.now()
        self.emit("orders/updated", self.order_json(order))
        if became_paid:
            self.emit("orders/paid", self.order_json(order))
        self.refresh_customer_stats(order.customer_id)
        return order

    def delete_order(self: ShopStore, order_id: int) -> None:
        order = self.order(order_id)
        del self.orders[order_id]
        self._unindex_order(order)
        self.record_event("Order", order.id, "destroy", order.name)
        self.emit("orders/delete", {"id": order.id})
        self.refresh_customer_stats(order.customer_id)

    @all_or_nothing("order")
    def cancel_order(self: ShopStore, order_id: int, body: dict) -> Order:
        order = self.order(order_id)
        if order.cancelled_at is not None:
            raise ShopifyError(422, {"base": ["Order has already been cancelled"]})
        reason = body.get("reason") or "other"
        if reason not in CANCEL_REASONS:
            raise invalid("reason", "is not included in the list")
        now = self.now()
        order.cancelled_at, order.cancel_reason, order.updated_at = now, reason, now
        if order.financial_status in ("pending", "authorized"):
            order.financial_status = "voided"
        elif body.get("refund") or body.get("amount"):
            order.financial_status = "refunded"
        self.record_event("Order", order.id, "cancelled", order.name)
        self.emit("orders/cancelled", self.order_json(order))
        self.emit("orders/updated", self.order_json(order))
        self.refresh_customer_stats(order.customer_id)
        return order

    def close_order(self: ShopStore, order_id: int, close: bool) -> Order:
        order = self.order(order_id)
        now = self.now()
        order.closed_at = now if close else None
        order.updated_at = now
        self.record_event("Order", order.id, "closed" if close else "re_opened", order.name)
        self.emit("orders/updated", self.order_json(order))
        return order

    def _fulfil(self: ShopStore, order: Order, body: dict, emit: bool = True) -> Fulfillment:
        if order.cancelled_at is not None:
            raise invalid("base", "Cannot fulfill a cancelled order")
        by_id = {li.id: li for li in order.line_items}
        wanted: list[tuple[object, int]] = []
        raw_items = parse.items(body, "line_items")
        if raw_items:
            for raw in raw_items:
                item = by_id.get(parse.record_id(raw, "line_items"))
                if item is None:
                    raise invalid("line_items", "is invalid")
                remaining = item.quantity - item.fulfilled_quantity
                quantity = parse.integer(raw, "quantity", remaining, minimum=1) or remaining
                if quantity > remaining or remaining == 0:
                    raise invalid("base", f"Line item {item.id} has only {remaining} unfulfilled")
                wanted.append((item, quantity))
        else:
            wanted = [(li, li.quantity - li.fulfilled_quantity) for li in order.line_items
                      if li.quantity > li.fulfilled_quantity]
        if not wanted:
            raise invalid("base", "All line items are already fulfilled")
        for item, quantity in wanted:
            item.fulfilled_quantity += quantity  # type: ignore[attr-defined]
            done = item.fulfilled_quantity == item.quantity  # type: ignore[attr-defined]
            item.fulfillment_status = "fulfilled" if done else "partial"  # type: ignore[attr-defined]
        complete = all(li.fulfilled_quantity == li.quantity for li in order.line_items)
        order.fulfillment_status = "fulfilled" if complete else "partial"
        now = self.now()
        fulfillment = Fulfillment(self.ids.next("fulfillment"), order.id,
                                  f"{order.name}.{len(order.fulfillments) + 1}", now, now,
                                  [li.to_dict(order.currency) for li, _ in wanted],  # type: ignore[attr-defined]
                                  tracking_company=parse.text(body, "tracking_company"),
                                  tracking_number=parse.text(body, "tracking_number"),
                                  tracking_url=parse.text(body, "tracking_url"))
        order.fulfillments.append(fulfillment)
        order.updated_at = now
        if emit:
            topic = "orders/fulfilled" if complete else "orders/partially_fulfilled"
            self.emit(topic, self.order_json(order))
            self.emit("orders/updated", self.order_json(order))
        return fulfillment

    def fulfil_order(self: ShopStore, order_id: int, body: dict) -> Fulfillment:
        return self._fulfil(self.order(order_id), body)

    def fulfillment(self: ShopStore, order_id: int, fulfillment_id: int) -> Fulfillment:
        found = next((f for f in self.order(order_id).fulfillments if f.id == fulfillment_id), None)
        if found is None:
            raise not_found()
        return found

    # -- listing ---------------------------------------------------------------------------------
    def filter_orders(self: ShopStore, orders: list[Order], filters: dict[str, str]) -> list[Order]:
        """``status`` (open by default), ``financial_status`` and ``fulfillment_status``."""
        keep = self.order_test(filters)
        return [order for order in orders if keep(order)]

    def order_test(self: ShopStore, filters: dict[str, str]) -> Callable[[Order], bool]:
        """The test of ``status``, ``financial_status`` and ``fulfillment_status`` (a bad value is a 400
        here, before any order is looked at)."""
        status = filters.get("status", "open")
        financial = filters.get("financial_status", "any")
        fulfillment = filters.get("fulfillment_status", "any")
        for name, value, allowed in (("status", status, ORDER_STATUSES),
                                     ("financial_status", financial, FINANCIAL_FILTERS),
                                     ("fulfillment_status", fulfillment, FULFILLMENT_FILTERS)):
            if value not in allowed:
                raise ShopifyError(400, {name: "Invalid value."})

        def keep(order: Order) -> bool:
            if status == "open" and (order.closed_at or order.cancelled_at):
                return False
            if status == "closed" and not order.closed_at:
                return False
            if status == "cancelled" and not order.cancelled_at:
                return False
            if financial == "unpaid" and order.financial_status not in ("pending", "authorized", "partially_paid"):
                return False
            if financial not in ("any", "unpaid") and order.financial_status != financial:
                return False
            state = order.fulfillment_status
            if fulfillment in ("shipped", "fulfilled") and state != "fulfilled":
                return False
            if fulfillment == "partial" and state != "partial":
                return False
            if fulfillment == "unshipped" and state is not None:
                return False
            return not (fulfillment == "unfulfilled" and state == "fulfilled")

        return keep
