"""What both directions share in data-sync mode: the mappings and policies, the field memory, and a
GraphQL client per store. One per Connector (no module state)."""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping

from connector.clients.http import TokenSource
from connector.clients.shopify_graphql import ShopifyGraphQL
from connector.config import ConnectorConfig
from connector.errors import ConnectorCrashed
from connector.reverse.mapping import Mappings, build
from connector.reverse.memory import FieldMemory
from connector.state import State

MODIFIED = {"contacts": "lastmodifieddate", "products": "hs_lastmodifieddate", "companies": "hs_lastmodifieddate"}


class TwoWay:
    """The two-way sync's configuration and memory for one connector."""

    def __init__(self, config: ConnectorConfig, state: State, sleep: Callable[[float], None], seed: int = 0,
                 auth: Mapping[str, TokenSource] | None = None) -> None:
        self.config = config
        self._auth = dict(auth or {})  # the store's token source, shared with its reads (connector-auth.md)
        self.mappings: Mappings = build(config.field_mappings, config.conflict_policy)
        self.memory = FieldMemory(state)
        self._sleep = sleep
        self._seed = seed
        self._gql: dict[str, ShopifyGraphQL] = {}
        self.shopify_writes = 0
        self._crash_at: int | None = None

    def arm_crash(self, after_shopify_writes: int) -> None:
        """Raise ConnectorCrashed right after the Nth next Shopify write (before the state records it)."""
        self._crash_at = self.shopify_writes + after_shopify_writes

    def wrote(self) -> None:
        """Count one Shopify write (and crash here if armed)."""
        self.shopify_writes += 1
        if self._crash_at is not None and self.shopify_writes >= self._crash_at:
            self._crash_at = None
            raise ConnectorCrashed(f"crashed after Shopify write #{self.shopify_writes}")

    @property
    def active(self) -> bool:
        return self.config.mode == "data-sync"

    def graphql(self, store_id: str) -> ShopifyGraphQL:
        """The store's GraphQL Admin client (made on first use)."""
        if store_id not in self._gql:
            store = self.config.store(store_id)
            self._gql[store_id] = ShopifyGraphQL(store.shopify_url, store.shopify_token, sleep=self._sleep,
                                                 api_version=store.api_version, timeout=self.config.timeout,
                                                 auth=self._auth.get(store_id),
                                                 rng=random.Random(self._seed + 101 + len(self._gql)))
        return self._gql[store_id]
