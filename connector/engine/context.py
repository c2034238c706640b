"""What every sync step needs for one store."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from connector.clients.hubspot import HubSpotClient
from connector.clock import ClockLike, format_iso
from connector.config import ConnectorConfig, StoreConfig
from connector.shopify_gql.shapes import REST_ONLY_PROPERTIES
from connector.shopify_source import ShopifySource
from connector.state import State
from connector.summary import StoreSummary
from connector.timers import TimerRules

log = logging.getLogger("connector")


@dataclass
class Schema:
    """What setup found or made in HubSpot: pipeline ids and logical stage -> real stage id."""

    deal_pipeline: str = ""
    deal_stages: dict[str, str] = field(default_factory=dict)
    order_pipeline: str = ""
    order_stages: dict[str, str | None] = field(default_factory=dict)
    source_writable: bool = True  # C6/C7: the portal accepts hs_analytics_source* from the API

    def to_dict(self) -> dict:
        return {"deal_pipeline": self.deal_pipeline, "deal_stages": self.deal_stages,
                "order_pipeline": self.order_pipeline, "order_stages": self.order_stages,
                "source_writable": self.source_writable}

    @classmethod
    def from_dict(cls, data: dict) -> Schema:
        return cls(**data)

    def deal_stage(self, logical: str) -> str:
        return self.deal_stages.get(logical, logical)


@dataclass
class StoreContext:
    """One store's clients plus the shared state, config, clock and summary."""

    store: StoreConfig
    config: ConnectorConfig
    shopify: ShopifySource
    hubspot: HubSpotClient
    state: State
    clock: ClockLike
    schema: Schema
    summary: StoreSummary
    initial: bool = False  # inside the initial import (C6 sources)
    deferred: Any = None  # per-parent writes waiting for a full batch (engine/lines.py Deferred)
    # (object type, unique key) of every record the portal's rules refused in this run (engine/pending.py)
    refusals: list = field(default_factory=list)
    tried: set = field(default_factory=set)  # (resource, ident) applied in this run: not retried again
    kept: set = field(default_factory=set)  # (resource, ident) kept pending in this run (counted once)
    twoway: Any = None  # data-sync's two-way state (connector/reverse/twoway.py TwoWay), None otherwise
    importer: Any = None  # the initial import's bulk source (shopify_gql/importer.py BulkImport), if on
    create_first: bool = True  # initial import: new contacts created without a read until one exists (contacts.py)

    @property
    def store_id(self) -> str:
        return self.store.store_id

    @property
    def mode(self) -> str:
        return self.config.mode

    def now_iso(self) -> str:
        return format_iso(self.clock.now())

    @property
    def timer_rules(self) -> TimerRules:
        return TimerRules(timedelta(hours=self.config.abandon_after_hours),
                          timedelta(hours=self.config.clear_after_hours))

    def enabled(self, obj: str) -> bool:
        return self.store.enabled(obj)

    def api_properties(self, props: dict[str, str], keep: tuple[str, ...] = ()) -> dict[str, str]:
        """``props`` without the REST-only ones when the store is read through GraphQL (shapes.py)."""
        if self.store.shopify_api != "graphql":
            return props
        return {k: v for k, v in props.items() if k not in REST_ONLY_PROPERTIES or k in keep}
