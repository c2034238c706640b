"""The production server behind ``python -m mocks.shopify`` / ``python -m mocks.hubspot``: cheroot.

A mock keeps its state in memory, so it is served by one process with a thread pool. cheroot (the
CherryPy project's pure-Python HTTP/1.1 server: a fixed worker pool, keep-alive, no per-request thread)
was chosen by measurement against waitress and Werkzeug's threaded development server; the numbers are
in docs/hubspot-mock.md. Tests keep the in-process Werkzeug server of :mod:`mocks.core.server`.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable
from types import FrameType

from cheroot import wsgi

THREADS = 16   # measured: 8-16 workers serve 16 keep-alive clients best on 2 cores


def make_server(app: Callable, host: str = "127.0.0.1", port: int = 0, threads: int = THREADS) -> wsgi.Server:
    """A bound (not yet serving) server; ``port=0`` picks a free port, read back with :func:`bound_url`."""
    server = wsgi.Server((host, port), app, numthreads=threads, server_name="shophub-mock",
                         request_queue_size=128, shutdown_timeout=1)
    server.prepare()
    return server


def bound_url(server: wsgi.Server) -> str:
    host, port = server.bind_addr[0], server.bind_addr[1]
    host = f"[{host}]" if ":" in host else host
    return f"http://{host}:{port}"


def run_production(app: Callable, host: str, port: int, threads: int = THREADS) -> None:
    """Serve until Ctrl-C or SIGTERM; the first line printed is ``listening on http://H:P``."""
    server = make_server(app, host, port, threads)

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
