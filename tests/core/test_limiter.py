from mocks.core.clock import Clock
from mocks.core.limiter import DailyQuota, LeakyBucket, RollingWindow


def test_leaky_bucket_fills_refuses_and_leaks_on_the_clock():
    clock = Clock.simulated()
    bucket = LeakyBucket(clock, capacity=40, leak_rate=2)
    decisions = [bucket.hit("shop") for _ in range(40)]
    assert all(d.allowed for d in decisions)
    assert decisions[-1].used == 40
    refused = bucket.hit("shop")
    assert not refused.allowed and refused.retry_after == 0.5
    clock.advance(0.5)
    assert bucket.hit("shop").allowed
    clock.advance(10)  # 39/40 -> 19/40 after 10 s, as Shopify's doc example says
    assert bucket.peek("shop") == 20
    assert bucket.hit("other").used == 1  # per key


def test_rolling_window_counts_the_last_ten_seconds():
    clock = Clock.simulated()
    window = RollingWindow(clock, limit=3, window=10)
    assert [window.hit("t").allowed for _ in range(3)] == [True, True, True]
    refused = window.hit("t")
    assert not refused.allowed and refused.retry_after == 10
    clock.advance(9.9)
    assert not window.hit("t").allowed
    clock.advance(0.1)
    decision = window.hit("t")
    assert decision.allowed and decision.used == 1 and decision.remaining == 2  # all three left together


def test_daily_quota_resets_at_midnight_utc():
    clock = Clock.simulated("2024-01-01T23:59:00Z")
    quota = DailyQuota(clock, limit=2)
    assert quota.hit("t").allowed and quota.hit("t").allowed
    refused = quota.hit("t")
    assert not refused.allowed and refused.retry_after == 60
    clock.advance(60)
    assert quota.hit("t").allowed
