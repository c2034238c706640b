"""Build the mocks for the bench (rate limiting off) and serve one in a child process.

The throughput benchmark serves the mock from a child process so that the load generator's threads
and the server's threads do not share one interpreter lock: the numbers are the server's, not a tug
of war inside the bench. A trivial route (``BARE_PATH``) is added to the same app instance: it is the
ceiling, i.e. what Flask and Werkzeug alone cost per request on that server.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from contextlib import contextmanager

from flask import Flask, Response, jsonify, request

BARE_PATH = "/__admin/bench/bare"   # under /__admin: no journal, faults or auth, only Flask and Werkzeug
SHOPIFY_TOKEN = "shpat_harness_default"
HUBSPOT_TOKEN = "pat-na1-harness-default"
SHOPIFY_API = "/admin/api/2024-10"
SHOPIFY_GRAPHQL = "/admin/api/2026-10/graphql.json"


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
    instead (the ceiling for endpoints with large bodies: transport without any record logic).
    """
    def bare():  # noqa: ANN202 - a Flask view
        size = request.args.get("bytes", type=int)
        if not size:
            return jsonify({"ok": True})
        return Response(b'{"pad":"' + b"x" * max(size - 10, 0) + b'"}', mimetype="application/json")

    app.add_url_rule(BARE_PATH, "bench_bare", bare, methods=["GET", "POST"])
    return BARE_PATH


def _serve_child(kind: str, conn: object) -> None:
    """Child process body: build, serve on port 0, report the URL, serve until told to stop."""
    from mocks.core.server import serve

    app = build_app(kind)
    add_bare_route(app)
    handle = serve(app)
    conn.send(handle.url)  # type: ignore[attr-defined]
    try:
        conn.recv()  # type: ignore[attr-defined]  # any message, or EOF, means stop
    except EOFError:
        pass
    handle.shutdown()


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


def stop_background(app: Flask) -> None:
    """Stop the app's webhook delivery thread (started for a real clock), once the bench is done with it."""
    hub = app.extensions.get("webhooks")
    outbox = getattr(hub, "outbox", None)
    if outbox is not None:
        outbox.stop_auto()
