"""The eight ecommerce dashboard reports R1-R8 (SYNC_RULES "Reports"), as pure functions.

Each report takes a ``Dataset`` (see ``connector.reporting.model``), a ``ReportConfig`` and, where
it has one, a ``Period`` or the clock's ``now``; it returns a frozen dataclass. Money is always a
``{currency: Decimal}`` mapping: amounts in different currencies are never added together.
``compute_all`` returns every report as one JSON-ready dict. Loading lives in
``connector.reporting.loader``, printing in ``connector.reporting.render``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from connector import names
from connector.reporting.config import ReportConfig
from connector.reporting.model import STAGE_IDS, UNKNOWN_SOURCE, Dataset, Deal
from connector.reporting.money import Money, at_least_cents, average, ratio, total
from connector.reporting.periods import Period, last_month, parse_period, this_month
from connector.reporting.render import to_jsonable
from connector.reporting.times import utc_day
from connector.reporting.won import (
    closed_at,
    ecommerce_deals,
    first_won_ids,
    is_won,
    won_by_contact,
    won_deals,
)


def _money(deals: Iterable[Deal]) -> Money:
    return total((d.currency, d.amount) for d in deals)


@dataclass(frozen=True)
class StageRow:
    stage: str
    label: str
    count: int
    amount: Money


@dataclass(frozen=True)
class OrderSnapshot:
    """R1: ecommerce deals created in the period, by stage (all six stages, in pipeline order)."""

    period: Period
    stages: tuple[StageRow, ...]
    count: int
    amount: Money


def r1_order_snapshot(dataset: Dataset, period: Period, config: ReportConfig) -> OrderSnapshot:
    """R1 Order snapshot: count and total amount of ecommerce deals created in the period, by stage.

    Deals without a stage (D6: cleared at 48 h, no longer in the pipeline) are not counted.
    """
    created = [d for d in ecommerce_deals(dataset) if period.contains(d.createdate) and d.stage in STAGE_IDS]
    rows = tuple(
        StageRow(stage, dataset.stage_labels.get(stage, stage), len(in_stage), _money(in_stage))
        for stage in STAGE_IDS
        for in_stage in [[d for d in created if d.stage == stage]]
    )
    return OrderSnapshot(period, rows, len(created), _money(created))


@dataclass(frozen=True)
class DayRow:
    day: date
    count: int
    amount: Money


@dataclass(frozen=True)
class SalesOverview:
    """R2: won deals by UTC close day (only days with sales are listed)."""

    period: Period
    days: tuple[DayRow, ...]
    count: int
    amount: Money


def r2_new_sales(dataset: Dataset, period: Period, config: ReportConfig) -> SalesOverview:
    """R2 New sales processed overview: total amount and count of won deals by close day in the period."""
    won = [d for d in won_deals(dataset, config.won_stages) if period.contains(closed_at(d, config.won_stages))]
    by_day: dict[date, list[Deal]] = {}
    for deal in won:
        by_day.setdefault(utc_day(closed_at(deal, config.won_stages)), []).append(deal)
    days = tuple(DayRow(day, len(ds), _money(ds)) for day, ds in sorted(by_day.items()))
    return SalesOverview(period, days, len(won), _money(won))


@dataclass(frozen=True)
class Bucket:
    count: int
    amount: Money


@dataclass(frozen=True)
class NewVsExisting:
    """R3: ``new`` = the contact's first won deal ever; ``existing`` = later ones;
    ``no_contact`` = won deals with no contact (guest checkouts), which are neither."""

    period: Period
    new: Bucket
    existing: Bucket
    no_contact: Bucket


def r3_new_vs_existing(dataset: Dataset, period: Period, config: ReportConfig) -> NewVsExisting:
    """R3 New vs existing ecomm business: won amount in the period (by close date), split by first win."""
    firsts = first_won_ids(dataset, config.won_stages)
    won = [d for d in won_deals(dataset, config.won_stages) if period.contains(closed_at(d, config.won_stages))]
    new = [d for d in won if d.id in firsts]
    existing = [d for d in won if d.contact_id is not None and d.id not in firsts]
    guests = [d for d in won if d.contact_id is None]
    return NewVsExisting(period, *(Bucket(len(ds), _money(ds)) for ds in (new, existing, guests)))


def _source_of(deal: Deal, dataset: Dataset) -> str:
    contact = dataset.contacts.get(deal.contact_id) if deal.contact_id else None
    return (contact.source if contact else None) or UNKNOWN_SOURCE


def _by_source(dataset: Dataset, config: ReportConfig) -> dict[str, list[Deal]]:
    grouped: dict[str, list[Deal]] = {}
    for deal in won_deals(dataset, config.won_stages):
        grouped.setdefault(_source_of(deal, dataset), []).append(deal)
    return dict(sorted(grouped.items()))


@dataclass(frozen=True)
class SourceRow:
    source: str
    customers: int
    deals: int
    amount: Money


@dataclass(frozen=True)
class LifetimeBySource:
    """R4: all time, per original source (deals without a contact in ``Unknown``)."""

    sources: tuple[SourceRow, ...]


def r4_lifetime_by_source(dataset: Dataset, config: ReportConfig) -> LifetimeBySource:
    """R4 Lifetime order value by source: per contact original source, total won amount, all time."""
    rows = tuple(
        SourceRow(source, len({d.contact_id for d in ds if d.contact_id}), len(ds), _money(ds))
        for source, ds in _by_source(dataset, config).items()
    )
    return LifetimeBySource(rows)


@dataclass(frozen=True)
class AverageRow:
    source: str
    deals: dict[str, int]  # per currency
    amount: Money
    average: Money


@dataclass(frozen=True)
class AverageBySource:
    """R5: all time, average won amount per original source and currency."""

    sources: tuple[AverageRow, ...]


def r5_average_by_source(dataset: Dataset, config: ReportConfig) -> AverageBySource:
    """R5 Average order value by source: sum / count of won deals, per source and per currency."""
    rows = []
    for source, ds in _by_source(dataset, config).items():
        counts: dict[str, int] = {}
        for deal in ds:
            counts[deal.currency] = counts.get(deal.currency, 0) + 1
        sums = _money(ds)
        rows.append(AverageRow(source, dict(sorted(counts.items())), sums, average(sums, counts)))
    return AverageBySource(tuple(rows))


@dataclass(frozen=True)
class GoalProgress:
    """R6: won amount in the calendar month of ``now`` against the goal (in ``goal_currency``).

    ``progress`` = won in the goal currency / goal (None for a zero goal); ``remaining`` never < 0.
    Amounts in other currencies are listed in ``won`` but not counted against the goal.
    """

    month: Period
    goal: Decimal
    goal_currency: str
    count: int
    won: Money
    progress: Decimal | None
    remaining: Decimal
    reached: bool


def r6_goal(dataset: Dataset, now: datetime, config: ReportConfig) -> GoalProgress:
    """R6 Sales processed this month vs goal."""
    month = this_month(now)
    won = [d for d in won_deals(dataset, config.won_stages) if month.contains(closed_at(d, config.won_stages))]
    amounts = _money(won)
    currency = config.goal_currency_code
    achieved = amounts.get(currency, Decimal(0))
    progress = None
    if config.goal > 0:
        progress = (achieved / config.goal).quantize(Decimal("0.0001"))
    remaining = at_least_cents(max(config.goal - achieved, Decimal(0)))
    return GoalProgress(month, at_least_cents(config.goal), currency, len(won), amounts, progress, remaining,
                        achieved >= config.goal)


@dataclass(frozen=True)
class NetNewCustomers:
    """R7: contacts whose first won deal closed in this calendar month vs in the previous one."""

    this_month: Period
    last_month: Period
    this_month_count: int
    last_month_count: int
    delta: int
    change: Decimal | None  # (this - last) / last; None when last month had none
    this_month_contacts: tuple[str, ...]
    last_month_contacts: tuple[str, ...]


def r7_net_new_customers(dataset: Dataset, now: datetime, config: ReportConfig) -> NetNewCustomers:
    """R7 Net new customers vs last month (calendar months of the clock ``now``)."""
    current, previous = this_month(now), last_month(now)
    firsts = {cid: closed_at(ds[0], config.won_stages) for cid, ds in won_by_contact(dataset, config.won_stages).items()}
    now_ids = tuple(cid for cid, moment in firsts.items() if current.contains(moment))
    then_ids = tuple(cid for cid, moment in firsts.items() if previous.contains(moment))
    delta = len(now_ids) - len(then_ids)
    change = ratio(delta, len(then_ids))
    return NetNewCustomers(current, previous, len(now_ids), len(then_ids), delta, change, now_ids, then_ids)


@dataclass(frozen=True)
class AbandonedRecovery:
    """R8: deals that entered Checkout Abandoned in the period; recovered = won since.

    ``rate`` = recovered / abandoned by count (None when nothing was abandoned). Cancelled deals are
    abandoned but never recovered.
    """

    period: Period
    abandoned: Bucket
    recovered: Bucket
    rate: Decimal | None
    recovered_ids: tuple[str, ...]


def r8_abandoned_recovery(dataset: Dataset, period: Period, config: ReportConfig) -> AbandonedRecovery:
    """R8 Abandoned cart recovery, by the time each deal entered ``checkout_abandoned``."""
    abandoned = [d for d in ecommerce_deals(dataset) if period.contains(d.entered.get(names.STAGE_ABANDONED))]
    recovered = [d for d in abandoned if is_won(d, config.won_stages)]
    return AbandonedRecovery(
        period,
        Bucket(len(abandoned), _money(abandoned)),
        Bucket(len(recovered), _money(recovered)),
        ratio(len(recovered), len(abandoned)),
        tuple(d.id for d in recovered),
    )


REPORT_TITLES = {
    "R1": "Order snapshot",
    "R2": "New sales processed overview",
    "R3": "New vs existing ecomm business",
    "R4": "Lifetime order value by source",
    "R5": "Average order value by source",
    "R6": "Sales processed this month vs goal",
    "R7": "Net new customers vs last month",
    "R8": "Abandoned cart recovery",
}


def compute_reports(dataset: Dataset, period: Period, now: datetime, config: ReportConfig) -> dict[str, object]:
    """All eight reports as dataclasses, keyed R1..R8."""
    return {
        "R1": r1_order_snapshot(dataset, period, config),
        "R2": r2_new_sales(dataset, period, config),
        "R3": r3_new_vs_existing(dataset, period, config),
        "R4": r4_lifetime_by_source(dataset, config),
        "R5": r5_average_by_source(dataset, config),
        "R6": r6_goal(dataset, now, config),
        "R7": r7_net_new_customers(dataset, now, config),
        "R8": r8_abandoned_recovery(dataset, period, config),
    }


def compute_all(dataset: Dataset, period: str | Period, now: datetime,
                config: ReportConfig | None = None) -> dict:
    """All eight reports as one JSON-ready dict (Decimals as strings, times as ISO ``Z``).

    ``period`` is ``this_month``, ``last_month``, ``all``, ``YYYY-MM-DD..YYYY-MM-DD`` or a Period;
    it applies to R1, R2, R3 and R8. R4 and R5 are all time; R6 and R7 use the months of ``now``.
    """
    config = config or ReportConfig()
    resolved = parse_period(period, now)
    reports = compute_reports(dataset, resolved, now, config)
    return {
        "now": to_jsonable(now),
        "period": resolved.describe(),
        "won_stages": sorted(config.won_stages),
        "reports": {key: {"title": REPORT_TITLES[key], **to_jsonable(value)} for key, value in reports.items()},
    }
