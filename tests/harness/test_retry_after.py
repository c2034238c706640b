"""A client that really sleeps on ``Retry-After`` is not deadlocked by the mocks' rate limiters
(issue #14): on a running clock the leaky bucket leaks while the client waits. On a frozen clock
nothing leaks until someone advances it — the reason the harness runs external programs on a
running clock. Bounded to about 1.5 s of real sleeping in all."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import requests

from mocks.core.clock import Clock
from mocks.harness import MockPair
from mocks.shopify import ShopifyConfig

START = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)
BUCKET = ShopifyConfig(bucket_size=2, leak_rate=4.0)   # the third quick call is refused for 0.25 s


def polite_get(pair: MockPair, attempts: int) -> tuple[list[int], float]:
    """GET shop.json until it answers 200 (or ``attempts`` run out), really sleeping on Retry-After."""
    c = pair.credentials
    url = f"{pair.shopify_url}/admin/api/{c.shopify_api_version}/shop.json"
    statuses, slept = [], 0.0
    with requests.Session() as http:
        for _ in range(attempts):
            response = http.get(url, headers={"X-Shopify-Access-Token": c.shopify_token}, timeout=10)
            statuses.append(response.status_code)
            if response.status_code != 429:
                break
            wait = float(response.headers["Retry-After"])
            time.sleep(wait)   # the client under test waits in real time; that is the point
            slept += wait
    return statuses, slept


def fill(pair: MockPair) -> None:
    for _ in range(2):
        assert polite_get(pair, 1)[0] == [200]


def test_running_clock_lets_a_sleeping_client_through():
    with MockPair.start(Clock.running(START), shopify=BUCKET) as pair:
        fill(pair)
        for _ in range(3):
            statuses, slept = polite_get(pair, attempts=4)
            assert statuses[-1] == 200, f"still throttled after {slept:.2f} s of real sleeping: {statuses}"
            assert slept <= 1.0


def test_advance_on_a_running_clock_mock_keeps_it_running():
    with MockPair.start(Clock.running(START), shopify=BUCKET) as pair:
        pair.admin.advance(hours=24)
        fill(pair)
        statuses, _ = polite_get(pair, attempts=4)
        assert statuses[0] == 429 and statuses[-1] == 200
        assert pair.admin.clock()["mode"] == "running"


def test_frozen_clock_does_not_leak_for_a_sleeping_client():
    """The contrast that makes the tests above meaningful: a frozen clock needs an advance."""
    with MockPair.start(Clock.simulated(START), shopify=BUCKET) as pair:
        fill(pair)
        statuses, _ = polite_get(pair, attempts=2)
        assert statuses == [429, 429]
        pair.admin.advance(seconds=0.25)
        assert polite_get(pair, attempts=1)[0] == [200]
