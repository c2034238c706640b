"""The demo's store, as a pure plan: Shopify and HubSpot API payloads from a seeded Faker.

``build_plan(seed, customers)`` returns a :class:`Plan`: time-stamped :class:`Step` s (payloads for
the public Shopify Admin REST / HubSpot CRM APIs) and the checkpoints at which the demo runs the
connector. Nothing here does I/O or reads the clock, so the same seed always gives the same plan;
``demo.push`` sends it. Records refer to each other by local refs (``a:c12``, ``a:p3#1`` for the
second variant of product 3) that the pusher resolves to the ids the mock returns.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from faker import Faker

from demo.catalog import CATALOGUE_A, CATALOGUE_B, ORDER_SOURCES

STORE_A = "harness-shop"  # the mock's default shop (token shpat_harness_default)
STORE_B = "store-b"  # added through POST /__admin/shops
STORE_B_TOKEN = "shpat_demo_store_b"
HUBSPOT = "hubspot"

# Every order state the demo shows (Shopify financial/fulfilment/cancel combinations).
ORDER_STATES = ("pending", "authorized", "paid", "partially_refunded", "refunded", "fulfilled", "cancelled")
_STATE_WEIGHTS = (6, 6, 30, 6, 6, 36, 10)
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Timeline:
    """The demo's simulated calendar. History is seeded before the connector is connected at
    ``go_live``; checkouts are left at ``checkouts_at`` and followed through 24 h and 48 h."""

    start: datetime = datetime(2024, 1, 8, 8, 0, tzinfo=UTC)
    go_live: datetime = datetime(2024, 4, 15, 0, 0, tzinfo=UTC)
    checkouts_at: datetime = datetime(2024, 4, 28, 10, 0, tzinfo=UTC)

    @property
    def abandon_at(self) -> datetime:
        return self.checkouts_at + timedelta(hours=25)  # every checkout is 24 h old by then

    @property
    def recover_at(self) -> datetime:
        return self.checkouts_at + timedelta(hours=30)

    @property
    def clear_at(self) -> datetime:
        return self.checkouts_at + timedelta(hours=49)


@dataclass(frozen=True)
class Step:
    """One API call of the plan. ``action`` names it (see ``demo.push.ACTIONS``); ``ref`` is the
    record it creates or acts on; ``body`` is the JSON payload with local refs still in it."""

    at: datetime
    store: str
    action: str
    ref: str
    body: dict = field(default_factory=dict, compare=True, hash=False)
    state: str | None = None  # orders: the ORDER_STATES entry this order ends in


@dataclass(frozen=True)
class Checkpoint:
    """A moment the demo runs the connector: ``kind`` is ``connect`` (setup + initial import),
    ``sync`` (deliver webhooks, incremental pass, timers) or ``tick`` (deliver webhooks, timers)."""

    at: datetime
    kind: str
    label: str


@dataclass(frozen=True)
class Plan:
    seed: int
    timeline: Timeline
    steps: tuple[Step, ...]
    checkpoints: tuple[Checkpoint, ...]

    def count(self, action: str, store: str | None = None) -> int:
        return sum(1 for s in self.steps if s.action == action and (store is None or s.store == store))

    def order_states(self) -> Counter:
        return Counter(s.state for s in self.steps if s.action == "order")


class _Builder:
    """Accumulates steps; one instance per ``build_plan`` call (no shared state)."""

    def __init__(self, seed: int, timeline: Timeline) -> None:
        self.rng = random.Random(seed)
        self.fake = Faker("en_US")
        self.fake.seed_instance(seed)
        self.fake_b = Faker("fr_FR")
        self.fake_b.seed_instance(seed + 1)
        self.t = timeline
        self.steps: list[Step] = []
        self.phones = 0

    def add(self, at: datetime, store: str, action: str, ref: str, body: dict, state: str | None = None) -> None:
        self.steps.append(Step(at.replace(microsecond=0), store, action, ref, body, state))

    def moment(self, low: datetime, high: datetime) -> datetime:
        """A uniformly random second in [low, high)."""
        span = max(1, int((high - low).total_seconds()))
        return low + timedelta(seconds=self.rng.randrange(span))

    def phone(self) -> str:
        self.phones += 1  # unique: Shopify refuses a phone another customer has
        return f"+1613555{self.phones:04d}"

    # -- catalogue ---------------------------------------------------------------------------------
    def products(self, store: str, prefix: str, catalogue: tuple, fake: Faker) -> list[tuple[str, int, Decimal]]:
        """Create the catalogue; returns (variant ref, ..., price) choices for line items."""
        variants = []
        for index, (title, vendor, kind, option, values, base, tags) in enumerate(catalogue):
            ref = f"{prefix}:p{index}"
            price = (Decimal(base) * Decimal(self.rng.choice(("0.95", "1.00", "1.00", "1.05")))).quantize(CENT)
            rows = []
            for position, value in enumerate(values):
                step_price = price + Decimal(position * 5 if option == "Length" else 0)
                if option == "Denomination":
                    step_price = Decimal(value).quantize(CENT)
                sku = f"{title[:6].upper().replace(' ', '')}-{position + 1}"
                rows.append({"option1": value, "price": str(step_price), "sku": sku,
                             "inventory_policy": "deny", "grams": self.rng.choice((150, 300, 450, 900))})
                variants.append((f"{ref}#{position}", step_price))
            body = {"product": {"title": title, "body_html": f"<p>{fake.paragraph(nb_sentences=2)}</p>",
                                "vendor": vendor, "product_type": kind, "tags": tags, "status": "active",
                                "options": [{"name": option, "values": list(values)}], "variants": rows}}
            self.add(self.t.start - timedelta(days=10, minutes=-index), store, "product", ref, body)
        return variants  # type: ignore[return-value]

    def line_items(self, variants: list, count: int | None = None) -> tuple[list[dict], Decimal]:
        picked = self.rng.sample(variants, count or self.rng.choice((1, 1, 1, 2, 2, 3)))
        lines, total = [], Decimal(0)
        for ref, price in picked:
            quantity = self.rng.choice((1, 1, 1, 2, 3))
            lines.append({"variant_ref": ref, "quantity": quantity})
            total += price * quantity
        return lines, total


def _address(fake: Faker, first: str, last: str, country: str, provinces: tuple[str, ...], rng: random.Random) -> dict:
    return {"first_name": first, "last_name": last, "address1": fake.street_address(), "city": fake.city(),
            "province": rng.choice(provinces) if provinces else None, "country": country,
            "zip": fake.postcode(), "company": fake.company() if rng.random() < 0.15 else None}


def _mixed_case(email: str, rng: random.Random) -> str:
    """``jane.doe@example.com`` as someone typed it into HubSpot: ``Jane.Doe@Example.COM`` (C1)."""
    local, domain = email.split("@")
    local = ".".join(part.capitalize() for part in local.split("."))
    return f"{local}@{domain.upper() if rng.random() < 0.5 else domain.capitalize()}"


def _slug(text: str) -> str:
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c for c in ascii_text.lower() if c.isalnum())


@dataclass
class _Person:
    ref: str
    first: str
    last: str
    email: str | None
    created: datetime
    address: dict
    orders: list[datetime]


def _people(b: _Builder, store: str, prefix: str, n: int, fake: Faker, country: str,
            provinces: tuple[str, ...], high: datetime) -> list[_Person]:
    """``n`` customers (about 7 % without an email), each with the times of their orders."""
    people = []
    for i in range(n):
        first, last = fake.first_name(), fake.last_name()
        email = None if (i % 14 == 3) else f"{_slug(first)}.{_slug(last)}{i}@{fake.free_email_domain()}"
        count = b.rng.choices((0, 1, 2, 3, 4), weights=(12, 40, 26, 14, 8))[0]
        created = b.moment(b.t.start, high - timedelta(days=2))
        count = count if email else min(count, 1)
        # Most customers sign up at their first purchase; later orders spread over the rest of the window.
        opening = [b.moment(created + timedelta(minutes=5), min(high, created + timedelta(days=2)))][:count]
        orders = sorted(opening + [b.moment(created + timedelta(minutes=5), high) for _ in range(count - 1)])
        people.append(_Person(f"{prefix}:c{i}", first, last, email, created,
                              _address(fake, first, last, country, provinces, b.rng), orders))
    return people


def _add_customer(b: _Builder, store: str, person: _Person) -> None:
    rng = b.rng
    body: dict = {"first_name": person.first, "last_name": person.last, "addresses": [person.address],
                  "verified_email": person.email is not None, "tax_exempt": rng.random() < 0.03,
                  "tags": rng.choice(("", "", "VIP", "wholesale", "newsletter", "VIP, newsletter")),
                  "email_marketing_consent": {"state": rng.choice(("subscribed", "not_subscribed")),
                                              "opt_in_level": "single_opt_in"}}
    if person.email:
        body["email"] = person.email
    if rng.random() < 0.6 or not person.email:
        body["phone"] = b.phone()
    if rng.random() < 0.1:
        body["note"] = rng.choice(("Prefers weekend delivery", "Gift wrap every order", "Met at the spring market"))
    b.add(person.created, store, "customer", person.ref, {"customer": body})


def _add_order(b: _Builder, store: str, ref: str, at: datetime, person: _Person | None, variants: list,
               currency: str, state: str, tax: tuple[str, str]) -> None:
    """One order and the later calls that bring it to ``state`` (fulfil, refund, cancel)."""
    rng = b.rng
    lines, subtotal = b.line_items(variants)
    source, referrer, landing = rng.choice(ORDER_SOURCES)
    body: dict = {"line_items": lines, "currency": currency, "source_name": source, "landing_site": landing,
                  "financial_status": {"pending": "pending", "authorized": "authorized"}.get(state, "paid"),
                  "buyer_accepts_marketing": rng.random() < 0.4,
                  "shipping_lines": [{"title": "Standard", "code": "STANDARD",
                                      "price": "0.00" if subtotal >= 100 else "8.00"}],
                  "tax_lines": [{"title": tax[0], "rate": float(tax[1]),
                                 "price": str((subtotal * Decimal(tax[1])).quantize(CENT))}]}
    if referrer:
        body["referring_site"] = referrer
    if rng.random() < 0.12:
        body["discount_codes"] = [{"code": "SPRING10", "amount": "10.00", "type": "percentage"}]
    if state == "cancelled" and rng.random() < 0.5:
        body["financial_status"] = "pending"
    if person is not None:
        body["customer"] = {"ref": person.ref}
        body["billing_address"] = body["shipping_address"] = person.address
        if person.email:
            body["email"] = person.email
    b.add(at, store, "order", ref, {"order": body}, state)
    cap = max(b.t.checkouts_at - timedelta(hours=1), at + timedelta(minutes=10))

    def later(low_hours: float, high_hours: float) -> datetime:
        return min(cap, b.moment(at + timedelta(hours=low_hours), at + timedelta(hours=high_hours)))

    if state in ("fulfilled", "partially_refunded"):
        b.add(later(6, 96), store, "fulfil", ref, {"fulfillment": {"notify_customer": False}})
    if state in ("partially_refunded", "refunded"):
        b.add(later(100, 300), store, "refund", ref, {"financial_status": state})
    if state == "cancelled":
        b.add(later(1, 48), store, "cancel", ref,
              {"reason": rng.choice(("customer", "inventory", "fraud", "declined")),
               "refund": body["financial_status"] == "paid"})


def _orders(b: _Builder, store: str, prefix: str, people: list[_Person], guests: int, variants: list,
            currency: str, tax: tuple[str, str], high: datetime, forced: list[str]) -> None:
    """Every person's orders plus ``guests`` orders without customer or email (D2); the first
    orders take the ``forced`` states so every state appears even in a tiny store."""
    slots: list[tuple[datetime, _Person | None]] = [(at, p) for p in people for at in p.orders]
    slots += [(b.moment(b.t.start, high), None) for _ in range(guests)]
    slots.sort(key=lambda slot: slot[0])
    for index, (at, person) in enumerate(slots):
        state = forced[index] if index < len(forced) else b.rng.choices(ORDER_STATES, _STATE_WEIGHTS)[0]
        _add_order(b, store, f"{prefix}:o{index}", at, person, variants, currency, state, tax)


def _checkouts(b: _Builder, people: list[_Person], variants: list, n: int) -> None:
    """Checkouts left at ``checkouts_at``: abandoned (a third recovered after 24 h, D5), two
    completed at once, and a few never promoted because they have no email (D6)."""
    t, rng = b.t, b.rng
    known = [p for p in people if p.email]
    for i in range(n + 2):
        lines, _ = b.line_items(variants)
        if i % 2 == 0 and known:
            person = known[rng.randrange(len(known))]
            email, address = person.email, person.address
        else:
            first, last = b.fake.first_name(), b.fake.last_name()
            email = f"{_slug(first)}.{_slug(last)}.cart{i}@{b.fake.free_email_domain()}"
            address = _address(b.fake, first, last, "US", ("NY", "CA", "TX", "WA"), rng)
        ref = f"a:k{i}"
        created = t.checkouts_at + timedelta(minutes=3 * i)
        b.add(created, STORE_A, "checkout", ref, {"checkout": {"email": email, "line_items": lines,
                                                               "billing_address": address,
                                                               "buyer_accepts_marketing": rng.random() < 0.5}})
        if i >= n:  # a normal purchase: completed twenty minutes later, never abandoned
            b.add(created + timedelta(minutes=20), STORE_A, "complete_checkout", ref, {})
        elif i % 3 == 1:  # recovered after it was abandoned
            b.add(t.recover_at + timedelta(minutes=i), STORE_A, "complete_checkout", ref, {})
    for i in range(max(2, n // 4)):
        lines, _ = b.line_items(variants)
        b.add(t.checkouts_at + timedelta(minutes=40 + i), STORE_A, "checkout", f"a:n{i}",
              {"checkout": {"line_items": lines}})


def _checkpoints(t: Timeline) -> tuple[Checkpoint, ...]:
    points = [Checkpoint(t.go_live, "connect", "connect both stores: setup and initial import")]
    day = t.go_live + timedelta(days=1)
    while day < t.checkouts_at:
        points.append(Checkpoint(day, "sync", f"live sync {day:%b %d}"))
        day += timedelta(days=1)
    points += [Checkpoint(t.checkouts_at + timedelta(hours=1), "sync", "checkouts started"),
               Checkpoint(t.abandon_at, "tick", "24 h later: unfinished checkouts abandoned (D4)"),
               Checkpoint(t.recover_at + timedelta(hours=1), "sync", "30 h: some abandoned carts recovered (D5)"),
               Checkpoint(t.clear_at, "tick", "48 h: never-promoted checkouts leave the pipeline (D6)")]
    return tuple(points)


def build_plan(seed: int = 42, customers: int = 300, timeline: Timeline | None = None) -> Plan:
    """The whole demo as data: both stores, the pre-existing HubSpot contacts, orders in every
    state over three months, checkouts, and the connector checkpoints. Pure and deterministic."""
    t = timeline or Timeline()
    b = _Builder(seed, t)
    high = t.checkouts_at - timedelta(hours=2)
    variants_a = b.products(STORE_A, "a", CATALOGUE_A, b.fake)
    people = _people(b, STORE_A, "a", max(customers, 8), b.fake, "US", ("NY", "CA", "TX", "WA", "IL", "OR"), high)
    for person in people:
        _add_customer(b, STORE_A, person)
    # A few shoppers are already HubSpot contacts, typed with other capitals (C1, C3).
    with_email = [p for p in people if p.email and p.created < t.go_live]
    for person in b.rng.sample(with_email, min(len(with_email), max(2, customers // 40))):
        props = {"email": _mixed_case(person.email or "", b.rng), "firstname": person.first,
                 "lastname": person.last, "lifecyclestage": "subscriber"}
        b.add(t.start - timedelta(days=20), HUBSPOT, "hubspot_contact", f"h:{person.ref}", {"properties": props})
    _orders(b, STORE_A, "a", people, max(2, customers // 15), variants_a, "USD", ("Sales tax", "0.08"), high,
            list(ORDER_STATES))
    _checkouts(b, people, variants_a, max(4, customers // 25))
    # Store B: a French shop in EUR; one shopper also buys from store A (same email, other case).
    variants_b = b.products(STORE_B, "b", CATALOGUE_B, b.fake_b)
    people_b = _people(b, STORE_B, "b", max(6, customers // 20), b.fake_b, "FR", (), t.go_live - timedelta(days=1))
    shared = next(p for p in people if p.email and p.created < t.go_live - timedelta(days=5))
    people_b[0].email = (shared.email or "").upper()
    for person in people_b:
        _add_customer(b, STORE_B, person)
    _orders(b, STORE_B, "b", people_b, 1, variants_b, "EUR", ("TVA", "0.20"), t.go_live - timedelta(hours=1),
            ["paid", "fulfilled", "cancelled"])
    steps = sorted(b.steps, key=lambda s: (s.at, s.store, s.action != "customer"))
    return Plan(seed, t, tuple(steps), _checkpoints(t))
