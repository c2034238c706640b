"""The dashboard page: eight report sections whose figures equal connector.reports, and nothing fetched."""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime
from decimal import Decimal

from connector import names
from connector.dashboard import LogBuffer, dashboard_app
from connector.dashboard.page import render_page
from connector.reporting.config import ReportConfig
from connector.reporting.loader import load
from connector.reporting.model import Contact, Dataset, Deal
from connector.reports import compute_all
from connector.workflows import compute_workflows
from demo.servers import HUBSPOT_TOKEN
from tests.demo.conftest import World
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


def test_app_serves_the_reports_of_the_account(world: World) -> None:
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
