"""The pytest plugin as a user meets it: a connector's own test in a few lines.

Here the program under test is the reference connector run through its fixed command line, as any
connector in any language would be; the fixtures give it the two mocks and read the outcome back.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime

import pytest

from mocks.harness.finders import NotFound


def sync(mock_pair, tmp_path) -> None:
    """One run of the connector under test, configured by the fixed environment variables."""
    env = {**mock_pair.env(), "SHOPHUB_STATE": str(tmp_path / "state.db"), "PATH": ""}
    done = subprocess.run([sys.executable, "-m", "connector", "sync", "--now", env["SHOPHUB_NOW"]],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]


def test_a_shopify_customer_becomes_one_hubspot_contact(mock_pair, shopify, hubspot, tmp_path):
    shopify.create("customers", email="ada@example.com", first_name="Ada", last_name="Lovelace")
    sync(mock_pair, tmp_path)
    contact = hubspot.one("contacts", "firstname", email="ada@example.com")
    assert contact["properties"]["firstname"] == "Ada"


def test_an_order_becomes_a_deal_associated_with_its_contact(mock_pair, shopify, hubspot, deliver, tmp_path):
    variant = shopify.create("products", title="Tee", variants=[{"price": "20.00"}])["variants"][0]
    order = shopify.create("orders", email="grace@example.com", line_items=[{"variant_id": variant["id"],
                                                                             "quantity": 2}])
    sync(mock_pair, tmp_path)
    deliver()
    deals = hubspot.deals("amount")
    assert [d["properties"]["amount"] for d in deals] == [order["total_price"]]
    contact = hubspot.one("contacts", email="grace@example.com")
    assert hubspot.associated("deals", deals[0]["id"], "contacts") == [contact["id"]]


def test_each_test_starts_from_empty_mocks_at_the_start_time(mock_pair, hubspot, advance):
    assert hubspot.contacts() == []
    assert abs((mock_pair.clock.now() - datetime(2024, 3, 1, 9, 0, tzinfo=UTC)).total_seconds()) < 60
    moved = advance(hours=24)
    assert moved >= datetime(2024, 3, 2, 9, 0, tzinfo=UTC)


def test_a_lookup_that_finds_nothing_says_what_it_searched(hubspot):
    with pytest.raises(NotFound, match="expected one contacts where email = 'nobody@example.com'; 0 found"):
        hubspot.one("contacts", email="nobody@example.com")
