"""Money per currency: amounts in different currencies are never added together."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

Money = dict[str, Decimal]  # currency code -> amount
CENT = Decimal("0.01")


def parse_amount(value: object) -> Decimal:
    """A HubSpot number property as Decimal; empty or unreadable values count as zero."""
    if value is None or str(value).strip() == "":
        return Decimal(0)
    try:
        amount = Decimal(str(value).strip())
    except InvalidOperation:
        return Decimal(0)
    return amount if amount.is_finite() else Decimal(0)


def total(pairs: Iterable[tuple[str, Decimal]]) -> Money:
    """Sum (currency, amount) pairs into one amount per currency, currencies sorted."""
    sums: dict[str, Decimal] = {}
    for currency, amount in pairs:
        sums[currency] = sums.get(currency, Decimal(0)) + amount
    return {currency: at_least_cents(sums[currency]) for currency in sorted(sums)}


def at_least_cents(amount: Decimal) -> Decimal:
    """``10`` as ``10.00`` (same value); amounts with finer digits keep them."""
    return amount.quantize(CENT) if amount == amount.quantize(CENT) else amount


def round_cents(amount: Decimal) -> Decimal:
    """Half-up rounding to cents, for averages and ratios shown as money."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def average(sums: Mapping[str, Decimal], counts: Mapping[str, int]) -> Money:
    """Average amount per currency (sum / count of that currency), rounded to cents."""
    return {cur: round_cents(sums[cur] / counts[cur]) for cur in sorted(sums) if counts.get(cur)}


def ratio(part: int, whole: int) -> Decimal | None:
    """``part / whole`` rounded to four places, or None when ``whole`` is zero."""
    if whole == 0:
        return None
    return (Decimal(part) / Decimal(whole)).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)
