"""Which deals count: ecommerce deals, won deals, their won/close times, each contact's first win.

Shared by the reports and the workflows so both agree on "won" and on "the contact's first won deal".
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from connector.reporting.model import Dataset, Deal

_NEVER = datetime.max.replace(tzinfo=UTC)  # sorts unknown times last


def ecommerce_deals(dataset: Dataset) -> list[Deal]:
    """Deals in the Ecommerce pipeline with ``ip__ecomm_bridge__ecomm_synced`` true (D9)."""
    return [d for d in dataset.deals
            if d.ecomm_synced and (dataset.pipeline_id is None or d.pipeline == dataset.pipeline_id)]


def is_won(deal: Deal, won_stages: frozenset[str]) -> bool:
    """Won = currently in a won stage; a cancelled deal is never won, even if it was once."""
    return deal.stage in won_stages


def won_at(deal: Deal, won_stages: frozenset[str]) -> datetime | None:
    """When the deal first entered a won stage (stage-entry times), else its close date."""
    times = [moment for stage, moment in deal.entered.items() if stage in won_stages]
    return min(times) if times else deal.closedate


def closed_at(deal: Deal, won_stages: frozenset[str]) -> datetime | None:
    """The close date reports group by; a won deal with none falls back to its won time."""
    return deal.closedate or won_at(deal, won_stages)


def won_deals(dataset: Dataset, won_stages: frozenset[str]) -> list[Deal]:
    """Ecommerce deals currently in a won stage."""
    return [d for d in ecommerce_deals(dataset) if is_won(d, won_stages)]


def _order_key(deal: Deal, won_stages: frozenset[str]) -> tuple:
    closed = closed_at(deal, won_stages)
    won = won_at(deal, won_stages)
    # Numeric ids break ties in creation order.
    return (closed or _NEVER, won or _NEVER, len(deal.id), deal.id)


def in_order(deals: Iterable[Deal], won_stages: frozenset[str]) -> list[Deal]:
    """Won deals by close time (then won time, then id)."""
    return sorted(deals, key=lambda d: _order_key(d, won_stages))


def won_by_contact(dataset: Dataset, won_stages: frozenset[str]) -> dict[str, list[Deal]]:
    """Contact id -> that contact's won ecommerce deals, first one first."""
    grouped: dict[str, list[Deal]] = {}
    for deal in won_deals(dataset, won_stages):
        if deal.contact_id is not None:
            grouped.setdefault(deal.contact_id, []).append(deal)
    return {cid: in_order(deals, won_stages) for cid, deals in sorted(grouped.items())}


def first_won_ids(dataset: Dataset, won_stages: frozenset[str]) -> set[str]:
    """Ids of the deals that are their contact's first won deal ever."""
    return {deals[0].id for deals in won_by_contact(dataset, won_stages).values()}
