"""The two-way fault campaign (issue #16): a data-sync store synced twice — cleanly, then under faults
on both mocks (429/5xx/slow/dropped calls, duplicated/delayed/reordered/dropped Shopify webhooks) with
the connector killed after random HubSpot *and* Shopify writes — while people edit on both sides
(HubSpot renames, Shopify renames, the same field on both sides, contacts and products made in HubSpot).

Both runs must end equal field by field, on both sides, and in each run the two sides must agree; and
after a quiet period (passes with nothing changed, faults off) neither mock may receive a write.
"""

from __future__ import annotations

import random
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from connector.clients.http import RetryPolicy
from connector.clients.hubspot import HubSpotClient
from connector.config import ConnectorConfig, StoreConfig
from connector.sync import Connector
from tools.chaos.campaign import HUBSPOT_429, SHOPIFY_429, FaultPlan, request_rules, webhook_rules
from tools.chaos.shop import ShopOwner
from tools.chaos.world import (
    HUBSPOT_SECRET,
    HUBSPOT_TOKEN,
    SHOPIFY_TOKEN,
    START,
    STORE_ID,
    WEBHOOK_BASE,
    WEBHOOK_SECRET,
    ChaosWorld,
)

MAX_PASSES = 30
DELIVERY_ROUNDS = 24
EDIT_AT = START + timedelta(days=1)     # both runs edit at the same simulated times
END = START + timedelta(days=7)
QUIET_PASSES = 3
NAMES = ("Ann", "Bob", "Cleo", "Dev", "Eve", "Finn", "Gia", "Hal", "Ivy", "Jon", "Kai", "Lea")


@dataclass(frozen=True)
class TwoWayPlan:
    """The store and the edits made on each side after the import."""

    customers: int = 10
    products: int = 3
    hubspot_edits: int = 3     # contacts renamed in HubSpot
    shopify_edits: int = 3     # customers renamed in Shopify
    both_edits: int = 2        # the same field renamed in HubSpot, then (5 minutes later) in Shopify
    hubspot_contacts: int = 2  # contacts made in HubSpot
    hubspot_products: int = 2  # products made in HubSpot


@dataclass
class TwoWayOutcome:
    """One run's end state on both sides, what the quiet period wrote, and what it went through."""

    state: dict
    quiet_writes: list[str]
    crashes: Counter = field(default_factory=Counter)
    fault_counts: Counter = field(default_factory=Counter)
    gave_up: int = 0


class TwoWayWorld(ChaosWorld):
    """The chaos world with a data-sync connector."""

    def _make_connector(self) -> Connector:
        config = ConnectorConfig(
            hubspot_url=self.hubspot_url, hubspot_token=HUBSPOT_TOKEN, mode="data-sync",
            stores=[StoreConfig(store_id=STORE_ID, shopify_url=self.shopify_url, shopify_token=SHOPIFY_TOKEN,
                                webhook_secret=WEBHOOK_SECRET)],
            state_path=self.state_path, webhook_base_url=WEBHOOK_BASE, hubspot_client_secret=HUBSPOT_SECRET)
        return Connector(config, clock=self.clock, sleep=self.sleep, seed=self.rng.randrange(1 << 30))


class _Driver:
    def __init__(self, world: TwoWayWorld, faults: FaultPlan | None) -> None:
        self.world, self.faults = world, faults
        self.rng = random.Random(faults.seed if faults else 0)
        self.crashes_left = faults.crashes if faults else 0
        self.crashes: Counter = Counter()   # "<phase> after <hubspot|shopify> write" -> kills
        self.armed = ""
        self.gave_up = 0

    def arm(self) -> None:
        """While crashes are left: die after a random HubSpot write, or a random Shopify write."""
        if not self.crashes_left:
            return
        connector, n = self.world.crew.connector, self.rng.randint(1, self.faults.max_writes_before_crash)
        self.armed = "hubspot write" if self.rng.random() < 0.5 else "shopify write"
        if self.armed == "hubspot write":
            connector.arm_crash(n)
        else:
            connector.arm_shopify_crash(n)

    def disarm(self) -> None:
        self.world.crew.connector.arm_crash(10**9)
        self.world.crew.connector.arm_shopify_crash(10**9)

    def _crashed(self, where: str, before: int) -> None:
        fired = self.world.crew.stats.crashes - before
        if fired:
            self.crashes[f"{where} after {self.armed}"] += fired
        self.crashes_left = max(0, self.crashes_left - fired)

    def sync(self, where: str, crash: bool = True) -> None:
        def disarm(before: int) -> None:
            self._crashed(where, before)
            self.disarm()

        self.gave_up += self.world.crew.sync_until_complete(self.arm if crash else lambda: None, disarm,
                                                            MAX_PASSES)

    def deliver(self, rounds: int = DELIVERY_ROUNDS) -> None:
        for _ in range(rounds):
            before = self.world.crew.stats.crashes
            self.arm()
            self.world.admin_call("shopify", "POST", "/webhooks/deliver")
            self._crashed("webhooks", before)
            self.disarm()
            self.world.clock.advance(900)


def _email(i: int) -> str:
    return f"{NAMES[i % len(NAMES)].lower()}.{i}@twoway.example"


def _edit(world: TwoWayWorld, owner: ShopOwner, hub: HubSpotClient, plan: TwoWayPlan, customers: list[int]) -> None:
    """The people's edits, at fixed simulated times (identical in both runs)."""
    world.clock.set(max(world.clock.now(), EDIT_AT))
    contacts = {r["properties"]["email"]: r["id"] for r in hub.list_all("contacts", properties=["email"])}
    n_h, n_s, n_b = plan.hubspot_edits, plan.shopify_edits, plan.both_edits
    hub_side = list(range(0, n_h)) + list(range(n_h + n_s, n_h + n_s + n_b))
    hub.batch("contacts", "update", [{"id": contacts[_email(i)], "properties": {"firstname": f"Hub{i}"}}
                                     for i in hub_side])
    for i in range(plan.hubspot_contacts):
        hub.batch("contacts", "create", [{"properties": {"email": f"made.{i}@hubspot.example",
                                                         "firstname": f"Made{i}", "lastname": "InHubSpot"}}])
    for i in range(plan.hubspot_products):
        hub.batch("products", "create", [{"properties": {"name": f"Hub product {i}", "description": f"From HubSpot {i}"}}])
    world.clock.advance(300)
    for i in range(n_h, n_h + n_s + n_b):                  # the shopify-only ones, then the both-sides ones
        owner.call("PUT", f"/customers/{customers[i]}.json", {"customer": {"first_name": f"Shop{i}"}})


def snapshot(world: TwoWayWorld, hub: HubSpotClient, owner: ShopOwner) -> dict:
    """What both sides hold, by natural key: contacts and customers by email, products by name/title."""
    customers = owner.call("GET", "/customers.json?limit=250")["customers"]
    products = owner.call("GET", "/products.json?limit=250")["products"]
    return {
        "hubspot contacts": {r["properties"]["email"]: {k: r["properties"].get(k) for k in ("firstname", "lastname")}
                             for r in hub.list_all("contacts", properties=["email", "firstname", "lastname"])},
        "shopify customers": {c["email"]: {"firstname": c.get("first_name"), "lastname": c.get("last_name")}
                              for c in customers},
        "hubspot products": sorted(r["properties"].get("name") or "" for r in hub.list_all("products",
                                                                                              properties=["name"])),
        "shopify products": sorted(p["title"] for p in products),
    }


def _writes(world: TwoWayWorld) -> list[str]:
    out = []
    for side in ("shopify", "hubspot"):
        for e in world.admin_call(side, "GET", "/requests")["requests"]:
            path, method = e["path"], e["method"]
            if method == "GET" or path.startswith("/__admin") or path.endswith(("/search", "/batch/read")):
                continue
            if path.endswith("graphql.json") and "mutation" not in (e.get("body") or ""):
                continue
            out.append(f"{side} {method} {path}")
    return out


def run_once(plan: TwoWayPlan, faults: FaultPlan | None, state_dir: Path) -> TwoWayOutcome:
    with TwoWayWorld(state_dir, seed=faults.seed if faults else 0) as world:
        owner = ShopOwner(world.shopify_url, SHOPIFY_TOKEN, world.sleep)
        hub = HubSpotClient(world.hubspot_url, HUBSPOT_TOKEN, sleep=world.sleep,
                            policy=RetryPolicy(max_attempts=40, base_delay=0.5, max_delay=2.0))
        driver = _Driver(world, faults)
        customers = [owner.call("POST", "/customers.json", {"customer": {
            "first_name": NAMES[i % len(NAMES)], "last_name": f"Seed{i}", "email": _email(i)}})["customer"]["id"]
            for i in range(plan.customers)]
        for i in range(plan.products):
            owner.call("POST", "/products.json", {"product": {"title": f"Shop product {i}", "body_html": f"Seed {i}",
                                                             "variants": [{"price": f"{5 + i}.00"}]}})
        if faults:
            world.admin_call("shopify", "POST", "/faults",
                             {"rules": request_rules(faults, "/admin/api/*", SHOPIFY_429, faults.seed)
                              + webhook_rules(faults)})
            world.admin_call("hubspot", "POST", "/faults",
                             {"rules": request_rules(faults, "/crm/*", HUBSPOT_429, faults.seed + 1)})
        driver.sync("import")
        _edit(world, owner, hub, plan, customers)
        driver.deliver()
        driver.sync("incremental")
        driver.deliver(4)
        driver.sync("incremental")
        counts: Counter = Counter()
        for mock in ("shopify", "hubspot"):
            for key, value in world.admin_call(mock, "GET", "/faults").get("counts", {}).items():
                counts[f"{mock} {key}"] += value
            world.admin_call(mock, "DELETE", "/faults")
        world.clock.set(max(world.clock.now(), END))
        world.admin_call("shopify", "POST", "/webhooks/deliver")
        for _ in range(2):                                  # at the common end time, faults off, no crash
            driver.sync("catch-up", crash=False)
            world.clock.advance(600)
            world.admin_call("shopify", "POST", "/webhooks/deliver")
        world.admin_call("shopify", "DELETE", "/requests")
        world.admin_call("hubspot", "DELETE", "/requests")
        for _ in range(QUIET_PASSES):                      # the quiet period: nothing changes anywhere
            world.clock.advance(600)
            world.admin_call("shopify", "POST", "/webhooks/deliver")
            driver.sync("quiet", crash=False)
        quiet = _writes(world)
        state = snapshot(world, hub, owner)
        owner.close()
    return TwoWayOutcome(state, quiet, driver.crashes, counts, driver.gave_up)


def differences(expected: dict, actual: dict) -> list[str]:
    """Field-by-field differences between two snapshots."""
    out = []
    for part in expected:
        want, got = expected[part], actual.get(part)
        if isinstance(want, dict):
            for key in sorted(set(want) | set(got or {})):
                if (want.get(key)) != (got or {}).get(key):
                    out.append(f"{part} {key}: expected {want.get(key)!r}, got {(got or {}).get(key)!r}")
        elif want != got:
            out.append(f"{part}: expected {want!r}, got {got!r}")
    return out


def sides_disagree(state: dict) -> list[str]:
    """Within one run: every customer's names equal its contact's (the two sides agree)."""
    contacts = state["hubspot contacts"]
    return [f"{email}: Shopify {names!r} vs HubSpot {contacts.get(email)!r}"
            for email, names in state["shopify customers"].items() if contacts.get(email) != names]


def run_twoway_campaign(plan: TwoWayPlan, faults: FaultPlan) -> tuple[TwoWayOutcome, TwoWayOutcome, list[str]]:
    """The fault-free run, the faulty run, and their differences (must be none)."""
    with tempfile.TemporaryDirectory(prefix="shophub-chaos-2way-") as tmp:
        clean_dir, faulty_dir = Path(tmp, "clean"), Path(tmp, "faulty")
        clean_dir.mkdir()
        faulty_dir.mkdir()
        clean = run_once(plan, None, clean_dir)
        faulty = run_once(plan, faults, faulty_dir)
    return clean, faulty, differences(clean.state, faulty.state)
