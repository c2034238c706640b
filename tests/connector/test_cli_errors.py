"""One error path for the CLI (issue 15): every bad flag, environment value or state file is one line
on stderr and exit 2, never a traceback; and one exit-code rule for ``sync``: 0 everything applied,
1 anything not applied (a 207 with errors, a pass that gave up after its retries), 2 configuration."""

from __future__ import annotations

import os
import sqlite3

import pytest
import requests

from connector.__main__ import run
from connector.state import State
from tests.connector.conftest import customer

NOW = "2024-01-15T12:00:00Z"


def base(tmp_path, shopify: str = "http://127.0.0.1:9", hubspot: str = "http://127.0.0.1:9") -> list[str]:
    return ["--shopify", shopify, "--shopify-token", "shpat_harness_default", "--hubspot", hubspot,
            "--hubspot-token", "pat-na1-harness-default", "--state", str(tmp_path / "state.db")]


SECRETS = ["--webhook-secret", "shpss_cli_test", "--hubspot-secret", "hs-cli-test"]  # serve needs both


def replace(args: list[str], flag: str, value: str) -> list[str]:
    out = list(args)
    out[out.index(flag) + 1] = value
    return out


BAD_FLAGS = {
    "url with a bad port": ("--shopify", "http://127.0.0.1:99999"),
    "url with a port that is not a number": ("--hubspot", "http://127.0.0.1:port"),
    "url with a space": ("--shopify", "http://exa mple.com"),
    "url with a newline": ("--hubspot", "http://example.com\n/x"),
    "url without a host": ("--shopify", "http://:80"),
    "url of another scheme": ("--hubspot", "ftp://example.com"),
    "token with a newline": ("--shopify-token", "shpat_a\nInjected: yes"),
    "token with non-Latin-1 characters": ("--hubspot-token", "pat-\u20ac-\u4e2d"),
    "token with a space": ("--shopify-token", "shpat a"),
    "store id with a slash": ("--store-id", "a/b"),
}


@pytest.mark.parametrize("label", sorted(BAD_FLAGS))
def test_a_bad_flag_is_one_line_and_exit_2(tmp_path, capsys, label):
    flag, value = BAD_FLAGS[label]
    args = base(tmp_path)
    args = replace(args, flag, value) if flag in args else [*args, flag, value]
    assert run(["sync", *args]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("connector: configuration error: "), err
    assert "Traceback" not in err
    if "token" in label:
        assert value not in err, "a credential is never echoed"


@pytest.mark.parametrize("now", ["0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "yesterday", "1e400",
                                 "2024-01-15T12:00:00+99:00"])
def test_a_bad_now_is_one_line_and_exit_2(tmp_path, capsys, now):
    status = run(["sync", *base(tmp_path), "--now", now])
    err = capsys.readouterr().err
    assert status == 2 and err.count("\n") == 1 and "--now" in err, err


@pytest.mark.parametrize("flag,value", [("--port", "99999"), ("--port", "-1"), ("--port", "1" + "0" * 40),
                                        ("--interval", "0"), ("--interval", "-5"), ("--interval", "nan"),
                                        ("--interval", "inf"), ("--interval", "1e400")])
def test_serve_refuses_a_bad_port_or_interval(tmp_path, capsys, flag, value):
    assert run(["serve", *base(tmp_path), *SECRETS, flag, value]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and flag in err and "Traceback" not in err, err


def _corrupt(path):
    path.write_bytes(b"this is not a database" * 200)


def _truncated(path):
    state = State(str(path))
    state.set_meta("imported", True)
    state.close()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _directory(path):
    path.mkdir()


STATE_PROBLEMS = {"corrupt": _corrupt, "truncated": _truncated, "a directory": _directory}


@pytest.mark.parametrize("problem", sorted(STATE_PROBLEMS))
def test_an_unusable_state_file_is_one_line_and_exit_2(tmp_path, capsys, problem):
    path = tmp_path / "state.db"
    STATE_PROBLEMS[problem](path)
    assert run(["status", *base(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "state file" in err and "Traceback" not in err, err


def test_a_locked_state_file_is_refused_with_one_line(tmp_path):
    path = tmp_path / "state.db"
    State(str(path)).close()
    holder = sqlite3.connect(str(path), isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(Exception, match="locked by another running connector"):
            State(str(path), timeout=0.05)
    finally:
        holder.close()


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes read-only files")
def test_a_read_only_state_file_is_refused_with_one_line(tmp_path, capsys):
    path = tmp_path / "state.db"
    State(str(path)).close()
    path.chmod(0o444)
    assert run(["status", *base(tmp_path)]) == 2
    assert "read-only" in capsys.readouterr().err


def _fault(url: str, rule: dict) -> None:
    response = requests.post(f"{url}/__admin/faults", json=rule, timeout=10)
    assert response.status_code == 201, response.text


def test_sync_exits_0_when_everything_was_applied(world, tmp_path, capsys):
    world.shop("POST", "customers", customer("ok@example.com"))
    assert run(["sync", *base(tmp_path, world.shopify_url, world.hubspot_url), "--now", NOW]) == 0


def test_sync_exits_1_when_a_pass_gave_up_after_its_retries(world, tmp_path, capsys):
    world.shop("POST", "customers", customer("down@example.com"))
    _fault(world.hubspot_url, {"method": "POST", "path": "/crm/objects/2026-09/contacts/batch/create",
                               "action": "respond", "status": 503, "headers": {"Retry-After": "0"}})
    assert run(["sync", *base(tmp_path, world.shopify_url, world.hubspot_url), "--now", NOW]) == 1
    assert "gave up after" in capsys.readouterr().out


def test_sync_exits_1_when_a_batch_answered_207_with_errors(world, tmp_path, capsys):
    world.shop("POST", "customers", customer("partial@example.com"))
    body = {"status": "COMPLETE", "results": [], "numErrors": 1, "startedAt": NOW, "completedAt": NOW,
            "errors": [{"status": "error", "category": "VALIDATION_ERROR", "message": "refused by the test",
                        "context": {}}]}
    _fault(world.hubspot_url, {"method": "POST", "path": "/crm/objects/2026-09/contacts/batch/create",
                               "action": "respond", "status": 207, "body": body})
    assert run(["sync", *base(tmp_path, world.shopify_url, world.hubspot_url), "--now", NOW]) == 1
    assert "refused by the test" in capsys.readouterr().out


def test_sync_with_a_state_file_of_another_mode_exits_2(world, tmp_path, capsys):
    args = [*base(tmp_path, world.shopify_url, world.hubspot_url), "--now", NOW]
    assert run(["sync", *args]) == 0
    capsys.readouterr()
    assert run(["sync", *args, "--mode", "data-sync"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not migrated" in err, err


@pytest.mark.parametrize("extra", [["--hubspot", "http://127.0.0.1:99999", "--hubspot-token", "t"],
                                   ["--hubspot", "http://127.0.0.1:9", "--hubspot-token", "t\u20ac"],
                                   ["--hubspot", "http://127.0.0.1:9", "--hubspot-token", "t",
                                    "--now", "9999-12-31T23:59:59Z"]])
@pytest.mark.parametrize("command", ["report", "workflows"])
def test_the_report_clis_take_the_same_checks(capsys, command, extra):
    assert run([command, *extra]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err, err


def test_credentials_appear_nowhere_the_connector_writes(world, tmp_path, capsys, caplog):
    """Logs (-v), stdout, stderr, error lines and the state file never hold a token or secret."""
    secret_token = "pat-na1-wrong-0123456789-SECRET"
    world.shop("POST", "customers", customer("quiet@example.com"))
    args = replace(base(tmp_path, world.shopify_url, world.hubspot_url), "--hubspot-token", secret_token)
    caplog.set_level("DEBUG")
    assert run(["sync", *args, "--now", NOW, "-v", "--webhook-secret", "shpss_SECRET_webhook_0123"]) in (1, 2)
    assert run(["sync", *base(tmp_path, world.shopify_url, world.hubspot_url), "--now", NOW, "-v",
                "--webhook-secret", "shpss_SECRET_webhook_0123", "--state", str(tmp_path / "ok.db")]) == 0
    shown = capsys.readouterr()
    written = b"".join(p.read_bytes() for p in tmp_path.glob("*.db*") if p.is_file())
    for secret in (secret_token, "shpss_SECRET_webhook_0123", "shpat_harness_default", "pat-na1-harness-default"):
        assert secret not in shown.out + shown.err + caplog.text, secret
        assert secret.encode() not in written, secret


def test_serve_refuses_a_host_it_cannot_listen_on(tmp_path, capsys):
    assert run(["serve", *base(tmp_path), *SECRETS, "--host", "no such host.invalid", "--port", "0"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--host" in err, err
