"""Both mocks for the demo, on one clock (the harness's :class:`~mocks.harness.MockPair`), plus the
demo's second shop."""

from __future__ import annotations

from demo.seed import STORE_A, STORE_B, STORE_B_TOKEN
from mocks.core.clock import Clock
from mocks.harness import CREDENTIALS, MockPair

SHOPIFY_TOKEN = CREDENTIALS.shopify_token
SHOPIFY_SECRET = CREDENTIALS.shopify_webhook_secret
HUBSPOT_TOKEN = CREDENTIALS.hubspot_token
HUBSPOT_SECRET = CREDENTIALS.hubspot_client_secret
TOKENS = {STORE_A: SHOPIFY_TOKEN, STORE_B: STORE_B_TOKEN}


def start_mocks(clock: Clock, host: str = "127.0.0.1", shopify_port: int = 0, hubspot_port: int = 0) -> MockPair:
    """Both mocks on threads sharing ``clock`` (port 0 = a free port), with store B added
    (``POST /__admin/shops``, opened by its own token; docs/ARCHITECTURE.md)."""
    pair = MockPair.start(clock, host=host, shopify_port=shopify_port, hubspot_port=hubspot_port)
    try:
        pair.admin.shopify.add_shop(STORE_B, STORE_B_TOKEN)
    except BaseException:
        pair.close()
        raise
    return pair
