"""The dashboard page: eight report sections whose figures equal connector.reporting.figures, and nothing fetched."""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime
from decimal import Decimal

from connector import names
from connector.dashboard import LogBuffer, dashboard_app
from connector.dashboard.page import deal_count, render_page
from connector.reporting.config import ReportConfig
from connector.reporting.figures import compute_all
from connector.reporting.loader import load
from connector.reporting.model import Contact, Dataset, Deal
from connector.workflows import compute_workflows
from demo.servers import HUBSPOT_TOKEN
from tests.demo.conftest import DemoWorld
from tests.demo.figures import expected, parse

NOW = datetime(2024, 5, 15, 12, tzinfo=UTC)


def _deal(deal_id: str, stage: str, amount: str, day: int, contact: str | None, currency: str = "USD",
          abandoned: int | None = None) -> Deal:
    at = datetime(2024, 5, day, tzinfo=UTC)
    entered = {stage: at} | ({names.STAGE_ABANDONED: datetime(2024, 5, abandoned, tzinfo=UTC)} if abandoned else {})
    return Deal(deal_id, stage, Decimal(amount), currency, at, at if stage in names.DEFAULT_WON_STAGES else None,
                entered, contact_id=contact, pipeline="p")


def small_doc() -> tuple[dict, dict]:
    deals = (_deal("1", "processed", "30.00", 2, "101"), _deal("2", "shipped", "20.50", 3, "101"),
             _deal("3", "checkout_abandoned", "15.00", 4, "102", abandoned=5),
             _deal("4", "processed", "40.00", 7, "102", "EUR", abandoned=6), _deal("5", "cancelled", "9.99", 8, None))
    contacts = {"101": Contact("101", "ann@example.com", "ORGANIC_SEARCH"), "102": Contact("102", "bob@example.com", None)}
    dataset = Dataset(deals=deals, contacts=contacts, pipeline_id="p")
    config = ReportConfig(goal=Decimal("100"))
    return compute_all(dataset, "this_month", NOW, config), compute_workflows(dataset, NOW, config)


def test_page_shows_every_report_with_the_computed_figures() -> None:
    reports, flows = small_doc()
    buffer = LogBuffer(clock=type("C", (), {"now": staticmethod(lambda: NOW)})())
    buffer.handle(logging.LogRecord("connector", logging.INFO, __file__, 1, "[D1] deal %s synced", ("7",), None))
    html = render_page(reports, flows, {"contacts": 2, "deals": 5, "products": None}, buffer.recent())
    page = parse(html)
    assert page.reports == [f"R{i}" for i in range(1, 9)]
    assert all(page.svgs.get(f"R{i}") for i in range(1, 9)), page.svgs  # a chart in every report
    want = expected(reports)
    got = {key: value for key, (value, _) in page.figures.items()}
    assert got == want
    assert page.figures[("R1", "count")] == ("5", "5")
    assert page.figures[("R8", "rate")][1] == "50.0%"
    assert page.figures[("R6", "won")][1] == "EUR 40.00, USD 50.50"
    assert "[D1] deal 7 synced" in html and "May 15 12:00" in html


def test_page_fetches_nothing() -> None:
    reports, flows = small_doc()
    html = render_page(reports, flows, {}, [])
    assert not re.search(r"<script|<link|<img|@import|url\(", html)
    assert not re.search(r'src="http', html)


def test_app_serves_the_reports_of_the_account(world: DemoWorld) -> None:
    app = dashboard_app(world.mocks.hubspot_url, HUBSPOT_TOKEN, clock=world.mocks.clock, logs=world.run.logs,
                        config=world.config, sleep=world.mocks.clock.advance)
    client = app.test_client()
    html = client.get("/").get_data(as_text=True)
    now = world.mocks.clock.now()
    truth = compute_all(load(world.run.connector.hubspot, now), "this_month", now, world.config)
    got = {key: value for key, (value, _) in parse(html).figures.items()}
    assert got == expected(truth)
    assert 'data-object="contacts"' in html and "Recent sync actions" in html and "[D" in html
    assert client.get("/?period=last_month").status_code == 200
    assert client.get("/?period=nonsense").status_code == 400
    data = client.get("/reports.json").get_json()
    assert data["counts"]["deals"] > 0 and data["reports"]["reports"]["R1"]["count"] == truth["reports"]["R1"]["count"]


def test_r5_shows_deal_counts_without_a_currency() -> None:
    reports, flows = small_doc()
    page = parse(render_page(reports, flows, {}, []))
    sources = {s["source"]: s for s in reports["reports"]["R5"]["sources"]}
    for source, row in sources.items():
        text = page.figures[("R5", f"deals:{source}")][1]
        total = sum(int(n) for n in row["deals"].values())
        if len(row["deals"]) == 1:
            assert text == str(total)                      # "1", not "USD 1"
        else:
            assert text.startswith(f"{total} (")
    assert deal_count({"USD": 5, "EUR": 3}) == "8 (USD 5, EUR 3)"


def test_r2_columns_have_a_scale_that_covers_the_tallest_day() -> None:
    reports, flows = small_doc()
    html = render_page(reports, flows, {}, [])
    section = html[html.index('id="R2"'):html.index('id="R3"')]
    ticks = [float(t) for t in re.findall(r'data-tick="([0-9.e+]+)"', section)]
    tallest = max(float(d["amount"].get("USD", "0")) for d in reports["reports"]["R2"]["days"])
    assert ticks[0] == 0 and ticks[-1] >= tallest and ticks[1] == ticks[-1] / 2
    assert "USD 50" in section                             # the top tick, in the chart's currency


def test_tiles_show_the_connectors_totals_beside_hubspots_counts() -> None:
    reports, flows = small_doc()
    html = render_page(reports, flows, {"contacts": 7, "deals": 5}, [], synced={"contacts": 4, "deals": 5})
    assert re.search(r'data-object="contacts" data-synced="4" data-hubspot="7"><strong>4</strong>', html)
    assert "Contacts synced · 7 in HubSpot" in html


def test_demo_tiles_add_up_to_the_summary_totals_and_skip_companies(world: DemoWorld) -> None:
    import requests

    html = requests.get(world.dashboard.url + "/", timeout=60).text
    tiles = dict(re.findall(r'data-object="([a-z_]+)" data-synced="(\d+)"', html))
    totals: dict[str, int] = {}
    for store in world.result.summary.stores.values():
        for name, n in store.totals.items():
            totals[name] = totals.get(name, 0) + n
    assert {name: int(n) for name, n in tiles.items()} == totals
    assert 'data-object="companies"' not in html           # ecommerce-deals mode syncs no companies


def test_nice_ceiling_rounds_up_to_a_readable_axis_top() -> None:
    from connector.dashboard.svg import nice_ceiling

    assert [nice_ceiling(v) for v in (0, 0.7, 3131.24, 2000, 2001, 86.5)] == [1.0, 0.8, 4000, 2000, 2500, 100]
