"""Turn the results dictionary into the one printed table (a block per section) — pure functions."""

from __future__ import annotations

from bench.machine import describe
from bench.table import fmt, render
from bench.twoway import twoway_block


def _error_block(title: str, section: dict) -> str:
    return f"### {title}\n\nnot measured: {section['error']}"


def import_block(section: dict) -> str:
    title = "Connector import (initial sync into an empty portal)"
    if "error" in section:
        return _error_block(title, section)
    headers = ["N customers", "records", "runs", "wall s", "records/s", "peak RSS MiB", "HubSpot calls",
               "min calls", "ratio", "Shopify calls", "at 190/10s"]
    rows = []
    for row in section["rows"]:
        rows.append([row["customers"], row["records"], row["runs"], row["wall_s"], row["records_per_s"],
                     row["peak_rss_mib"], row["hubspot_calls"], row["min_hubspot_calls"], row["call_ratio"],
                     row["shopify_calls"], _duration(row["real_limit_s"])])
    notes = ["records = customers + orders + products + abandoned checkouts in Shopify; ratio = HubSpot calls /"
             f" min calls (target <= {section.get('target_ratio', 1.05)}); 'at 190/10s' = the time HubSpot's"
             " Professional limit would impose for those calls (medians over runs)."]
    return render(title, headers, rows, notes + section.get("notes", []))


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    if seconds >= 3600:
        return f"{seconds / 3600:.1f} h"
    if seconds >= 60:
        return f"{seconds / 60:.1f} min"
    return f"{seconds:.0f} s"


def scaling_block(section: dict) -> str:
    title = "Scaling (per record)"
    if "error" in section:
        return _error_block(title, section)
    headers = ["N customers", "records", "ms/record", "KiB/record (RSS over idle)", "HubSpot calls/record"]
    rows = [[r["customers"], r["records"], r["ms_per_record"], r["kib_per_record"], r["calls_per_record"]]
            for r in section["rows"]]
    if section.get("largest") is None:
        return render(title, headers, rows, ["one size only: no slope (run with at least two sizes)"])
    notes = [f"slope ratio {section['largest']} vs {section['smallest']}: time {fmt(section['time_slope_ratio'])},"
             f" memory {fmt(section['memory_slope_ratio'])} (per-record cost at the largest N over that at the"
             f" smallest; 1.00 = linear, below 1 = fixed costs amortised); marginal time ratio"
             f" {fmt(section['marginal_time_ratio'])} (last step over first step, fixed costs cancel)."]
    if section.get("peak_rss_growth") is not None:
        notes.append(f"peak RSS {section['largest']} over {section['previous']}: {fmt(section['peak_rss_growth'])}"
                     " (flat = within 10 %: <= 1.10).")
    return render(title, headers, rows, notes)


def throughput_block(section: dict) -> str:
    title = "Mock throughput (rate limiting off, each mock in its own process)"
    if "error" in section:
        return _error_block(title, section)
    headers = ["endpoint", "requests", "req/s", "p50 ms", "p99 ms", "ratio to bare", "to same-size bare",
               "errors"]
    rows = [[r["endpoint"], r["requests"], r["rps"], r["p50_ms"], r["p99_ms"], r.get("ratio"),
             r.get("ratio_same_body"), r["errors"]] for r in section["rows"]]
    s = section["settings"]
    notes = [f"{s['threads']} client threads (keep-alive Session each); per endpoint {s['rounds']} rounds"
             f" alternating with the bare route, up to {s['max_requests']} requests or {s['max_seconds']} s in all;"
             " ratio = median of the per-round req/s ratios (target >= "
             f"{section['target_ratio']}). Endpoints with a large body are also paired with the bare route"
             " answering a static body of the same size. Latency includes the client's own time on a shared"
             " 2-core box."]
    notes += [f"first error on {r['endpoint']}: {r['first_error']}" for r in section["rows"] if r.get("first_error")]
    return render(title, headers, rows, notes)


def servers_block(section: dict) -> str:
    title = "Servers side by side: the HubSpot mock (stateful) vs Prism (stateless) on its own /openapi.json"
    if "error" in section:
        return _error_block(title, section)
    headers = ["server", "endpoint", "req/s", "mean ms", "vs Prism", "errors"]
    rows = [[r["server"], r["endpoint"], r["rps"], r["mean_ms"], r["vs_prism"], r["errors"]]
            for r in section["rows"]]
    verdict = {True: "met", False: "NOT met", None: "not checked (no Prism)"}[section["target_met"]]
    notes = [f"median of {section['rounds']} round(s) of {section['seconds']:.0f} s per server and endpoint,"
             f" servers visited in turn each round; target: {section['target']} - {verdict}."]
    return render(title, headers, rows, notes + section.get("notes", []))


def suite_block(section: dict) -> str:
    title = "Scenario suite (pytest scenarios)"
    if "error" in section:
        return _error_block(title, section)
    headers = ["workers", "wall s", "passed", "failed", "errors", "exit code"]
    rows = [[f"-n {r['workers']}", r["wall_s"], r["outcomes"].get("passed", 0), r["outcomes"].get("failed", 0),
             r["outcomes"].get("errors", 0), r["exit_code"]] for r in section["runs"]]
    notes = [f"-n {r['workers']}: {r['note']}" for r in section["runs"] if r.get("note")]
    return render(title, headers, rows, notes)


def latency_block(section: dict) -> str:
    title = "Live latency (connector serve, real clock): Shopify change -> HubSpot record changed"
    if "error" in section:
        return _error_block(title, section)
    headers = ["changes", "seen", "p50 ms", "p95 ms", "p99 ms", "max ms", "target p95"]
    s = section["summary"]
    rows = [[section["changes"], s["count"], s["p50_ms"], s["p95_ms"], s["p99_ms"], s["max_ms"], "< 1000 ms"]]
    return render(title, headers, rows, section.get("notes", []))


def bulk_block(section: dict) -> str:
    title = "GraphQL bulk export (bulkOperationRunQuery, in-process, simulated clock)"
    if "error" in section:
        return _error_block(title, section)
    headers = ["customers", "status", "JSONL lines", "file MiB", "export + download s", "objects/s",
               "peak traced MiB"]
    rows = [[section["customers"], section["status"], section["object_count"], section["file_bytes"] / 2**20,
             section["export_and_download_s"], section["objects_per_s"], section["peak_traced_mib"]]]
    notes = ["Customers created through store methods (not timed). The export runs the query in chunks and"
             " writes a temporary file; the download streams it. Peak memory: tracemalloc, in a second run."]
    return render(title, headers, rows, notes)


BLOCKS = {"import": import_block, "scaling": scaling_block, "throughput": throughput_block,
          "servers": servers_block,
          "suite": suite_block, "latency": latency_block, "bulk": bulk_block, "twoway": twoway_block}


def render_all(results: dict) -> str:
    """The whole printout: a header with the machine, then every section that ran."""
    lines = [f"## make bench — {results['date']}", "", f"Machine: {describe(results['machine'])}",
             f"Mode: {results['mode']}; total bench time {fmt(results.get('bench_wall_s'))} s", ""]
    for name, block in BLOCKS.items():
        if name in results["sections"]:
            lines += [block(results["sections"][name]), ""]
    return "\n".join(lines).rstrip() + "\n"
