"""The seeded store of the campaign: what a shop holds and how it changes (pure), and a small
retrying REST client the "shop owner" uses (faults are aimed at the connector, not at the seeding).

Both runs of a campaign send exactly the same requests in the same order, so the Shopify mock
assigns the same ids; only its random tokens differ (``compare.token_aliases`` handles those).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

import requests

from mocks.shopify.storefront_client import Storefront

API = "/admin/api/2026-10"
FIRST_NAMES = ("Ann", "Bob", "Cleo", "Dev", "Eve", "Finn", "Gia", "Hal", "Ivy", "Jon", "Kai", "Lea")
LAST_NAMES = ("Ng", "Olsen", "Park", "Quinn", "Rossi", "Silva", "Tan", "Ueda", "Vega", "Wu")
PRODUCTS = ("Mug", "Teapot", "Kettle", "Cup", "Saucer", "Tray", "Spoon", "Bowl", "Plate", "Jar", "Whisk",
            "Sieve", "Scale", "Timer", "Caddy", "Cosy", "Strainer", "Infuser", "Tin", "Board")


@dataclass(frozen=True)
class ShopPlan:
    """How big the seeded store is and how much changes between the import and the incremental pass."""

    customers: int = 12
    products: int = 6
    orders: int = 14
    checkouts: int = 4
    updates: int = 6        # customers renamed, orders paid/fulfilled/cancelled after the import
    new_orders: int = 4     # orders placed after the import
    deletions: int = 1      # products deleted after the import


class ShopOwner:
    """Sends the store's changes through the REST API, retrying faults and throttling on the clock."""

    def __init__(self, base_url: str, token: str, sleep: Callable[[float], None], attempts: int = 40,
                 shop: str = "harness-shop") -> None:
        self.base_url, self.sleep, self.attempts = base_url.rstrip("/"), sleep, attempts
        self.shopper = Storefront.over_http(self.base_url, shop)  # checkouts come from shoppers
        self.session = requests.Session()
        self.session.headers.update({"X-Shopify-Access-Token": token})
        self.retried = 0

    def call(self, method: str, path: str, body: dict | None = None) -> dict:
        """One call, repeated through injected 429/5xx/drops (these happen before the mock acts)."""
        for _ in range(self.attempts):
            try:
                response = self.session.request(method, self.base_url + API + path, json=body, timeout=30)
            except requests.ConnectionError:
                self.retried += 1
                continue
            if response.status_code == 429 or response.status_code >= 500:
                self.retried += 1
                self.sleep(float(response.headers.get("Retry-After") or 1))   # the simulated clock moves
                continue
            if response.status_code >= 400:
                raise AssertionError(f"seeding {method} {path} -> {response.status_code}: {response.text[:300]}")
            return response.json() if response.content else {}
        raise AssertionError(f"seeding {method} {path}: still failing after {self.attempts} attempts")

    def close(self) -> None:
        self.session.close()


def _email(i: int) -> str:
    return f"{FIRST_NAMES[i % len(FIRST_NAMES)].lower()}.{i}@chaos.example"


def seed(owner: ShopOwner, plan: ShopPlan, rng: random.Random) -> dict[str, list[int]]:
    """Create the initial store; returns the ids made, by kind."""
    made: dict[str, list[int]] = {"customers": [], "variants": [], "products": [], "orders": []}
    for i in range(plan.customers):
        body = {"customer": {"first_name": FIRST_NAMES[i % len(FIRST_NAMES)],
                             "last_name": LAST_NAMES[i % len(LAST_NAMES)], "email": _email(i),
                             "accepts_marketing": i % 3 == 0}}
        made["customers"].append(owner.call("POST", "/customers.json", body)["customer"]["id"])
    for i in range(plan.products):
        body = {"product": {"title": f"{PRODUCTS[i % len(PRODUCTS)]} {i}", "vendor": "Chaos Co",
                            "variants": [{"price": f"{5 + i}.50", "sku": f"SKU-{i}"}]}}
        product = owner.call("POST", "/products.json", body)["product"]
        made["products"].append(product["id"])
        made["variants"].append(product["variants"][0]["id"])
    for _ in range(plan.orders):
        made["orders"].append(_order(owner, made, rng))
    for i in range(plan.checkouts):
        body = {"checkout": {"email": _email(1000 + i),
                             "line_items": [{"variant_id": rng.choice(made["variants"]), "quantity": 1}]}}
        owner.shopper.start_checkout(body["checkout"])
    return made


def _order(owner: ShopOwner, made: dict[str, list[int]], rng: random.Random, avoid: int = 0) -> int:
    """An order of 1-3 variants; ``avoid`` leaves out the last variants (products about to be deleted)."""
    variants = made["variants"][:len(made["variants"]) - avoid] if avoid else made["variants"]
    lines = [{"variant_id": v, "quantity": rng.randint(1, 3)}
             for v in rng.sample(variants, k=min(len(variants), rng.randint(1, 3)))]
    body = {"order": {"customer": {"id": rng.choice(made["customers"])}, "line_items": lines,
                      "financial_status": rng.choice(["paid", "pending", "paid"])}}
    return owner.call("POST", "/orders.json", body)["order"]["id"]


def change(owner: ShopOwner, plan: ShopPlan, made: dict[str, list[int]], rng: random.Random) -> None:
    """What happens in the shop between the import and the incremental pass."""
    for customer_id in rng.sample(made["customers"], k=min(plan.updates, len(made["customers"]))):
        owner.call("PUT", f"/customers/{customer_id}.json",
                   {"customer": {"id": customer_id, "last_name": f"Changed{customer_id % 97}"}})
    for order_id in rng.sample(made["orders"], k=min(plan.updates, len(made["orders"]))):
        action = rng.choice(["fulfil", "cancel", "note"])
        if action == "fulfil":
            owner.call("POST", f"/orders/{order_id}/fulfillments.json", {"fulfillment": {}})
        elif action == "cancel":
            owner.call("POST", f"/orders/{order_id}/cancel.json", {})
        else:
            owner.call("PUT", f"/orders/{order_id}.json", {"order": {"id": order_id, "note": "gift wrap"}})
    # New orders leave out the products deleted next: whether such a line item keeps hs_product_id
    # depends on which of the two the connector hears of first, a race the campaign does not judge.
    for _ in range(plan.new_orders):
        made["orders"].append(_order(owner, made, rng, avoid=plan.deletions))
    for product_id in made["products"][-plan.deletions:] if plan.deletions else []:
        owner.call("DELETE", f"/products/{product_id}.json")
