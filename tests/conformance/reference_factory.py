"""A ``python:`` connector for the tests: the reference connector behind the documented protocol."""

from __future__ import annotations

from typing import Any

from connector.config import ConnectorConfig, StoreConfig
from connector.sync import Connector


class ReferenceBehindTheProtocol:
    """connect / sync / run_timers / receiver / arm_crash / close, and nothing else."""

    def __init__(self, connector: Connector) -> None:
        self.connector = connector

    def connect(self) -> None:
        self.connector.setup()

    def sync(self) -> Any:
        return self.connector.sync()

    def run_timers(self) -> int:
        return self.connector.tick()

    def receiver(self) -> Any:
        return self.connector.receiver_app()

    def arm_crash(self, after_hubspot_writes: int) -> None:
        self.connector.arm_crash(after_hubspot_writes=after_hubspot_writes)

    def close(self) -> None:
        self.connector.close()


def make(settings: Any) -> ReferenceBehindTheProtocol:
    env = settings.env
    store = StoreConfig(store_id=env["SHOPIFY_STORE"], shopify_url=env["SHOPIFY_URL"], shopify_token=env["SHOPIFY_TOKEN"],
                        webhook_secret=env["SHOPIFY_WEBHOOK_SECRET"], api_version=env["SHOPIFY_API_VERSION"])
    config = ConnectorConfig(hubspot_url=env["HUBSPOT_URL"], hubspot_token=env["HUBSPOT_TOKEN"], stores=[store],
                             state_path=f"{env['SHOPHUB_STATE_DIR']}/state.db",
                             hubspot_client_secret=env["HUBSPOT_CLIENT_SECRET"], webhook_base_url=settings.receiver_url)
    return ReferenceBehindTheProtocol(Connector(config, clock=settings.clock, sleep=settings.sleep))


def no_sync(settings: Any) -> object:
    """A factory whose object lacks sync(): refused with a clear message."""
    return object()
