"""The pure data model of reports and workflows, built from HubSpot API records.

No I/O here: ``build_dataset`` takes the records the loader read (deals, contacts, deal->contact
associations, deal pipelines) and returns a ``Dataset``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from connector import names
from connector.reporting.money import parse_amount
from connector.reporting.times import parse_time

STAGE_IDS: tuple[str, ...] = tuple(stage_id for stage_id, _, _ in names.ECOMMERCE_STAGES)
STAGE_LABELS: dict[str, str] = {stage_id: label for stage_id, label, _ in names.ECOMMERCE_STAGES}
UNKNOWN_SOURCE = "Unknown"

# Deal properties the loader asks for: standard ones, ours, and the stage-entry calculated ones.
DEAL_PROPERTIES: tuple[str, ...] = (
    "dealname", "dealstage", "pipeline", "amount", names.DEAL_CURRENCY_CODE, "closedate", "createdate",
    names.ECOMM_SYNCED,
    *(f"{prefix}{stage}" for stage in STAGE_IDS
      for prefix in (names.DATE_ENTERED_PREFIX, names.V2_DATE_ENTERED_PREFIX, names.DATE_EXITED_PREFIX)),
)
CONTACT_PROPERTIES: tuple[str, ...] = ("email", names.SOURCE)


@dataclass(frozen=True)
class Deal:
    """An ecommerce deal as the reports see it. ``entered`` maps stage id -> time it was entered."""

    id: str
    stage: str | None
    amount: Decimal
    currency: str
    createdate: datetime | None
    closedate: datetime | None
    entered: Mapping[str, datetime] = field(default_factory=dict)
    exited: Mapping[str, datetime] = field(default_factory=dict)
    contact_id: str | None = None
    ecomm_synced: bool = True
    pipeline: str | None = None
    name: str = ""


@dataclass(frozen=True)
class Contact:
    """A contact: id, email (may be empty) and original source (``hs_analytics_source``)."""

    id: str
    email: str | None
    source: str | None


@dataclass(frozen=True)
class Dataset:
    """Everything the reports read. ``pipeline_id`` None means "any pipeline" (hand-built data)."""

    deals: tuple[Deal, ...]
    contacts: Mapping[str, Contact]
    pipeline_id: str | None = None
    stage_labels: Mapping[str, str] = field(default_factory=lambda: dict(STAGE_LABELS))


def _truthy(value: object) -> bool:
    return str(value or "").strip().lower() == "true"


def _stage_times(props: Mapping[str, object], *prefixes: str) -> dict[str, datetime]:
    """Stage id -> time, from the first prefix that has a value (v2 before the legacy property)."""
    times: dict[str, datetime] = {}
    for stage in STAGE_IDS:
        for prefix in prefixes:
            moment = parse_time(props.get(f"{prefix}{stage}"))
            if moment is not None:
                times[stage] = moment
                break
    return times


def deal_from_record(record: Mapping, contact_id: str | None = None,
                     default_currency: str = "USD") -> Deal:
    """A Deal from a HubSpot object record (``{"id", "properties": {...}}``)."""
    props = record.get("properties") or {}
    currency = str(props.get(names.DEAL_CURRENCY_CODE) or "").strip().upper() or default_currency
    return Deal(
        id=str(record.get("id") or props.get("hs_object_id")),
        stage=(props.get("dealstage") or None),
        amount=parse_amount(props.get("amount")),
        currency=currency,
        createdate=parse_time(props.get("createdate")) or parse_time(record.get("createdAt")),
        closedate=parse_time(props.get("closedate")),
        entered=_stage_times(props, names.V2_DATE_ENTERED_PREFIX, names.DATE_ENTERED_PREFIX),
        exited=_stage_times(props, names.DATE_EXITED_PREFIX),
        contact_id=contact_id,
        ecomm_synced=_truthy(props.get(names.ECOMM_SYNCED)),
        pipeline=(props.get("pipeline") or None),
        name=str(props.get("dealname") or ""),
    )


def contact_from_record(record: Mapping) -> Contact:
    """A Contact from a HubSpot object record."""
    props = record.get("properties") or {}
    email = str(props.get("email") or "").strip() or None
    source = str(props.get(names.SOURCE) or "").strip() or None
    return Contact(id=str(record.get("id") or props.get("hs_object_id")), email=email, source=source)


def find_ecommerce_pipeline(pipelines: Iterable[Mapping]) -> Mapping | None:
    """The deal pipeline whose stages carry the six Ecommerce stage ids (its id differs per account)."""
    wanted = set(STAGE_IDS)
    for pipeline in pipelines:
        if pipeline.get("archived"):
            continue
        if wanted <= {str(stage.get("id")) for stage in pipeline.get("stages") or ()}:
            return pipeline
    return None


def pick_contact(contact_ids: Iterable[str], contacts: Mapping[str, Contact]) -> str | None:
    """The deal's contact: the lowest known id among its associated contacts (deterministic)."""
    known = [cid for cid in contact_ids if cid in contacts]
    return min(known, key=lambda cid: (len(cid), cid)) if known else None


def build_dataset(deal_records: Iterable[Mapping], contact_records: Iterable[Mapping],
                  deal_contacts: Mapping[str, Iterable[str]], pipelines: Iterable[Mapping],
                  default_currency: str = "USD") -> Dataset:
    """A Dataset from raw API records; associations to contacts that were not read are dropped."""
    contacts = {c.id: c for c in map(contact_from_record, contact_records)}
    deals = []
    for record in deal_records:
        deal_id = str(record.get("id"))
        contact_id = pick_contact((str(c) for c in deal_contacts.get(deal_id, ())), contacts)
        deals.append(deal_from_record(record, contact_id, default_currency))
    pipeline = find_ecommerce_pipeline(pipelines)
    labels = dict(STAGE_LABELS)
    if pipeline is not None:
        labels.update({str(s["id"]): str(s.get("label") or s["id"]) for s in pipeline.get("stages") or ()})
    return Dataset(
        deals=tuple(sorted(deals, key=lambda d: (len(d.id), d.id))),
        contacts=contacts,
        pipeline_id=str(pipeline["id"]) if pipeline is not None else "",
        stage_labels=labels,
    )
