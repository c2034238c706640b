"""A connector's webhook receiver address that exists before the connector does.

The receiver's URL must be known to configure the connector (its webhook subscriptions point
there), while the WSGI app comes from the connector; and a restarted connector brings a new app.
:class:`SwappableApp` is served once and answers 503 until (and between) connectors set ``app``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class SwappableApp:
    """A WSGI app that forwards to ``self.app``; 503 with ``message`` while it is ``None``."""

    def __init__(self, message: str = "no connector is running") -> None:
        self.app: Callable | None = None
        self.message = message

    def __call__(self, environ: dict, start_response: Callable) -> Any:
        app = self.app
        if app is None:
            start_response("503 Service Unavailable", [("Content-Type", "text/plain")])
            return [self.message.encode()]
        return app(environ, start_response)
