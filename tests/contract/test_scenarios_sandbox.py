"""The YAML scenarios with ``--target sandbox`` (``python -m scenarios run ... --target sandbox``):
against real sandboxes when credentials are set, and always against a second pair of mock processes
standing in for them (the code path is the same; only the base URLs differ).

- ``make test`` (and any run): the WHOLE library, twice on the same stand-in (a rerun must not
  collide with the first run), with the stand-ins' rate limiter off: about 15 s.
- ``make contract`` (``pytest tests/contract`` alone, or ``SHOPHUB_SANDBOX_PACED=1``): the whole
  library once more against stand-ins that pace calls like the real services (Shopify's 2 calls/s
  bucket, HubSpot's 10-second window): several minutes, nearly all of it waiting on the limiters.

Each run must end with 0 failures (passed, or skipped for a stated reason a sandbox cannot meet),
and the stand-ins must hold no live record of the run afterwards.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from mocks.harness import AdminClient
from tests.contract.sandbox import ROOT, skip_reason
from tests.fidelity.process import mock_process
from tests.fidelity.targets import HUBSPOT_TOKEN, SHOPIFY_TOKEN

# Why a sandbox may skip a scenario; anything else is a surprise.
SKIP_REASONS = (
    re.compile(r"a sandbox cannot run step \d+ \((advance|at|fault|crash connector|send webhook|create checkout|"
               r"update checkout|remove checkout line|complete checkout):"),
    re.compile(r"a sandbox has one store; this scenario needs "),
    re.compile(r"`(pipeline|property) [^`]*: absent` needs a HubSpot account the connector never set up"),
)
RUN_TAG = re.compile(r"^run tag: (\S+)", re.MULTILINE)


def _run(files: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scenarios", "run", *files, "--target", "sandbox"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=1800)


def _stand_in_env(shopify_url: str, hubspot_url: str) -> dict[str, str]:
    return {**os.environ, "SHOPIFY_STORE": "harness-shop", "SHOPIFY_TOKEN": SHOPIFY_TOKEN,
            "HUBSPOT_TOKEN": HUBSPOT_TOKEN, "SHOPIFY_URL": shopify_url, "HUBSPOT_URL": hubspot_url}


def _check_library_run(done: subprocess.CompletedProcess) -> str:
    """0 failures, every skip for a known reason; the run tag."""
    output = done.stdout + done.stderr[-3000:]
    assert done.returncode == 0, output[-8000:]
    total = len(list((ROOT / "scenarios").rglob("*.yaml")))
    assert f"{total} of {total} scenario(s) passed or skipped; 0 failed" in done.stdout, output[-8000:]
    skips = [line.split("– skipped: ", 1)[1] for line in done.stdout.splitlines() if "– skipped: " in line]
    unexplained = [s for s in skips if not any(r.match(s) for r in SKIP_REASONS)]
    assert unexplained == [], unexplained
    assert done.stdout.count("✓ passed") + len(skips) == total
    assert "clean-up left behind" not in done.stdout, done.stdout
    tag = RUN_TAG.search(done.stdout)
    assert tag, done.stdout[:500]
    return tag.group(1)


def _live_records_left(shopify_url: str, hubspot_url: str, tag: str) -> list[str]:
    """What the stand-ins (empty when started) still hold of a run: every live HubSpot record and
    Shopify customer/product/order/webhook/script tag, and any open checkout that still carries the
    tag or anything to sync. (Shopify has no API to delete a checkout: completed ones stay, as in a
    real store; open ones are emptied so they leave the abandoned list.)"""
    left: list[str] = []
    shopify = AdminClient(shopify_url, timeout=30).state()
    for shop in (shopify.get("shops") or {}).values():
        for kind in ("customers", "products", "orders", "webhooks", "script_tags"):
            left += [f"shopify {kind}: {json.dumps(r)[:160]}" for r in shop.get(kind) or []]
        for checkout in shop.get("checkouts") or []:
            if checkout.get("completed_at"):
                continue
            if tag in json.dumps(checkout) or checkout.get("email") or checkout.get("line_items"):
                left.append(f"shopify open checkout: {json.dumps(checkout)[:160]}")
    hubspot = AdminClient(hubspot_url, timeout=30).state()
    for object_type, group in (hubspot.get("objects") or {}).items():
        left += [f"hubspot {object_type}: {json.dumps(r)[:160]}" for r in group.get("records") or []]
    return left


def test_every_scenario_against_the_sandboxes():
    reason = skip_reason(os.environ)
    if reason:
        pytest.skip(reason)
    done = _run(["scenarios"], dict(os.environ))
    print(done.stdout[-20000:])
    assert done.returncode == 0, done.stdout[-5000:] + done.stderr[-2000:]


def test_whole_library_twice_against_second_mock_processes():
    """Every scenario with --target sandbox, twice on one stand-in pair: 0 failures, nothing left."""
    with mock_process("mocks.shopify", "--rate-limit", "off") as shopify_url, \
            mock_process("mocks.hubspot", "--rate-limit", "off") as hubspot_url:
        tags = []
        for _ in range(2):
            tags.append(_check_library_run(_run(["scenarios"], _stand_in_env(shopify_url, hubspot_url))))
            assert _live_records_left(shopify_url, hubspot_url, tags[-1]) == []
    assert tags[0] != tags[1]


def _paced_run_requested(config: pytest.Config) -> bool:
    """``make contract`` runs ``pytest -q tests/contract``: tests/contract is the only path given."""
    if os.environ.get("SHOPHUB_SANDBOX_PACED") == "1":
        return True
    paths = [a for a in config.args if not a.startswith("-")]
    return bool(paths) and all(Path(a).resolve().is_relative_to(ROOT / "tests" / "contract") for a in paths)


def test_whole_library_against_rate_limited_mock_processes(pytestconfig: pytest.Config):
    """The same, against stand-ins that throttle like the real services (the default mocks)."""
    if not _paced_run_requested(pytestconfig):
        pytest.skip("the paced whole-library run takes minutes: `make contract` (pytest tests/contract) "
                    "or SHOPHUB_SANDBOX_PACED=1 runs it")
    with mock_process("mocks.shopify") as shopify_url, mock_process("mocks.hubspot") as hubspot_url:
        tag = _check_library_run(_run(["scenarios"], _stand_in_env(shopify_url, hubspot_url)))
        assert _live_records_left(shopify_url, hubspot_url, tag) == []
