"""Build the mocks for the bench (rate limiting off) and serve one in a child process.

The throughput benchmark serves the mock (on cheroot, the server of ``python -m mocks.X``) from a child process so that the load generator's threads
and the server's threads do not share one interpreter lock: the numbers are the server's, not a tug
of war inside the bench. A trivial route (``BARE_PATH``) is added to the same app instance: it is the
ceiling, i.e. what Flask and Werkzeug alone cost per request on that server.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from contextlib import contextmanager

from flask import Flask, Response, jsonify, request

from mocks.core.clock import Clock
from mocks.harness import CREDENTIALS, MockPair

BARE_PATH = "/__admin/bench/bare"   # under /__admin: no journal, faults or auth, only Flask and Werkzeug
SHOPIFY_TOKEN = CREDENTIALS.shopify_token
HUBSPOT_TOKEN = CREDENTIALS.hubspot_token
SHOPIFY_API = f"/admin/api/{CREDENTIALS.shopify_api_version}"
SHOPIFY_GRAPHQL = f"/admin/api/{CREDENTIALS.shopify_api_version}/graphql.json"


def build_app(kind: str, *, rate_limit: bool = False, clock: object = None) -> Flask:
    """A fresh mock app: ``kind`` is ``"shopify"`` or ``"hubspot"``."""
    if kind == "shopify":
        from mocks.shopify import ShopifyConfig, create_app
        return create_app(ShopifyConfig(rate_limit=rate_limit, clock=clock))
    if kind == "hubspot":
        from mocks.hubspot import HubSpotConfig, create_app
        return create_app(HubSpotConfig(rate_limit=rate_limit, clock=clock))
    raise ValueError(f"unknown mock {kind!r}")


def add_bare_route(app: Flask) -> str:
    """Register the ceiling route on ``app`` and return its path.

    ``GET BARE_PATH`` answers ``{"ok": true}``; ``?bytes=N`` answers a static JSON body of N bytes
    instead (the ceiling for endpoints with large bodies: transport without any record logic). A request
    body (the same-size pairing POSTs the endpoint's own body) is read in full but not parsed.
    """
    def bare():  # noqa: ANN202 - a Flask view
        request.get_data(cache=False)  # receive the body as the mock does; parsing it is the mock's work
        size = request.args.get("bytes", type=int)
        if not size:
            return jsonify({"ok": True})
        return Response(b'{"pad":"' + b"x" * max(size - 10, 0) + b'"}', mimetype="application/json")

    app.add_url_rule(BARE_PATH, "bench_bare", bare, methods=["GET", "POST"])
    return BARE_PATH


def _serve_child(kind: str, conn: object) -> None:
    """Child process body: build, serve on port 0 on the production server (cheroot, as ``python -m``
    serves), report the URL, serve until told to stop."""
    import threading

    from mocks.core.production import bound_url, freeze_startup_heap, make_server

    app = build_app(kind)
    add_bare_route(app)
    server = make_server(app)
    freeze_startup_heap()  # as run_production does
    thread = threading.Thread(target=server.serve, name="bench-serve", daemon=True)
    thread.start()
    conn.send(bound_url(server))  # type: ignore[attr-defined]
    try:
        conn.recv()  # type: ignore[attr-defined]  # any message, or EOF, means stop
    except EOFError:
        pass
    server.stop()
    thread.join(5)


@contextmanager
def mock_in_child(kind: str, start_timeout_s: float = 60.0) -> Iterator[str]:
    """Serve a fresh ``kind`` mock in a child process; yields its base URL."""
    context = multiprocessing.get_context("spawn")
    parent, child = context.Pipe()
    process = context.Process(target=_serve_child, args=(kind, child), name=f"bench-{kind}", daemon=True)
    process.start()
    try:
        if not parent.poll(start_timeout_s):
            raise RuntimeError(f"the {kind} mock did not start within {start_timeout_s:.0f} s")
        try:
            url = parent.recv()
        except EOFError:
            raise RuntimeError(f"the {kind} mock exited before serving (exit code {process.exitcode})") from None
        yield url
    finally:
        try:
            parent.send("stop")
        except (BrokenPipeError, OSError):
            pass
        process.join(10)
        if process.is_alive():
            process.terminate()
            process.join(5)


def bench_pair() -> MockPair:
    """Both mocks in this process on one running clock, rate limiting off (the harness's pair;
    closing it also stops the webhook delivery threads)."""
    return MockPair.start(Clock.running(), rate_limit=False)
