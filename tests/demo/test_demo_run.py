"""End to end: ``python -m demo --once`` on a small store, and ``--mocks-only``."""

from __future__ import annotations

import io

import requests

from demo.cli import main
from tests.demo.conftest import DemoWorld


def test_once_runs_clean_and_prints_summary_reports_and_workflows() -> None:
    out, err = io.StringIO(), io.StringIO()
    assert main(["--once", "--customers", "30", "--seed", "3"], out=out, err=err) == 0
    text = out.getvalue()
    for title in ("Connector summary (S7)", "R1 Order snapshot", "R2 New sales processed overview",
                  "R3 New vs existing", "R4 Lifetime order value", "R5 Average order value", "R6 Sales processed",
                  "R7 Net new customers", "R8 Abandoned cart recovery", "W1 New customer", "W2 Abandoned cart"):
        assert title in text, title
    assert "store harness-shop:" in text and "store store-b:" in text
    assert "errors 0" in text and "errors 1" not in text
    assert "initial import" in err.getvalue() and "100.0%" in err.getvalue()


def test_the_reports_of_a_run_are_not_empty(world: DemoWorld) -> None:
    reports = world.result.reports["reports"]
    assert reports["R1"]["count"] > 0 and reports["R2"]["count"] > 0
    assert reports["R3"]["new"]["count"] > 0 and reports["R4"]["sources"]
    assert reports["R8"]["abandoned"]["count"] > 0 and reports["R8"]["recovered"]["count"] > 0
    flows = world.result.workflows["workflows"]
    assert flows["W1"]["enrolled"] > 0 and flows["W2"]["enrolled"] > 0
    assert world.result.summary.errors == 0
    assert world.result.moved > 0  # D4/D6 timers moved deals on the simulated clock
    assert world.result.summary.stores["store-b"].totals["deals"] > 0


def test_mocks_only_serves_both_mocks_until_stopped() -> None:
    out = io.StringIO()
    answers: list[int] = []

    def probe() -> None:  # runs while the servers are up, in place of waiting for Ctrl-C
        urls = [line.split()[2] for line in out.getvalue().splitlines() if line.endswith(")")]
        answers.append(requests.get(f"{urls[0]}/admin/api/2024-10/shop.json", timeout=10,
                                    headers={"X-Shopify-Access-Token": "shpat_harness_default"}).status_code)
        answers.append(requests.get(f"{urls[1]}/crm/v3/objects/contacts", timeout=10,
                                    headers={"Authorization": "Bearer pat-na1-harness-default"}).status_code)

    assert main(["--mocks-only"], out=out, wait=probe) == 0
    assert answers == [200, 200]
