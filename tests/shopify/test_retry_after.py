"""A REST 429 says when to come back as Shopify does: ``Retry-After`` in whole seconds written ``2.0``
(so ``int(float(h))`` and ``float(h)`` both work), enough for a call to fit, with the call-limit header."""

from __future__ import annotations

import re

import pytest

from mocks.shopify.gate import retry_after


def test_retry_after_is_whole_seconds_with_one_decimal_and_long_enough(limited_mock):
    mock = limited_mock
    for _ in range(40):
        assert mock.get("/shop.json").status_code == 200
    throttled = mock.get("/shop.json")
    assert throttled.status_code == 429
    assert throttled.headers["X-Shopify-Shop-Api-Call-Limit"] == "40/40"
    header = throttled.headers["Retry-After"]
    assert re.fullmatch(r"[1-9]\d*\.0", header), header
    assert mock.get("/shop.json").status_code == 429  # no time passed: still full
    mock.clock.advance(float(header))  # a client that waits as told finds room
    assert mock.get("/shop.json").status_code == 200


@pytest.mark.parametrize(("wait", "header"), [(0.0, "1.0"), (0.1, "1.0"), (0.5, "1.0"), (1.0, "1.0"),
                                              (1.01, "2.0"), (7.5, "8.0")])
def test_retry_after_rounds_the_wait_up_to_a_whole_second(wait, header):
    assert retry_after(wait) == header
