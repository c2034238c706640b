"""``python -m bench [--quick] [--only import,throughput,suite,latency,bulk] [--sizes 1000,10000]``.

Prints one table and writes ``bench/results.json``. ``BENCH_FULL=1`` adds the 100k-customer import.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from bench.machine import machine_info, run_label
from bench.report import render_all

SECTIONS = ("throughput", "servers", "import", "suite", "latency", "bulk", "twoway")
DEFAULT_OUTPUT = Path(__file__).resolve().parent / "results.json"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes and short runs (a smoke run)")
    parser.add_argument("--only", default=",".join(SECTIONS), help=f"comma-separated subset of {SECTIONS}")
    parser.add_argument("--sizes", help="customer counts for the import, e.g. 1000,10000")
    parser.add_argument("--repeats", type=int, help="runs per size up to 10k (default 3, quick 1)")
    parser.add_argument("--changes", type=int, help="live-latency changes (default 200, quick 30)")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="where to write the JSON results")
    args = parser.parse_args(argv)
    unknown = set(args.only.split(",")) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown sections: {', '.join(sorted(unknown))}")
    return args


def import_sizes(args: argparse.Namespace, full: bool) -> list[int]:
    """1k and 10k by default, plus 100k with ``BENCH_FULL=1``; 1k only with ``--quick``."""
    if args.sizes:
        return [int(s) for s in args.sizes.split(",") if s.strip()]
    if args.quick:
        return [1000]
    return [1000, 10000, 100000] if full else [1000, 10000]


def _guarded(name: str, run: Callable[[], dict]) -> dict:
    """Run one section; a failure becomes ``{"error": ...}`` so the other sections still report."""
    print(f"[bench] {name} ...", file=sys.stderr, flush=True)
    start = time.perf_counter()
    try:
        section = run()
    except Exception as error:  # noqa: BLE001 - reported in the table, details on stderr
        traceback.print_exc()
        section = {"error": f"{type(error).__name__}: {error}"}
    section["section_wall_s"] = round(time.perf_counter() - start, 2)
    print(f"[bench] {name} done in {section['section_wall_s']} s", file=sys.stderr, flush=True)
    return section


def run_sections(args: argparse.Namespace, full: bool) -> dict[str, dict]:
    chosen = args.only.split(",")
    sections: dict[str, dict] = {}
    if "throughput" in chosen:
        from bench.throughput import LoadSettings, bench_throughput
        settings = LoadSettings(max_requests=600, max_seconds=1.5, rounds=2) if args.quick else LoadSettings()
        sections["throughput"] = _guarded("throughput", lambda: bench_throughput(settings))
    if "servers" in chosen:
        from bench.servers import bench_servers
        seconds, rounds = (2.0, 1) if args.quick else (5.0, 3)
        sections["servers"] = _guarded("servers", lambda: bench_servers(seconds, rounds))
    if "import" in chosen:
        from bench.importing import bench_import
        from bench.scaling import scaling_from_import
        repeats = args.repeats or (1 if args.quick else 3)
        sections["import"] = _guarded("import", lambda: bench_import(import_sizes(args, full), repeats))
        if "error" not in sections["import"]:
            sections["scaling"] = scaling_from_import(sections["import"])
    if "suite" in chosen:
        from bench.suite import bench_suite
        sections["suite"] = _guarded("suite", bench_suite)
    if "latency" in chosen:
        from bench.latency import bench_latency
        changes = args.changes or (30 if args.quick else 200)
        sections["latency"] = _guarded("latency", lambda: bench_latency(changes))
    if "bulk" in chosen:
        from bench.bulk_export import bench_bulk_export
        sections["bulk"] = _guarded("bulk", lambda: bench_bulk_export(10_000 if args.quick else 100_000))
    if "twoway" in chosen:
        from bench.twoway import bench_twoway
        sections["twoway"] = _guarded("twoway", lambda: bench_twoway(1_000 if args.quick else 10_000))
    return sections


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    full = os.environ.get("BENCH_FULL", "") not in ("", "0")
    start = time.perf_counter()
    results = {"date": run_label(), "machine": machine_info(),
               "mode": ("quick" if args.quick else "full (BENCH_FULL=1)" if full else "default"),
               "sections": run_sections(args, full)}
    results["bench_wall_s"] = round(time.perf_counter() - start, 1)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, indent=2, default=str) + "\n")
    print(render_all(results), end="")
    print(f"\n(results written to {args.output})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
