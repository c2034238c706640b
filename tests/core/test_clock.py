from datetime import UTC, datetime, timedelta

import pytest

from mocks.core.clock import Clock, format_iso, parse_iso


def test_simulated_clock_stands_still_until_told():
    clock = Clock.simulated("2024-05-01T00:00:00Z")
    assert clock.now() == datetime(2024, 5, 1, tzinfo=UTC)
    assert clock.now() == clock.now()
    clock.advance(86399)
    assert clock.now() == datetime(2024, 5, 1, 23, 59, 59, tzinfo=UTC)
    clock.set("2025-01-01T10:00:00+02:00")
    assert clock.now() == datetime(2025, 1, 1, 8, tzinfo=UTC)


def test_real_clock_becomes_simulated_when_advanced():
    clock = Clock()
    assert not clock.is_simulated
    before = clock.now()
    after = clock.advance(3600)
    assert clock.is_simulated
    assert after - before >= timedelta(seconds=3600)


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
