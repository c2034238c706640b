"""Load generators for the server comparison: ``wrk`` when installed, else the bounded Python loop.

``wrk`` (C, event loop) measures a server without the client competing for a Python interpreter
lock; the Python fallback (:func:`bench.loadgen.run_load`) works everywhere but saturates earlier,
so the report always says which one produced the numbers.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from bench.loadgen import Call, run_load

THREADS, CONNECTIONS = 2, 16   # the setting of the 2026-12-01 measurements quoted in the issue


@dataclass(frozen=True)
class Target:
    """One request to hammer: method, URL, headers and an optional JSON body."""

    method: str
    url: str
    headers: dict[str, str]
    body: dict | None = None


def generator() -> str:
    return "wrk" if shutil.which("wrk") else "python"


def _lua(target: Target) -> str:
    lines = [f'wrk.method = "{target.method}"']
    if target.body is not None:
        lines.append(f"wrk.body = {json.dumps(json.dumps(target.body))}")
        lines.append('wrk.headers["Content-Type"] = "application/json"')
    lines += [f"wrk.headers[{json.dumps(k)}] = {json.dumps(v)}" for k, v in target.headers.items()]
    return "\n".join(lines) + "\n"


def _seconds(value: str, unit: str) -> float:
    return float(value) * {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0}[unit]


def parse_wrk(output: str) -> dict:
    """requests/s, mean latency and non-2xx count from wrk's text report."""
    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    latency = re.search(r"Latency\s+([\d.]+)(us|ms|s|m)", output)
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    errors = re.search(r"Socket errors:.*?(\d+).*?(\d+).*?(\d+).*?(\d+)", output)
    total = re.search(r"(\d+) requests in", output)
    return {"rps": float(rps.group(1)) if rps else 0.0,
            "mean_ms": round(_seconds(*latency.groups()) * 1000, 2) if latency else None,
            "requests": int(total.group(1)) if total else 0,
            "errors": (int(bad.group(1)) if bad else 0) + (sum(int(g) for g in errors.groups()) if errors else 0)}


def measure(target: Target, seconds: float) -> dict:
    """Hammer ``target`` for ``seconds`` with 16 keep-alive connections; returns rps, latency, errors."""
    if generator() == "wrk":
        with tempfile.TemporaryDirectory() as tmp:
            script = Path(tmp) / "request.lua"
            script.write_text(_lua(target))
            result = subprocess.run(["wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{max(1, round(seconds))}s",
                                     "-s", str(script), target.url], capture_output=True, text=True,
                                    timeout=seconds + 60)
        if result.returncode != 0:
            raise RuntimeError(f"wrk failed: {result.stderr.strip()[-300:]}")
        return parse_wrk(result.stdout)
    call = Call(target.method, target.url, dict(target.headers), target.body)
    outcome = run_load(lambda _t, _i: call, threads=CONNECTIONS, max_requests=100_000, max_seconds=seconds)
    data = outcome.to_dict()
    return {"rps": data["rps"], "mean_ms": data["p50_ms"], "requests": data["requests"], "errors": data["errors"]}
