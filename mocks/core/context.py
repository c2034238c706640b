"""What a mock app shares with the core: its clock, journal, faults and admin hooks.

``install(app, ctx)`` wires a Flask app to its :class:`MockContext`: the ``/__admin`` blueprint and
its guard (mocks.core.admin_guard), the request journal with credentials redacted (mocks.core.redact)
and the fault rules (both apply to every path outside ``/__admin``), the request-size limit and the
JSON nesting limit (answered in the mock's own 400 shape). The mock keeps its own store, auth and
error shapes.
"""

from __future__ import annotations

import io
import socket
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from flask import Flask, Response, g, jsonify, request
from flask.json.provider import DefaultJSONProvider

from mocks.core import redact
from mocks.core.admin import admin_blueprint
from mocks.core.admin_guard import configured_hosts, refusal
from mocks.core.clock import Clock, format_iso
from mocks.core.faults import FaultSet
from mocks.core.journal import Journal
from mocks.core.nesting import too_deep

ErrorFactory = Callable[[int, str], Response]
ADMIN_PREFIX = "/__admin"
DEFAULT_MAX_BODY = 4 * 1024 * 1024


def _default_error(status: int, message: str) -> Response:
    response = jsonify({"error": message})
    response.status_code = status
    return response


@dataclass
class MockContext:
    """One mock's shared machinery; each ``create_app()`` makes its own."""

    name: str
    clock: Clock
    reset: Callable[[], None]
    state: Callable[[], dict]
    deliver: Callable[[], list[dict]] = lambda: []
    error: ErrorFactory = _default_error
    token_of: Callable[[], str | None] = lambda: None
    journal: Journal = field(default_factory=Journal)
    faults: FaultSet = field(default_factory=FaultSet)
    admin_enabled: bool = True
    max_body: int = DEFAULT_MAX_BODY
    max_depth: int | None = None  # a mock may refuse deeper JSON before routing; parsers refuse it anyway
    admin_hosts: tuple[str, ...] = ()  # besides loopback (mocks.core.admin_guard)
    extra_state: dict = field(default_factory=dict)


def _drop_connection() -> None:
    """Close the client's socket without an answer (WireMock's CONNECTION_RESET_BY_PEER)."""
    sock = request.environ.get("werkzeug.socket")
    if sock is not None:
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        sock.close()


class _BoundedChunkedBody:
    """WSGI middleware: a chunked body (no Content-Length) is read here up to the limit. Within it, the
    app sees an ordinary body with its length; beyond it, the app sees an empty body and a flag, and
    answers 413 in the service's shape (Werkzeug would otherwise cut the body at the limit silently)."""

    FLAG = "shophub.body_too_large"

    def __init__(self, app: Callable, limit: int) -> None:
        self.app, self.limit = app, limit

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        if environ.get("wsgi.input_terminated") and not environ.get("CONTENT_LENGTH"):
            data = environ["wsgi.input"].read(self.limit + 1)
            if len(data) > self.limit:
                environ[self.FLAG], data = True, b""
            environ["wsgi.input"], environ["CONTENT_LENGTH"] = io.BytesIO(data), str(len(data))
            environ.pop("wsgi.input_terminated", None)
        return self.app(environ, start_response)


class _BoundedJSONProvider(DefaultJSONProvider):
    """Flask's JSON provider, except that a text nested too deeply for the parser is invalid JSON (a
    ``ValueError``: ``request.get_json`` answers 400 through the mock's own error handler) instead of a
    ``RecursionError`` that would become a 500."""

    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        try:
            return super().loads(s, **kwargs)
        except RecursionError:
            raise ValueError("the JSON is nested too deeply") from None


def install(app: Flask, ctx: MockContext) -> Flask:
    app.extensions["mock"] = ctx
    # "//" in a path is not merged by a 308 HTML redirect (Werkzeug's default): the path matches no
    # route and gets the mock's own 404 (docs/admin-security.md)
    app.url_map.merge_slashes = False
    for rule in app.url_map.iter_rules():
        rule.merge_slashes = False
    provider = _BoundedJSONProvider(app)
    provider.sort_keys = app.json.sort_keys  # type: ignore[attr-defined]
    app.json = provider
    app.wsgi_app = _BoundedChunkedBody(app.wsgi_app, ctx.max_body)  # type: ignore[method-assign]
    app.config["MAX_CONTENT_LENGTH"] = ctx.max_body
    if ctx.admin_enabled:
        app.register_blueprint(admin_blueprint(ctx), url_prefix=ADMIN_PREFIX)

    allowed_hosts = configured_hosts(ctx.admin_hosts)

    @app.before_request
    def _journal_and_faults():  # noqa: ANN202 - Flask hook
        if request.environ.get(_BoundedChunkedBody.FLAG):
            return ctx.error(413, f"Request body exceeds the limit of {ctx.max_body} bytes")
        if request.path.startswith(ADMIN_PREFIX):
            refused = refusal(request, allowed_hosts)
            if refused is not None:
                response = jsonify({"error": refused[1]})
                response.status_code = refused[0]
                return response
            return None
        try:
            body = request.get_data(cache=True)
        except Exception:  # noqa: BLE001 - too large or unreadable: the error handler answers
            body = None
        g.journal_entry = ctx.journal.record(
            at=format_iso(ctx.clock.now()), method=request.method, path=request.path,
            query=redact.query(request.query_string.decode("latin-1")), token=redact.mask(ctx.token_of()),
            body=redact.body(body, request.content_type) if body else body,
            headers=redact.headers(dict(request.headers.items())))
        if body and ctx.max_depth and too_deep(body, ctx.max_depth):
            return ctx.error(400, f"Invalid JSON: nested deeper than {ctx.max_depth} levels")
        rule = ctx.faults.for_request(request.method, request.path)
        if rule is None:
            return None
        g.journal_entry.fault = rule.action
        if rule.action == "delay":
            time.sleep(rule.delay_ms / 1000)  # a real slow answer: it is the client's timeout on trial
            return None
        if rule.action == "drop":
            _drop_connection()
            return Response(status=500)  # unreachable by the client: its socket is closed
        body = rule.body
        if isinstance(body, dict | list):
            response = jsonify(body)
        else:
            response = Response("" if body is None else str(body), mimetype="application/json")
        response.status_code = rule.status
        for key, value in rule.headers.items():
            response.headers[key] = value
        return response

    @app.after_request
    def _journal_status(response: Response) -> Response:
        entry = g.get("journal_entry")
        if entry is not None:
            entry.status = response.status_code
        return response

    @app.errorhandler(413)
    def _too_large(_error):  # noqa: ANN202
        return ctx.error(413, f"Request body exceeds the limit of {ctx.max_body} bytes")

    return app
