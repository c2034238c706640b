"""The dated HubSpot probes (2026-09 CRM calls of the connector, the 2026-03 Webhooks Journal) against a real
portal (needs credentials: skipped naming the variables) and, always, against a second mock process
standing in for the portal — the same code path as ``make contract``."""

from __future__ import annotations

import os
import uuid
from collections.abc import Mapping

import pytest
import requests

from mocks.core.server import serve
from mocks.hubspot.config import DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET
from tests.contract.sandbox import _mock_app
from tests.fidelity.process import mock_process
from tests.fidelity.targets import HUBSPOT_TOKEN
from tools.contract.drift import Drift, compare_calls, unique
from tools.contract.probes import Api, cleaned
from tools.contract.probes_dated import JOURNAL_VARIABLES, hubspot_dated_probe, journal_probe

SERIOUS = ("schema", "status")


def _api(url: str, token: str) -> Api:
    return Api("hubspot", url, {"Authorization": f"Bearer {token}"})


def dated_drift(real_url: str, token: str, tag: str, journal: tuple[str, str] | None) -> list[Drift]:
    """The probes on a fresh in-process mock and on ``real_url``; the drift of the real answers."""
    with serve(_mock_app("hubspot")) as handle:
        spec = requests.get(f"{handle.url}/openapi.json", timeout=30).json()
        with cleaned(_api(handle.url, HUBSPOT_TOKEN)) as mock:
            mine = {c.step: c for c in hubspot_dated_probe(mock, tag)}
        if journal:
            mine.update({c.step: c for c in journal_probe(_api(handle.url, HUBSPOT_TOKEN), DEFAULT_CLIENT_ID,
                                                          DEFAULT_CLIENT_SECRET)})
    with cleaned(_api(real_url, token)) as real:
        theirs = hubspot_dated_probe(real, tag)
    if journal:
        theirs += journal_probe(_api(real_url, token), *journal)
    return unique(d for call in theirs for d in compare_calls(spec, call, mine.get(call.step)))


def _skip(env: Mapping[str, str], names: tuple[str, ...]) -> None:
    missing = [n for n in names if not env.get(n)]
    if missing:
        pytest.skip(f"sandbox credentials missing: {', '.join(missing)} not set (see docs/connector-hubspot-dated.md)")


def test_dated_probes_against_a_real_portal():
    _skip(os.environ, ("HUBSPOT_TOKEN",))
    journal = (os.environ["HUBSPOT_CLIENT_ID"], os.environ["HUBSPOT_CLIENT_SECRET"]) \
        if all(os.environ.get(n) for n in JOURNAL_VARIABLES) else None
    drifts = dated_drift(os.environ.get("HUBSPOT_URL") or "https://api.hubapi.com", os.environ["HUBSPOT_TOKEN"],
                         "shophub" + uuid.uuid4().hex[:10], journal)
    serious = [d for d in drifts if d.kind in SERIOUS]
    assert not serious, "\n".join(f"{d.endpoint} {d.field}: mock {d.mock} / real {d.real}" for d in serious)


def test_journal_probe_needs_the_app_credentials():
    _skip(os.environ, ("HUBSPOT_TOKEN", *JOURNAL_VARIABLES))


def test_dated_probe_path_against_a_second_mock_process():
    with mock_process("mocks.hubspot") as url:
        tag = "shophub" + uuid.uuid4().hex[:10]
        drifts = dated_drift(url, HUBSPOT_TOKEN, tag, (DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET))
        state = requests.get(f"{url}/__admin/state", timeout=30).json()
        live = [group.get("records") for group in (state.get("objects") or {}).values()]
        assert tag not in str(live), "probe records left in the 'portal'"
    assert drifts == [], drifts
