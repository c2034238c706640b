"""Report periods: names, FROM..TO, exact month edges, bad input."""

from datetime import timedelta

import pytest

from connector.reporting.periods import PeriodError, parse_period
from tests.reports.factory import at

NOW = at("2024-03-15T10:00:00")


def test_this_month_includes_its_first_and_last_second_and_nothing_around():
    period = parse_period("this_month", NOW)
    assert period.contains(at("2024-03-01T00:00:00"))
    assert period.contains(at("2024-03-31T23:59:59"))
    assert period.contains(at("2024-03-31T23:59:59") + timedelta(milliseconds=999))
    assert not period.contains(at("2024-02-29T23:59:59"))
    assert not period.contains(at("2024-04-01T00:00:00"))
    assert period.describe() == {"name": "this_month", "first_second": "2024-03-01T00:00:00Z",
                                 "last_second": "2024-03-31T23:59:59Z"}


def test_last_month_handles_leap_february_and_year_boundaries():
    feb = parse_period("last_month", NOW)
    assert feb.contains(at("2024-02-29T23:59:59")) and not feb.contains(at("2024-03-01T00:00:00"))
    dec = parse_period("last_month", at("2024-01-01T00:00:00"))
    assert dec.describe()["first_second"] == "2023-12-01T00:00:00Z"
    assert dec.describe()["last_second"] == "2023-12-31T23:59:59Z"


def test_range_is_inclusive_of_whole_days_in_utc():
    period = parse_period("2024-01-10..2024-01-12", NOW)
    assert period.contains(at("2024-01-10T00:00:00"))
    assert period.contains(at("2024-01-12T23:59:59"))
    assert not period.contains(at("2024-01-13T00:00:00"))
    assert not period.contains(at("2024-01-09T23:59:59"))


def test_all_contains_any_known_time_but_not_an_unknown_one():
    period = parse_period("all", NOW)
    assert period.contains(at("1999-01-01T00:00:00")) and period.contains(at("2099-01-01T00:00:00"))
    assert not period.contains(None)


@pytest.mark.parametrize("text", ["yesterday", "2024-01-10", "2024-01-12..2024-01-10", "2024-02-30..2024-03-01", ""])
def test_bad_periods_are_refused(text):
    with pytest.raises(PeriodError):
        parse_period(text, NOW)
