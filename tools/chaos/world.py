"""One run's world: both mocks on one simulated clock (the harness's MockPair), and a connector that
can be killed and restarted on the same state file.

The connector's ``sleep`` advances the shared clock, so backoff and pacing cost no wall time.
Shopify webhooks reach the connector through the mock's outbox (the transport hands them to
``Connector.handle_shopify_webhook``; a crash there is a failed delivery that Shopify retries).
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime
from pathlib import Path

from connector.config import ConnectorConfig, StoreConfig
from connector.errors import ApiError, ConnectorCrashed
from connector.sync import Connector
from mocks.core.clock import Clock
from mocks.harness import CREDENTIALS, MockPair

START = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)
STORE_ID = "harness-shop"
SHOPIFY_TOKEN = CREDENTIALS.shopify_token
HUBSPOT_TOKEN = CREDENTIALS.hubspot_token
WEBHOOK_SECRET = CREDENTIALS.shopify_webhook_secret
HUBSPOT_SECRET = CREDENTIALS.hubspot_client_secret
WEBHOOK_BASE = "https://connector.chaos.invalid"  # Shopify delivers over HTTPS only
# --expire-tokens: the connector holds OAuth tokens of both services (client credentials of the mocks' app)
OAUTH_STORE_FIELDS = ("shopify_client_id", "shopify_client_secret")
OAUTH_FIELDS = ("hubspot_client_id",)


def token_renewal_missing() -> str | None:
    """Why the connector cannot run on expiring tokens, or None when it can (it renews them itself:
    connector/clients/auth.py, configured by the OAuth fields of StoreConfig and ConnectorConfig)."""
    store_fields = {f.name for f in fields(StoreConfig)}
    config_fields = {f.name for f in fields(ConnectorConfig)}
    missing = [n for n in OAUTH_STORE_FIELDS if n not in store_fields] + [n for n in OAUTH_FIELDS
                                                                         if n not in config_fields]
    if missing:
        return ("the connector has no token renewal yet (no " + ", ".join(missing) + " in its config; "
                "the OAuth token sources of connector/clients/auth.py are being built)")
    return None


def oauth_options() -> tuple[dict, dict]:
    """StoreConfig and ConnectorConfig fields for client-credentials tokens from both mocks."""
    from mocks.hubspot.config import DEFAULT_CLIENT_ID as HUBSPOT_CLIENT_ID
    from mocks.shopify.config import DEFAULT_CLIENT_ID as SHOPIFY_CLIENT_ID

    return ({"shopify_token": "", "shopify_client_id": SHOPIFY_CLIENT_ID, "shopify_client_secret": WEBHOOK_SECRET},
            {"hubspot_token": "", "hubspot_client_id": HUBSPOT_CLIENT_ID})


@dataclass
class ConnectorStats:
    """What every connector of the run did, summed over restarts."""

    retries: Counter = field(default_factory=Counter)
    calls: int = 0
    slept: float = 0.0
    crashes: int = 0

    def absorb(self, connector: Connector) -> None:
        for client in (connector.hubspot, *connector.shopify.values()):
            stats = client.stats
            self.retries.update(stats.retries)
            self.calls += stats.calls
            self.slept += stats.slept


class Crew:
    """Holds the live connector; ``restart()`` is a kill -9 and a fresh process on the same state."""

    def __init__(self, make: Callable[[], Connector]) -> None:
        self.make = make
        self.connector = make()
        self.stats = ConnectorStats()

    def restart(self) -> None:
        self.stats.crashes += 1
        self.stats.absorb(self.connector)
        self.connector.close()
        self.connector = self.make()

    def sync_until_complete(self, arm: Callable[[], None], disarm: Callable[[int], None],
                            max_passes: int = 30) -> int:
        """Sync passes until one completes: ``arm()`` before each, ``disarm(crashes before it)`` after;
        a crash restarts the connector, a pass that gave up (ApiError) is followed by the next one.
        Returns how many passes gave up."""
        gave_up = 0
        for _ in range(max_passes):
            before = self.stats.crashes
            arm()
            try:
                self.connector.sync()
                return gave_up
            except ConnectorCrashed:
                self.restart()
            except ApiError:
                gave_up += 1
            finally:
                disarm(before)
        raise AssertionError(f"no sync pass completed in {max_passes} attempts")

    def close(self) -> None:
        self.stats.absorb(self.connector)
        self.connector.close()


class Receiver:
    """The webhook transport of the Shopify mock, bound to the crew once it exists."""

    def __init__(self) -> None:
        self.crew: Crew | None = None
        self.answers: Counter = Counter()
        self.outcomes: Counter = Counter()   # what the connector did: applied, stale, duplicate, not re-created

    def __call__(self, url: str, body: bytes, headers: dict[str, str], timeout: float) -> int:
        if self.crew is None:
            return 0
        store_id = url.rstrip("/").rsplit("/", 1)[-1]
        try:
            status, text = self.crew.connector.handle_shopify_webhook(store_id, headers, body)
        except ConnectorCrashed:
            self.crew.restart()
            status, text = 0, "crashed"
        self.answers[status] += 1
        self.outcomes[text.split(" ", 1)[0] if text.startswith(("applied", "ignored")) else text] += 1
        return status


class ChaosWorld:
    """Both mocks on one simulated clock (the harness's :class:`MockPair`), the admin calls and the
    crew of one run. Use as a context manager."""

    def __init__(self, state_dir: Path, seed: int, oauth: bool = False) -> None:
        from mocks.shopify import ShopifyConfig

        if oauth and (why := token_renewal_missing()):
            raise RuntimeError(why)
        self.oauth = oauth

        self.rng = random.Random(seed)
        self.receiver = Receiver()
        self.pair = MockPair.start(Clock.simulated(START), shopify=ShopifyConfig(webhook_transport=self.receiver))
        self.clock = self.pair.clock
        self.shopify_url, self.hubspot_url = self.pair.shopify_url, self.pair.hubspot_url
        self.state_path = str(state_dir / "state.db")
        self.crew = Crew(self._make_connector)
        self.receiver.crew = self.crew

    def _make_connector(self) -> Connector:
        store_oauth, oauth = oauth_options() if self.oauth else ({}, {})
        config = ConnectorConfig(
            **{"hubspot_url": self.hubspot_url, "hubspot_token": HUBSPOT_TOKEN, **oauth},
            stores=[StoreConfig(**{"store_id": STORE_ID, "shopify_url": self.shopify_url,
                                   "shopify_token": SHOPIFY_TOKEN, "webhook_secret": WEBHOOK_SECRET, **store_oauth})],
            state_path=self.state_path, webhook_base_url=WEBHOOK_BASE, hubspot_client_secret=HUBSPOT_SECRET)
        return Connector(config, clock=self.clock, sleep=self.sleep, seed=self.rng.randrange(1 << 30))

    def sleep(self, seconds: float) -> None:
        """How the connector waits: the shared clock moves, the wall clock does not."""
        if seconds > 0:
            self.clock.advance(seconds)

    def expire_tokens(self) -> int:
        """End the connector's access tokens at both mocks now (it must renew them); how many ended."""
        shopify = self.admin_call("shopify", "POST", "/tokens/expire", {"shop": STORE_ID})
        hubspot = self.admin_call("hubspot", "POST", "/oauth/expire", {})
        return int(shopify.get("expired", 0)) + int(hubspot.get("expired", 0))

    def admin_call(self, mock: str, method: str, path: str, body: object = None) -> dict:
        """One ``/__admin`` call on ``mock`` (``"shopify"`` or ``"hubspot"``)."""
        return self.pair.admin.side(mock).call(method, path, body)

    def __enter__(self) -> ChaosWorld:
        return self

    def __exit__(self, *exc: object) -> None:
        self.crew.close()
        self.pair.close()
