"""Seed the Shopify mock's default shop in-process, fast: seeding is set-up, not what is measured.

The bench holds the mock app in its own process, so it calls the shop's store methods directly
(``create_product``, ``create_customer``, ``create_order``, ``create_checkout``): every record goes
through the mock's own validation and JSON shapes, exactly as a ``POST`` would, without HTTP.

Lookups by email and a customer's statistics use the shop's indexes (customers by email, orders
by customer), so each create costs the same whatever the store's size: 10k customers with 20k
orders seed in a few seconds.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

PRODUCTS = 200
ORDERS_PER_CUSTOMER = 2
ABANDONED_SHARE = 0.10
SEED = 20240601


@dataclass(frozen=True)
class SeedCounts:
    """What a seeded shop holds."""

    customers: int
    orders: int
    products: int
    abandoned_checkouts: int
    order_lines: int

    @property
    def records(self) -> int:
        """Customers + orders + products + abandoned checkouts: the records an import must carry."""
        return self.customers + self.orders + self.products + self.abandoned_checkouts

    def to_dict(self) -> dict:
        return {"customers": self.customers, "orders": self.orders, "products": self.products,
                "abandoned_checkouts": self.abandoned_checkouts, "order_lines": self.order_lines,
                "records": self.records}


def _lines(rng: random.Random, variants: list[int]) -> list[dict]:
    return [{"variant_id": v, "quantity": rng.randint(1, 3)} for v in rng.sample(variants, rng.randint(1, 3))]


def _seed_records(shop: object, customers: int, rng: random.Random) -> SeedCounts:
    products = [shop.create_product({"title": f"Bench product {i:03d}", "product_type": "Bench",
                                     "variants": [{"price": f"{5 + i % 95}.00", "sku": f"BENCH-{i:03d}"}]})
                for i in range(PRODUCTS)]
    variants = [p.variants[0].id for p in products]
    ids = []
    for i in range(customers):
        body = {"email": f"customer{i:06d}@bench.example", "first_name": f"First{i}", "last_name": "Bench",
                "accepts_marketing": i % 2 == 0}
        ids.append(shop.create_customer(body, emit=False).id)
    lines = 0
    for customer_id in ids:
        for _ in range(ORDERS_PER_CUSTOMER):
            order_lines = _lines(rng, variants)
            lines += len(order_lines)
            shop.create_order({"customer": {"id": customer_id}, "line_items": order_lines,
                               "financial_status": "paid"})
    abandoned = int(customers * ABANDONED_SHARE)
    for i in range(abandoned):
        shop.create_checkout({"email": f"customer{i * 10 % customers:06d}@bench.example",
                              "line_items": _lines(rng, variants)}, "https://harness-shop.myshopify.com")
    return SeedCounts(customers, customers * ORDERS_PER_CUSTOMER, PRODUCTS, abandoned, lines)


def seed_shop(app: object, customers: int, seed: int = SEED) -> SeedCounts:
    """Fill the default shop of a Shopify mock ``app`` (created by this process) with a store of
    ``customers`` customers, 2 orders each (1-3 lines), 200 products and 10 % abandoned checkouts."""
    from mocks.shopify import DEFAULT_SHOP

    store = app.extensions["store"]  # type: ignore[attr-defined]
    rng = random.Random(seed)
    with store.lock:
        return _seed_records(store.shop(DEFAULT_SHOP), customers, rng)
