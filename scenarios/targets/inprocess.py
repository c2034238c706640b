"""The ``mocks`` target: both mocks and the connector's receiver in this process, on port 0.

A harness :class:`~mocks.harness.MockPair` (threads) shares one frozen simulated ``Clock`` with the
connector, whose ``sleep`` advances it, so a 429 storm or a 24-hour wait costs no wall time. Servers
live as long as the target (a pytest worker); each scenario gets a reset and a new connector state.
"""

from __future__ import annotations

from mocks.core import Clock
from mocks.harness import MockPair
from scenarios.model import DEFAULT_START
from scenarios.targets.paired import PairTarget


class MocksTarget(PairTarget):
    """Both mock apps served in-process with one simulated clock."""

    name = "mocks"

    def __init__(self, rate_limit: bool = False) -> None:
        """``rate_limit``: the mocks' API rate limits (off for scenarios; on to test a connector's
        handling of real 429s)."""
        super().__init__(MockPair.start(Clock.simulated(DEFAULT_START), rate_limit=rate_limit))
