"""The production server behind ``python -m mocks.shopify`` / ``python -m mocks.hubspot``: cheroot.

A mock keeps its state in memory, so it is served by one process, whose Python code runs one thread at a
time. cheroot (the CherryPy project's pure-Python HTTP/1.1 server: a worker pool, keep-alive, no
per-request thread) was chosen by measurement against waitress and Werkzeug's threaded development server;
the numbers are in docs/hubspot-mock.md.

Workers beyond one only compete for the interpreter lock: on 2 cores, one worker served GET by id 1.6x as
fast as 16 (docs/hubspot-mock.md). But a request that is held up (a ``delay`` fault sleeping, a slow
client, a long export) must not stall the others, so the pool *lends* workers: :class:`Lender` looks at
the workers every ``LEND_INTERVAL_S`` and starts one more whenever fewer than ``BASE_THREADS`` are free of
a request that was already running at its last look; a lent worker retires once it is no longer needed.
Tests keep the in-process Werkzeug server of :mod:`mocks.core.server`.
"""

from __future__ import annotations

import gc
import os
import signal
import sys
import threading
from collections.abc import Callable
from types import FrameType
from typing import Any

from cheroot import wsgi

BASE_THREADS = 1       # workers that take requests while none is held up (measured: docs/hubspot-mock.md)
MAX_THREADS = 64       # the most the pool lends up to (held-up requests at once, plus the base)
LEND_INTERVAL_S = 0.05  # a request still running after this long (two looks apart) is held up


class Lender:
    """Keeps ``base`` workers of a cheroot thread pool free of held-up requests.

    A worker is *held up* when it is on the same request at two looks in a row: the same connection with
    the same count of bytes read from it (the next request on a keep-alive connection reads more). While
    fewer than ``base`` workers are not held up, :meth:`look` starts more; while more are free than
    ``base`` and the pool is above its minimum, it retires one per look (cheroot ends an idle worker).
    """

    def __init__(self, pool: Any, base: int = BASE_THREADS, interval: float = LEND_INTERVAL_S) -> None:
        self.pool, self.base, self.interval = pool, base, interval
        self._last: dict[int, tuple[object, int | None]] = {}
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def look(self) -> int:
        """One look: lend or retire workers as needed; returns how many workers are held up."""
        # cheroot's ThreadPool keeps its workers in ``_threads`` and a worker its connection in ``conn`` (no
        # public accessors); tests/core/test_production_server.py serves through a real pool and would fail
        # if either moved.
        workers = list(getattr(self.pool, "_threads", ()))
        marks: dict[int, tuple[object, int | None]] = {}
        held = 0
        for worker in workers:
            conn = getattr(worker, "conn", None)
            if conn is None:
                continue
            mark = (conn, getattr(getattr(conn, "rfile", None), "bytes_read", None))
            last = self._last.get(id(worker))
            if last is not None and last[0] is mark[0] and last[1] == mark[1]:
                held += 1
            marks[id(worker)] = mark
        self._last = marks
        free = len(workers) - held
        if free < self.base:
            self.pool.grow(self.base - free)
        elif free > self.base and len(workers) > self.pool.min:
            self.pool.shrink(1)
        return held

    def start(self) -> None:
        def run() -> None:
            while not self._stop.wait(self.interval):
                self.look()

        self._thread = threading.Thread(target=run, name="shophub-lender", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(5)


class Server(wsgi.Server):
    """cheroot's WSGI server whose pool lends workers to held-up requests (:class:`Lender`)."""

    def __init__(self, bind_addr: tuple[str, int], app: Callable, base: int = BASE_THREADS,
                 most: int = MAX_THREADS) -> None:
        super().__init__(bind_addr, app, numthreads=base, max=max(most, base), server_name="shophub-mock",
                         request_queue_size=128, shutdown_timeout=1)
        self.lender = Lender(self.requests, base)

    def prepare(self) -> None:
        super().prepare()
        self.lender.start()

    def stop(self) -> None:
        self.lender.stop()
        super().stop()


def make_server(app: Callable, host: str = "127.0.0.1", port: int = 0, threads: int = BASE_THREADS) -> Server:
    """A bound (not yet serving) server; ``port=0`` picks a free port, read back with :func:`bound_url`.
    ``threads``: the workers kept free of held-up requests (more are lent while some are held up)."""
    server = Server((host, port), app, base=threads)
    server.prepare()
    return server


def freeze_startup_heap() -> None:
    """Leave what exists once the app is built (its routes, compiled body schemas, the OpenAPI document)
    out of the garbage collector's full passes: it lives as long as the process, and walking it made every
    full pass of a busy mock slower (``gc.freeze``; call it once, before serving)."""
    gc.collect()
    gc.freeze()


def bound_url(server: wsgi.Server) -> str:
    host, port = server.bind_addr[0], server.bind_addr[1]
    host = f"[{host}]" if ":" in host else host
    return f"http://{host}:{port}"


def run_production(app: Callable, host: str, port: int, threads: int = BASE_THREADS) -> None:
    """Serve until Ctrl-C or SIGTERM; the first line printed is ``listening on http://H:P``."""
    server = make_server(app, host, port, threads)
    freeze_startup_heap()

    def stop(signum: int, frame: FrameType | None) -> None:
        # State lives in memory only: nothing to save, and waiting for idle keep-alive workers to
        # notice would take seconds, so a terminated mock leaves at once.
        sys.stdout.flush()
        os._exit(0)

    signal.signal(signal.SIGTERM, stop)
    print(f"listening on {bound_url(server)}", flush=True)
    try:
        server.serve()
    except KeyboardInterrupt:
        server.stop()
        sys.exit(0)
