"""Fixtures: a HubSpot mock on port 0 with a simulated clock, and the official SDK pointed at it."""

from __future__ import annotations

import pytest
from hubspot import HubSpot

from mocks.core.clock import Clock
from mocks.core.server import serve
from mocks.hubspot import DEFAULT_TOKEN, HubSpotConfig, create_app


@pytest.fixture
def clock() -> Clock:
    return Clock.simulated("2024-03-01T10:00:00Z")


@pytest.fixture
def config(clock: Clock) -> HubSpotConfig:
    # Rate limits off by default in these tests; the rate-limit tests turn them on explicitly.
    return HubSpotConfig(clock=clock, rate_limit=False)


@pytest.fixture
def app(config: HubSpotConfig):
    return create_app(config)


@pytest.fixture
def server(app):
    handle = serve(app)
    yield handle
    handle.shutdown()


@pytest.fixture
def client(server) -> HubSpot:
    return HubSpot(access_token=DEFAULT_TOKEN, host=server.url)


@pytest.fixture
def http(app):
    """A Flask test client that sends the default bearer token."""
    test_client = app.test_client()

    class Authed:
        def __getattr__(self, method: str):
            def call(path: str, **kwargs):
                headers = {"Authorization": f"Bearer {DEFAULT_TOKEN}", **kwargs.pop("headers", {})}
                return getattr(test_client, method)(path, headers=headers, **kwargs)
            return call

    return Authed()
