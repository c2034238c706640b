"""Fail closed on secrets (issue #13): no default webhook secret, client secret or token outside the demo
and the scenario targets; a missing one is one line on stderr, exit 2, naming the flag and the variable."""

from __future__ import annotations

import argparse

import pytest

from connector.__main__ import run
from connector.cli_step import run_step
from connector.config import from_args
from connector.errors import ConfigError

TOKENS = ["--shopify-token", "shpat_x", "--hubspot-token", "pat-na1-x"]


def args(tmp_path, *extra: str) -> list[str]:
    return ["--shopify", "http://127.0.0.1:9", "--hubspot", "http://127.0.0.1:9",
            "--state", str(tmp_path / "state.db"), *extra]


@pytest.fixture(autouse=True)
def _no_credentials_in_env(monkeypatch):
    for var in ("SHOPIFY_TOKEN", "HUBSPOT_TOKEN", "SHOPIFY_WEBHOOK_SECRET", "HUBSPOT_CLIENT_SECRET",
                "SHOPIFY_CLIENT_ID", "SHOPIFY_CLIENT_SECRET", "SHOPIFY_REFRESH_TOKEN", "HUBSPOT_CLIENT_ID",
                "HUBSPOT_REFRESH_TOKEN", "HUBSPOT_SCOPES"):
        monkeypatch.delenv(var, raising=False)


def one_line(capsys) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("connector: configuration error: "), err
    assert "Traceback" not in err
    return err


def test_from_args_defaults_no_secret():
    config = from_args(argparse.Namespace(shopify="http://s.example", shopify_token="shpat_x",
                                          hubspot="http://h.example", hubspot_token="pat-x"), env={})
    assert config.stores[0].webhook_secret == ""
    assert config.hubspot_client_secret == ""


@pytest.mark.parametrize("missing,names", [
    ("--webhook-secret", ("--webhook-secret", "SHOPIFY_WEBHOOK_SECRET")),
    ("--hubspot-secret", ("--hubspot-secret", "HUBSPOT_CLIENT_SECRET")),
])
def test_serve_without_a_signing_secret_is_exit_2(tmp_path, capsys, missing, names):
    secrets = {"--webhook-secret": "shpss_x", "--hubspot-secret": "hs-x"}
    del secrets[missing]
    extra = [item for pair in secrets.items() for item in pair]
    assert run(["serve", *args(tmp_path, *TOKENS, *extra), "--port", "0"]) == 2
    err = one_line(capsys)
    assert all(name in err for name in names), err
    assert not (tmp_path / "state.db").exists(), "refused before the state file is touched"


def test_the_shopify_client_secret_signs_webhooks_too(tmp_path):
    config = from_args(argparse.Namespace(shopify="http://s.example", shopify_client_id="cid",
                                          shopify_client_secret="shpss_app", hubspot="http://h.example",
                                          hubspot_token="pat-x"), env={})
    assert config.stores[0].webhook_secret == "shpss_app"


@pytest.mark.parametrize("flags,names", [
    ([], ("--shopify-token", "SHOPIFY_TOKEN", "--shopify-client-id", "SHOPIFY_CLIENT_ID")),
    (["--shopify-client-id", "cid"], ("--shopify-client-secret", "SHOPIFY_CLIENT_SECRET")),
    (["--shopify-refresh-token", "rt"], ("--shopify-client-id", "SHOPIFY_CLIENT_ID")),
])
def test_missing_shopify_credentials_are_exit_2(tmp_path, capsys, flags, names):
    assert run(["sync", *args(tmp_path, "--hubspot-token", "pat-x", *flags)]) == 2
    err = one_line(capsys)
    assert all(name in err for name in names), err


@pytest.mark.parametrize("flags,names", [
    ([], ("--hubspot-token", "HUBSPOT_TOKEN", "--hubspot-client-id", "HUBSPOT_CLIENT_ID")),
    (["--hubspot-client-id", "cid"], ("--hubspot-secret", "HUBSPOT_CLIENT_SECRET")),
    (["--hubspot-refresh-token", "rt", "--hubspot-secret", "s"], ("--hubspot-client-id", "HUBSPOT_CLIENT_ID")),
])
def test_missing_hubspot_credentials_are_exit_2(tmp_path, capsys, flags, names):
    assert run(["status", *args(tmp_path, "--shopify-token", "shpat_x", *flags)]) == 2
    err = one_line(capsys)
    assert all(name in err for name in names), err


def test_a_secret_is_never_echoed(tmp_path, capsys):
    assert run(["sync", *args(tmp_path, *TOKENS, "--shopify-client-id", "cid", "--shopify-client-secret",
                              "bad secret\nInjected")]) == 2
    assert "Injected" not in one_line(capsys)


def test_the_step_interface_serve_fails_closed(tmp_path, capsys):
    env = {"SHOPHUB_STEP": "serve", "SHOPHUB_STATE_DIR": str(tmp_path), "SHOPHUB_RECEIVER_PORT": "9",
           "SHOPIFY_URL": "http://127.0.0.1:9", "SHOPIFY_TOKEN": "shpat_x", "SHOPIFY_STORE": "harness-shop",
           "HUBSPOT_URL": "http://127.0.0.1:9", "HUBSPOT_TOKEN": "pat-x", "HUBSPOT_CLIENT_SECRET": "hs-x"}
    assert run_step(argparse.Namespace(), env) == 2
    assert "SHOPIFY_WEBHOOK_SECRET" in one_line(capsys)


def test_the_receiver_refuses_to_start_without_secrets(tmp_path):
    from connector.config import ConnectorConfig, StoreConfig
    from connector.sync import Connector
    config = ConnectorConfig(hubspot_url="http://127.0.0.1:9", hubspot_token="pat-x",
                             stores=[StoreConfig("harness-shop", "http://127.0.0.1:9", "shpat_x")],
                             state_path=str(tmp_path / "s.db"), hubspot_client_secret="hs-x")
    connector = Connector(config)
    try:
        with pytest.raises(ConfigError, match="SHOPIFY_WEBHOOK_SECRET"):
            connector.receiver_app()
    finally:
        connector.close()
