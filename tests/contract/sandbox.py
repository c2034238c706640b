"""Sandbox credentials from the environment, and the contract run: probes against the sandbox and a
fresh mock, every real answer validated against the mock's ``/openapi.json``, drift written out.

``SHOPIFY_STORE``, ``SHOPIFY_TOKEN``, ``HUBSPOT_TOKEN`` are required; ``SHOPIFY_URL`` and
``HUBSPOT_URL`` override the real base URLs (the tests point them at a second mock process).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import requests

from mocks.core.server import serve
from tools.contract.drift import Drift, compare_calls, render_table, report_json, unique
from tools.contract.probes import PROBES, Api, cleaned
from tools.contract.probes_graphql import graphql_drift, graphql_probe

REQUIRED = ("SHOPIFY_STORE", "SHOPIFY_TOKEN", "HUBSPOT_TOKEN")
ROOT = Path(__file__).resolve().parents[2]
DEFAULT_OUT = ROOT / ".shophub"


def missing(env: Mapping[str, str]) -> list[str]:
    """The required variables that are not set (empty counts as not set)."""
    return [name for name in REQUIRED if not env.get(name)]


def skip_reason(env: Mapping[str, str]) -> str:
    names = missing(env)
    return (f"sandbox credentials missing: {', '.join(names)} not set "
            f"(see docs/fidelity.md, 'Sandbox setup')") if names else ""


@dataclass(frozen=True)
class Sandbox:
    shopify_url: str
    shopify_token: str
    hubspot_url: str
    hubspot_token: str

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> Sandbox:
        store = env["SHOPIFY_STORE"].removesuffix(".myshopify.com")
        return cls(env.get("SHOPIFY_URL") or f"https://{store}.myshopify.com", env["SHOPIFY_TOKEN"],
                   env.get("HUBSPOT_URL") or "https://api.hubapi.com", env["HUBSPOT_TOKEN"])

    def api(self, service: str) -> Api:
        if service == "shopify":
            return Api("shopify", self.shopify_url, {"X-Shopify-Access-Token": self.shopify_token})
        return Api("hubspot", self.hubspot_url, {"Authorization": f"Bearer {self.hubspot_token}"})


def _mock_api(service: str, url: str) -> Api:
    from tests.fidelity.targets import HUBSPOT, SHOPIFY

    target = SHOPIFY if service == "shopify" else HUBSPOT
    return Api(service, url, target.good_headers())


def _mock_app(service: str):  # noqa: ANN202
    from mocks.hubspot.app import HubSpotConfig
    from mocks.hubspot.app import create_app as hubspot_app
    from mocks.shopify import ShopifyConfig
    from mocks.shopify import create_app as shopify_app

    return shopify_app(ShopifyConfig()) if service == "shopify" else hubspot_app(HubSpotConfig())


def probe_service(service: str, sandbox: Sandbox, tag: str) -> list[Drift]:
    """Run one service's probe on the sandbox and on a fresh mock; the drift between them."""
    with serve(_mock_app(service)) as handle:
        spec = requests.get(f"{handle.url}/openapi.json", timeout=30).json()
        with cleaned(_mock_api(service, handle.url)) as mock:
            mock_calls = {c.step: c for c in PROBES[service](mock, tag)}
    with cleaned(sandbox.api(service)) as real:
        real_calls = PROBES[service](real, tag)
    return [d for call in real_calls for d in compare_calls(spec, call, mock_calls.get(call.step))]


def probe_graphql(sandbox: Sandbox, tag: str) -> list[Drift]:
    """The connector's GraphQL documents on the sandbox store and on a fresh mock; the drift."""
    with serve(_mock_app("shopify")) as handle:
        with cleaned(_mock_api("shopify", handle.url)) as mock:
            mock_calls = {c.step: c for c in graphql_probe(mock, tag)}
    with cleaned(sandbox.api("shopify")) as real:
        real_calls = graphql_probe(real, tag)
    return [d for call in real_calls for d in graphql_drift(call, mock_calls.get(call.step))]


def run_contract(env: Mapping[str, str], out_dir: Path = DEFAULT_OUT) -> tuple[list[Drift], Path]:
    """Probe both services; write ``drift.json`` and ``drift.md`` to ``out_dir``; return the drift."""
    sandbox, tag = Sandbox.from_env(env), "shophub" + uuid.uuid4().hex[:10]
    drifts = unique([*(d for service in PROBES for d in probe_service(service, sandbox, tag)),
                     *probe_graphql(sandbox, tag)])
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "drift.json").write_text(report_json(drifts, tag, {"shopify": sandbox.shopify_url,
                                                                  "hubspot": sandbox.hubspot_url}))
    (out_dir / "drift.md").write_text(f"# Drift: sandbox vs mocks (run {tag})\n\n" + render_table(drifts))
    return drifts, out_dir
