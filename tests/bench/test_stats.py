"""The bench's statistics are pure functions: checked on small, hand-computed inputs."""

import math

import pytest

from bench import stats


def test_median_odd_even_and_empty():
    assert stats.median([3, 1, 2]) == 2
    assert stats.median([4, 1, 3, 2]) == 2.5
    assert math.isnan(stats.median([]))


def test_percentile_interpolates_like_numpy():
    values = list(range(1, 101))  # 1..100
    assert stats.percentile(values, 50) == pytest.approx(50.5)
    assert stats.percentile(values, 99) == pytest.approx(99.01)
    assert stats.percentile(values, 0) == 1 and stats.percentile(values, 100) == 100
    assert stats.percentile([7.0], 95) == 7.0
    with pytest.raises(ValueError):
        stats.percentile(values, 101)


def test_latency_summary_reports_milliseconds():
    summary = stats.latency_summary([0.001, 0.002, 0.003])
    assert summary["count"] == 3 and summary["p50_ms"] == pytest.approx(2.0)
    assert summary["max_ms"] == pytest.approx(3.0)


def test_min_batch_calls_is_the_sum_of_ceilings():
    assert stats.min_batch_calls({"contacts": 1000, "deals": 2100, "line_items": 1, "empty": 0}) == 10 + 21 + 1
    assert stats.efficiency_ratio(35, 32) == pytest.approx(35 / 32)
    assert math.isnan(stats.efficiency_ratio(3, 0))


def test_real_limit_seconds_counts_full_windows_and_the_search_limit():
    assert stats.real_limit_seconds(0) == 0
    assert stats.real_limit_seconds(190) == 0          # one burst fits in the first window
    assert stats.real_limit_seconds(191) == 10
    assert stats.real_limit_seconds(1900) == 90
    assert stats.real_limit_seconds(10, search_calls=50) == 9   # 5 searches per second dominate


def test_slope_and_marginal_ratios():
    linear = [(1000, 2.0), (10000, 20.0), (100000, 200.0)]
    assert stats.slope_ratio(linear[0], linear[-1]) == pytest.approx(1.0)
    with_fixed_cost = [(n, 5 + c) for n, c in linear]
    assert stats.slope_ratio(with_fixed_cost[0], with_fixed_cost[-1]) < 0.5
    assert stats.marginal_ratio(with_fixed_cost) == pytest.approx(1.0)
    quadratic = [(n, (n / 1000) ** 2) for n, _ in linear]
    assert stats.marginal_ratio(quadratic) > 5
    assert math.isnan(stats.marginal_ratio(linear[:2]))
