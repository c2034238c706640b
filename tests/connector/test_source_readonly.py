"""C6/C7 on a portal that keeps the original source read-only: contacts still sync, HubSpot keeps its own
source, and no write is refused."""

from __future__ import annotations

import pytest

from connector import names
from tests.connector.conftest import customer, make_world, order, product


@pytest.fixture()
def strict_world(tmp_path):
    world = make_world(tmp_path, source_writable=False)
    yield world
    world.close()


def test_contacts_sync_without_the_source_when_the_portal_refuses_it(strict_world):
    world = strict_world
    shirt = world.shop("POST", "products", product("Shirt", ("Red", "25.00")))["product"]
    world.shop("POST", "customers", customer("ada@example.com"))
    connector = world.connector()
    summary = connector.sync()  # initial import (C6 would set OFFLINE)
    assert summary.errors == 0, summary.text()
    assert connector.setup().source_writable is False
    world.shop("POST", "orders", order(shirt["variants"][0]["id"], "bo@example.com",
                                       referring_site="https://www.google.com/"))  # C7 would say ORGANIC_SEARCH
    world.advance(minutes=5)
    summary = connector.sync()
    assert summary.errors == 0, summary.text()
    contacts = world.by("contacts", "email", names.SOURCE, names.SOURCE_DATA_1)
    assert set(contacts) == {"ada@example.com", "bo@example.com"}
    for contact in contacts.values():
        assert contact["properties"][names.SOURCE] is None  # left to HubSpot, not forced


def test_a_writable_portal_still_gets_the_integration_source(world):
    world.shop("POST", "customers", customer("ada@example.com"))
    connector = world.connector()
    assert connector.sync().errors == 0
    assert connector.setup().source_writable is True
    ada = world.by("contacts", "email", names.SOURCE)["ada@example.com"]
    assert ada["properties"][names.SOURCE] == names.IMPORT_SOURCE
