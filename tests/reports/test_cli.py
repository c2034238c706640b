"""The ``report`` and ``workflows`` commands, end to end against the stand-in HubSpot."""

import argparse
import json

import pytest

from connector.reporting.cli import main, register
from mocks.core.server import serve
from tests.reports import seed
from tests.reports.hubspot_stub import TOKEN, create_stub


@pytest.fixture(scope="module")
def hubspot():
    app = create_stub(seed.PIPELINES, seed.DEALS, seed.CONTACTS, seed.DEAL_CONTACTS)
    with serve(app) as server:
        yield server.url


@pytest.fixture(autouse=True)
def no_env(monkeypatch):
    monkeypatch.delenv("HUBSPOT_URL", raising=False)
    monkeypatch.delenv("HUBSPOT_TOKEN", raising=False)
    monkeypatch.delenv("HUBSPOT_API_VERSION", raising=False)


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_report_json(hubspot, capsys):
    code, out, err = run(capsys, "report", "--hubspot", hubspot, "--hubspot-token", TOKEN, "--json",
                         "--now", seed.NOW, "--goal", "50")
    assert code == 0 and err == ""
    doc = json.loads(out)
    assert doc["period"]["name"] == "this_month"
    assert doc["reports"]["R2"]["amount"] == {"EUR": "40.00", "USD": "40.00"}
    assert doc["reports"]["R6"]["remaining"] == "10.00"
    assert doc["reports"]["R8"]["rate"] == "0.3333"


def test_report_period_won_stages_and_env_fallback(hubspot, capsys, monkeypatch):
    monkeypatch.setenv("HUBSPOT_URL", hubspot)
    monkeypatch.setenv("HUBSPOT_TOKEN", TOKEN)
    code, out, _ = run(capsys, "report", "--json", "--now", seed.NOW, "--period", "2024-04-01..2024-04-30",
                       "--won-stages", "shipped")
    doc = json.loads(out)
    assert code == 0 and doc["won_stages"] == ["shipped"]
    assert doc["reports"]["R2"]["days"] == [{"day": "2024-04-11", "count": 1, "amount": {"USD": "20.00"}}]
    assert doc["reports"]["R2"]["count"] == 1  # deal 2 only: processed no longer counts


def test_report_text_tables(hubspot, capsys):
    code, out, _ = run(capsys, "report", "--hubspot", hubspot, "--hubspot-token", TOKEN, "--now", seed.NOW)
    assert code == 0
    for title in ("R1 Order snapshot", "R4 Lifetime order value by source", "R8 Abandoned cart recovery"):
        assert title in out
    assert "Processed           processed               3  EUR 40.00, USD 40.00" in out


def test_workflows_json_with_reengagement_days(hubspot, capsys):
    code, out, _ = run(capsys, "workflows", "--hubspot", hubspot, "--hubspot-token", TOKEN, "--json",
                       "--now", seed.NOW, "--reengage-days", "10")
    flows = json.loads(out)["workflows"]
    assert code == 0
    assert [e["object_id"] for e in flows["W3"]["enrollments"]] == ["103", "101"]
    assert flows["W2"]["enrolled"] == 2


@pytest.mark.parametrize("extra, message", [
    (["--period", "soon"], "bad period"),
    (["--won-stages", "won"], "unknown stage"),
    (["--won-stages", "processed,cancelled"], "never be won"),
    (["--goal", "ten"], "goal must be a number"),
    (["--now", "tomorrow"], "--now must be"),
])
def test_bad_report_configuration_is_one_line_and_exit_2(hubspot, capsys, extra, message):
    code, out, err = run(capsys, "report", "--hubspot", hubspot, "--hubspot-token", TOKEN, *extra)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("error: ") and message in err


def test_missing_token_and_bad_days_exit_2(hubspot, capsys):
    code, _, err = run(capsys, "report", "--hubspot", hubspot)
    assert code == 2 and "HUBSPOT_TOKEN" in err and err.count("\n") == 1
    code, _, err = run(capsys, "workflows", "--hubspot", hubspot, "--hubspot-token", TOKEN, "--reengage-days", "x")
    assert code == 2 and "--reengage-days" in err


def test_a_refused_token_is_one_line_and_exit_1(hubspot, capsys):
    code, out, err = run(capsys, "report", "--hubspot", hubspot, "--hubspot-token", "wrong", "--now", seed.NOW)
    assert code == 1 and out == "" and err.count("\n") == 1 and "401" in err


def test_register_adds_both_commands_to_a_host_parser():
    parser = argparse.ArgumentParser()
    register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["workflows", "--reengage-days", "30"])
    assert args.command == "workflows" and args.reengage_days == "30" and callable(args.func)


def test_the_hubspot_api_version_picks_the_paths(hubspot, capsys, monkeypatch):
    """The stand-in serves the 2026-09 paths only (the default): v3 reads miss it, a bad version is exit 2."""
    code, _, err = run(capsys, "report", "--hubspot", hubspot, "--hubspot-token", TOKEN, "--now", seed.NOW,
                       "--hubspot-api-version", "v3")
    assert code == 1 and "/crm/v3/pipelines/deals" in err and err.count("\n") == 1
    monkeypatch.setenv("HUBSPOT_API_VERSION", "2026-13")
    code, out, err = run(capsys, "report", "--hubspot", hubspot, "--hubspot-token", TOKEN, "--now", seed.NOW)
    assert code == 2 and out == "" and "HUBSPOT_API_VERSION must be one of 2026-03, 2026-09, v3" in err
    monkeypatch.setenv("HUBSPOT_API_VERSION", "2026-09")
    assert run(capsys, "report", "--hubspot", hubspot, "--hubspot-token", TOKEN, "--now", seed.NOW)[0] == 0
