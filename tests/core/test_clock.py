from datetime import UTC, datetime, timedelta

import pytest

from mocks.core.clock import Clock, format_iso, parse_iso
from mocks.core.limiter import LeakyBucket


class Wall:
    """A hand-moved wall clock (seconds since the epoch)."""

    def __init__(self, at: float = 1_700_000_000.0) -> None:
        self.at = at

    def __call__(self) -> float:
        return self.at


def test_simulated_clock_stands_still_until_told():
    clock = Clock.simulated("2024-05-01T00:00:00Z")
    assert clock.now() == datetime(2024, 5, 1, tzinfo=UTC)
    assert clock.now() == clock.now()
    clock.advance(86399)
    assert clock.now() == datetime(2024, 5, 1, 23, 59, 59, tzinfo=UTC)
    clock.set("2025-01-01T10:00:00+02:00")
    assert clock.now() == datetime(2025, 1, 1, 8, tzinfo=UTC)
    assert clock.mode == "frozen"


def test_frozen_clock_ignores_the_wall():
    wall = Wall()
    clock = Clock.simulated("2024-05-01T00:00:00Z", wall=wall)
    wall.at += 3600
    assert clock.now() == datetime(2024, 5, 1, tzinfo=UTC)


def test_running_clock_follows_the_wall_from_its_start():
    wall = Wall()
    clock = Clock.running("2024-05-01T00:00:00Z", wall=wall)
    assert clock.mode == "running" and not clock.is_simulated
    wall.at += 90
    assert clock.now() == datetime(2024, 5, 1, 0, 1, 30, tzinfo=UTC)


def test_advancing_a_running_clock_jumps_and_keeps_it_running():
    """The issue: advance on a real-clock mock silently froze it. Now it jumps and keeps running."""
    wall = Wall()
    clock = Clock(wall=wall)
    before = clock.now()
    after = clock.advance(3600)
    assert after - before == timedelta(seconds=3600)
    assert clock.mode == "running"
    wall.at += 5
    assert clock.now() - after == timedelta(seconds=5)
    clock.set("2030-01-01T00:00:00Z")
    wall.at += 2
    assert clock.now() == datetime(2030, 1, 1, 0, 0, 2, tzinfo=UTC)


def test_freeze_and_run_switch_at_the_current_instant():
    wall = Wall()
    clock = Clock.running("2024-05-01T00:00:00Z", wall=wall)
    wall.at += 10
    assert clock.freeze() == datetime(2024, 5, 1, 0, 0, 10, tzinfo=UTC)
    wall.at += 100
    assert clock.now() == datetime(2024, 5, 1, 0, 0, 10, tzinfo=UTC)
    clock.run()
    wall.at += 1
    assert clock.now() == datetime(2024, 5, 1, 0, 0, 11, tzinfo=UTC)
    with pytest.raises(ValueError):
        clock.set_mode("sideways")


def test_running_while_lets_a_frozen_clock_run_for_a_block_only():
    wall = Wall()
    clock = Clock.simulated("2024-05-01T00:00:00Z", wall=wall)
    with clock.running_while():
        wall.at += 3
        assert clock.now() == datetime(2024, 5, 1, 0, 0, 3, tzinfo=UTC)
    wall.at += 100
    assert clock.mode == "frozen" and clock.now() == datetime(2024, 5, 1, 0, 0, 3, tzinfo=UTC)
    running = Clock.running("2024-05-01T00:00:00Z", wall=wall)
    with running.running_while():
        pass
    assert running.mode == "running"


def test_to_dict_names_the_mode():
    clock = Clock.simulated("2024-05-01T00:00:00Z")
    assert clock.to_dict() == {"now": "2024-05-01T00:00:00.000Z", "mode": "frozen", "simulated": True}


def test_leaky_bucket_leaks_while_a_client_really_waits_on_a_running_clock():
    """A full bucket's Retry-After is honoured by wall time alone when the clock runs."""
    wall = Wall()
    bucket = LeakyBucket(Clock.running("2024-05-01T00:00:00Z", wall=wall), capacity=2, leak_rate=2.0)
    assert bucket.hit("k").allowed and bucket.hit("k").allowed
    refused = bucket.hit("k")
    assert not refused.allowed and refused.retry_after == 0.5
    wall.at += refused.retry_after
    assert bucket.hit("k").allowed


def test_leaky_bucket_on_a_frozen_clock_leaks_only_when_advanced():
    wall = Wall()
    clock = Clock.simulated("2024-05-01T00:00:00Z", wall=wall)
    bucket = LeakyBucket(clock, capacity=1, leak_rate=2.0)
    assert bucket.hit("k").allowed
    wall.at += 60
    assert not bucket.hit("k").allowed
    clock.advance(0.5)
    assert bucket.hit("k").allowed


@pytest.mark.parametrize("text,expected", [
    ("2024-03-27T18:04:11.823Z", datetime(2024, 3, 27, 18, 4, 11, 823000, tzinfo=UTC)),
    ("2024-10-02T09:24:09-05:00", datetime(2024, 10, 2, 14, 24, 9, tzinfo=UTC)),
    ("2024-01-01T00:00:00", datetime(2024, 1, 1, tzinfo=UTC)),
])
def test_parse_iso(text, expected):
    assert parse_iso(text) == expected


def test_format_iso_has_milliseconds_and_z():
    assert format_iso(datetime(2024, 3, 27, 18, 4, 11, 823999, tzinfo=UTC)) == "2024-03-27T18:04:11.823Z"
    assert format_iso(datetime(2024, 3, 27, tzinfo=UTC), millis=False) == "2024-03-27T00:00:00Z"


def test_format_iso_writes_what_strftime_writes_for_any_utc_moment():
    import random
    from datetime import timezone

    rng = random.Random(12)
    zones = [UTC, timezone(timedelta(hours=0)), timezone(timedelta(hours=5, minutes=30)), timezone(timedelta(hours=-8))]
    for _ in range(3000):
        moment = datetime(rng.randint(1000, 9998), rng.randint(1, 12), rng.randint(1, 28), rng.randint(0, 23),
                          rng.randint(0, 59), rng.randint(0, 59), rng.choice([0, 999, 1000, rng.randint(0, 999999)]),
                          tzinfo=rng.choice(zones))
        utc = moment.astimezone(UTC)
        assert format_iso(moment) == utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"
        assert format_iso(moment, millis=False) == utc.strftime("%Y-%m-%dT%H:%M:%SZ")
