"""Webhook verification (Shopify HMAC, HubSpot v3 signature) and the receiver Flask app."""

from __future__ import annotations

import base64
import hashlib
import hmac
from datetime import datetime
from typing import TYPE_CHECKING
from urllib.parse import unquote

from flask import Flask, Response, abort, jsonify, request
from werkzeug.exceptions import HTTPException

if TYPE_CHECKING:
    from connector.sync import Connector

MAX_AGE_MS = 300_000  # HubSpot: reject signatures older than 5 minutes
MAX_AHEAD_MS = 60_000  # ... and stamped more than a minute in the future (clock skew allowance)
MAX_BODY = 2 * 1024 * 1024  # bytes: a webhook body beyond this is refused (413) before it is read
_DECODE = ("%3A", "%2F", "%3F", "%40", "%21", "%24", "%27", "%28", "%29", "%2A", "%2C", "%3B")


def shopify_hmac(secret: str, body: bytes) -> str:
    """base64(HMAC-SHA256(secret, raw body)), as Shopify sends in X-Shopify-Hmac-Sha256."""
    return base64.b64encode(hmac.new(secret.encode(), body, hashlib.sha256).digest()).decode()


def _same(expected: str, given: str) -> bool:
    """Constant-time comparison of bytes: a header with non-ASCII characters is just a mismatch."""
    return hmac.compare_digest(expected.encode(), given.encode("utf-8", "surrogateescape"))


def verify_shopify(secret: str, body: bytes, header: str | None) -> bool:
    return bool(secret) and bool(header) and _same(shopify_hmac(secret, body), header or "")


def _decode_uri(uri: str) -> str:
    for code in _DECODE:
        uri = uri.replace(code, unquote(code)).replace(code.lower(), unquote(code))
    return uri


def hubspot_signature(secret: str, method: str, uri: str, body: bytes, timestamp: str) -> str:
    """X-HubSpot-Signature-v3: base64(HMAC-SHA256(secret, method + uri + body + timestamp))."""
    message = method.encode() + _decode_uri(uri).encode() + body + timestamp.encode()
    return base64.b64encode(hmac.new(secret.encode(), message, hashlib.sha256).digest()).decode()


def verify_hubspot(secret: str, method: str, uri: str, body: bytes, signature: str | None,
                   timestamp: str | None, now: datetime) -> bool:
    """Valid signature, not older than 5 minutes and not more than a minute ahead (by the injected clock)."""
    if not (secret and signature and timestamp):
        return False
    if not (timestamp.isascii() and timestamp.isdigit() and len(timestamp) <= 16):
        return False
    age = now.timestamp() * 1000 - int(timestamp)
    if age >= MAX_AGE_MS or age < -MAX_AHEAD_MS:
        return False
    return _same(hubspot_signature(secret, method, uri, body, timestamp), signature)


def _text(text: str, status: int) -> Response:
    """Answers are plain text that never echoes the request (no reflected markup)."""
    response = Response(text, status=status, mimetype="text/plain")
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def receiver_app(connector: Connector, max_body: int = MAX_BODY) -> Flask:
    """POST /webhooks/shopify/<store_id> and POST /webhooks/hubspot, handed to the connector.

    Bodies larger than ``max_body`` get 413 before they are read (Content-Length, or while a chunked
    body streams in), so an unsigned flood costs no memory and no HMAC work."""
    app = Flask("connector-webhooks")

    def body() -> bytes:
        """At most ``max_body`` bytes, whether the length is declared or the body is chunked."""
        if request.content_length is not None and request.content_length > max_body:
            abort(413)
        data = request.stream.read(max_body + 1)
        if len(data) > max_body:
            abort(413)
        return data

    @app.post("/webhooks/shopify/<store_id>")
    def shopify(store_id: str) -> Response:
        status, text = connector.handle_shopify_webhook(store_id, dict(request.headers), body())
        return _text(text, status)

    @app.post("/webhooks/hubspot")
    def hubspot() -> Response:
        status, text = connector.handle_hubspot_webhook(dict(request.headers), body(), request.url)
        return _text(text, status)

    @app.get("/health")
    def health() -> Response:
        return jsonify({"ok": True})

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> Response:
        texts = {413: f"payload too large (limit {max_body} bytes)", 404: "not found",
                 405: "method not allowed"}
        return _text(texts.get(error.code or 400, "bad request"), error.code or 400)

    return app
