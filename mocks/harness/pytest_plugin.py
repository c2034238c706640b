"""pytest fixtures for testing a connector against both mocks on one clock (docs/harness.md).

Enable it in your ``conftest.py``::

    pytest_plugins = ["mocks.harness.pytest_plugin"]

Fixtures (each test starts from empty mocks at ``shophub_start``):

- ``mock_pair`` — the :class:`~mocks.harness.MockPair` (``shopify_url``, ``hubspot_url``,
  ``credentials``, ``env()``, ``admin``); served once per worker, reset before every test.
- ``advance`` — ``advance(hours=24)``: move the one clock; returns the new time.
- ``deliver`` — ``deliver()``: send every due Shopify and HubSpot webhook; returns how many.
- ``shopify`` — :class:`~mocks.harness.finders.Shopify` (``create("customers", email=...)``).
- ``hubspot`` — :class:`~mocks.harness.finders.HubSpot` (``one("contacts", email=...)``).

Override ``shophub_start`` (an ISO time) or ``shophub_clock_mode`` (``"running"``, the default:
a connector that really sleeps on ``Retry-After`` is never stuck; ``"frozen"``: time moves only by
``advance``) in your own conftest to change them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime

import pytest

from mocks.core.clock import Clock
from mocks.harness.finders import HubSpot, Shopify
from mocks.harness.pair import MockPair

DEFAULT_START = "2024-03-01T09:00:00Z"


@pytest.fixture(scope="session")
def shophub_start() -> str:
    """Where the clock stands at the start of every test."""
    return DEFAULT_START


@pytest.fixture(scope="session")
def shophub_clock_mode() -> str:
    """``"running"`` or ``"frozen"`` (see :mod:`mocks.core.clock`)."""
    return "running"


@pytest.fixture(scope="session")
def _shophub_servers(shophub_clock_mode: str, shophub_start: str) -> Iterator[MockPair]:
    clock = Clock.simulated(shophub_start) if shophub_clock_mode == "frozen" else Clock.running(shophub_start)
    with MockPair.start(clock) as pair:
        yield pair


@pytest.fixture()
def mock_pair(_shophub_servers: MockPair, shophub_start: str, shophub_clock_mode: str) -> MockPair:
    """Both mocks, emptied, with the clock at ``shophub_start``."""
    _shophub_servers.admin.reset(now=shophub_start)
    _shophub_servers.admin.shopify.set_mode(shophub_clock_mode)
    return _shophub_servers


@pytest.fixture()
def advance(mock_pair: MockPair) -> Callable[..., datetime]:
    """``advance(seconds=0, **timedelta)``: move the shared clock ahead."""
    return mock_pair.admin.advance


@pytest.fixture()
def deliver(mock_pair: MockPair) -> Callable[..., int]:
    """``deliver()``: every due webhook of both mocks, until none is left."""
    return mock_pair.admin.deliver


@pytest.fixture()
def shopify(mock_pair: MockPair) -> Iterator[Shopify]:
    c = mock_pair.credentials
    client = Shopify(mock_pair.shopify_url, c.shopify_token, c.shopify_api_version)
    yield client
    client.close()


@pytest.fixture()
def hubspot(mock_pair: MockPair) -> Iterator[HubSpot]:
    client = HubSpot(mock_pair.hubspot_url, mock_pair.credentials.hubspot_token)
    yield client
    client.close()
