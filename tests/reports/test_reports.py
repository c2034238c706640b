"""R1-R8 on hand-built data with known answers (period edges, currencies, cancelled, guests)."""

from decimal import Decimal

from connector.reporting.config import ReportConfig
from connector.reporting.figures import (
    compute_all,
    r1_order_snapshot,
    r2_new_sales,
    r3_new_vs_existing,
    r4_lifetime_by_source,
    r5_average_by_source,
    r6_goal,
    r7_net_new_customers,
    r8_abandoned_recovery,
)
from connector.reporting.periods import parse_period
from tests.reports.factory import at, contact, dataset, deal

NOW = at("2024-05-15T12:00:00")
MAY = parse_period("this_month", NOW)
CONFIG = ReportConfig()
D = Decimal


def test_r1_counts_deals_created_in_the_period_by_stage_per_currency():
    data = dataset([
        deal("1", "checkout_abandoned", "10", created="2024-05-01T00:00:00"),  # first second of May
        deal("2", "checkout_abandoned", "5", currency="EUR", created="2024-05-31T23:59:59"),  # last second
        deal("3", "processed", "30", created="2024-05-10T08:00:00"),
        deal("4", "cancelled", "7", created="2024-05-11T08:00:00"),
        deal("5", "processed", "99", created="2024-04-30T23:59:59"),  # April
        deal("6", "processed", "99", created="2024-06-01T00:00:00"),  # June
        deal("7", "processed", "99", created="2024-05-10T00:00:00", synced=False),  # another integration
        deal("8", "processed", "99", created="2024-05-10T00:00:00", pipeline="default"),
        deal("9", None, "99", created="2024-05-10T00:00:00"),  # stage cleared (D6)
    ])
    r1 = r1_order_snapshot(data, MAY, CONFIG)
    rows = {row.stage: (row.count, row.amount) for row in r1.stages}
    assert list(rows) == ["checkout_abandoned", "checkout_pending", "checkout_completed",
                          "processed", "shipped", "cancelled"]
    assert rows["checkout_abandoned"] == (2, {"EUR": D("5"), "USD": D("10")})
    assert rows["processed"] == (1, {"USD": D("30")})
    assert rows["cancelled"] == (1, {"USD": D("7")})
    assert rows["checkout_pending"] == (0, {})
    assert r1.count == 4 and r1.amount == {"EUR": D("5"), "USD": D("47")}


def test_r2_groups_won_deals_by_close_day_and_never_mixes_currencies():
    data = dataset([
        deal("1", "processed", "10", closed="2024-05-01T00:00:00"),
        deal("2", "shipped", "20", currency="EUR", closed="2024-05-01T23:59:59"),
        deal("3", "checkout_completed", "5", closed="2024-05-31T23:59:59"),
        deal("4", "cancelled", "50", closed="2024-05-03T00:00:00"),  # not won
        deal("5", "checkout_pending", "50", closed="2024-05-03T00:00:00"),  # not won
        deal("6", "processed", "50", closed="2024-06-01T00:00:00"),  # next month
    ])
    r2 = r2_new_sales(data, MAY, CONFIG)
    assert [(str(day.day), day.count, day.amount) for day in r2.days] == [
        ("2024-05-01", 2, {"EUR": D("20"), "USD": D("10")}),
        ("2024-05-31", 1, {"USD": D("5")}),
    ]
    assert r2.count == 3 and r2.amount == {"EUR": D("20"), "USD": D("15")}


def _r3_data():
    return dataset([
        deal("1", "processed", "10", closed="2024-04-20T00:00:00", contact="A"),  # A's first, April
        deal("2", "shipped", "15", closed="2024-05-02T00:00:00", contact="A"),  # A existing
        deal("3", "processed", "40", currency="EUR", closed="2024-05-03T00:00:00", contact="B"),  # B new
        deal("4", "processed", "8", closed="2024-05-04T00:00:00"),  # guest
        deal("5", "cancelled", "70", closed="2024-04-01T00:00:00", contact="C"),  # cancelled: never won
        deal("6", "processed", "12", closed="2024-05-05T00:00:00", contact="C"),  # so C's first
        deal("7", "checkout_completed", "3", closed="2024-04-02T00:00:00", contact="D"),
        deal("8", "shipped", "9", closed="2024-05-06T00:00:00", contact="D"),
    ], [contact(c) for c in "ABCD"])


def test_r3_splits_won_amount_by_the_contacts_first_won_deal():
    r3 = r3_new_vs_existing(_r3_data(), MAY, CONFIG)
    assert (r3.new.count, r3.new.amount) == (2, {"EUR": D("40"), "USD": D("12")})
    assert (r3.existing.count, r3.existing.amount) == (2, {"USD": D("24")})
    assert (r3.no_contact.count, r3.no_contact.amount) == (1, {"USD": D("8")})


def test_r3_follows_the_configured_won_stages():
    strict = ReportConfig(won_stages=frozenset({"processed", "shipped"}))
    r3 = r3_new_vs_existing(_r3_data(), MAY, strict)
    # D's checkout_completed deal no longer counts as won, so D's shipped deal is new business.
    assert r3.new.amount == {"EUR": D("40"), "USD": D("21")}
    assert r3.existing.amount == {"USD": D("15")}


def _source_data():
    return dataset([
        deal("1", "processed", "10", closed="2023-01-01T00:00:00", contact="A"),  # old: still all time
        deal("2", "shipped", "20", closed="2024-05-01T00:00:00", contact="A"),
        deal("3", "processed", "25", closed="2024-05-01T00:00:00", contact="B"),
        deal("4", "processed", "7", currency="EUR", closed="2024-05-01T00:00:00", contact="B"),
        deal("5", "processed", "4", closed="2024-05-01T00:00:00"),  # guest -> Unknown
        deal("6", "processed", "6", closed="2024-05-01T00:00:00", contact="N"),  # no source -> Unknown
        deal("7", "cancelled", "500", closed="2024-05-01T00:00:00", contact="A"),
        deal("8", "checkout_abandoned", "500", contact="B"),
    ], [contact("A", source="ORGANIC_SEARCH"), contact("B", source="ORGANIC_SEARCH"),
        contact("N", source=None)])


def test_r4_lifetime_value_by_original_source_with_unknown_bucket():
    r4 = r4_lifetime_by_source(_source_data(), CONFIG)
    assert [(s.source, s.customers, s.deals, s.amount) for s in r4.sources] == [
        ("ORGANIC_SEARCH", 2, 4, {"EUR": D("7"), "USD": D("55")}),
        ("Unknown", 1, 2, {"USD": D("10")}),
    ]


def test_r5_average_is_per_source_and_per_currency_rounded_to_cents():
    r5 = r5_average_by_source(_source_data(), CONFIG)
    organic, unknown = r5.sources
    assert organic.deals == {"EUR": 1, "USD": 3}
    assert organic.average == {"EUR": D("7.00"), "USD": D("18.33")}  # 55 / 3
    assert (unknown.source, unknown.average) == ("Unknown", {"USD": D("5.00")})


def _goal_data():
    return dataset([
        deal("1", "processed", "60", closed="2024-05-01T00:00:00"),
        deal("2", "shipped", "500", currency="EUR", closed="2024-05-31T23:59:59"),
        deal("3", "processed", "1000", closed="2024-04-30T23:59:59"),  # last month
        deal("4", "cancelled", "1000", closed="2024-05-02T00:00:00"),
    ])


def test_r6_compares_this_months_won_amount_in_the_goal_currency_only():
    r6 = r6_goal(_goal_data(), NOW, ReportConfig(goal=D("100")))
    assert r6.won == {"EUR": D("500"), "USD": D("60")} and r6.count == 2
    assert (r6.goal_currency, r6.progress, r6.remaining, r6.reached) == ("USD", D("0.6"), D("40"), False)
    in_euros = r6_goal(_goal_data(), NOW, ReportConfig(goal=D("400"), goal_currency="EUR"))
    assert (in_euros.progress, in_euros.remaining, in_euros.reached) == (D("1.25"), D("0"), True)


def test_r6_default_goal_and_zero_goal():
    assert r6_goal(_goal_data(), NOW, CONFIG).goal == D("10000")
    zero = r6_goal(_goal_data(), NOW, ReportConfig(goal=D("0")))
    assert zero.progress is None and zero.reached


def test_r7_counts_contacts_by_the_month_of_their_first_won_deal():
    data = dataset([
        deal("1", "processed", "1", closed="2024-04-01T00:00:00", contact="A"),  # A new in April
        deal("2", "processed", "1", closed="2024-05-02T00:00:00", contact="A"),  # not new again
        deal("3", "processed", "1", closed="2024-04-30T23:59:59", contact="B"),  # B new in April
        deal("4", "shipped", "1", closed="2024-05-01T00:00:00", contact="C"),  # C new in May
        deal("5", "cancelled", "1", closed="2024-05-03T00:00:00", contact="D"),  # never won
        deal("6", "processed", "1", closed="2024-03-31T23:59:59", contact="E"),  # March
    ], [contact(c) for c in "ABCDE"])
    r7 = r7_net_new_customers(data, NOW, CONFIG)
    assert (r7.this_month_contacts, r7.last_month_contacts) == (("C",), ("A", "B"))
    assert (r7.this_month_count, r7.last_month_count, r7.delta, r7.change) == (1, 2, -1, D("-0.5"))


def test_r8_recovered_means_won_since_abandonment_and_cancelled_is_not_recovered():
    data = dataset([
        deal("1", "processed", "30", entered={"checkout_abandoned": "2024-05-01T00:00:00",
                                               "processed": "2024-05-03T00:00:00"}, contact="A"),
        deal("2", "checkout_abandoned", "20", entered={"checkout_abandoned": "2024-05-31T23:59:59"}),
        deal("3", "cancelled", "50", currency="EUR", entered={"checkout_abandoned": "2024-05-05T00:00:00",
                                                              "cancelled": "2024-05-06T00:00:00"}),
        deal("4", "shipped", "10", currency="EUR", entered={"checkout_abandoned": "2024-05-07T00:00:00",
                                                            "shipped": "2024-05-08T00:00:00"}),
        deal("5", "processed", "99", entered={"checkout_abandoned": "2024-04-30T23:59:59",
                                               "processed": "2024-05-02T00:00:00"}),  # April
        deal("6", "processed", "99", entered={"processed": "2024-05-02T00:00:00"}),  # never abandoned
    ], [contact("A")])
    r8 = r8_abandoned_recovery(data, MAY, CONFIG)
    assert (r8.abandoned.count, r8.abandoned.amount) == (4, {"EUR": D("60"), "USD": D("50")})
    assert (r8.recovered.count, r8.recovered.amount) == (2, {"EUR": D("10"), "USD": D("30")})
    assert r8.rate == D("0.5") and r8.recovered_ids == ("1", "4")
    assert r8_abandoned_recovery(dataset([]), MAY, CONFIG).rate is None


def test_compute_all_is_json_ready_and_applies_the_period_to_r1_r2_r3_r8():
    data = _r3_data()
    doc = compute_all(data, "last_month", NOW)
    assert doc["period"]["first_second"] == "2024-04-01T00:00:00Z"
    assert set(doc["reports"]) == {f"R{i}" for i in range(1, 9)}
    assert doc["reports"]["R2"]["amount"] == {"USD": "13.00"}  # April: deals 1 and 7
    assert doc["reports"]["R6"]["month"]["first_second"] == "2024-05-01T00:00:00Z"  # R6 stays on now's month
    assert doc["reports"]["R1"]["title"] == "Order snapshot"
