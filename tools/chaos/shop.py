"""The seeded store of the campaign: what a shop holds and how it changes (pure), and a small
retrying REST client the "shop owner" uses (faults are aimed at the connector, not at the seeding).

Both runs of a campaign send exactly the same requests in the same order, so the Shopify mock
assigns the same ids; only its random tokens differ (``compare.token_aliases`` handles those).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from connector.clients.http import HttpCore, RetryPolicy
from connector.errors import ApiError
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
    churn: int = 0          # per kind: records created, edited and deleted after the import (--webhook-faults)


class SeedingFailed(ApiError):
    """The shop owner's call failed for good (the campaign stops: faults target the connector)."""


class ShopOwner:
    """Sends the store's changes through the REST API on the shared HTTP core: injected 429/5xx/drops
    are retried (they happen before the mock acts), each wait (Retry-After, else 1 s) on the simulated
    clock through ``sleep``, at most ``attempts`` times."""

    def __init__(self, base_url: str, token: str, sleep: Callable[[float], None], attempts: int = 40,
                 shop: str = "harness-shop") -> None:
        self.base_url = base_url.rstrip("/")
        self.shopper = Storefront.over_http(self.base_url, shop)  # checkouts come from shoppers
        policy = RetryPolicy(max_attempts=attempts, base_delay=1.0, max_delay=1.0, jitter=0.0)
        self.http = HttpCore(self.base_url + API, {"X-Shopify-Access-Token": token}, error_cls=SeedingFailed,
                             sleep=sleep, timeout=30, policy=policy, check_body=False)

    @property
    def retried(self) -> int:
        """Calls repeated after a fault or a 429."""
        return sum(self.http.stats.retries.values())

    def call(self, method: str, path: str, body: dict | None = None) -> dict:
        """One call, repeated through injected 429/5xx/drops; SeedingFailed if it still fails."""
        response = self.http.send(method, path, json=body)
        return response.json() if response.content else {}

    def close(self) -> None:
        self.http.session.close()


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


def churn(owner: ShopOwner, plan: ShopPlan, made: dict[str, list[int]], rng: random.Random
          ) -> tuple[dict[str, int], set[str]]:
    """Short lives after the import, every step of which is a webhook the faulty run delays, reorders,
    duplicates or drops (``--webhook-faults``): per unit of ``plan.churn``, a product, an order and a
    customer created, edited twice (at one clock instant: the same whole-second ``updated_at``) and
    deleted; every other deleted product re-created under the same title (a new id: it stays). A live
    customer is also edited twice at one instant. Returns how many records of each kind went through,
    and the ids of the deleted orders and products."""
    counts = {"products": 0, "orders": 0, "customers": 0, "recreated": 0}
    deleted: set[str] = set()
    live = made["variants"][:len(made["variants"]) - plan.deletions] if plan.deletions else made["variants"]
    for i in range(plan.churn):
        body = {"product": {"title": f"Churn {PRODUCTS[i % len(PRODUCTS)]} {i}", "vendor": "Chaos Co",
                            "variants": [{"price": f"{3 + i}.25", "sku": f"CHURN-{i}"}]}}
        product = owner.call("POST", "/products.json", body)["product"]
        for text in ("first edit", "second edit"):
            owner.call("PUT", f"/products/{product['id']}.json", {"product": {"id": product["id"], "body_html": text}})
        owner.call("DELETE", f"/products/{product['id']}.json")
        deleted.add(str(product["id"]))
        counts["products"] += 1
        if i % 2 == 0:
            again = owner.call("POST", "/products.json", body)["product"]
            made["products"].append(again["id"])
            counts["recreated"] += 1
        lines = [{"variant_id": rng.choice(live), "quantity": rng.randint(1, 3)}]
        order = owner.call("POST", "/orders.json", {"order": {"customer": {"id": rng.choice(made["customers"])},
                                                               "line_items": lines, "financial_status": "paid"}})
        order_id = order["order"]["id"]
        for note in ("first note", "second note"):
            owner.call("PUT", f"/orders/{order_id}.json", {"order": {"id": order_id, "note": note}})
        owner.call("DELETE", f"/orders/{order_id}.json")
        deleted.add(str(order_id))
        counts["orders"] += 1
        customer = owner.call("POST", "/customers.json", {"customer": {
            "first_name": "Brief", "last_name": f"Churn{i}", "email": f"churn.{i}@chaos.example"}})["customer"]
        for name in ("Once", "Twice"):
            owner.call("PUT", f"/customers/{customer['id']}.json", {"customer": {"id": customer["id"], "first_name": name}})
        owner.call("DELETE", f"/customers/{customer['id']}.json")   # C4: its contact stays, as last edited
        counts["customers"] += 1
    if plan.churn:
        kept = made["customers"][0]
        for name in ("Edited", "Re-edited"):
            owner.call("PUT", f"/customers/{kept}.json", {"customer": {"id": kept, "first_name": name}})
    return counts, deleted
