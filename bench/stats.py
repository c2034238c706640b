"""Pure statistics for the benchmark: medians, percentiles, call minimums, rate-limit times, slopes."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

BATCH_SIZE = 100
HUBSPOT_PRO_CALLS = 190          # Professional private app: 190 calls per rolling 10 s
HUBSPOT_PRO_WINDOW_S = 10.0
HUBSPOT_SEARCH_PER_S = 5         # search endpoints: 5 requests/second, on top of the 10 s limit


def median(values: Sequence[float]) -> float:
    """The median (mean of the middle two for an even count); ``nan`` for no values."""
    ordered = sorted(values)
    if not ordered:
        return math.nan
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return float(ordered[middle])
    return (ordered[middle - 1] + ordered[middle]) / 2


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q``-th percentile (0-100) with linear interpolation between ranks (numpy's default)."""
    if not 0 <= q <= 100:
        raise ValueError("q must be between 0 and 100")
    ordered = sorted(values)
    if not ordered:
        return math.nan
    rank = (len(ordered) - 1) * q / 100
    low = math.floor(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def latency_summary(seconds: Sequence[float]) -> dict[str, float]:
    """Count, p50, p95, p99 and max of latencies given in seconds, reported in milliseconds."""
    ms = [s * 1000 for s in seconds]
    return {"count": len(ms), "p50_ms": percentile(ms, 50), "p95_ms": percentile(ms, 95),
            "p99_ms": percentile(ms, 99), "max_ms": max(ms) if ms else math.nan}


def min_batch_calls(records_by_kind: Mapping[str, int], batch_size: int = BATCH_SIZE) -> int:
    """Fewest write calls that can carry these records: the sum over kinds of ceil(records / batch)."""
    return sum(math.ceil(count / batch_size) for count in records_by_kind.values() if count > 0)


def efficiency_ratio(calls: int, minimum: int) -> float:
    """Calls made per call strictly needed (1.0 is perfect); ``nan`` when nothing was needed."""
    return calls / minimum if minimum else math.nan


def real_limit_seconds(calls: int, search_calls: int = 0, *,
                       per_window: int = HUBSPOT_PRO_CALLS, window_s: float = HUBSPOT_PRO_WINDOW_S,
                       search_per_s: int = HUBSPOT_SEARCH_PER_S) -> float:
    """Least time HubSpot's limits allow for ``calls`` (of which ``search_calls`` are searches).

    The first ``per_window`` calls may go at once; every further full window admits ``per_window``
    more, so the bound is ``ceil(calls / per_window - 1) * window_s``. Searches are also capped at
    ``search_per_s`` per second. The larger of the two bounds is returned.
    """
    windows = max(math.ceil(calls / per_window) - 1, 0) if calls else 0
    search_bound = max(math.ceil(search_calls / search_per_s) - 1, 0) if search_calls else 0
    return max(windows * window_s, float(search_bound))


def per_record(value: float, records: int) -> float:
    """``value / records``; ``nan`` for zero records."""
    return value / records if records else math.nan


def slope_ratio(small: tuple[int, float], large: tuple[int, float]) -> float:
    """Per-record cost at the large size over per-record cost at the small size (1.0: linear).

    Each point is ``(records, cost)``. Below 1 means fixed costs are being amortised; well above 1
    means cost grows faster than linearly.
    """
    return per_record(large[1], large[0]) / per_record(small[1], small[0])


def marginal_ratio(points: Sequence[tuple[int, float]]) -> float:
    """Marginal cost per record of the last step over that of the first step (1.0: linear).

    With points ``(n1, c1), (n2, c2), ..., (nk, ck)`` sorted by size, this is
    ``((ck - c(k-1)) / (nk - n(k-1))) / ((c2 - c1) / (n2 - n1))``; fixed costs cancel out.
    """
    ordered = sorted(points)
    if len(ordered) < 3:
        return math.nan
    (n1, c1), (n2, c2) = ordered[0], ordered[1]
    (na, ca), (nb, cb) = ordered[-2], ordered[-1]
    first = (c2 - c1) / (n2 - n1)
    last = (cb - ca) / (nb - na)
    return last / first if first else math.nan
