"""Two-way sync (issue #16): N customers imported in data-sync mode, then every contact edited once —
half in HubSpot, half in Shopify — and the connector's passes run until they settle. Reported: the
records the connector wrote on each side per real change (target exactly 1), and the records it wrote
during a quiet period afterwards (target 0: no echo, no ping-pong).

Both mocks run in this process on one simulated clock (``MockPair``), rate limiting off; the connector
too (its waits advance the clock). Records written are counted by a WSGI middleware from the request
bodies: HubSpot ``inputs`` of batch create/update/upsert (1 for a single-record write), Shopify
GraphQL mutations (1 each) and REST writes (1 each). Reads are not counted.
"""

from __future__ import annotations

import io
import json
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

from connector.clients.hubspot import HubSpotClient
from connector.config import ConnectorConfig, StoreConfig
from connector.sync import Connector
from mocks.core.clock import Clock
from mocks.core.context import ADMIN_PREFIX
from mocks.harness import MockPair
from mocks.shopify import DEFAULT_SECRET, DEFAULT_SHOP, DEFAULT_TOKEN

HUBSPOT_TOKEN = "pat-na1-harness-default"
READS = ("/search", "/batch/read")


def records_in(method: str, path: str, body: bytes) -> int:
    """How many records one request writes (0 for a read)."""
    if method in ("GET", "HEAD", "OPTIONS") or path.startswith(ADMIN_PREFIX) or path.endswith(READS):
        return 0
    if path.endswith("graphql.json"):
        return 1 if b"mutation" in body[:200] else 0
    if "/batch/" in path:
        try:
            return len(json.loads(body or b"{}").get("inputs") or [])
        except ValueError:
            return 0
    return 1


class WriteCounter:
    """WSGI middleware counting the records written per endpoint kind; ``reset`` starts a new count."""

    def __init__(self, app: Callable) -> None:
        self.app = app
        self.records: Counter[str] = Counter()
        self._lock = threading.Lock()

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length) if length else b""
        environ["wsgi.input"] = io.BytesIO(body)
        method, path = environ.get("REQUEST_METHOD", "GET"), environ.get("PATH_INFO", "")
        n = records_in(method, path, body)
        if n:
            with self._lock:
                self.records[path.rsplit("/", 2)[-2] + "/" + path.rsplit("/", 1)[-1]] += n
        return self.app(environ, start_response)

    def total(self) -> int:
        return sum(self.records.values())

    def reset(self) -> dict[str, int]:
        with self._lock:
            out, self.records = dict(self.records), Counter()
        return out


def _wrap(app: object) -> WriteCounter:
    counter = WriteCounter(app.wsgi_app)  # type: ignore[attr-defined]
    app.wsgi_app = counter  # type: ignore[attr-defined]
    return counter


def _settle(connector: Connector, clock: Clock, passes: int) -> None:
    for _ in range(passes):
        clock.advance(600)
        summary = connector.sync()
        if summary.errors:
            raise RuntimeError(f"sync errors: {summary.text()[:300]}")


def bench_twoway(customers: int = 10_000) -> dict:
    clock = Clock.simulated("2026-12-01T10:00:00Z")
    with MockPair.start(clock, rate_limit=False) as pair, tempfile.TemporaryDirectory(prefix="bench-2way-") as tmp:
        shopify_app, hubspot_app = pair.apps
        shop_writes, hub_writes = _wrap(shopify_app), _wrap(hubspot_app)
        store = shopify_app.extensions["store"]  # type: ignore[attr-defined]
        shop = store.shop(DEFAULT_SHOP)
        with store.lock:
            ids = [shop.create_customer({"email": f"two{n:06d}@bench.example", "first_name": f"F{n}",
                                         "last_name": "Bench"}, emit=False).id for n in range(customers)]
        config = ConnectorConfig(hubspot_url=pair.hubspot_url, hubspot_token=HUBSPOT_TOKEN, mode="data-sync",
                                 stores=[StoreConfig(DEFAULT_SHOP, pair.shopify_url, DEFAULT_TOKEN, DEFAULT_SECRET)],
                                 state_path=str(Path(tmp) / "state.db"))
        connector = Connector(config, clock=clock, sleep=clock.advance)
        start = time.perf_counter()
        connector.sync()
        import_s = time.perf_counter() - start
        clock.advance(600)
        # every record changed once: the even ones in HubSpot (batch update), the odd ones in Shopify
        hubspot = HubSpotClient(pair.hubspot_url, HUBSPOT_TOKEN, sleep=clock.advance)
        contacts = {r["properties"]["email"]: r["id"] for r in hubspot.list_all("contacts", properties=["email"])}
        hub_edits = [{"id": contacts[f"two{n:06d}@bench.example"], "properties": {"firstname": f"H{n}"}}
                     for n in range(0, customers, 2)]
        hubspot.batch("contacts", "update", hub_edits)
        with store.lock:
            for n in range(1, customers, 2):
                shop.update_customer(ids[n], {"first_name": f"S{n}"})
        changes = customers
        shop_writes.reset(), hub_writes.reset()
        start = time.perf_counter()
        _settle(connector, clock, 3)
        sync_s = time.perf_counter() - start
        to_shopify, to_hubspot = shop_writes.reset(), hub_writes.reset()
        _settle(connector, clock, 3)
        quiet_shopify, quiet_hubspot = shop_writes.reset(), hub_writes.reset()
        check = {c.email: c.first_name for c in shop.customers.values()}
        hub_names = {r["properties"]["email"]: r["properties"]["firstname"]
                     for r in hubspot.list_all("contacts", properties=["email", "firstname"])}
        connector.close()
    wrong = sum(1 for n in range(customers) if check.get(f"two{n:06d}@bench.example") != (f"H{n}" if n % 2 == 0 else f"S{n}")
                or hub_names.get(f"two{n:06d}@bench.example") != check.get(f"two{n:06d}@bench.example"))
    written = sum(to_shopify.values()) + sum(to_hubspot.values())
    return {"customers": customers, "changes": changes, "import_s": round(import_s, 2), "settle_s": round(sync_s, 2),
            "records_written": written, "writes_per_change": round(written / changes, 4),
            "to_shopify": to_shopify, "to_hubspot": to_hubspot,
            "quiet_writes": sum(quiet_shopify.values()) + sum(quiet_hubspot.values()),
            "quiet_detail": {"shopify": quiet_shopify, "hubspot": quiet_hubspot}, "mismatched_records": wrong}


def twoway_block(section: dict) -> str:
    """The printed block of this section."""
    from bench.table import render
    title = "Two-way sync (data-sync): every contact edited once, half in HubSpot, half in Shopify"
    if "error" in section:
        return f"### {title}\n\nnot measured: {section['error']}"
    headers = ["customers", "changes", "import s", "settle s", "records written", "writes/change",
               "to Shopify", "to HubSpot", "quiet-period writes", "mismatched"]
    rows = [[section["customers"], section["changes"], section["import_s"], section["settle_s"],
             section["records_written"], section["writes_per_change"], sum(section["to_shopify"].values()),
             sum(section["to_hubspot"].values()), section["quiet_writes"], section["mismatched_records"]]]
    notes = ["Target: writes/change exactly 1 (each real change written once, to the other side; no echo),"
             " quiet-period writes 0 (three more passes with nothing changed). Records counted from request"
             " bodies (batch inputs, GraphQL mutations); settle = the three passes after the edits."]
    return render(title, headers, rows, notes)
