"""The pusher resolves refs to the mock's ids and waits out Shopify's 429s on the simulated clock."""

from __future__ import annotations

from datetime import UTC, datetime

import requests

from demo.push import Pusher, Target
from demo.seed import STORE_A, Step
from mocks.core.clock import Clock
from mocks.core.server import serve
from mocks.shopify import ShopifyConfig, create_app

AT = datetime(2024, 3, 1, 12, tzinfo=UTC)


def test_a_burst_is_throttled_and_waited_out_on_the_clock() -> None:
    clock = Clock.simulated(AT)
    with serve(create_app(ShopifyConfig(clock=clock))) as shop:
        pusher = Pusher(Target(shop.url, {STORE_A: "shpat_harness_default"}, "http://unused", "t"),
                        read_clock=clock.now)
        product = Step(AT, STORE_A, "product", "a:p0", {"product": {"title": "Mug", "variants": [{"price": "9.00"}]}})
        burst = [Step(AT, STORE_A, "order", f"a:o{i}", {"order": {"line_items": [{"variant_ref": "a:p0#0", "quantity": 2}]}})
                 for i in range(45)]  # one instant: more than the bucket of 40 holds
        assert pusher.push_all([product, *burst]) == 46
        assert pusher.throttled > 0 and clock.now() > AT  # the wait cost simulated seconds, not real ones
        clock.advance(30)  # let the bucket drain before reading
        count = requests.get(f"{shop.url}/admin/api/2024-10/orders/count.json?status=any", timeout=10,
                             headers={"X-Shopify-Access-Token": "shpat_harness_default"}).json()["count"]
        assert count == 45 and len({pusher.ids[f"a:o{i}"] for i in range(45)}) == 45
