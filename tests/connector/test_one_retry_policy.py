"""One HTTP client, one retry policy (issue #13): the connector, the reports' reader, the scenarios' Api,
the demo's seeding and the chaos shop owner all send through ``connector.clients.http.HttpCore``. Every
retry path is bounded (a server that never stops answering 429/503 or never answers at all ends in one
clear error after the policy's attempts) and every wait goes through the injected ``sleep``."""

from __future__ import annotations

import subprocess
import sys

import pytest
from flask import Flask, jsonify, request

from connector.clients.http import HttpCore, RetryPolicy
from connector.errors import ApiError
from connector.reporting.api import ApiReader, HubSpotReadError
from demo.push import SEED_POLICY, Pusher, PushError, Target
from mocks.core.server import serve
from scenarios.errors import StepFailed
from scenarios.http import Api
from tools.chaos.shop import SeedingFailed, ShopOwner


class Endless:
    """A server that answers every call with the same status (and counts the calls)."""

    def __init__(self, status: int, retry_after: str | None = None) -> None:
        self.status, self.retry_after, self.calls, self.advanced = status, retry_after, 0, []

    def app(self) -> Flask:
        app = Flask("endless")

        @app.post("/__admin/clock")
        def clock():  # the demo moves the simulated clock instead of sleeping
            self.advanced.append((request.get_json() or {}).get("advance"))
            return jsonify({})

        @app.route("/<path:path>", methods=["GET", "POST", "PUT", "DELETE"])
        def any_path(path: str):
            self.calls += 1
            headers = {"Retry-After": self.retry_after} if self.retry_after else {}
            return jsonify({"errors": "busy"}), self.status, headers

        return app


@pytest.fixture()
def busy():
    server = Endless(429, "3")
    with serve(server.app()) as handle:
        server.url = handle.url
        yield server


@pytest.fixture()
def down():
    server = Endless(503)
    with serve(server.app()) as handle:
        server.url = handle.url
        yield server


DEAD = "http://127.0.0.1:9"  # nothing listens on the discard port


class Failed(ApiError):
    pass


def test_core_gives_up_after_the_policy_and_sleeps_only_through_sleep(down):
    waits: list[float] = []
    core = HttpCore(down.url, {}, error_cls=Failed, sleep=waits.append,
                    policy=RetryPolicy(max_attempts=5, base_delay=0.5, max_delay=1.5, jitter=0.0))
    with pytest.raises(Failed, match="gave up after 5 attempts: 503"):
        core.send("GET", "/x")
    assert down.calls == 5 and waits == [0.5, 1.0, 1.5, 1.5]
    assert core.exchange("GET", "/x").status_code == 503, "exchange hands back the last answer"


def test_core_caps_a_huge_retry_after(busy):
    busy.retry_after = "86400"
    waits: list[float] = []
    core = HttpCore(busy.url, {}, error_cls=Failed, sleep=waits.append, policy=RetryPolicy(max_attempts=2))
    assert core.exchange("GET", "/x").status_code == 429
    assert waits == [120.0]


def test_dropped_connections_are_bounded_too():
    waits: list[float] = []
    core = HttpCore(DEAD, {}, error_cls=Failed, sleep=waits.append, timeout=2, policy=RetryPolicy(max_attempts=3))
    with pytest.raises(Failed, match="gave up after 3 attempts: connection dropped"):
        core.send("GET", "/x")
    assert len(waits) == 2
    once = HttpCore(DEAD, {}, error_cls=Failed, sleep=waits.append, timeout=2,
                    policy=RetryPolicy(max_attempts=3, transport=False))
    with pytest.raises(Failed, match="gave up after 1 attempt: "):
        once.send("POST", "/x")


def test_reports_reader_is_bounded(busy):
    waits: list[float] = []
    reader = ApiReader(busy.url, "t", sleep=waits.append, attempts=4)
    with pytest.raises(HubSpotReadError, match="429"):
        reader.pipelines("deals")
    assert busy.calls == 4 and waits == [3.0, 3.0, 3.0]


def test_scenario_api_is_bounded_and_hands_back_the_answer(busy):
    waits: list[float] = []
    api = Api("hubspot", busy.url, sleep=waits.append, attempts=4)
    assert api.raw("GET", "/x").status_code == 429
    assert busy.calls == 4 and waits == [3.0, 3.0, 3.0]
    with pytest.raises(StepFailed, match="answered 429"):
        api.call("GET", "/x")
    unreachable = Api("shopify", DEAD, timeout=2)
    with pytest.raises(StepFailed, match="gave up after 1 attempt"):  # a step's POST is never repeated
        unreachable.raw("POST", "/customers.json", json_body={})


def test_demo_seeding_waits_out_429_on_the_simulated_clock_but_not_forever(busy):
    pusher = Pusher(Target(busy.url, {"shop": "t"}, busy.url, "t"))
    with pytest.raises(PushError, match="HTTP 429"):
        pusher.shopify("shop", "POST", "customers.json", {"customer": {}})
    assert busy.calls == SEED_POLICY.max_attempts == pusher.calls
    assert busy.advanced == [3.0] * (SEED_POLICY.max_attempts - 1) and pusher.throttled == len(busy.advanced)


def test_demo_seeding_does_not_repeat_a_failed_write(down):
    pusher = Pusher(Target(down.url, {"shop": "t"}, down.url, "t"))
    with pytest.raises(PushError, match="HTTP 503"):
        pusher.hubspot("POST", "/crm/v3/objects/contacts", {"properties": {}})
    assert down.calls == 1


def test_chaos_shop_owner_is_bounded(down):
    waits: list[float] = []
    owner = ShopOwner(down.url, "t", waits.append, attempts=6)
    with pytest.raises(SeedingFailed, match="gave up after 6 attempts"):
        owner.call("POST", "/customers.json", {"customer": {}})
    assert down.calls == 6 and waits == [1.0] * 5 and owner.retried == 5
    owner.close()


def test_the_http_core_does_not_pull_in_the_engine():
    """demo, tools and scenarios import the core without loading the connector's engine or Flask."""
    code = ("import sys, connector.clients.http, connector.clients.auth; "
            "bad = [m for m in sys.modules if m.startswith(('connector.engine', 'connector.sync', 'flask'))]; "
            "print(bad); sys.exit(1 if bad else 0)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
