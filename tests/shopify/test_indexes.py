"""The shop's indexes: lookups by email, phone, token and a customer's orders never scan the shop.

No timing: the record dicts are swapped for ones that count every record a loop over them yields,
so a regression to an O(n) scan in a create/update/delete path fails here, whatever the machine.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from mocks.core import Clock
from mocks.shopify import DEFAULT_SHOP, ShopifyConfig, create_app
from mocks.shopify.errors import ShopifyError

from .conftest import START

CUSTOMERS = 2_000
SCANNED = ("customers", "orders", "checkouts", "products")


class CountingDict(dict):
    """A dict that counts the records any loop over it (keys, values, items) yields."""

    touched = 0

    def _count(self, it: Iterator) -> Iterator:
        for item in it:
            CountingDict.touched += 1
            yield item

    def __iter__(self) -> Iterator:
        return self._count(super().__iter__())

    def keys(self):  # noqa: ANN201
        return list(self._count(super().keys()))

    def values(self):  # noqa: ANN201
        return list(self._count(super().values()))

    def items(self):  # noqa: ANN201
        return list(self._count(super().items()))


@pytest.fixture()
def shop():  # noqa: ANN201
    app = create_app(ShopifyConfig(clock=Clock.simulated(START), rate_limit=False))
    store = app.extensions["store"]
    with store.lock:
        shop = store.shop(DEFAULT_SHOP)
        product = shop.create_product({"title": "Mug", "variants": [{"price": "10.00"}]})
        for i in range(CUSTOMERS):
            phone = f"+1415555{i:04d}" if i % 2 else None
            shop.create_customer({"email": f"Person{i}@Example.com", "first_name": "P", "phone": phone}, emit=False)
        first = next(iter(shop.customers.values()))
        for _ in range(3):
            shop.create_order({"customer": {"id": first.id}, "line_items": [{"variant_id": product.variants[0].id}]})
        shop.create_checkout({"email": first.email, "line_items": [{"variant_id": product.variants[0].id}]},
                             "http://mock")
        shop.mug_variant = product.variants[0].id  # type: ignore[attr-defined]
        yield shop


def rebuilt(shop) -> dict:  # noqa: ANN001
    """Every index recomputed from the records (what the maintained ones must equal)."""
    by_customer: dict = {}
    by_product: dict = {}
    for order in dict.values(shop.orders):
        if order.customer_id is not None:
            by_customer.setdefault(order.customer_id, {})[order.id] = order
        for item in order.line_items:
            if item.product_id is not None:
                by_product.setdefault(item.product_id, {})[order.id] = order
    checkouts_by_customer: dict = {}
    for checkout in dict.values(shop.checkouts):
        if checkout.customer_id is not None:
            checkouts_by_customer.setdefault(checkout.customer_id, {})[checkout.id] = checkout
    customers = list(dict.values(shop.customers))
    products = list(dict.values(shop.products))
    return {
        "customers_by_email": {c.email.lower(): c for c in customers if c.email},
        "customers_by_phone": {c.phone: c for c in customers if c.phone},
        "orders_by_customer": by_customer,
        "orders_by_product": {k: v for k, v in by_product.items() if k in shop.products},
        "checkouts_by_token": {c.token: c for c in dict.values(shop.checkouts)},
        "checkouts_by_customer": checkouts_by_customer,
        "products_by_handle": {p.handle: p.id for p in products},
        "product_by_variant": {v.id: p.id for p in products for v in p.variants},
    }


def assert_consistent(shop) -> None:  # noqa: ANN001
    for name, expected in rebuilt(shop).items():
        assert getattr(shop, name) == expected, name


def counting(shop) -> None:  # noqa: ANN001
    for name in SCANNED:
        setattr(shop, name, CountingDict(getattr(shop, name)))
    CountingDict.touched = 0


def test_creates_updates_and_deletes_touch_no_other_record(shop) -> None:  # noqa: ANN001
    counting(shop)
    existing = shop.find_customer_by_email("PERSON1999@example.com ")
    assert existing is not None and existing.email == "person1999@example.com"

    made = shop.create_customer({"email": "New@Example.com", "phone": "+14155559999"})
    for body, field in (({"email": "person7@EXAMPLE.com"}, "email"), ({"phone": "+14155550007"}, "phone")):
        with pytest.raises(ShopifyError) as error:
            shop.create_customer({"first_name": "Dup", **body})
        assert field in error.value.errors
    shop.update_customer(made.id, {"email": "renamed@example.com", "phone": "4155559998"})
    by_email = shop.create_order({"email": "RENAMED@example.com", "line_items": [{"variant_id": shop.mug_variant}]})
    by_id = shop.create_order({"customer": {"id": existing.id}, "line_items": [{"title": "Gift", "price": "5"}]})
    guest = shop.create_order({"email": "someone@new.example", "line_items": [{"title": "Gift", "price": "5"}]})
    assert by_email.customer_id == made.id and by_id.customer_id == existing.id
    shop.cancel_order(by_id.id, {})
    shop.delete_order(by_id.id)
    lone = shop.create_customer({"email": "lone@example.com"})
    checkout = shop.create_checkout({"email": "LONE@example.com", "line_items": [{"variant_id": shop.mug_variant}]},
                                    "http://mock")
    assert shop.checkout(checkout.token) is shop.checkout(str(checkout.id)) is checkout
    shop.update_checkout(checkout.token, {"note": "hi"})
    shop.delete_customer(lone.id)
    assert checkout.customer_id is None
    shop.complete_checkout(str(checkout.id))
    shop.create_product({"title": "Mug"})  # a taken handle: "mug-1"

    assert CountingDict.touched == 0, f"{CountingDict.touched} records scanned for single-record operations"
    assert shop.customers[made.id].orders_count == 1 and existing.orders_count == 0
    assert shop.customers[guest.customer_id].email == "someone@new.example"
    assert_consistent(shop)


def test_indexes_follow_create_update_and_delete(shop) -> None:  # noqa: ANN001
    assert_consistent(shop)
    first = next(iter(shop.customers.values()))
    customer = shop.create_customer({"email": "Old@Example.com", "phone": "+14155558888"})
    assert shop.find_customer_by_email("old@example.COM") is customer
    shop.update_customer(customer.id, {"email": "New@Example.com", "phone": None})
    assert shop.find_customer_by_email("old@example.com") is None
    assert shop.find_customer_by_email("new@example.com") is customer
    assert shop.find_customer_by_phone("+14155558888") is None
    # the freed email and phone can be taken again; the renamed one cannot
    other = shop.create_customer({"email": "old@example.com", "phone": "+14155558888"})
    with pytest.raises(ShopifyError):
        shop.update_customer(other.id, {"email": "NEW@example.com"})
    assert_consistent(shop)

    order = shop.create_order({"customer": {"id": customer.id}, "line_items": [{"variant_id": shop.mug_variant}]})
    assert [o.id for o in shop.customer_orders(customer.id)] == [order.id]
    assert (customer.orders_count, customer.last_order_id) == (1, order.id)
    with pytest.raises(ShopifyError):
        shop.delete_customer(customer.id)
    shop.delete_order(order.id)
    assert (customer.orders_count, customer.last_order_id) == (0, None)
    shop.delete_customer(customer.id)
    assert shop.find_customer_by_email("new@example.com") is None
    assert len(shop.customer_orders(first.id)) == 3 and first.orders_count == 3
    assert_consistent(shop)

    product_id = next(iter(shop.products))
    shop.update_product(product_id, {"handle": "cup", "variants": [{"price": "2.00"}, {"option1": "Big"}]})
    assert shop.find_variant(shop.mug_variant) is None
    assert_consistent(shop)
    shop.delete_product(product_id)
    assert all(not li.product_exists for o in shop.orders.values() for li in o.line_items)
    assert_consistent(shop)
    checkout = next(iter(shop.checkouts.values()))
    shop.delete_checkout(checkout.token)
    with pytest.raises(ShopifyError):
        shop.checkout(checkout.token)
    assert_consistent(shop)
