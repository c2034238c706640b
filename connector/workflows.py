"""Enrollment in the three default ecommerce workflows W1-W3 (SYNC_RULES "Workflows"), pure.

Each function reads a ``Dataset`` on the clock ``now`` and returns the enrollments that have
happened by then, in enrollment order. Nothing is sent: the workflows' emails are HubSpot's job.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from connector import names
from connector.reporting.config import ReportConfig
from connector.reporting.model import Dataset, Deal
from connector.reporting.render import to_jsonable
from connector.reporting.won import closed_at, ecommerce_deals, is_won, won_at, won_by_contact


@dataclass(frozen=True)
class Enrollment:
    """One record enrolled in a workflow; ``unenrolled_at`` is set once it left (W2 only)."""

    workflow: str
    object_type: str  # "deal" (W1, W2) or "contact" (W3)
    object_id: str
    contact_id: str
    enrolled_at: datetime
    reason: str
    unenrolled_at: datetime | None = None
    unenroll_reason: str | None = None


def _sorted(enrollments: list[Enrollment]) -> list[Enrollment]:
    return sorted(enrollments, key=lambda e: (e.enrolled_at, len(e.object_id), e.object_id))


def w1_new_customer(dataset: Dataset, now: datetime, config: ReportConfig) -> list[Enrollment]:
    """W1 New customer: the deal that is a contact's first won ecommerce deal, enrolled when it was won.

    Once per contact; the won time is when the deal first entered a won stage (else its close date).
    """
    enrollments = []
    for contact_id, deals in won_by_contact(dataset, config.won_stages).items():
        first = deals[0]
        moment = won_at(first, config.won_stages)
        if moment is not None and moment <= now:
            enrollments.append(Enrollment("W1", "deal", first.id, contact_id, moment,
                                          f"first won ecommerce deal (stage {first.stage})"))
    return _sorted(enrollments)


def _won_after(deal: Deal, since: datetime, config: ReportConfig) -> datetime:
    """When a deal abandoned at ``since`` was won: its first won-stage entry after that."""
    later = [m for stage, m in deal.entered.items() if stage in config.won_stages and m >= since]
    if later:
        return min(later)
    return max(since, won_at(deal, config.won_stages) or since)


def w2_abandoned_cart(dataset: Dataset, now: datetime, config: ReportConfig) -> list[Enrollment]:
    """W2 Abandoned cart: a deal entering Checkout Abandoned (24 h after the checkout was left, D4),
    if it has a contact with an email; unenrolled when the deal is won later."""
    enrollments = []
    for deal in ecommerce_deals(dataset):
        entered = deal.entered.get(names.STAGE_ABANDONED)
        contact = dataset.contacts.get(deal.contact_id) if deal.contact_id else None
        if entered is None or entered > now or contact is None or not contact.email:
            continue
        left, why = None, None
        if is_won(deal, config.won_stages):
            won = _won_after(deal, entered, config)
            if won <= now:
                left, why = won, f"deal won (stage {deal.stage})"
        enrollments.append(Enrollment("W2", "deal", deal.id, contact.id, entered,
                                      "deal entered Checkout Abandoned", left, why))
    return _sorted(enrollments)


def w3_reengagement(dataset: Dataset, now: datetime, config: ReportConfig) -> list[Enrollment]:
    """W3 Re-engagement: a contact whose last won deal closed more than N days ago
    (N = ``config.reengage_days``), enrolled the moment that became true."""
    enrollments = []
    delay = timedelta(days=config.reengage_days)
    for contact_id, deals in won_by_contact(dataset, config.won_stages).items():
        closes = [m for m in (closed_at(d, config.won_stages) for d in deals) if m is not None]
        if not closes:
            continue
        last = max(closes)
        if now - last > delay:
            enrollments.append(Enrollment("W3", "contact", contact_id, contact_id, last + delay,
                                          f"last won deal closed {last.date().isoformat()}, "
                                          f"more than {config.reengage_days} days ago"))
    return _sorted(enrollments)


WORKFLOW_TITLES = {"W1": "New customer", "W2": "Abandoned cart", "W3": "Re-engagement"}


def compute_workflows(dataset: Dataset, now: datetime, config: ReportConfig | None = None) -> dict:
    """All three workflows' enrollments as one JSON-ready dict."""
    config = config or ReportConfig()
    results = {
        "W1": w1_new_customer(dataset, now, config),
        "W2": w2_abandoned_cart(dataset, now, config),
        "W3": w3_reengagement(dataset, now, config),
    }
    return {
        "now": to_jsonable(now),
        "won_stages": sorted(config.won_stages),
        "reengage_days": config.reengage_days,
        "workflows": {
            key: {
                "title": WORKFLOW_TITLES[key],
                "enrolled": len(found),
                "active": sum(1 for e in found if e.unenrolled_at is None),
                "enrollments": to_jsonable(found),
            }
            for key, found in results.items()
        },
    }
