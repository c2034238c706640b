"""A small demo world shared by the tests of one worker: mocks, a finished demo run, the dashboard."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

import pytest

from connector.dashboard import dashboard_app
from connector.reporting.config import ReportConfig
from demo.run import DemoRun, Result
from demo.seed import build_plan
from demo.servers import HUBSPOT_TOKEN, start_mocks
from mocks.core.clock import Clock
from mocks.core.server import ServerHandle, serve
from mocks.harness import MockPair

SMALL = 30


@dataclass
class DemoWorld:
    mocks: MockPair
    run: DemoRun
    result: Result
    config: ReportConfig
    dashboard: ServerHandle
    out: str


@pytest.fixture(scope="session")
def world() -> Iterator[DemoWorld]:
    plan = build_plan(7, SMALL)
    mocks = start_mocks(Clock.simulated(plan.steps[0].at))
    out, err = io.StringIO(), io.StringIO()
    config = ReportConfig(goal=Decimal("5000"))
    run = DemoRun(plan, mocks, out, err, report_config=config)
    try:
        result = run.run()
        app = dashboard_app(mocks.hubspot_url, HUBSPOT_TOKEN, clock=mocks.clock, logs=run.logs, config=config,
                            links={"HubSpot mock": mocks.hubspot_url}, sleep=mocks.clock.advance, synced=run.totals)
        dashboard = serve(app)
        try:
            yield DemoWorld(mocks, run, result, config, dashboard, out.getvalue())
        finally:
            dashboard.shutdown()
    finally:
        run.close()
        mocks.close()
