"""The harness API: both mocks on one clock, and a client for their ``/__admin`` surface.

- :class:`MockPair` — ``MockPair.start()`` (threads) or ``MockPair.spawn()`` (``python -m mocks``
  as a child); ``shopify_url``, ``hubspot_url``, ``clock``, ``admin``, ``credentials``.
- :class:`PairAdmin` / :class:`AdminClient` — clock, reset, deliver, faults, journal, state.
- :mod:`mocks.harness.finders` — read HubSpot and drive Shopify through their public APIs.
- :mod:`mocks.harness.pytest_plugin` — pytest fixtures built on the above.

Documented in docs/harness.md.
"""

from mocks.harness.admin import AdminClient, AdminError, Faults, PairAdmin
from mocks.harness.linked_clock import LinkedClock
from mocks.harness.pair import CREDENTIALS, Credentials, MockPair

__all__ = ["CREDENTIALS", "AdminClient", "AdminError", "Credentials", "Faults", "LinkedClock", "MockPair",
           "PairAdmin"]
