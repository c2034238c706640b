"""The fault campaign: the same seeded store synced twice, once cleanly and once under faults, and
the two HubSpot end states compared record by record.

Under faults the mocks answer 429 / 5xx, answer slowly and drop connections at seeded rates; the
Shopify outbox duplicates, delays, reorders and drops webhooks; and the connector is killed right
after a random HubSpot write and restarted on the same state file, several times. Both runs end
at the same clock time with a final incremental pass, so timers and polling have caught up.
"""

from __future__ import annotations

import random
import re
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from tools.chaos import hostile
from tools.chaos.compare import Difference, apply_aliases, compare, snapshot, token_aliases
from tools.chaos.shop import ShopOwner, ShopPlan, change, churn, seed
from tools.chaos.world import SHOPIFY_TOKEN, START, ChaosWorld

SHOPIFY_429 = {"errors": "Exceeded 2 calls per second for api client. Reduce request rates to resume "
                         "uninterrupted service."}
HUBSPOT_429 = {"status": "error", "message": "You have reached your secondly limit.", "errorType": "RATE_LIMIT",
               "correlationId": "00000000-0000-4000-8000-000000000000", "policyName": "SECONDLY",
               "category": "RATE_LIMITS"}
MAX_PASSES = 30
DELIVERY_ROUNDS = 24          # x 15 simulated minutes: past Shopify's 4-hour retry schedule
END = START + timedelta(days=7)


@dataclass(frozen=True)
class FaultPlan:
    """Rates of every fault kind, the number of crashes and the seed that replays them."""

    seed: int = 7
    rate_429: float = 0.05
    rate_5xx: float = 0.05
    rate_slow: float = 0.03
    slow_ms: int = 20
    rate_drop: float = 0.03
    webhook_duplicate: float = 0.15
    webhook_delay: float = 0.10
    webhook_reorder: float = 0.10
    webhook_drop: float = 0.10
    crashes: int = 3
    max_writes_before_crash: int = 12
    webhook_faults: bool = False     # the --webhook-faults variant: heavier webhook faults (WEBHOOK_HEAVY)
    expire_tokens: bool = False      # --expire-tokens: OAuth tokens in both runs, ended mid-run in the faulty one


def request_rules(plan: FaultPlan, path: str, body_429: dict, seed: int) -> list[dict]:
    """Seeded request fault rules for one mock (first matching rule that fires wins)."""
    return [
        {"path": path, "action": "respond", "status": 429, "body": body_429, "headers": {"Retry-After": "2"},
         "probability": plan.rate_429, "seed": seed},
        {"path": path, "action": "respond", "status": 503, "body": {"errors": "Service Unavailable"},
         "probability": plan.rate_5xx / 2},
        {"path": path, "action": "respond", "status": 500, "body": {"errors": "Internal Server Error"},
         "probability": plan.rate_5xx / 2},
        {"path": path, "action": "delay", "delay_ms": plan.slow_ms, "probability": plan.rate_slow},
        {"path": path, "action": "drop", "probability": plan.rate_drop},
    ]


# --webhook-faults: most deliveries of the churned records' creates, edits and deletes are duplicated,
# reordered or delayed, some by 2 and 8 hours (past the incremental pass and the deletes it learnt),
# and some are dropped (the pass must catch those up). customers/* deliveries are never dropped: an
# edit of a customer deleted before the next pass is known only from its webhook (Shopify no longer
# lists the customer, and C4 keeps the contact), so losing it is a loss no connector can repair;
# Shopify's 8 retries over 4 hours are what prevents it.
WEBHOOK_HEAVY = {"drop": 0.08, "duplicate": 0.3, "reorder": 0.3, "delay_600": 0.15, "delay_7200": 0.1,
                 "delay_28800": 0.1}
RECOVERABLE_TOPICS = ("orders/*", "products/*", "checkouts/*")


def webhook_rules(plan: FaultPlan) -> list[dict]:
    """Seeded webhook fault rules for the Shopify outbox (the first matching rule that fires wins)."""
    if plan.webhook_faults:
        rules: list[dict] = [{"target": "webhook", "topic": topic, "action": "drop",
                              "probability": WEBHOOK_HEAVY["drop"], **({"seed": plan.seed + 2} if not i else {})}
                             for i, topic in enumerate(RECOVERABLE_TOPICS)]
        for key, rate in WEBHOOK_HEAVY.items():
            action, _, delay = key.partition("_")
            if action != "drop":
                rules.append({"target": "webhook", "topic": "*", "action": action, "probability": rate,
                              **({"delay_seconds": int(delay)} if delay else {})})
        return rules
    return [
        {"target": "webhook", "topic": "*", "action": "drop", "probability": plan.webhook_drop,
         "seed": plan.seed + 2},
        {"target": "webhook", "topic": "*", "action": "duplicate", "probability": plan.webhook_duplicate},
        {"target": "webhook", "topic": "*", "action": "delay", "delay_seconds": 600,
         "probability": plan.webhook_delay},
        {"target": "webhook", "topic": "*", "action": "reorder", "probability": plan.webhook_reorder},
    ]


@dataclass
class RunOutcome:
    """One run's end state and what it went through."""

    hubspot_state: dict
    shopify_state: dict
    fault_counts: Counter = field(default_factory=Counter)
    outbox: dict = field(default_factory=dict)
    retries: Counter = field(default_factory=Counter)
    crashes: int = 0
    crashes_by_phase: dict[str, int] = field(default_factory=dict)
    gave_up: int = 0
    calls: int = 0
    seeding_retries: int = 0
    webhook_answers: Counter = field(default_factory=Counter)
    churned: dict[str, int] = field(default_factory=dict)     # --webhook-faults: short-lived records per kind
    webhook_outcomes: Counter = field(default_factory=Counter)  # the connector's answer texts, summed
    short_lived: set[str] = field(default_factory=set)         # ids of orders/products churned and deleted
    token_expiries: int = 0                                     # access tokens ended mid-run (--expire-tokens)
    hostile: Counter = field(default_factory=Counter)   # tests/chaos/hostile.py outcomes (faulty run)
    base_urls: dict[str, str] = field(default_factory=dict)

    def aliases(self) -> dict[str, str]:
        """Random tokens and this run's server addresses, named stably (see compare.token_aliases)."""
        return {**token_aliases(self.shopify_state), **{url: f"<{name} url>" for name, url in self.base_urls.items()}}


@dataclass
class CampaignReport:
    """Both runs and the differences between their HubSpot end states (must be none)."""

    clean: RunOutcome
    faulty: RunOutcome
    records_compared: int
    associations_compared: int
    differences: list[Difference]
    unjudged: list[Difference] = field(default_factory=list)   # see short_lived_archive


def short_lived_archive(diff: Difference, ids: set[str]) -> bool:
    """An archived record of a churned order or product that one run archived and the other never
    created: whether its create reached HubSpot before its delete depends only on delivery timing
    (a create delayed past the delete is, rightly, never applied). Either way it is not live at the
    end, which the live comparison checks; this difference is reported, not judged."""
    if diff.kind != "archived" or {diff.expected, diff.actual} != {"0", "1"}:
        return False
    return any(re.search(rf"(?<!\d){re.escape(ident)}(?!\d)", diff.key) for ident in ids)


class _Run:
    """Drives one world through the phases; ``plan`` is None for the fault-free run."""

    PHASES = ("import", "webhooks", "incremental")

    def __init__(self, world: ChaosWorld, plan: FaultPlan | None) -> None:
        self.world, self.plan = world, plan
        self.rng = random.Random(plan.seed if plan else 0)
        self.gave_up = 0
        crashes = plan.crashes if plan else 0
        # Crashes spread over the phases: the import gets the remainder.
        self.budget = {phase: crashes // 3 for phase in self.PHASES}
        self.budget["import"] += crashes % 3
        self.crashed = Counter()
        self.tokens_expired = 0
        self.expiry_rng = random.Random((plan.seed if plan else 0) + 101)

    def expire_tokens(self) -> None:
        """--expire-tokens: end the connector's access tokens at both mocks (faulty run only)."""
        if self.plan and self.plan.expire_tokens:
            self.tokens_expired += self.world.expire_tokens()

    def arm_expiry(self) -> None:
        """--expire-tokens: end the tokens again right after a random HubSpot write of this pass, so a
        renewal lands in the middle of a batch stream (its own draws: the kills stay where they were)."""
        if not (self.plan and self.plan.expire_tokens):
            return
        client = self.world.crew.connector.hubspot
        after, due = client.after_write, client.writes + self.expiry_rng.randint(1, self.plan.max_writes_before_crash)

        def hook(method: str, path: str) -> None:
            if client.after_write is hook and client.writes >= due:
                client.after_write = after
                self.expire_tokens()
            if after is not None:
                after(method, path)

        client.after_write = hook

    def arm(self, phase: str) -> None:
        """Arm a crash after a random number of HubSpot writes, while the phase has crashes left."""
        if self.plan and self.crashed[phase] < self.budget.get(phase, 0):
            self.world.crew.connector.arm_crash(self.rng.randint(1, self.plan.max_writes_before_crash))

    def _count(self, phase: str, before: int) -> None:
        self.crashed[phase] += self.world.crew.stats.crashes - before

    def sync(self, phase: str) -> None:
        """Passes until one completes; a crash restarts the connector, a give-up runs the next pass."""
        def arm() -> None:
            self.arm(phase)
            self.arm_expiry()

        def disarm(before: int) -> None:
            self._count(phase, before)
            self.world.crew.connector.arm_crash(10**9)   # disarm what did not fire

        self.gave_up += self.world.crew.sync_until_complete(arm, disarm, MAX_PASSES)

    def deliver_webhooks(self) -> None:
        """Rounds of 'deliver what is due, let 15 minutes pass' (the same number in both runs).
        A crash while handling a webhook is a failed delivery: Shopify retries it later."""
        for round_no in range(DELIVERY_ROUNDS):
            if round_no % 8 == 4:
                self.expire_tokens()
            before = self.world.crew.stats.crashes
            self.arm("webhooks")
            self.world.admin_call("shopify", "POST", "/webhooks/deliver")
            self._count("webhooks", before)
            self.world.crew.connector.arm_crash(10**9)
            self.world.clock.advance(900)


def run_once(store: ShopPlan, plan: FaultPlan | None, state_dir: Path, oauth: bool = False) -> RunOutcome:
    """Seed, import, change, deliver webhooks, incremental pass, catch up at END; return the end state.
    ``oauth``: the connector holds expiring OAuth tokens (ended mid-run when ``plan.expire_tokens``)."""
    with ChaosWorld(state_dir, seed=plan.seed if plan else 0, oauth=oauth) as world:
        owner = ShopOwner(world.shopify_url, SHOPIFY_TOKEN, world.sleep)
        run = _Run(world, plan)
        shop_rng = random.Random(1234)
        made = seed(owner, store, shop_rng)
        if plan:
            world.admin_call("shopify", "POST", "/faults",
                             {"rules": request_rules(plan, "/admin/api/*", SHOPIFY_429, plan.seed)
                              + webhook_rules(plan)})
            world.admin_call("hubspot", "POST", "/faults",
                             {"rules": request_rules(plan, "/crm/*", HUBSPOT_429, plan.seed + 1)})
        run.sync("import")
        run.expire_tokens()
        hostile_counts: Counter = Counter()
        doomed = hostile.doomed_products(owner, made["products"][-store.deletions:]) if plan and store.deletions \
            else []
        change(owner, store, made, shop_rng)
        churned, short_lived = churn(owner, store, made, shop_rng) if store.churn else ({}, set())
        run.deliver_webhooks()
        run.expire_tokens()
        run.sync("incremental")
        if plan:
            hostile.late_deliveries(world, doomed, hostile_counts)
            hostile.foreign_deliveries(world, owner, made["customers"][:3], hostile_counts)
            hostile.state_swaps(world, state_dir, hostile_counts)
        world.clock.set(max(world.clock.now(), END))
        run.expire_tokens()
        if plan:
            world.admin_call("shopify", "POST", "/webhooks/deliver")
        run.sync("catch-up")                          # at the common end time, no crash
        world.crew.connector.tick()
        counts: Counter = Counter()
        for mock in ("shopify", "hubspot"):
            for key, value in world.admin_call(mock, "GET", "/faults").get("counts", {}).items():
                counts[f"{mock} {key}"] += value
        outbox = world.admin_call("shopify", "GET", "/webhooks").get("stats", {})
        outcome = RunOutcome(
            hubspot_state=world.admin_call("hubspot", "GET", "/state"),
            shopify_state=world.admin_call("shopify", "GET", "/state"),
            fault_counts=counts, outbox=outbox, gave_up=run.gave_up, seeding_retries=owner.retried,
            crashes_by_phase=dict(run.crashed), hostile=hostile_counts,
            webhook_answers=Counter(world.receiver.answers), churned=churned,
            webhook_outcomes=Counter(world.receiver.outcomes), short_lived=short_lived,
            token_expiries=run.tokens_expired,
            base_urls={"shopify": world.shopify_url, "hubspot": world.hubspot_url})
        owner.close()
    stats = world.crew.stats
    outcome.retries, outcome.crashes, outcome.calls = stats.retries, stats.crashes, stats.calls
    return outcome


def run_campaign(store: ShopPlan, plan: FaultPlan) -> CampaignReport:
    """The fault-free run, the faulty run, and their comparison."""
    with tempfile.TemporaryDirectory(prefix="shophub-chaos-") as tmp:
        clean_dir, faulty_dir = Path(tmp, "clean"), Path(tmp, "faulty")
        clean_dir.mkdir()
        faulty_dir.mkdir()
        clean = run_once(store, None, clean_dir, oauth=plan.expire_tokens)
        faulty = run_once(store, plan, faulty_dir, oauth=plan.expire_tokens)
    expected = snapshot(apply_aliases(clean.hubspot_state, clean.aliases()))
    actual = snapshot(apply_aliases(faulty.hubspot_state, faulty.aliases()))
    diffs = compare(expected, actual)
    unjudged = [d for d in diffs if short_lived_archive(d, faulty.short_lived)]
    return CampaignReport(clean, faulty, expected.record_count, sum(expected.associations.values()),
                          [d for d in diffs if d not in unjudged], unjudged)
