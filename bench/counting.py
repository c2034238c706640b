"""Count the calls a mock receives, by endpoint, with a WSGI middleware the bench wraps around it.

The mocks' own journal (``GET /__admin/requests``) keeps the last 20,000 requests only, too few for a
100k import, so the bench counts at the WSGI layer instead: every request outside ``/__admin`` adds
one to ``"METHOD /normalised/path"``, where numeric path segments become ``{id}`` and the Shopify API
version becomes ``{v}``.
"""

from __future__ import annotations

import re
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable

from mocks.core.context import ADMIN_PREFIX

_VERSION = re.compile(r"/(\d{4}-\d{2}|unstable)(?=/)")
_NUMERIC = re.compile(r"/\d+(?=/|\.json|$)")
_EMAIL_LIKE = re.compile(r"/[^/]*@[^/]*(?=/|$)")

WsgiApp = Callable[[dict, Callable], Iterable[bytes]]


def endpoint_key(method: str, path: str) -> str:
    """``"GET /admin/api/{v}/customers/{id}.json"`` for ``GET /admin/api/2024-10/customers/42.json``."""
    path = _VERSION.sub("/{v}", path)
    path = _NUMERIC.sub("/{id}", path)
    path = _EMAIL_LIKE.sub("/{id}", path)
    return f"{method.upper()} {path}"


def is_search(key: str) -> bool:
    """HubSpot search endpoints have their own per-second limit."""
    return key.startswith("POST ") and key.endswith("/search")


class CallCounter:
    """WSGI middleware: counts each request outside ``/__admin`` by :func:`endpoint_key`, and the
    time the app took to build each answer (server time, without the network)."""

    def __init__(self, app: WsgiApp) -> None:
        self.app = app
        self._counts: Counter[str] = Counter()
        self._seconds: Counter[str] = Counter()
        self._lock = threading.Lock()

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if path.startswith(ADMIN_PREFIX):
            return self.app(environ, start_response)
        key = endpoint_key(environ.get("REQUEST_METHOD", "GET"), path)
        start = time.perf_counter()
        try:
            return self.app(environ, start_response)
        finally:
            took = time.perf_counter() - start
            with self._lock:
                self._counts[key] += 1
                self._seconds[key] += took

    def counts(self) -> dict[str, int]:
        """A snapshot, most frequent first."""
        with self._lock:
            return dict(self._counts.most_common())

    def seconds(self) -> dict[str, float]:
        """Server seconds per endpoint, most expensive first."""
        with self._lock:
            return {key: round(value, 3) for key, value in self._seconds.most_common()}

    def total(self) -> int:
        with self._lock:
            return sum(self._counts.values())

    def reset(self) -> None:
        with self._lock:
            self._counts.clear()
            self._seconds.clear()


def count_calls(app: object) -> CallCounter:
    """Wrap a Flask app's ``wsgi_app`` in a :class:`CallCounter` and return the counter."""
    counter = CallCounter(app.wsgi_app)  # type: ignore[attr-defined]
    app.wsgi_app = counter  # type: ignore[attr-defined]
    return counter
