"""Serve a WSGI app on a background thread; ``port=0`` binds a free port and reports the real one."""

from __future__ import annotations

import argparse
import os
import socket
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass

from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server

from mocks.core.clock import FROZEN, MODES, RUNNING, Clock, parse_iso


class _QuietHandler(WSGIRequestHandler):
    """HTTP/1.1 keep-alive (clients reuse connections) and no per-request log lines."""

    protocol_version = "HTTP/1.1"

    def log_request(self, *args, **kwargs) -> None:  # noqa: D102
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Errors the HTTP server answers before the app runs (414 URI too long, 400 bad request line,
        431 headers too large) in the mock's own error shape (``MockContext.error``), not an HTML page."""
        app = getattr(self.server, "app", None)
        mock = getattr(app, "extensions", {}).get("mock") if app is not None else None
        if mock is None:
            super().send_error(code, message, explain)
            return
        try:
            with app.test_request_context("/"):  # type: ignore[union-attr]
                response = mock.error(code, message or self.responses.get(code, ("Error",))[0])
                body, kind = response.get_data(), response.headers.get("Content-Type", "application/json")
        except Exception:  # noqa: BLE001 - never worse than the stock HTML answer
            super().send_error(code, message, explain)
            return
        self.log_error("code %d, message %s", code, message)
        self.send_response(code, message)
        self.send_header("Content-Type", kind)
        self.send_header("Connection", "close")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD" and code >= 200 and code not in (204, 304):
            self.wfile.write(body)

    def log(self, type: str, message: str, *args) -> None:  # noqa: A002, D102
        if type == "error":
            super().log(type, message, *args)


@dataclass
class ServerHandle:
    """A running server: ``url`` has the real port; ``shutdown()`` stops it."""

    server: BaseWSGIServer
    thread: threading.Thread
    host: str
    port: int

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    def shutdown(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)

    def __enter__(self) -> ServerHandle:
        return self

    def __exit__(self, *exc: object) -> None:
        self.shutdown()


def _check_free(host: str, port: int) -> None:
    """``OSError`` naming the address when ``host:port`` cannot be bound (Werkzeug would print and exit)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)   # as the server will
        try:
            probe.bind((host, port))
        except OSError as error:
            raise OSError(f"cannot bind {host}:{port}: {error.strerror or error}") from None


POLL_SECONDS = 0.05


def serve(app: Callable, host: str = "127.0.0.1", port: int = 0) -> ServerHandle:
    """Start ``app`` on a daemon thread (threaded server) and return once it accepts connections."""
    if port:
        _check_free(host, port)
    try:
        server = make_server(host, port, app, threaded=True, request_handler=_QuietHandler)
    except SystemExit:  # Werkzeug prints "Port P is in use" and exits; a library caller wants an error
        raise OSError(f"cannot bind {host}:{port}: the port is in use") from None
    server.daemon_threads = True  # type: ignore[attr-defined]  # make_server(threaded=True): a ThreadingMixIn
    # A short poll interval: shutdown() waits for the loop to look, and tests start and stop many servers.
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": POLL_SECONDS},
                              name=f"serve:{server.server_port}", daemon=True)
    thread.start()
    return ServerHandle(server, thread, host, server.server_port)


def port_number(text: str) -> int:
    """argparse type of ``--port``: 0 (any free port) to 65535; anything else is a usage error (exit 2),
    never a silently wrapped port or a traceback from bind()."""
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"a port is 0 to 65535, not {port}")
    return port


def base_arguments(prog: str, description: str) -> argparse.ArgumentParser:
    """The fixed command line of both mocks: ``--port P [--host H] [--token T]`` and friends."""
    parser = argparse.ArgumentParser(prog=prog, description=description)
    parser.add_argument("--port", type=port_number, default=0, help="port to bind; 0 picks a free one")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--token", action="append", help="accepted access token (repeatable)")
    parser.add_argument("--no-admin", action="store_true", help="disable /__admin (when exposed beyond localhost)")
    parser.add_argument("--rate-limit", choices=["on", "off"], default=None, help="override the rate limiter")
    add_clock_arguments(parser)
    return parser


def add_clock_arguments(parser: argparse.ArgumentParser, default_mode: str | None = None) -> None:
    """``--now ISO`` and ``--clock frozen|running`` (docs/harness.md, "One clock")."""
    parser.add_argument("--now", help="start the clock at this ISO time (default: the wall clock's now)")
    parser.add_argument("--clock", choices=MODES, default=default_mode,
                        help="frozen: moves only by POST /__admin/clock; running: runs at wall speed and "
                             "jumps when advanced (default: " + (default_mode or "frozen with --now, else running") + ")")


def clock_from_arguments(parser: argparse.ArgumentParser, args: argparse.Namespace) -> Clock:
    """The clock ``--now``/``--clock`` ask for (a parser error for a bad timestamp)."""
    mode = args.clock or (FROZEN if args.now else RUNNING)
    try:
        start = parse_iso(args.now) if args.now else None
    except ValueError:
        parser.error("--now must be an ISO 8601 timestamp")
    if mode == FROZEN:
        return Clock.simulated(start)
    return Clock.running(start)


def run_forever(app: Callable, host: str, port: int) -> None:
    """Serve until Ctrl-C; the first line printed is ``listening on http://H:P``. An address that cannot
    be bound is one line on stderr and exit 2."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        with socket.socket(family, kind, proto) as probe:  # before Werkzeug, which prints and exits 1
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind(address)
    except (OSError, OverflowError, UnicodeError, ValueError) as error:
        print(f"cannot listen on {host}:{port}: {error}", file=sys.stderr)
        sys.exit(2)
    if os.environ.get("SHOPHUB_SERVER", "cheroot") != "werkzeug":  # the production server (mocks.core.production)
        from mocks.core.production import run_production
        run_production(app, host, port)
        return
    handle = serve(app, host, port)
    print(f"listening on {handle.url}", flush=True)
    try:
        handle.thread.join()
    except KeyboardInterrupt:
        handle.shutdown()
        sys.exit(0)
