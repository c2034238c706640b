"""Hand-built reports data: short helpers so each test states only what matters to it."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from connector import names
from connector.reporting.model import Contact, Dataset, Deal

PIPELINE = "ecom-pipeline"


def at(text: str) -> datetime:
    """``2024-05-01T00:00:00`` (or a date) as an aware UTC datetime."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def deal(deal_id: str, stage: str | None, amount: str = "0", *, currency: str = "USD",
         created: str | None = "2024-05-01T00:00:00", closed: str | None = None,
         entered: dict[str, str] | None = None, contact: str | None = None,
         synced: bool = True, pipeline: str = PIPELINE) -> Deal:
    """A Deal; a deal in a won stage without ``closed``/``entered`` is closed at ``created``."""
    entered_times = {stage_id: at(value) for stage_id, value in (entered or {}).items()}
    if closed is None and stage in names.DEFAULT_WON_STAGES and not entered_times:
        closed = created
    return Deal(
        id=deal_id, stage=stage, amount=Decimal(amount), currency=currency,
        createdate=at(created) if created else None, closedate=at(closed) if closed else None,
        entered=entered_times, contact_id=contact, ecomm_synced=synced, pipeline=pipeline,
    )


def contact(contact_id: str, email: str | None = None, source: str | None = "ORGANIC_SEARCH") -> Contact:
    return Contact(contact_id, email if email is not None else f"c{contact_id}@example.com", source)


def dataset(deals: list[Deal], contacts: list[Contact] = ()) -> Dataset:
    return Dataset(deals=tuple(deals), contacts={c.id: c for c in contacts}, pipeline_id=PIPELINE)
