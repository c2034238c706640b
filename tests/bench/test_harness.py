"""Smoke tests of the bench harness: call counting, the load generator, the report and the CLI."""

import json

import pytest
from flask import Flask

from bench import __main__ as cli
from bench.counting import count_calls, endpoint_key, is_search
from bench.loadgen import Call, run_load
from bench.machine import describe, machine_info
from bench.mockproc import add_bare_route
from bench.report import render_all
from bench.suite import parse_outcomes
from bench.table import fmt, render
from mocks.core.server import serve


def test_endpoint_keys_group_ids_and_versions():
    assert endpoint_key("get", "/admin/api/2024-10/customers/42.json") == "GET /admin/api/{v}/customers/{id}.json"
    assert endpoint_key("GET", "/crm/v3/objects/contacts/901") == "GET /crm/v3/objects/contacts/{id}"
    assert endpoint_key("POST", "/crm/v3/objects/0-1/batch/upsert") == "POST /crm/v3/objects/0-1/batch/upsert"
    assert is_search("POST /crm/v3/objects/contacts/search")
    assert not is_search("GET /crm/v3/objects/contacts/search")


@pytest.fixture()
def tiny_server():
    app = Flask("tiny")
    counter = count_calls(app)
    path = add_bare_route(app)

    @app.get("/items/<int:item>")
    def item(item):
        return {"id": item}

    with serve(app) as handle:
        yield handle.url, path, counter


def test_load_generator_is_bounded_and_counted(tiny_server):
    url, bare, counter = tiny_server
    result = run_load(lambda t, i: Call("GET", f"{url}/items/{abs(i)}"), threads=2, max_requests=40, max_seconds=5,
                      warmup=1)
    assert result.completed == 40 and result.errors == 0 and result.rps > 0
    assert counter.counts() == {"GET /items/{id}": 42}   # 2 warm-up requests + 40 measured
    assert run_load(lambda t, i: Call("GET", f"{url}{bare}"), threads=1, max_requests=5, warmup=0).completed == 5
    sized = run_load(lambda t, i: Call("GET", f"{url}{bare}?bytes=5000"), threads=1, max_requests=1, warmup=0)
    assert sized.completed == 1
    assert counter.total() == 42    # /__admin paths are not counted
    assert list(counter.seconds()) == ["GET /items/{id}"] and counter.seconds()["GET /items/{id}"] >= 0


def test_load_generator_reports_errors(tiny_server):
    url, _, _ = tiny_server
    result = run_load(lambda t, i: Call("GET", f"{url}/missing"), threads=1, max_requests=3, warmup=0)
    assert result.completed == 0 and result.errors == 3 and "404" in result.first_error


def test_parse_outcomes_reads_the_pytest_summary():
    assert parse_outcomes("....\n12 passed, 1 failed, 2 errors in 3.1s\n") == {"passed": 12, "failed": 1,
                                                                                   "errors": 2}
    assert parse_outcomes("no tests ran in 0.01s") == {}


def test_table_and_cells():
    assert fmt(None) == "-" and fmt(12345) == "12,345" and fmt(0.5) == "0.50" and fmt(float("nan")) == "-"
    text = render("T", ["a", "bb"], [[1, "x"]], ["note"])
    assert text.splitlines()[2] == "| a | bb |" and text.endswith("note")


def test_report_renders_every_section_and_errors():
    results = {
        "date": "2025-01-01 00:00 UTC", "machine": machine_info(), "mode": "quick", "bench_wall_s": 1.0,
        "sections": {
            "import": {"rows": [{"customers": 1000, "records": 3300, "runs": 1, "wall_s": 2.0, "records_per_s": 1650.0,
                                 "peak_rss_mib": 80.0, "hubspot_calls": 90, "min_hubspot_calls": 85,
                                 "call_ratio": 1.06, "shopify_calls": 20, "real_limit_s": 0.0}]},
            "scaling": {"error": "needs two sizes"},
            "throughput": {"error": "mock missing"},
            "suite": {"runs": [{"workers": "1", "wall_s": 3.0, "outcomes": {"passed": 2}, "exit_code": 0}]},
            "latency": {"changes": 3, "summary": {"count": 3, "p50_ms": 10.0, "p95_ms": 20.0, "p99_ms": 20.0,
                                                  "max_ms": 21.0}},
        },
    }
    text = render_all(results)
    assert "1,000" in text and "not measured: mock missing" in text and "-n 1" in text and "< 1000 ms" in text
    assert describe(results["machine"]) in text


def test_cli_arguments_and_sizes(tmp_path, monkeypatch):
    args = cli.parse_args(["--quick", "--only", "suite"])
    assert cli.import_sizes(args, full=False) == [1000]
    assert cli.import_sizes(cli.parse_args([]), full=True) == [1000, 10000, 100000]
    assert cli.import_sizes(cli.parse_args(["--sizes", "500,2000"]), full=False) == [500, 2000]
    with pytest.raises(SystemExit):
        cli.parse_args(["--only", "nonsense"])


def test_cli_writes_results_json(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(cli, "run_sections", lambda args, full: {"suite": {"error": "skipped in the smoke test"}})
    output = tmp_path / "results.json"
    assert cli.main(["--output", str(output)]) == 0
    data = json.loads(output.read_text())
    assert data["sections"]["suite"]["error"] == "skipped in the smoke test" and data["machine"]["cores"] >= 1
    assert "Scenario suite" in capsys.readouterr().out
