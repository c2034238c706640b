"""Checkout timing (D4, D5, D6): pure decisions, applied by the engine on every pass and tick.

- D4: a pending checkout becomes abandoned at exactly created_at + 24 h (23:59:59 is still pending),
  if Shopify promotes it (it has contact details: an email, a phone or a customer) [decided].
- D6: a checkout Shopify never promotes stays pending and loses its stage at created_at + 48 h:
  ``dealstage`` is set to "" [decided], so the deal leaves every pipeline view.
- D5: completion (an order with the checkout's token) moves the same deal on; timers stop.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from connector.clock import parse_iso

ABANDON = "abandon"
CLEAR = "clear"


@dataclass(frozen=True)
class TimerRules:
    abandon_after: timedelta = timedelta(hours=24)
    clear_after: timedelta = timedelta(hours=48)


def has_contact_details(checkout: dict) -> bool:
    """Shopify lists a checkout as abandoned only when it has contact details."""
    customer = checkout.get("customer") or {}
    return bool((checkout.get("email") or "").strip() or (checkout.get("phone") or "").strip()
                or customer.get("id") or (customer.get("email") or "").strip())


def decide(state: str, created_at: datetime | str, promoted: bool, now: datetime,
           rules: TimerRules = TimerRules()) -> str | None:
    """The transition due now for a timer in ``state``, or None."""
    created = parse_iso(created_at) if isinstance(created_at, str) else created_at
    age = now - created
    if state == "pending":
        if promoted and age >= rules.abandon_after:
            return ABANDON
        if not promoted and age >= rules.clear_after:
            return CLEAR
    return None


def due_at(created_at: datetime | str, promoted: bool, rules: TimerRules = TimerRules()) -> datetime:
    """When the next transition of a pending timer falls due."""
    created = parse_iso(created_at) if isinstance(created_at, str) else created_at
    return created + (rules.abandon_after if promoted else rules.clear_after)
