"""A bounded, threaded HTTP load generator: one keep-alive ``requests.Session`` per thread.

Each thread first sends a few unmeasured warm-up requests (connection set up, caches warm), then all
threads start together and each sends up to ``max_requests / threads`` requests or stops at the
deadline, whichever comes first. Latency is measured per request with ``time.perf_counter``.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import requests

from bench.stats import latency_summary


@dataclass(frozen=True)
class Call:
    """One request to send; ``ok`` lists the statuses that count as success."""

    method: str
    url: str
    headers: dict[str, str] = field(default_factory=dict)
    json: object | None = None
    ok: tuple[int, ...] = (200,)
    data: bytes | None = None   # a body encoded once beforehand (sent as is, instead of ``json``)


CallFactory = Callable[[int, int], Call]   # (thread index, request index within the thread) -> Call


@dataclass
class LoadResult:
    """What one load run measured."""

    completed: int
    errors: int
    elapsed_s: float
    latencies_s: list[float]
    first_error: str | None = None

    @property
    def rps(self) -> float:
        return self.completed / self.elapsed_s if self.elapsed_s > 0 else 0.0

    def to_dict(self) -> dict:
        summary = latency_summary(self.latencies_s)
        return {"requests": self.completed, "errors": self.errors, "elapsed_s": round(self.elapsed_s, 3),
                "rps": round(self.rps, 1), "p50_ms": summary["p50_ms"], "p99_ms": summary["p99_ms"],
                "first_error": self.first_error}


@dataclass
class _ThreadOutcome:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    first_error: str | None = None


def _send(session: requests.Session, call: Call, timeout: float) -> str | None:
    """Send one call; return an error description, or ``None`` on success."""
    try:
        response = session.request(call.method, call.url, headers=call.headers, json=call.json,
                                   data=call.data, timeout=timeout)
        response.content  # noqa: B018 - read the whole body, as a client would
    except requests.RequestException as error:
        return f"{type(error).__name__}: {error}"
    if response.status_code not in call.ok:
        return f"{call.method} {call.url} -> {response.status_code}: {response.text[:200]}"
    return None


def _worker(index: int, factory: CallFactory, quota: int, warmup: int, deadline_box: list[float],
            barrier: threading.Barrier, timeout: float) -> _ThreadOutcome:
    outcome = _ThreadOutcome()
    with requests.Session() as session:
        for i in range(warmup):
            _send(session, factory(index, -1 - i), timeout)
        barrier.wait()
        deadline = deadline_box[0]
        for i in range(quota):
            call = factory(index, i)
            start = time.perf_counter()
            error = _send(session, call, timeout)
            end = time.perf_counter()
            if error is None:
                outcome.latencies.append(end - start)
            else:
                outcome.errors += 1
                outcome.first_error = outcome.first_error or error
            if end >= deadline:
                break
    return outcome


def run_load(factory: CallFactory, *, threads: int = 4, max_requests: int = 2000, max_seconds: float = 5.0,
             warmup: int = 5, timeout: float = 30.0) -> LoadResult:
    """Drive ``factory``'s calls from ``threads`` threads; bounded by count and by time."""
    quota = max(1, max_requests // threads)
    deadline_box = [0.0]
    start_box = [0.0]

    def _start() -> None:  # runs once, when every thread has warmed up
        start_box[0] = time.perf_counter()
        deadline_box[0] = start_box[0] + max_seconds

    barrier = threading.Barrier(threads, action=_start)
    with ThreadPoolExecutor(max_workers=threads) as pool:
        futures = [pool.submit(_worker, i, factory, quota, warmup, deadline_box, barrier, timeout)
                   for i in range(threads)]
        outcomes = [f.result() for f in futures]
    elapsed = time.perf_counter() - start_box[0]
    latencies = [lat for o in outcomes for lat in o.latencies]
    first_error = next((o.first_error for o in outcomes if o.first_error), None)
    return LoadResult(len(latencies), sum(o.errors for o in outcomes), elapsed, latencies, first_error)
