"""Send a seed plan through the public APIs: Shopify Admin REST and HubSpot CRM, with ``requests``.

The only non-public calls are to ``/__admin/clock`` — each step happens at its planned simulated
time, and a 429 is waited out by advancing the simulated clock by ``Retry-After`` (no real sleep) —
and to ``/__admin/storefront`` for checkouts, which only shoppers make. Calls go through the shared
HTTP core (``connector.clients.http``) with a bounded policy: only 429 is retried (a seeding POST
that failed otherwise may have been carried out), at most ``SEED_POLICY.max_attempts`` times.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import requests

from connector.clients.http import HttpCore, RetryPolicy
from connector.errors import ApiError
from demo.seed import HUBSPOT, Step
from mocks.harness.admin import AdminClient
from mocks.shopify.storefront_client import Storefront

API = "/admin/api/2026-10"


# 429s only, waited out on the simulated clock (Retry-After, else 2 s); bounded, unlike a bare loop
SEED_POLICY = RetryPolicy(max_attempts=30, base_delay=2.0, max_delay=2.0, jitter=0.0,
                          statuses=frozenset({429}), transport=False)


class PushError(RuntimeError):
    """A seeding call the mock refused: names the step and the answer."""


class _NoAnswer(ApiError):
    """A seeding call that got no answer (or was still throttled when the attempts ran out)."""


@dataclass
class Target:
    """Where the plan goes: one Shopify mock (tokens per shop name) and one HubSpot account."""

    shopify_url: str
    shopify_tokens: dict[str, str]
    hubspot_url: str
    hubspot_token: str


@dataclass
class Pusher:
    """Replays steps in order, remembering the ids the mock returned for each local ref."""

    target: Target
    session: requests.Session = field(default_factory=requests.Session)
    read_clock: Callable[[], datetime] | None = None  # the shared clock's now (in-process runs)
    admin: AdminClient | None = None  # the Shopify mock's /__admin (default: made from target.shopify_url)
    now: datetime | None = None  # the simulated time last set; the clock only ever moves forward
    ids: dict[str, int | str] = field(default_factory=dict)
    throttled: int = 0  # 429s waited out on the simulated clock
    calls: int = 0
    http: HttpCore = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.http = HttpCore("", {}, error_cls=_NoAnswer, sleep=self._wait_out, timeout=30,
                             session=self.session, policy=SEED_POLICY, check_body=False)

    def _wait_out(self, seconds: float) -> None:
        """A 429's wait: the shared simulated clock moves instead of this process sleeping."""
        self.throttled += 1
        self.clock({"advance": seconds})
        if self.now is not None:
            self.now += timedelta(seconds=seconds)

    # -- the clock ---------------------------------------------------------------------------------
    def clock(self, body: dict) -> None:
        if self.admin is None:
            self.admin = AdminClient(self.target.shopify_url, self.session)
        self.admin.call("POST", "/clock", body)

    def move_to(self, at: datetime) -> None:
        """Set the shared simulated clock to ``at`` unless it is already later (a 429 wait may have
        pushed it past the plan; going back would confuse the rate limiter)."""
        current = self.read_clock() if self.read_clock else self.now
        if current is None or at > current:
            self.clock({"now": at.isoformat()})
            self.now = at

    # -- HTTP ------------------------------------------------------------------------------------
    def storefront(self, store: str) -> Storefront:
        """The shopper's side of ``store`` on the Shopify mock (``/__admin/storefront``)."""
        def send(method: str, path: str, body: dict | None) -> dict:
            response = self.session.request(method, f"{self.target.shopify_url}/__admin{path}", json=body,
                                            timeout=30)
            if response.status_code >= 400:
                raise PushError(f"{method} {path}: HTTP {response.status_code} {response.text[:300]}")
            return response.json()
        return Storefront(send, store)

    def shopify(self, store: str, method: str, path: str, body: dict | None = None) -> dict:
        """One Admin REST call; a 429 advances the simulated clock by Retry-After and retries."""
        headers = {"X-Shopify-Access-Token": self.target.shopify_tokens[store]}
        return self._send(method, f"{self.target.shopify_url}{API}/{path}", body, headers, f"{path} on {store}")

    def hubspot(self, method: str, path: str, body: dict) -> dict:
        headers = {"Authorization": f"Bearer {self.target.hubspot_token}"}
        return self._send(method, f"{self.target.hubspot_url}{path}", body, headers, path)

    def _send(self, method: str, url: str, body: dict | None, headers: dict[str, str], what: str) -> dict:
        before = self.http.stats.calls
        try:
            response = self.http.exchange(method, url, json=body, headers=headers, route=what)
        except ApiError as exc:
            raise PushError(f"{method} {what}: {exc.detail}") from None
        finally:
            self.calls += self.http.stats.calls - before
        if response.status_code >= 400:
            raise PushError(f"{method} {what}: HTTP {response.status_code} {response.text[:300]}")
        return response.json() if response.content else {}

    # -- steps -----------------------------------------------------------------------------------
    def resolve(self, body: dict) -> dict:
        """Replace local refs (``variant_ref``, ``customer.ref``) by the mock's ids."""
        out = dict(body)
        if "line_items" in out:
            out["line_items"] = [{"variant_id": self.ids[li["variant_ref"]], "quantity": li["quantity"]}
                                 for li in out["line_items"]]
        if isinstance(out.get("customer"), dict) and "ref" in out["customer"]:
            out["customer"] = {"id": self.ids[out["customer"]["ref"]]}
        return out

    def push(self, step: Step) -> None:
        """One step, at its planned time."""
        self.move_to(step.at)
        if step.store == HUBSPOT:
            self.ids[step.ref] = self.hubspot("POST", "/crm/v3/objects/contacts", step.body)["id"]
            return
        ACTIONS[step.action](self, step)

    def push_all(self, steps: Iterable[Step], progress: Callable[[int], None] | None = None) -> int:
        """Every step in order; ``progress(n)`` after each. Returns how many were sent."""
        count = 0
        for count, step in enumerate(steps, 1):
            self.push(step)
            if progress:
                progress(count)
        return count


def _customer(p: Pusher, s: Step) -> None:
    p.ids[s.ref] = p.shopify(s.store, "POST", "customers.json", s.body)["customer"]["id"]


def _product(p: Pusher, s: Step) -> None:
    product = p.shopify(s.store, "POST", "products.json", s.body)["product"]
    p.ids[s.ref] = product["id"]
    for position, variant in enumerate(product["variants"]):
        p.ids[f"{s.ref}#{position}"] = variant["id"]


def _order(p: Pusher, s: Step) -> None:
    body = {"order": p.resolve(s.body["order"])}
    p.ids[s.ref] = p.shopify(s.store, "POST", "orders.json", body)["order"]["id"]


def _fulfil(p: Pusher, s: Step) -> None:
    p.shopify(s.store, "POST", f"orders/{p.ids[s.ref]}/fulfillments.json", s.body)


def _refund(p: Pusher, s: Step) -> None:
    # The mock takes financial_status on an order update (its documented shortcut for refunds.json).
    p.shopify(s.store, "PUT", f"orders/{p.ids[s.ref]}.json", {"order": s.body})


def _cancel(p: Pusher, s: Step) -> None:
    p.shopify(s.store, "POST", f"orders/{p.ids[s.ref]}/cancel.json", s.body)


def _checkout(p: Pusher, s: Step) -> None:
    """A shopper's checkout: only the storefront makes them (the Checkout API is shut off)."""
    p.calls += 1
    p.ids[s.ref] = p.storefront(s.store).start_checkout(p.resolve(s.body["checkout"]))["token"]


def _complete(p: Pusher, s: Step) -> None:
    p.calls += 1
    p.storefront(s.store).complete(str(p.ids[s.ref]))


ACTIONS: dict[str, Callable[[Pusher, Step], None]] = {
    "customer": _customer, "product": _product, "order": _order, "fulfil": _fulfil, "refund": _refund,
    "cancel": _cancel, "checkout": _checkout, "complete_checkout": _complete,
}
