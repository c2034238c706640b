"""The ``live`` target: both mocks in one child process (``python -m mocks`` through
:meth:`MockPair.spawn`, on one frozen clock), driven over HTTP; the in-process connector reads the
pair's :class:`~mocks.harness.LinkedClock`, which follows the mocks' ``/__admin/clock``."""

from __future__ import annotations

from mocks.core import serve
from mocks.harness import MockPair
from mocks.harness.receiver import SwappableApp
from scenarios.model import DEFAULT_START, Scenario
from scenarios.targets.base import Endpoints, Session
from scenarios.targets.prepare import prepare_mocks


class LiveTarget:
    """A mock process on port 0; the connector and its webhook receiver in this process."""

    name = "live"

    def __init__(self) -> None:
        self.pair = MockPair.spawn(now=DEFAULT_START, mode="frozen", rate_limit=False)
        self.shopify_url, self.hubspot_url = self.pair.shopify_url, self.pair.hubspot_url
        self.receiver = SwappableApp()
        try:
            self._receiver = serve(self.receiver)
        except BaseException:
            self.pair.close()
            raise

    def begin(self, scenario: Scenario) -> Session:
        endpoints = Endpoints(shopify_url=self.shopify_url, hubspot_url=self.hubspot_url,
                              receiver_url=self._receiver.url)
        session = Session(self.name, scenario, endpoints, self.pair.clock, self.pair, self.receiver)
        prepare_mocks(session)
        return session

    def close(self) -> None:
        self._receiver.shutdown()
        self.pair.close()
