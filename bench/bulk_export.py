"""GraphQL bulk export: time and peak memory of a ``bulkOperationRunQuery`` over N customers.

The mock runs in-process on a simulated clock; the customers are created through store methods (not
timed). Timed: the export (the operation runs when the clock has moved: query execution in chunks,
JSONL written to a temporary file) and the download of the file through the mock's route (streamed).
Peak memory is measured with ``tracemalloc`` in a second, separate run of both (tracing slows Python
down, so the timings come from the untraced run).
"""

from __future__ import annotations

import time
import tracemalloc

from mocks.core.clock import Clock
from mocks.shopify import DEFAULT_TOKEN, ShopifyConfig, create_app

QUERY = "{ customers { edges { node { id email firstName lastName createdAt updatedAt } } } }"
PATH = "/admin/api/2026-10/graphql.json"


def _export(app: object, clock: Clock) -> tuple[dict, int]:
    client = app.test_client()  # type: ignore[attr-defined]
    headers = {"X-Shopify-Access-Token": DEFAULT_TOKEN}
    run = ("mutation($q: String!) { bulkOperationRunQuery(query: $q) { bulkOperation { id } "
           "userErrors { message } } }")
    started = client.post(PATH, json={"query": run, "variables": {"q": QUERY}}, headers=headers).get_json()
    op_id = started["data"]["bulkOperationRunQuery"]["bulkOperation"]["id"]
    clock.advance(1)
    status = ("query($id: ID!) { bulkOperation(id: $id) { status objectCount fileSize url } }")
    op = client.post(PATH, json={"query": status, "variables": {"id": op_id}}, headers=headers).get_json()
    op = op["data"]["bulkOperation"]
    path = "/" + op["url"].split("://", 1)[1].split("/", 1)[1]
    downloaded = 0
    with client.get(path, buffered=False) as response:
        for chunk in response.response:
            downloaded += len(chunk)
    return op, downloaded


def _app(customers: int) -> tuple[object, Clock]:
    clock = Clock.simulated("2026-12-01T10:00:00Z")
    app = create_app(ShopifyConfig(clock=clock, rate_limit=False, auto_deliver=False))
    shop = app.extensions["store"].shop("harness-shop")
    for n in range(customers):
        shop.create_customer({"email": f"bulk{n}@bench.example", "first_name": f"B{n}", "last_name": "Bench"},
                             emit=False)
    return app, clock


def bench_bulk_export(customers: int = 100_000) -> dict:
    app, clock = _app(customers)
    start = time.perf_counter()
    op, downloaded = _export(app, clock)
    seconds = time.perf_counter() - start
    tracemalloc.start()
    try:
        _export(app, clock)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return {"customers": customers, "status": op["status"], "object_count": int(op["objectCount"]),
            "file_bytes": int(op["fileSize"]), "downloaded_bytes": downloaded, "export_and_download_s": seconds,
            "objects_per_s": round(customers / seconds) if seconds else None, "peak_traced_mib": peak / 2**20}
