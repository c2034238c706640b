"""With the mocks' rate limits ON the import still completes (pacing + retries through the injected
sleep, which advances the shared simulated clock); the CLI; the state file."""

from __future__ import annotations

import subprocess
import sys

from connector.state import State
from tests.connector.conftest import make_world, product


def test_import_under_rate_limits_paces_and_completes(tmp_path):
    world = make_world(tmp_path, rate_limit=True)
    try:
        for i in range(36):    # the simulated clock stands still: the leaky bucket is nearly full (36/40)
            world.shop("POST", "products", product(f"Item {i:02d}"))
        # REST's leaky bucket (GraphQL cost pacing: test_shopify_graphql_source.py)
        connector = world.connector(world.config([world.store(shopify_api="rest")]))
        summary = connector.sync()
        assert summary.errors == 0, summary.text()
        assert len(world.records("products")) == 36
        stats = connector.shopify["harness-shop"].stats
        assert stats.paced >= 1 and stats.slept > 0           # slowed down before 40/40 ...
        assert stats.retries["429"] == 0                        # ... so Shopify never had to refuse
        connector.close()
    finally:
        world.close()


def test_state_roundtrip(tmp_path):
    state = State(str(tmp_path / "s" / "state.db"))
    with state.transaction():
        state.map_id("a", "deal", "k1", "10")
        state.tombstone("a", "customer:1", "5", "2024-01-01T00:00:00.000Z")
        state.set_cursor("a", "orders", "2024-01-01T00:00:00Z")
        state.upsert_timer("a", "tok", "k1", "2024-01-01T00:00:00Z", False)
    state.upsert_timer("a", "tok", "k1", "2024-01-01T00:00:00Z", True)
    state.set_timer_state("a", "tok", "abandoned")
    state.close()
    again = State(str(tmp_path / "s" / "state.db"))
    assert again.hs_id("a", "deal", "k1") == "10" and again.is_tombstoned("a", "customer:1")
    assert again.cursor("a", "orders") == "2024-01-01T00:00:00Z"
    timer = again.timer("a", "tok")
    assert timer.promoted and timer.state == "abandoned"
    try:
        with again.transaction():
            again.map_id("a", "deal", "k2", "11")
            raise RuntimeError("boom")
    except RuntimeError:
        pass
    assert again.hs_id("a", "deal", "k2") is None
    again.close()


def test_cli_bad_configuration_exits_2_with_one_line(tmp_path):
    env = {"PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, "-m", "connector", "sync", "--hubspot", "http://x",
                             "--state", str(tmp_path / "s.db")], capture_output=True, text=True, env=env,
                            cwd=str(tmp_path.parent), timeout=60)
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "configuration error" in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_sync_against_the_mocks(tmp_path):
    world = make_world(tmp_path)
    try:
        world.shop("POST", "products", product("Solo"))
        args = [sys.executable, "-m", "connector", "sync", "--shopify", world.shopify_url,
                "--shopify-token", "shpat_harness_default", "--hubspot", world.hubspot_url,
                "--hubspot-token", "pat-na1-harness-default", "--state", str(tmp_path / "cli.db"),
                "--now", "2024-01-15T12:00:00Z"]
        result = subprocess.run(args, capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr
        assert "store harness-shop" in result.stdout and "products 1" in result.stdout
        status = subprocess.run([sys.executable, "-m", "connector", "status", "--hubspot", world.hubspot_url,
                                 "--hubspot-token", "t", "--shopify", world.shopify_url, "--shopify-token", "t",
                                 "--state", str(tmp_path / "cli.db")], capture_output=True, text=True, timeout=60)
        assert status.returncode == 0 and '"products": 1' in status.stdout
    finally:
        world.close()


def test_faults_429_5xx_and_dropped_write_are_retried_without_duplicates(world):

    world.shop("POST", "customers", {"customer": {"email": "f@example.com", "first_name": "F"}})
    faults = [
        {"method": "POST", "path": "/admin/api/*/graphql.json", "action": "respond", "status": 429,
         "body": {"errors": "Exceeded 2 calls per second"}, "headers": {"Retry-After": "2.0"}, "times": 1},
        {"method": "POST", "path": "/crm/objects/2026-09/contacts/batch/create", "action": "respond", "status": 502,
         "times": 1},
        {"method": "POST", "path": "/crm/objects/2026-09/contacts/batch/create", "action": "drop", "times": 1},
    ]
    admin = world.pair.admin
    for rule, side in zip(faults, (admin.shopify, admin.hubspot, admin.hubspot), strict=True):
        side.faults.add(rule)
    connector = world.connector()
    summary = connector.sync()
    assert summary.errors == 0, summary.text()
    assert connector.shopify["harness-shop"].stats.retries["429"] == 1
    assert connector.hubspot.stats.retries["5xx"] == 1 and connector.hubspot.stats.retries["connection"] == 1
    assert [c["properties"]["email"] for c in world.records("contacts", "email")] == ["f@example.com"]
