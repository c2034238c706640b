"""The YAML scenarios with ``--target sandbox`` (``python -m scenarios run ... --target sandbox``):
against real sandboxes when credentials are set, and always against second mock processes standing
in for them (the code path is the same; only the base URLs differ)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.contract.sandbox import ROOT, skip_reason
from tests.fidelity.process import mock_process
from tests.fidelity.targets import HUBSPOT_TOKEN, SHOPIFY_TOKEN

# Two scenarios that run whole on a sandbox (no clock moves, one store): the self-test of the path.
SELF_TEST_SCENARIOS = ("scenarios/contacts/checkout_person_becomes_contact.yaml",
                       "scenarios/deals/checkout_syncs_as_pending.yaml")


def _run(files: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scenarios", "run", *files, "--target", "sandbox"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=1800)


def test_every_scenario_against_the_sandboxes():
    reason = skip_reason(os.environ)
    if reason:
        pytest.skip(reason)
    done = _run(["scenarios"], dict(os.environ))
    print(done.stdout[-20000:])
    assert done.returncode == 0, done.stdout[-5000:] + done.stderr[-2000:]


def test_sandbox_target_against_second_mock_processes():
    with mock_process("mocks.shopify") as shopify_url, mock_process("mocks.hubspot") as hubspot_url:
        env = {**os.environ, "SHOPIFY_STORE": "harness-shop", "SHOPIFY_TOKEN": SHOPIFY_TOKEN,
               "HUBSPOT_TOKEN": HUBSPOT_TOKEN, "SHOPIFY_URL": shopify_url, "HUBSPOT_URL": hubspot_url}
        done = _run(list(SELF_TEST_SCENARIOS), env)
    assert done.returncode == 0, done.stdout[-5000:] + done.stderr[-2000:]
    assert done.stdout.count("✓ passed") == len(SELF_TEST_SCENARIOS), done.stdout
