"""The probe suite against real sandboxes (needs credentials), and the same code path against a
second mock process standing in for the sandbox (always runs)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import requests

from tests.contract.sandbox import DEFAULT_OUT, run_contract, skip_reason
from tests.fidelity.process import mock_process
from tests.fidelity.targets import HUBSPOT_TOKEN, SHOPIFY_TOKEN

SERIOUS = ("schema", "status")


def test_probes_against_the_sandboxes():
    reason = skip_reason(os.environ)
    if reason:
        pytest.skip(reason)
    drifts, out = run_contract(os.environ, DEFAULT_OUT)
    print((out / "drift.md").read_text())
    serious = [d for d in drifts if d.kind in SERIOUS]
    assert not serious, "real answers that break the mocks' /openapi.json (see .shophub/drift.md):\n" + "\n".join(
        f"{d.service} {d.endpoint} {d.field}: mock {d.mock} / real {d.real}" for d in serious)


def _leftovers(url: str, tag: str) -> list[str]:
    """Live records that still carry the run tag (event logs and archived records do not count)."""
    state = requests.get(f"{url}/__admin/state", timeout=30).json()
    live: list[object] = []
    for shop in (state.get("shops") or {}).values():
        live += [shop.get(kind) for kind in ("customers", "products", "orders", "checkouts")]
    live += [group.get("records") for group in (state.get("objects") or {}).values()]
    return [json.dumps(records)[:200] for records in live if tag in json.dumps(records)]


def test_probe_path_against_a_second_mock_process(tmp_path: Path):
    with mock_process("mocks.shopify") as shopify_url, mock_process("mocks.hubspot") as hubspot_url:
        env = {"SHOPIFY_STORE": "harness-shop", "SHOPIFY_TOKEN": SHOPIFY_TOKEN, "HUBSPOT_TOKEN": HUBSPOT_TOKEN,
               "SHOPIFY_URL": shopify_url, "HUBSPOT_URL": hubspot_url}
        drifts, out = run_contract(env, tmp_path)
        report = json.loads((out / "drift.json").read_text())
        assert report["targets"] == {"shopify": shopify_url, "hubspot": hubspot_url}
        assert report["run_tag"].startswith("shophub")
        assert _leftovers(shopify_url, report["run_tag"]) == [], "probe records left in the 'sandbox'"
        assert _leftovers(hubspot_url, report["run_tag"]) == [], "probe records left in the 'sandbox'"
    assert drifts == [], (out / "drift.md").read_text()
    assert "No drift" in (out / "drift.md").read_text()
