"""The ``mocks`` target: both mocks and the connector's receiver in this process, on port 0.

A harness :class:`~mocks.harness.MockPair` (threads) shares one frozen simulated ``Clock`` with the
connector, whose ``sleep`` advances it, so a 429 storm or a 24-hour wait costs no wall time. Servers
live as long as the target (a pytest worker); each scenario gets a reset and a new connector state.
"""

from __future__ import annotations

from mocks.core import Clock, serve
from mocks.harness import MockPair
from mocks.harness.receiver import SwappableApp
from scenarios.model import DEFAULT_START, Scenario
from scenarios.targets.base import Endpoints, Session
from scenarios.targets.prepare import prepare_mocks


class MocksTarget:
    """Both mock apps served in-process with one simulated clock."""

    name = "mocks"

    def __init__(self, rate_limit: bool = False) -> None:
        """``rate_limit``: the mocks' API rate limits (off for scenarios; on to test a connector's
        handling of real 429s)."""
        self.pair = MockPair.start(Clock.simulated(DEFAULT_START), rate_limit=rate_limit)
        self.clock = self.pair.clock
        self.receiver = SwappableApp()
        self._receiver = serve(self.receiver)

    def begin(self, scenario: Scenario) -> Session:
        """A clean slate at the scenario's start time."""
        endpoints = Endpoints(shopify_url=self.pair.shopify_url, hubspot_url=self.pair.hubspot_url,
                              receiver_url=self._receiver.url)
        session = Session(self.name, scenario, endpoints, self.clock, self.pair, self.receiver)
        prepare_mocks(session)
        return session

    def close(self) -> None:
        self._receiver.shutdown()
        self.pair.close()
