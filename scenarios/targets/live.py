"""The ``live`` target: both mocks in one child process (``python -m mocks`` through
:meth:`MockPair.spawn`, on one frozen clock), driven over HTTP; the in-process connector reads the
pair's :class:`~mocks.harness.LinkedClock`, which follows the mocks' ``/__admin/clock``."""

from __future__ import annotations

from mocks.harness import MockPair
from scenarios.model import DEFAULT_START
from scenarios.targets.paired import PairTarget


class LiveTarget(PairTarget):
    """A mock process on port 0; the connector and its webhook receiver in this process."""

    name = "live"

    def __init__(self) -> None:
        super().__init__(MockPair.spawn(now=DEFAULT_START, mode="frozen", rate_limit=False))
        self.shopify_url, self.hubspot_url = self.pair.shopify_url, self.pair.hubspot_url
