"""The harness API: a pair of mocks on one clock, in-process and as ``python -m mocks``."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import requests

from mocks.core.clock import Clock
from mocks.harness import AdminError, MockPair

START = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)


def shopify_get(pair: MockPair, path: str) -> requests.Response:
    c = pair.credentials
    return requests.get(f"{pair.shopify_url}/admin/api/{c.shopify_api_version}/{path}",
                        headers={"X-Shopify-Access-Token": c.shopify_token}, timeout=10)


def hubspot_post(pair: MockPair, path: str, body: dict) -> requests.Response:
    return requests.post(f"{pair.hubspot_url}{path}", json=body, timeout=10,
                         headers={"Authorization": f"Bearer {pair.credentials.hubspot_token}"})


def test_in_process_pair_shares_one_clock():
    with MockPair.start(Clock.simulated(START)) as pair:
        assert pair.in_process and pair.frozen
        assert shopify_get(pair, "shop.json").status_code == 200
        pair.admin.advance(hours=23, minutes=59)
        expected = "2024-03-02T08:59:00.000Z"
        assert pair.admin.shopify.clock()["now"] == expected
        assert pair.admin.hubspot.clock()["now"] == expected
        assert pair.clock.now() == datetime(2024, 3, 2, 8, 59, tzinfo=UTC)


def test_admin_reset_faults_journal_and_deliver():
    with MockPair.start(Clock.simulated(START), rate_limit=False) as pair:
        created = hubspot_post(pair, "/crm/v3/objects/contacts", {"properties": {"email": "ada@example.com"}})
        assert created.status_code == 201
        assert [e["path"] for e in pair.admin.hubspot.requests(method="POST")] == ["/crm/v3/objects/contacts"]
        rule = pair.admin.shopify.faults.add({"path": "/admin/api/2026-10/shop.json", "action": "respond",
                                               "status": 503, "times": 1})
        assert rule[0]["status"] == 503
        assert shopify_get(pair, "shop.json").status_code == 503
        assert shopify_get(pair, "shop.json").status_code == 200
        pair.admin.clear_faults()
        assert pair.admin.shopify.faults.list() == []
        assert pair.admin.deliver() == 0
        contact_id = created.json()["id"]
        pair.admin.reset(now="2025-01-01T00:00:00Z")
        assert pair.admin.now() == datetime(2025, 1, 1, tzinfo=UTC)
        assert pair.admin.hubspot.requests() == []
        gone = requests.get(f"{pair.hubspot_url}/crm/v3/objects/contacts/{contact_id}", timeout=10,
                            headers={"Authorization": f"Bearer {pair.credentials.hubspot_token}"})
        assert gone.status_code == 404


def test_admin_errors_carry_the_mocks_message():
    with MockPair.start() as pair:
        with pytest.raises(AdminError) as caught:
            pair.admin.shopify.call("POST", "/clock", {"advance": -1})
        assert caught.value.status == 400 and "never goes back" in caught.value.message
        with pytest.raises(ValueError):
            pair.admin.side("salesforce")


def test_env_holds_the_fixed_connector_variables():
    with MockPair.start(Clock.simulated(START)) as pair:
        env = pair.env()
        assert env["SHOPIFY_URL"] == pair.shopify_url and env["HUBSPOT_URL"] == pair.hubspot_url
        assert env["SHOPHUB_NOW"] == "2024-03-01T09:00:00.000Z"
        assert env["SHOPIFY_API_VERSION"] == "2026-10"


def test_spawned_pair_is_one_process_with_one_clock():
    with MockPair.spawn(now=START, mode="frozen", rate_limit=False) as pair:
        assert not pair.in_process and pair.frozen
        assert shopify_get(pair, "shop.json").status_code == 200
        moved = pair.clock.advance(3600)
        assert moved == datetime(2024, 3, 1, 10, 0, tzinfo=UTC)
        assert pair.admin.hubspot.now() == moved       # the other mock, same clock
        with pytest.raises(RuntimeError):
            pair.store("shopify")
    assert pair.process is not None and pair.process.poll() is not None


def test_spawned_running_clock_advances_without_freezing():
    with MockPair.spawn(now=START) as pair:
        assert pair.clock.mode == "running"
        after = pair.admin.advance(hours=24)
        assert after >= datetime(2024, 3, 2, 9, 0, tzinfo=UTC)
        clock = pair.admin.hubspot.clock()
        assert clock["mode"] == "running"          # advancing did not freeze it
        assert pair.clock.now() >= after


def test_spawn_reports_a_port_in_use():
    with MockPair.start() as taken:
        port = int(taken.shopify_url.rsplit(":", 1)[1])
        with pytest.raises(RuntimeError, match=f"cannot bind.*{port}.*in use"):
            MockPair.spawn(shopify_port=port, timeout=20)
        with pytest.raises(OSError, match="in use"):
            MockPair.start(shopify_port=port)
