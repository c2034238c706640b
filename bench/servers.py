"""Servers side by side: the HubSpot mock as ``python -m mocks.hubspot`` (cheroot), the same on Werkzeug's
development server, and Prism (stateless, Node) serving the mock's own ``/openapi.json``.

All three run as their own processes at once; each endpoint (GET a contact by id, POST a search) is
measured in rounds that visit every server in turn, so load from the rest of a shared machine falls on
all of them alike; the figure reported is the median over rounds. The mock is stateful (seeded
contacts, real lookups and a real search); Prism answers examples generated from the schema.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import requests

from bench.mockproc import HUBSPOT_TOKEN
from bench.prism import PrismUnavailable, prism_serving
from bench.stats import median
from bench.throughput import seed_hubspot
from bench.wrk import Target, generator, measure
from mocks.harness.pair import stop_process

ROOT = Path(__file__).resolve().parent.parent
SEED_CONTACTS = 300
TARGET = "ours >= Prism on GET by id and search"


@contextmanager
def mock_process(server: str) -> Iterator[str]:
    """``python -m mocks.hubspot --port 0 --rate-limit off`` on ``server`` (cheroot or werkzeug)."""
    env = {**os.environ, "SHOPHUB_SERVER": server}
    process = subprocess.Popen([sys.executable, "-m", "mocks.hubspot", "--port", "0", "--rate-limit", "off"],
                               cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    box: list[str] = []
    reader = threading.Thread(target=lambda: box.append(process.stdout.readline() if process.stdout else ""),
                              daemon=True)
    reader.start()
    reader.join(60)
    try:
        line = box[0].strip() if box else ""
        if not line.startswith("listening on "):
            raise RuntimeError(f"mocks.hubspot ({server}) did not start: {line!r}")
        yield line.removeprefix("listening on ")
    finally:
        stop_process(process)


def _targets(url: str, contact_id: str) -> dict[str, Target]:
    headers = {"Authorization": f"Bearer {HUBSPOT_TOKEN}"}
    search = {"filterGroups": [{"filters": [{"propertyName": "email", "operator": "EQ",
                                             "value": "seed7@bench.example"}]}],
              "properties": ["email", "firstname"], "limit": 10}
    return {"GET contact by id": Target("GET", f"{url}/crm/v3/objects/contacts/{contact_id}", headers),
            "POST contacts search": Target("POST", f"{url}/crm/v3/objects/contacts/search", headers, search)}


def bench_servers(seconds: float = 5.0, rounds: int = 3) -> dict:
    """The section: per server and endpoint, median req/s over ``rounds`` rounds of ``seconds`` each."""
    notes = [f"load generator: {generator()} (2 threads, 16 keep-alive connections)"
             if generator() == "wrk" else
             "load generator: bounded Python loop (16 threads, keep-alive Sessions) - wrk is not installed, so"
             " the client competes for the CPU and numbers are lower than wrk's"]
    with ExitStack() as stack:
        servers: dict[str, dict[str, Target]] = {}
        for name, server in (("mock on cheroot (python -m)", "cheroot"), ("mock on Werkzeug dev server", "werkzeug")):
            url = stack.enter_context(mock_process(server))
            ids = seed_hubspot(url, SEED_CONTACTS)
            servers[name] = _targets(url, ids[len(ids) // 2])
        try:
            document = requests.get(f"{url}/openapi.json", timeout=30).json()
            prism_url = stack.enter_context(prism_serving(document))
            servers["Prism (stateless, Node)"] = _targets(prism_url, "1001")
        except PrismUnavailable as why:
            notes.append(f"Prism skipped: {why}")
        samples: dict[tuple[str, str], list[dict]] = {}
        endpoints = list(next(iter(servers.values())))
        for _ in range(rounds):
            for endpoint in endpoints:
                for name, targets in servers.items():
                    samples.setdefault((name, endpoint), []).append(measure(targets[endpoint], seconds))
    rows = []
    for (name, endpoint), runs in samples.items():
        rows.append({"server": name, "endpoint": endpoint, "rps": round(median([r["rps"] for r in runs]), 1),
                     "mean_ms": median([r["mean_ms"] for r in runs if r["mean_ms"] is not None] or [0.0]),
                     "errors": sum(r["errors"] for r in runs), "rounds": len(runs)})
    prism = {r["endpoint"]: r["rps"] for r in rows if r["server"].startswith("Prism")}
    for row in rows:
        row["vs_prism"] = round(row["rps"] / prism[row["endpoint"]], 2) if prism.get(row["endpoint"]) else None
    ours = [r for r in rows if r["server"].startswith("mock on cheroot")]
    met = bool(prism) and all(r["vs_prism"] is not None and r["vs_prism"] >= 1.0 for r in ours)
    return {"rows": rows, "generator": generator(), "seconds": seconds, "rounds": rounds,
            "target": TARGET, "target_met": met if prism else None, "notes": notes}
