"""The ``mocks`` target: both mocks and the connector's receiver in this process, on port 0.

One simulated ``Clock`` is shared by both mocks and the connector, and the connector's ``sleep``
advances it, so a 429 storm or a 24-hour wait costs no wall time. Servers live as long as the
target (a pytest worker); each scenario gets a reset and a new connector state.
"""

from __future__ import annotations

from mocks.core import Clock, serve
from mocks.core.clock import parse_iso
from scenarios.model import DEFAULT_START, Scenario
from scenarios.targets.base import Dispatcher, Endpoints, Session
from scenarios.targets.prepare import prepare_mocks


class MocksTarget:
    """Both mock apps served in-process with one simulated clock."""

    name = "mocks"

    def __init__(self) -> None:
        from mocks.hubspot.app import HubSpotConfig
        from mocks.hubspot.app import create_app as hubspot_app
        from mocks.shopify import ShopifyConfig
        from mocks.shopify import create_app as shopify_app

        self.clock = Clock.simulated(DEFAULT_START)
        self.dispatcher = Dispatcher()
        self._servers = [
            serve(shopify_app(ShopifyConfig(clock=self.clock, rate_limit=False))),
            serve(hubspot_app(HubSpotConfig(clock=self.clock, rate_limit=False))),
            serve(self.dispatcher),
        ]

    def begin(self, scenario: Scenario) -> Session:
        """A clean slate at the scenario's start time."""
        self.clock.set(parse_iso(scenario.at))
        shopify, hubspot, receiver = (s.url for s in self._servers)
        endpoints = Endpoints(shopify_url=shopify, hubspot_url=hubspot, receiver_url=receiver)
        session = Session(self.name, scenario, endpoints, self.clock, self.dispatcher)
        prepare_mocks(session)
        return session

    def close(self) -> None:
        for server in self._servers:
            server.shutdown()
