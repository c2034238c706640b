"""Mock throughput: requests/s and p50/p99 per endpoint, beside a bare Flask route on the same server.

Each mock runs in a child process (see :mod:`bench.mockproc`) with rate limiting off, seeded through
its public API. Every endpoint is measured in rounds that alternate with the bare route on the same
server (the ceiling), and the ratio reported is the median of the per-round requests/s ratios
(target >= 0.7), so a machine shared with other work skews both sides alike. Endpoints answering a
large body are also paired with the bare route answering a static body of the same size. Each load
run is bounded by a request count and a duration.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass

import requests

from bench.loadgen import Call, CallFactory, LoadResult, run_load
from bench.mockproc import (
    BARE_PATH,
    HUBSPOT_TOKEN,
    SHOPIFY_API,
    SHOPIFY_GRAPHQL,
    SHOPIFY_TOKEN,
    mock_in_child,
)
from bench.stats import median

SEED_SHOPIFY_CUSTOMERS = 300
SEED_HUBSPOT_CONTACTS = 1000
UPSERT_POOL = 1000      # batch/upsert cycles through this many emails: creates first, then updates
TARGET_RATIO = 0.7
LARGE_BODY = 16 * 1024  # endpoints answering at least this much also get a same-size bare ceiling
LARGE_REQUEST = 4 * 1024  # requests sending at least this much too (the ceiling receives the same body)


@dataclass(frozen=True)
class LoadSettings:
    """Per endpoint: ``rounds`` paired rounds sharing ``max_requests`` and ``max_seconds``."""

    threads: int = 4
    max_requests: int = 3000
    max_seconds: float = 6.0
    rounds: int = 3


def _shopify_headers() -> dict[str, str]:
    return {"X-Shopify-Access-Token": SHOPIFY_TOKEN, "Content-Type": "application/json"}


def _hubspot_headers() -> dict[str, str]:
    return {"Authorization": f"Bearer {HUBSPOT_TOKEN}", "Content-Type": "application/json"}


def seed_shopify(url: str, count: int) -> list[int]:
    """Create ``count`` customers through the REST API; return their ids."""
    ids = []
    with requests.Session() as session:
        for i in range(count):
            body = {"customer": {"first_name": f"Seed{i}", "last_name": "Bench", "email": f"seed{i}@bench.example"}}
            response = session.post(f"{url}{SHOPIFY_API}/customers.json", json=body, headers=_shopify_headers(),
                                    timeout=30)
            response.raise_for_status()
            ids.append(response.json()["customer"]["id"])
    return ids


def seed_hubspot(url: str, count: int) -> list[str]:
    """Create ``count`` contacts with batch/create; return their ids."""
    ids: list[str] = []
    with requests.Session() as session:
        for start in range(0, count, 100):
            inputs = [{"properties": {"email": f"seed{i}@bench.example", "firstname": f"Seed{i}"}}
                      for i in range(start, min(start + 100, count))]
            response = session.post(f"{url}/crm/v3/objects/contacts/batch/create", json={"inputs": inputs},
                                    headers=_hubspot_headers(), timeout=30)
            response.raise_for_status()
            ids += [r["id"] for r in response.json()["results"]]
    return ids


def _shopify_cases(url: str, ids: list[int]) -> dict[str, CallFactory]:
    headers = _shopify_headers()
    base = f"{url}{SHOPIFY_API}"

    def get_one(t: int, i: int) -> Call:
        return Call("GET", f"{base}/customers/{ids[(t * 7919 + i) % len(ids)]}.json", headers)

    def list_page(t: int, i: int) -> Call:
        return Call("GET", f"{base}/customers.json?limit=250", headers)

    serial = itertools.count()   # unique emails across rounds (next() on a count is atomic in CPython)

    def create(t: int, i: int) -> Call:
        email = f"load-{next(serial)}@bench.example"
        return Call("POST", f"{base}/customers.json", headers,
                    {"customer": {"first_name": "Load", "last_name": f"T{t}", "email": email}}, ok=(201,))

    return {"Shopify GET customers/{id}.json": get_one, "Shopify GET customers.json?limit=250": list_page,
            "Shopify POST customers.json": create, **_shopify_graphql_cases(url)}


GRAPHQL_PAGE = ("{ customers(first: 250) { pageInfo { hasNextPage endCursor } nodes { id legacyResourceId "
                "firstName lastName email defaultEmailAddress { emailAddress marketingState } tags note "
                "numberOfOrders createdAt updatedAt } } }")
BATCH = 100
# One document, 100 aliased customerSet upserts by email (cost 10 each: the single-query cap of 1000);
# the text never changes, so the mock parses and validates it once.
GRAPHQL_BATCH = "mutation(" + ", ".join(f"$in{k}: CustomerSetInput!, $id{k}: CustomerSetIdentifiers"
                                        for k in range(BATCH)) + ") { " + " ".join(
    f"m{k}: customerSet(input: $in{k}, identifier: $id{k}) {{ customer {{ id }} userErrors {{ field message }} }}"
    for k in range(BATCH)) + " }"


def _shopify_graphql_cases(url: str) -> dict[str, CallFactory]:
    headers = _shopify_headers()
    endpoint = f"{url}{SHOPIFY_GRAPHQL}"

    def page(t: int, i: int) -> Call:
        return Call("POST", endpoint, headers, {"query": GRAPHQL_PAGE})

    def batch(t: int, i: int) -> Call:
        first = ((t * 31 + i) * BATCH) % UPSERT_POOL
        variables: dict[str, object] = {}
        for k in range(BATCH):
            email = f"gqlupsert{(first + k) % UPSERT_POOL}@bench.example"
            variables[f"in{k}"] = {"firstName": f"U{t}-{i}"}
            variables[f"id{k}"] = {"email": email}
        return Call("POST", endpoint, headers, {"query": GRAPHQL_BATCH, "variables": variables})

    return {"Shopify GraphQL customers(first: 250)": page,
            f"Shopify GraphQL {BATCH} x customerSet (one request)": batch}


def _upsert_bodies(count: int = 40) -> list[bytes]:
    """Batch/upsert bodies encoded once, so the load generator's own JSON encoding (10 KiB a request) does
    not weigh on the measurement: body ``j`` upserts 100 emails from ``(j * 100) % UPSERT_POOL`` on, with a
    first name that differs from the last body sent for the same emails (every upsert writes a change)."""
    bodies = []
    for j in range(count):
        first = (j * 100) % UPSERT_POOL
        inputs = [{"id": f"upsert{(first + k) % UPSERT_POOL}@bench.example", "idProperty": "email",
                   "properties": {"firstname": f"U{j}"}} for k in range(100)]
        bodies.append(json.dumps({"inputs": inputs}).encode())
    return bodies


def _hubspot_cases(url: str, ids: list[str]) -> dict[str, CallFactory]:
    headers = _hubspot_headers()
    base = f"{url}/crm/v3/objects/contacts"

    def get_one(t: int, i: int) -> Call:
        return Call("GET", f"{base}/{ids[(t * 7919 + i) % len(ids)]}", headers)

    bodies = _upsert_bodies()

    def upsert(t: int, i: int) -> Call:
        return Call("POST", f"{base}/batch/upsert", headers, ok=(200,), data=bodies[(t * 31 + i) % len(bodies)])

    def search(t: int, i: int) -> Call:
        email = f"seed{(t * 7919 + i) % len(ids)}@bench.example"
        body = {"filterGroups": [{"filters": [{"propertyName": "email", "operator": "EQ", "value": email}]}],
                "properties": ["email", "firstname"], "limit": 10}
        return Call("POST", f"{base}/search", headers, body, ok=(200,))

    dated = f"{url}/crm/objects/2026-09/contacts"  # the same store behind HubSpot's date-versioned paths

    def get_one_dated(t: int, i: int) -> Call:
        return Call("GET", f"{dated}/{ids[(t * 7919 + i) % len(ids)]}", headers)

    def upsert_dated(t: int, i: int) -> Call:
        return Call("POST", f"{dated}/batch/upsert", headers, ok=(200,), data=bodies[(t * 31 + i) % len(bodies)])

    return {"HubSpot GET objects/contacts/{id}": get_one, "HubSpot POST batch/upsert (100)": upsert,
            "HubSpot POST search": search, "HubSpot GET 2026-09 contacts/{id}": get_one_dated,
            "HubSpot POST 2026-09 batch/upsert (100)": upsert_dated}


def _merge(name: str, results: list[LoadResult]) -> dict:
    """One row from several rounds: summed counts, median requests/s, pooled latencies."""
    merged = LoadResult(sum(r.completed for r in results), sum(r.errors for r in results),
                        sum(r.elapsed_s for r in results), [lat for r in results for lat in r.latencies_s],
                        next((r.first_error for r in results if r.first_error), None))
    row = {"endpoint": name, **merged.to_dict()}
    row["rps"] = round(median([r.rps for r in results]), 1)
    row["rounds"] = len(results)
    return row


def _paired(factory: CallFactory, ceiling: CallFactory, settings: LoadSettings) -> tuple[list, list, float]:
    """Alternate rounds of the ceiling and the endpoint (order swapped each round, so drift in the
    machine's load cancels); returns both rounds' results and the median per-round ratio."""
    per_round = LoadSettings(settings.threads, max(settings.max_requests // settings.rounds, settings.threads),
                             settings.max_seconds / settings.rounds, 1)
    mine: list[LoadResult] = []
    theirs: list[LoadResult] = []
    for k in range(settings.rounds):
        order = ((ceiling, theirs), (factory, mine)) if k % 2 == 0 else ((factory, mine), (ceiling, theirs))
        for call_factory, into in order:
            into.append(run_load(call_factory, threads=per_round.threads, max_requests=per_round.max_requests,
                                 max_seconds=per_round.max_seconds))
    ratios = [m.rps / t.rps for m, t in zip(mine, theirs, strict=True) if t.rps]
    return mine, theirs, median(ratios)


def _body_size(factory: CallFactory) -> int:
    """Bytes in one response of this endpoint (a sample call, outside the measurement)."""
    call = factory(99, 0)
    response = requests.request(call.method, call.url, headers=call.headers, json=call.json, data=call.data,
                                timeout=30)
    return len(response.content)


def _request_size(factory: CallFactory) -> int:
    """Bytes in one request body of this endpoint."""
    call = factory(99, 0)
    if call.data is not None:
        return len(call.data)
    return len(json.dumps(call.json).encode()) if call.json is not None else 0


def _bench_one(kind: str, settings: LoadSettings) -> list[dict]:
    """Each endpoint against the bare route, paired; large bodies also against a same-size bare body."""
    label = {"shopify": "Shopify", "hubspot": "HubSpot"}[kind]
    with mock_in_child(kind) as url:
        if kind == "shopify":
            cases = _shopify_cases(url, seed_shopify(url, SEED_SHOPIFY_CUSTOMERS))
        else:
            cases = _hubspot_cases(url, seed_hubspot(url, SEED_HUBSPOT_CONTACTS))
        bare_factory: CallFactory = lambda t, i: Call("GET", f"{url}{BARE_PATH}")  # noqa: E731
        bare_rounds: list[LoadResult] = []
        rows = []
        for name, factory in cases.items():
            size = _body_size(factory)
            mine, theirs, ratio = _paired(factory, bare_factory, settings)
            bare_rounds += theirs
            row = {**_merge(name, mine), "body_bytes": size, "ratio": ratio}
            rows.append(row)
            if size >= LARGE_BODY or _request_size(factory) >= LARGE_REQUEST:
                def sized_factory(t: int, i: int, n: int = size, f: CallFactory = factory) -> Call:
                    sample = f(t, i)  # the same request body (if any) to a bare route answering n bytes
                    return Call(sample.method, f"{url}{BARE_PATH}?bytes={n}", sample.headers, sample.json,
                                data=sample.data)
                mine, sized, row["ratio_same_body"] = _paired(factory, sized_factory, settings)
                rows.append({**_merge(f"{label} server: bare route, {size // 1024} KiB static body", sized),
                             "body_bytes": size, "ratio": None})
        bare = {**_merge(f"{label} server: bare Flask route (ceiling)", bare_rounds), "ratio": 1.0}
        return [bare, *rows]


def bench_throughput(settings: LoadSettings) -> dict:
    """Both mocks, every endpoint, each beside its own server's bare route."""
    rows = _bench_one("shopify", settings) + _bench_one("hubspot", settings)
    return {"settings": settings.__dict__, "target_ratio": TARGET_RATIO,
            "seed": {"shopify_customers": SEED_SHOPIFY_CUSTOMERS, "hubspot_contacts": SEED_HUBSPOT_CONTACTS},
            "rows": rows}
