"""The Connector: setup, initial import, incremental passes, timers, webhooks (ARCHITECTURE.md)."""

from __future__ import annotations

import json
import logging
import random
import sqlite3
import threading
import time
from collections.abc import Callable, Mapping
from typing import Any

from flask import Flask

from connector import identity
from connector import setup as setup_steps
from connector.clients.auth import OAuthToken
from connector.clients.hubspot import HubSpotClient
from connector.clients.hubspot_journal import HubSpotJournal
from connector.clock import ClockLike, SystemClock, format_iso
from connector.config import OBJECTS, ConnectorConfig, StoreConfig, require_receiver_secrets
from connector.credentials import hubspot_source, journal_source, shopify_source
from connector.engine import checkout_ids, commerce, ordering
from connector.engine.contacts import SHARED
from connector.engine.context import Schema, StoreContext
from connector.engine.due_timers import apply_due_timers
from connector.engine.journal import read_deletions
from connector.engine.passes import batches, incremental_pass, initial_import
from connector.errors import ApiError, ConfigError, ConnectorCrashed
from connector.events import SWITCH as SHOPIFY_RESOURCES
from connector.events import apply_hubspot, apply_shopify
from connector.payloads import hubspot_problem, shopify_problem
from connector.reverse import apply as reverse
from connector.reverse.detect import changed_objects
from connector.reverse.setup import ensure_mapped_properties
from connector.reverse.twoway import TwoWay
from connector.shopify_gql.importer import BulkImport
from connector.shopify_gql.source import GraphQLSource
from connector.shopify_source import ShopifySource, make_source
from connector.state import State
from connector.summary import SyncSummary
from connector.webhooks import receiver_app, verify_hubspot, verify_shopify

log = logging.getLogger("connector")
KINDS = {"contacts": "contact", "deals": "deal", "products": "product", "line_items": "line_item",
         "orders": "order", "carts": "cart"}


class Connector:
    """Shopify -> HubSpot sync engine. ``clock``: anything with ``.now()``; ``sleep``: how it waits."""

    def __init__(self, config: ConnectorConfig, clock: ClockLike | None = None,
                 sleep: Callable[[float], None] | None = None, *, seed: int = 0) -> None:
        self.config = config
        self.clock = clock or SystemClock()
        self.sleep = sleep or time.sleep
        self.state = State(config.state_path)
        # One token source per service account, shared by its clients (a static token or OAuth)
        self.hubspot_auth = hubspot_source(config, self.clock, self.state, self.sleep)
        self.shopify_auth = {s.store_id: shopify_source(s, self.clock, self.state, self.sleep, config.timeout)
                             for s in config.stores}
        self.hubspot = HubSpotClient(config.hubspot_url, config.hubspot_token, sleep=self.sleep,
                                     timeout=config.timeout, rng=random.Random(seed), auth=self.hubspot_auth,
                                     api_version=config.hubspot_api_version)
        self.hubspot.after_write = self._after_write
        # the Webhooks Journal's own client-credentials token (its scopes), renewed like the others
        self.journal_auth = (journal_source(config, self.clock, self.state, self.sleep)
                             if config.hubspot_client_id else None)
        self.journal = HubSpotJournal(config.hubspot_url, self.journal_auth, sleep=self.sleep, timeout=config.timeout,
                                      rng=random.Random(seed)) if self.journal_auth is not None else None
        self.shopify: dict[str, ShopifySource] = {
            s.store_id: make_source(s.shopify_api, s.shopify_url, s.shopify_token, s.api_version, sleep=self.sleep,
                                    timeout=config.timeout, rng=random.Random(seed + i + 1),
                                    auth=self.shopify_auth[s.store_id])
            for i, s in enumerate(config.stores)}
        # the initial import through bulk operations (docs/connector-bulk-import.md): GraphQL stores only,
        # over the store's own source (one client, one token, one cost bucket)
        self.bulk = {sid: BulkImport(source, self.state, sid, self.sleep) for sid, source in self.shopify.items()
                     if config.bulk_import and isinstance(source, GraphQLSource)}
        self._lock = threading.RLock()
        self._crash_at: int | None = None
        self._schema: Schema | None = None
        self._verified = False
        self.events_summary = SyncSummary(config.mode)
        # data-sync: the HubSpot -> Shopify half
        self.twoway = TwoWay(config, self.state, self.sleep, seed, auth=self.shopify_auth)

    # --- crash simulation
    def arm_crash(self, after_hubspot_writes: int) -> None:
        """Raise ConnectorCrashed right after the Nth next successful HubSpot write (before state)."""
        self._crash_at = self.hubspot.writes + after_hubspot_writes

    def arm_shopify_crash(self, after_shopify_writes: int) -> None:
        """Raise ConnectorCrashed right after the Nth next Shopify write of the two-way sync (before state)."""
        self.twoway.arm_crash(after_shopify_writes)

    def _after_write(self, method: str, path: str) -> None:
        if self._crash_at is not None and self.hubspot.writes >= self._crash_at:
            self._crash_at = None
            raise ConnectorCrashed(f"crashed after HubSpot write #{self.hubspot.writes}: {method} {path}")

    # --- whose state file (identity.py)
    def verify_identity(self) -> None:
        """Refuse a state file made for another mode, shop or portal (StateFileError); once per run."""
        with self._lock:
            if not self._verified:
                identity.verify(self.state, self.config.mode, self.hubspot, self.shopify)
                self._verified = True

    # --- setup (S1, S3)
    def setup(self) -> Schema:
        """Pipelines, properties, tracking code and webhook subscriptions; idempotent."""
        with self._lock:
            self.verify_identity()
            schema = setup_steps.ensure_schema(self.hubspot, self.config.mode, self.config.order_stage_map)
            if self.twoway.active:
                ensure_mapped_properties(self.hubspot, self.twoway.mappings)  # O10
            for store in self.config.stores:
                shopify = self.shopify[store.store_id]
                setup_steps.install_tracking(shopify, self.config.tracking_src)
                if self.config.webhook_base_url:
                    setup_steps.ensure_webhooks(shopify, self._webhook_address(store))
            self.state.set_meta("schema", {"mode": self.config.mode, **schema.to_dict()})
            if self.state.get_meta("setup_at") is None:
                self.state.set_meta("setup_at", format_iso(self.clock.now()))
            self._schema = schema
            return schema

    def _webhook_address(self, store: StoreConfig) -> str:
        return f"{self.config.webhook_base_url.rstrip('/')}/webhooks/shopify/{store.store_id}"

    def _ensure_setup(self) -> Schema:
        if self._schema is not None:
            return self._schema
        saved = self.state.get_meta("schema")
        if saved and saved.get("mode") == self.config.mode:
            self._schema = Schema.from_dict({k: v for k, v in saved.items() if k != "mode"})
            return self._schema
        return self.setup()

    def disconnect(self, store_id: str) -> None:
        """S3: remove the tracking ScriptTag (and our webhook subscriptions) from a store."""
        with self._lock:
            store = self.config.store(store_id)
            shopify = self.shopify[store_id]
            setup_steps.remove_tracking(shopify, self.config.tracking_src)
            if self.config.webhook_base_url:
                setup_steps.remove_webhooks(shopify, self._webhook_address(store))
            self.state.set_meta(f"disconnected:{store_id}", format_iso(self.clock.now()))

    # --- passes
    def _context(self, store: StoreConfig, summary: SyncSummary) -> StoreContext:
        return StoreContext(store=store, config=self.config, shopify=self.shopify[store.store_id],
                            hubspot=self.hubspot, state=self.state, clock=self.clock,
                            schema=self._ensure_setup(), summary=summary.store(store.store_id),
                            twoway=self.twoway if self.twoway.active else None,
                            importer=self.bulk.get(store.store_id))

    def sync(self) -> SyncSummary:
        """Setup if needed, then the initial import or an incremental pass per store, then due timers."""
        with self._lock:
            self.verify_identity()
            summary = SyncSummary(self.config.mode)
            if self._schema is None and not self.state.get_meta("schema"):
                summary.actions.append("setup")
            contexts = {}
            for store in self.config.stores:
                ctx = self._context(store, summary)
                contexts[store.store_id] = ctx
                self._toggles(ctx)
                if self.state.get_meta(f"imported:{store.store_id}") is None:
                    summary.actions.append(f"initial import {store.store_id}")
                    if initial_import(ctx):
                        reverse.pull(ctx)  # O7: then what HubSpot has that Shopify lacks
                else:
                    summary.actions.append(f"incremental pass {store.store_id}")
                    reverse.pull(ctx)  # O7/O9: HubSpot's changes first, so Shopify's echo of them is quiet
                    incremental_pass(ctx)
            self._read_journal(summary)
            moved = apply_due_timers(contexts)
            if moved:
                summary.actions.append(f"timers moved {moved} deals")
            self._finish(summary)
            return summary

    def _read_journal(self, summary: SyncSummary) -> None:
        """C5: contact deletions from the Webhooks Journal (when a client id is configured)."""
        if self.journal is None:
            return
        try:
            result = read_deletions(self.journal, self.state, self.config.hubspot_portal_id,
                                    format_iso(self.clock.now()))
        except ApiError as exc:  # the offset did not move: the next pass reads the same entries
            summary.store(self.config.stores[0].store_id).error(f"webhooks journal: {exc}")
            log.error("[C5] reading the Webhooks Journal failed: %s", exc)
            return
        summary.actions.append(f"journal: {result.read} entries, {result.deletions} contact deletions"
                               + (" (offset expired: read from the earliest)" if result.restarted else ""))

    def tick(self) -> int:
        """Due timers only (D4, D6); returns how many deals moved."""
        with self._lock:
            if not self.state.get_meta("schema"):
                return 0
            self.verify_identity()
            summary = SyncSummary(self.config.mode)
            return apply_due_timers({s.store_id: self._context(s, summary) for s in self.config.stores})

    def _toggles(self, ctx: StoreContext) -> None:
        """S5 switches; O5: turning order/cart sync on again resends everything (duplicates reported)."""
        for obj in OBJECTS:
            key = f"enabled:{ctx.store_id}:{obj}"
            before, now = self.state.get_meta(key), ctx.enabled(obj)
            self.state.set_meta(key, now)  # first, so a crash never sends the duplicates twice
            if before is False and now:
                log.info("[S5] %s sync turned on again for %s", obj, ctx.store_id)
                if ctx.mode == "data-sync" and obj in ("orders", "carts") and self.config.reproduce_duplicates:
                    resource = "orders" if obj == "orders" else "checkouts"
                    for chunk in batches(ctx.shopify.iter_all(resource)):
                        commerce.resend_duplicates(ctx, obj, checkout_ids.canonical(ctx, resource, chunk))
            elif before and not now:
                log.info("[S5] %s sync turned off for %s", obj, ctx.store_id)

    def _finish(self, summary: SyncSummary) -> None:
        for store in self.config.stores:
            totals = {name: self.state.count(store.store_id, kind) for name, kind in KINDS.items()}
            if self.config.mode == "data-sync":
                totals.pop("deals")
            else:
                totals.pop("orders"), totals.pop("carts")
            summary.store(store.store_id).totals = totals
        summary.calls = {"hubspot": self.hubspot.calls,
                         "shopify": sum(c.calls for c in self.shopify.values())}
        if self.journal is not None:
            summary.calls["hubspot_journal"] = self.journal.calls + self.journal.files.stats.calls

    # --- webhooks
    def _shop_domain(self, store_id: str) -> str | None:
        """The myshopify domain recorded for a store (identity.py); learnt now if never recorded."""
        known = self.state.get_meta(f"shop:{store_id}")
        if not isinstance(known, dict):
            self.verify_identity()
            known = self.state.get_meta(f"shop:{store_id}")
        return known.get("domain") if isinstance(known, dict) else None

    def handle_shopify_webhook(self, store_id: str, headers: Mapping[str, str], raw_body: bytes) -> tuple[int, str]:
        """Check the shop (401 if the delivery names another shop), verify the HMAC (401), dedupe on the
        event id, check the payload's shape (400, nothing written), apply. Answers never echo input."""
        lower = {k.lower(): v for k, v in headers.items()}
        try:
            store = self.config.store(store_id)
        except ConfigError:
            return 404, "unknown store"
        shop = lower.get("x-shopify-shop-domain", "")
        try:
            expected = self._shop_domain(store_id)
        except (ApiError, ConfigError) as exc:  # Shopify unreachable, or a state file of another shop/portal
            log.error("[S6] webhook for %s: the shop could not be checked: %s", store_id, exc)
            return 503, "temporarily unable to process the webhook"
        if expected and shop.strip().lower() != expected.lower():
            log.warning("[S6] webhook for %s rejected: it names another shop", store_id)
            return 401, "webhook is for another shop"
        if not verify_shopify(store.webhook_secret, raw_body, lower.get("x-shopify-hmac-sha256")):
            log.warning("[S6] webhook for %s rejected: bad HMAC", store_id)
            return 401, "invalid hmac"
        source = f"shopify:{store_id}"
        topic = lower.get("x-shopify-topic", "")
        seen_keys = ordering.seen_keys(topic, lower)  # X-Shopify-Webhook-Id, topic + X-Shopify-Event-Id
        with self._lock:
            if ordering.is_duplicate(self.state, source, seen_keys):
                return 200, "duplicate"
            try:
                payload = json.loads(raw_body or b"{}")
            except (ValueError, RecursionError):
                return 400, "body is not JSON"
            problem = shopify_problem(topic, payload) if topic.partition("/")[0] in SHOPIFY_RESOURCES else None
            if problem:
                log.warning("[S6] webhook %s for %s refused: %s", topic, store_id, problem)
                return 400, f"malformed payload: {problem}"
            try:
                text = apply_shopify(self._context(store, self.events_summary), topic,
                                     payload if isinstance(payload, dict) else {},
                                     lower.get("x-shopify-triggered-at"))
            except ConnectorCrashed:
                raise
            except ApiError as exc:
                log.error("[S6] webhook %s for %s failed: %s", topic, store_id, exc)
                return 503, "temporarily unable to apply the webhook; it will be retried"
            except (TypeError, ValueError, AttributeError, KeyError, IndexError, sqlite3.InterfaceError,
                    sqlite3.ProgrammingError) as exc:
                # a shape payloads.py does not know: refused like a malformed payload, never a 500
                log.exception("[S6] webhook %s for %s could not be applied (%s)", topic, store_id,
                              type(exc).__name__)
                return 400, "malformed payload: it could not be applied"
            ordering.remember(self.state, source, seen_keys, format_iso(self.clock.now()))
            return 200, text

    def handle_hubspot_webhook(self, headers: Mapping[str, str], raw_body: bytes, url: str) -> tuple[int, str]:
        """Verify X-HubSpot-Signature-v3 (5 minutes old at most, a minute ahead at most, by the injected
        clock), check the events' shape (400, nothing applied), then apply deletions."""
        lower = {k.lower(): v for k, v in headers.items()}
        if not verify_hubspot(self.config.hubspot_client_secret, "POST", url, raw_body,
                              lower.get("x-hubspot-signature-v3"), lower.get("x-hubspot-request-timestamp"),
                              self.clock.now()):
            log.warning("[C5] HubSpot webhook rejected: bad or stale signature")
            return 401, "invalid signature"
        try:
            events = json.loads(raw_body or b"[]")
        except (ValueError, RecursionError):
            return 400, "body is not JSON"
        if isinstance(events, dict):
            events = [events]
        problem = hubspot_problem(events)
        if problem:
            log.warning("[C5] HubSpot webhook refused: %s", problem)
            return 400, f"malformed payload: {problem}"
        done = []
        with self._lock:
            for event in events:
                key = f"{event.get('eventId')}:{event.get('objectId')}:{event.get('subscriptionType')}"
                if self.state.seen("hubspot", key):
                    continue
                done.append(apply_hubspot(self.state, event, format_iso(self.clock.now())))
                self.state.mark_seen("hubspot", key, format_iso(self.clock.now()))
            changed = changed_objects(events) if self.twoway.active else {}
            try:  # O7: created/changed contacts, companies, products reach Shopify now
                done += [reverse.apply_events(self._context(s, self.events_summary), changed)
                         for s in self.config.stores if changed]
            except ApiError as exc:
                log.error("[O7] HubSpot changes could not be applied: %s", exc)
                return 503, "temporarily unable to apply the changes; they will be retried"
        return 200, "; ".join(done) or "nothing to do"

    def receiver_app(self) -> Flask:
        """The webhook receiver; ConfigError when a signing secret is missing (it fails closed)."""
        require_receiver_secrets(self.config)
        return receiver_app(self)

    # --- status
    def status(self) -> dict[str, Any]:
        """What the state file knows: setup, per-store import time, cursors, counts, open timers."""
        stores = {}
        for store in self.config.stores:
            sid = store.store_id
            stores[sid] = {
                "imported_at": self.state.get_meta(f"imported:{sid}"),
                "cursors": {r: self.state.cursor(sid, r) for r in ("products", "customers", "checkouts",
                                                                   "orders", "events")},
                "counts": {name: self.state.count(sid, kind) for name, kind in KINDS.items()},
                "tombstones": len(self.state.tombstones(sid)),
                "open_timers": sum(1 for t in self.state.open_timers() if t.store == sid),
            }
        return {"mode": self.config.mode, "setup_at": self.state.get_meta("setup_at"),
                "contacts_shared": self.state.count(SHARED, "email"), "stores": stores}

    def close(self) -> None:
        self.state.close()
        self.hubspot.http.session.close()
        if self.journal is not None:
            self.journal.http.session.close()
            self.journal.files.session.close()
        for client in self.shopify.values():
            client.http.session.close()
        for source in (self.hubspot_auth, self.journal_auth, *self.shopify_auth.values()):
            if isinstance(source, OAuthToken):
                source.close()
        for importer in self.bulk.values():
            importer.close()
