"""What the two mock targets share: a harness :class:`~mocks.harness.MockPair` and a served
:class:`~mocks.harness.receiver.SwappableApp` the connector under test's receiver is plugged into."""

from __future__ import annotations

from mocks.core import serve
from mocks.harness import MockPair
from mocks.harness.receiver import SwappableApp
from scenarios.model import Scenario
from scenarios.targets.base import Endpoints, Session
from scenarios.targets.prepare import prepare_mocks


class PairTarget:
    """Scenarios on a started pair of mocks (``pair``), one after another; ``close()`` (or leaving
    a ``with`` block) stops it."""

    name = ""

    def __init__(self, pair: MockPair) -> None:
        self.pair = pair
        self.clock = pair.clock
        self.receiver = SwappableApp()
        try:
            self._receiver = serve(self.receiver)
        except BaseException:
            pair.close()
            raise

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

    def __enter__(self) -> PairTarget:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
