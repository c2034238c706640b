"""A WSGI app that forwards every request to a ``serve:`` receiver process, unchanged.

The harness subscribes HubSpot's app webhooks once per scenario to its own receiver address; with a
``serve:`` connector that address forwards here, so a restarted receiver needs no new subscription.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import requests

HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "content-encoding"}


class ReceiverProxy:
    """Forward method, path, query, headers and body to ``base``; answer what it answers."""

    def __init__(self, base: str, timeout: float = 60.0) -> None:
        self.base, self.timeout = base.rstrip("/"), timeout

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length) if length else b""
        headers = {key[5:].replace("_", "-").title(): value for key, value in environ.items()
                   if key.startswith("HTTP_") and key[5:].lower().replace("_", "-") not in HOP_BY_HOP}
        if environ.get("CONTENT_TYPE"):
            headers["Content-Type"] = environ["CONTENT_TYPE"]
        url = self.base + environ.get("PATH_INFO", "/")
        if environ.get("QUERY_STRING"):
            url += "?" + environ["QUERY_STRING"]
        try:
            response = requests.request(environ["REQUEST_METHOD"], url, data=body, headers=headers,
                                        timeout=self.timeout)
        except requests.RequestException as error:
            start_response("502 Bad Gateway", [("Content-Type", "text/plain")])
            return [f"the connector's receiver did not answer: {error}".encode()]
        start_response(f"{response.status_code} {response.reason or ''}".strip(),
                       [(k, v) for k, v in response.headers.items() if k.lower() not in HOP_BY_HOP])
        return [response.content]
