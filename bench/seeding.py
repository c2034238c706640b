"""Seed the Shopify mock's default shop in-process, fast: seeding is set-up, not what is measured.

The bench holds the mock app in its own process, so it calls the shop's store methods directly
(``create_product``, ``create_customer``, ``create_order``, ``create_checkout``): every record goes
through the mock's own validation and JSON shapes, exactly as a ``POST`` would, without HTTP.

Two store methods scan the whole shop on every call (``find_customer_by_email`` over customers and
``refresh_customer_stats`` over orders), which makes seeding quadratic: 10k customers with 20k orders
took over 70 s. For the duration of seeding only, the bench shadows both on the shop instance — an
email index, and customer statistics refreshed once per customer at the end with the mock's own
method over that customer's orders — then removes the shadows. The store is left as the public API
would have left it.
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


def _refresh_stats(shop: object) -> None:
    """The mock's own ``refresh_customer_stats``, given each customer's orders only."""
    all_orders = shop.orders
    by_customer: dict[int, dict] = {}
    for order_id, order in all_orders.items():
        by_customer.setdefault(order.customer_id, {})[order_id] = order
    refresh = type(shop).refresh_customer_stats
    try:
        for customer_id, orders in by_customer.items():
            shop.orders = orders
            refresh(shop, customer_id, emit=False)
    finally:
        shop.orders = all_orders


def seed_shop(app: object, customers: int, seed: int = SEED) -> SeedCounts:
    """Fill the default shop of a Shopify mock ``app`` (created by this process) with a store of
    ``customers`` customers, 2 orders each (1-3 lines), 200 products and 10 % abandoned checkouts."""
    from mocks.shopify import DEFAULT_SHOP

    store = app.extensions["store"]  # type: ignore[attr-defined]
    rng = random.Random(seed)
    with store.lock:
        shop = store.shop(DEFAULT_SHOP)
        index: dict[str, object] = {}

        def find_by_email(email: str) -> object:
            return index.get(email.strip().lower())

        original_create = shop.create_customer

        def create_and_index(body: dict, emit: bool = True) -> object:
            customer = original_create(body, emit=emit)
            if customer.email:
                index[customer.email.lower()] = customer
            return customer

        shop.find_customer_by_email = find_by_email
        shop.create_customer = create_and_index
        shop.refresh_customer_stats = lambda customer_id, emit=True: None
        try:
            counts = _seed_records(shop, customers, rng)
        finally:
            for name in ("find_customer_by_email", "create_customer", "refresh_customer_stats"):
                vars(shop).pop(name, None)
        _refresh_stats(shop)
    return counts
