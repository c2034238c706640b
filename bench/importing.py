"""Connector import: a seeded Shopify store imported by ``python -m connector sync`` into an empty portal.

Per size N: both mocks are built in this process (rate limiting off, real clock) and wrapped in a
call-counting WSGI middleware (:mod:`bench.counting`), the Shopify mock is seeded in-process
(:mod:`bench.seeding`), and the connector runs as a child process so its peak RSS is its own. The
minimum HubSpot calls are computed from what HubSpot holds afterwards (see ``docs/bench.md``).
"""

from __future__ import annotations

import math
import sys
import tempfile
from pathlib import Path

from bench.child import run_child
from bench.counting import count_calls, is_search
from bench.mockproc import HUBSPOT_TOKEN, SHOPIFY_TOKEN, bench_pair, build_app
from bench.seeding import seed_shop
from bench.stats import (
    efficiency_ratio,
    median,
    min_batch_calls,
    per_record,
    real_limit_seconds,
)

TARGET_RATIO = 1.05        # issue #13: at most 1.05x the minimum HubSpot calls
REPEAT_UP_TO = 1_000       # sizes above this run once (a 10k import takes minutes)


def hubspot_holdings(app: object) -> dict[str, dict[str, int]]:
    """Records per object type and associations per pair of types (each pair counted once)."""
    state = app.extensions["mock"].state()  # type: ignore[attr-defined]
    objects = {name: len(kind["records"]) for name, kind in state["objects"].items() if kind["records"]}
    pairs: dict[str, int] = {}
    for link in state["associations"]:
        if link["fromType"] < link["toType"]:
            key = f"{link['fromType']}<->{link['toType']}"
            pairs[key] = pairs.get(key, 0) + 1
    return {"objects": objects, "associations": pairs}


def _schema(app: object, object_types: list[str]) -> dict[str, set[str]]:
    """Names of the property groups, custom properties and pipelines of each object type, read through
    the mock's own API (``"groups:contacts"`` -> names)."""
    client = app.test_client()  # type: ignore[attr-defined]
    headers = {"Authorization": f"Bearer {HUBSPOT_TOKEN}"}
    out: dict[str, set[str]] = {}
    for object_type in object_types:
        for kind, path, key in (("groups", f"/crm/v3/properties/{object_type}/groups", "name"),
                                ("properties", f"/crm/v3/properties/{object_type}", "name"),
                                ("pipelines", f"/crm/v3/pipelines/{object_type}", "id")):
            answer = client.get(path, headers=headers)
            rows = answer.get_json().get("results", []) if answer.status_code == 200 else []
            # properties HubSpot makes itself (e.g. a new pipeline's date-entered-stage ones) are no calls
            out[f"{kind}:{object_type}"] = {str(row.get(key)) for row in rows if not row.get("hubspotDefined")}
    return out


def schema_added(app: object, object_types: list[str]) -> dict[str, int]:
    """What the import added to the portal's schema, against a fresh (empty) portal of the same mock:
    ``"groups:deals" -> 1``, ``"properties:deals" -> 12``, ``"pipelines:deals" -> 1`` (non-zero only)."""
    fresh = _schema(build_app("hubspot"), object_types)
    after = _schema(app, object_types)
    return {key: len(names - fresh.get(key, set())) for key, names in after.items() if names - fresh.get(key, set())}


def minimum_calls(holdings: dict[str, dict[str, int]]) -> int:
    """The writes an import into an empty portal cannot do without: ceil(n / 100) per object type and
    per association pair that HubSpot holds after the import, plus the set-up S1 prescribes — one call
    per property group and per pipeline added (neither has a batch endpoint) and ceil(n / 100) per
    object type whose properties were added (``properties/batch/create``). Reads are never needed."""
    schema = holdings.get("schema", {})
    setup = sum(n for key, n in schema.items() if not key.startswith("properties:"))
    setup += min_batch_calls({k: n for k, n in schema.items() if k.startswith("properties:")})
    return min_batch_calls(holdings["objects"]) + min_batch_calls(holdings["associations"]) + setup


def shopify_kinds(by_endpoint: dict[str, int]) -> dict[str, int]:
    """Shopify calls by kind: GraphQL (bulk probes, starts and polls), bulk result downloads, REST."""
    kinds = {"graphql": 0, "bulk_downloads": 0, "rest": 0}
    for key, count in by_endpoint.items():
        path = key.partition(" ")[2]
        kind = "graphql" if path.endswith("/graphql.json") else "bulk_downloads" if "/__bulk/" in path else "rest"
        kinds[kind] += count
    return kinds


def idle_rss_kib(workdir: Path) -> int:
    """Peak RSS of a Python that only imports the connector: the floor under every import run."""
    code = "import connector.__main__, connector.sync"
    return run_child([sys.executable, "-c", code], workdir, timeout_s=120).peak_rss_kib


def import_once(customers: int) -> dict:
    """Seed, import, count: one run at one size."""
    with bench_pair() as pair, tempfile.TemporaryDirectory(prefix="bench-import-") as tmp:
        shopify_app, hubspot_app = pair.apps
        shopify_calls, hubspot_calls = count_calls(shopify_app), count_calls(hubspot_app)
        seeded = seed_shop(shopify_app, customers)
        command = [sys.executable, "-m", "connector", "sync", "--shopify", pair.shopify_url,
                   "--shopify-token", SHOPIFY_TOKEN, "--hubspot", pair.hubspot_url, "--hubspot-token", HUBSPOT_TOKEN,
                   "--state", str(Path(tmp) / "state.db"), "--json"]
        run = run_child(command, Path(tmp))
    if run.returncode != 0:
        tail = (run.stderr.strip().splitlines() or run.stdout.strip().splitlines() or ["?"])[-1]
        raise RuntimeError(f"connector sync exited {run.returncode} at N={customers}: {tail[:300]}")
    hubspot_counts = hubspot_calls.counts()  # before the bench's own reads of the portal's schema
    holdings = hubspot_holdings(hubspot_app)
    holdings["schema"] = schema_added(hubspot_app, sorted(hubspot_app.extensions["mock"].state()["properties"]))
    total = sum(hubspot_counts.values())
    searches = sum(n for key, n in hubspot_counts.items() if is_search(key))
    return {"customers": customers, "seeded": seeded.to_dict(), "wall_s": run.wall_s,
            "peak_rss_kib": run.peak_rss_kib, "hubspot_calls": total, "hubspot_search_calls": searches,
            "shopify_calls": shopify_calls.total(), "min_hubspot_calls": minimum_calls(holdings),
            "holdings": holdings, "hubspot_by_endpoint": hubspot_counts, "shopify_by_endpoint": shopify_calls.counts(),
            "hubspot_server_s": hubspot_calls.seconds(), "shopify_server_s": shopify_calls.seconds()}


def summarise(runs: list[dict], idle_kib: int) -> dict:
    """One table row: medians over the runs of one size (call counts from the median-time run)."""
    middle = sorted(runs, key=lambda r: r["wall_s"])[len(runs) // 2]
    records = middle["seeded"]["records"]
    wall = median([r["wall_s"] for r in runs])
    peak_kib = median([r["peak_rss_kib"] for r in runs])
    return {
        "customers": middle["customers"], "records": records, "runs": len(runs), "wall_s": wall,
        "wall_s_all": [r["wall_s"] for r in runs], "records_per_s": per_record(records, wall) if wall else math.nan,
        "peak_rss_mib": peak_kib / 1024, "peak_rss_kib": peak_kib, "idle_rss_kib": idle_kib,
        "hubspot_calls": middle["hubspot_calls"], "hubspot_search_calls": middle["hubspot_search_calls"],
        "min_hubspot_calls": middle["min_hubspot_calls"],
        "call_ratio": efficiency_ratio(middle["hubspot_calls"], middle["min_hubspot_calls"]),
        "shopify_calls": middle["shopify_calls"], "shopify_kinds": shopify_kinds(middle["shopify_by_endpoint"]),
        "real_limit_s": max(wall, real_limit_seconds(middle["hubspot_calls"], middle["hubspot_search_calls"])),
        "seeded": middle["seeded"], "holdings": middle["holdings"],
        "hubspot_by_endpoint": middle["hubspot_by_endpoint"], "shopify_by_endpoint": middle["shopify_by_endpoint"],
        "hubspot_server_s": middle["hubspot_server_s"], "shopify_server_s": middle["shopify_server_s"],
    }


def _notes(rows: list[dict]) -> list[str]:
    notes = []
    for row in rows:
        hub, shop = sum(row["hubspot_server_s"].values()), sum(row["shopify_server_s"].values())
        kinds = row.get("shopify_kinds") or {}
        if kinds:
            notes.append(f"N={row['customers']:,}: Shopify calls {row['shopify_calls']} = {kinds['graphql']} GraphQL"
                         f" (bulk probes, starts, polls) + {kinds['bulk_downloads']} bulk result downloads +"
                         f" {kinds['rest']} REST (set-up, paged checkouts).")
        notes.append(f"N={row['customers']:,}: the mocks spent {hub:.1f} s (HubSpot) + {shop:.1f} s (Shopify)"
                     f" answering, of {row['wall_s']:.1f} s wall; the rest is the connector's own time.")
        if row["call_ratio"] > TARGET_RATIO:
            top = ", ".join(f"{key} x{n}" for key, n in list(row["hubspot_by_endpoint"].items())[:4])
            notes.append(f"N={row['customers']:,}: ratio {row['call_ratio']:.2f} > {TARGET_RATIO}; busiest: {top}")
    return notes


def bench_import(sizes: list[int], repeats: int) -> dict:
    """Every size, ``repeats`` runs each up to 1k customers (one above), medians reported."""
    with tempfile.TemporaryDirectory(prefix="bench-idle-") as tmp:
        idle_kib = idle_rss_kib(Path(tmp))
    rows = []
    for size in sizes:
        count = repeats if size <= REPEAT_UP_TO else 1
        runs = []
        for _ in range(count):
            print(f"[bench]   import N={size:,} run {len(runs) + 1}/{count}", file=sys.stderr, flush=True)
            runs.append(import_once(size))
        rows.append(summarise(runs, idle_kib))
    return {"target_ratio": TARGET_RATIO, "idle_rss_kib": idle_kib, "rows": rows, "notes": _notes(rows)}
