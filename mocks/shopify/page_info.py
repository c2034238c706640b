"""Shopify's ``page_info``: an opaque cursor good only for the list that issued it, and only as issued.

A cursor is the list position (see :mod:`listing`) in URL-safe base64, a dot, and a truncated
HMAC-SHA256 over the scope and that text. The scope names the shop and the list (``customers.json``,
``customers/7/orders.json`` ...), so a cursor given to another list, another shop, or edited in any byte
no longer checks out and is answered like any invalid ``page_info``.
"""

from __future__ import annotations

import base64
import hashlib
import hmac

from mocks.core.paging import decode_cursor, encode_cursor

MAC_BYTES = 12


def key_for(secret: str) -> bytes:
    """The signing key of an app's cursors, derived from its secret (stable across restarts)."""
    return hashlib.sha256(b"shopify-mock page_info\n" + secret.encode()).digest()


def _mac(key: bytes, scope: str, text: str) -> str:
    digest = hmac.new(key, f"{scope}\n{text}".encode(), hashlib.sha256).digest()[:MAC_BYTES]
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def seal(payload: dict, scope: str, key: bytes) -> str:
    """The cursor for ``payload`` in the list ``scope``."""
    text = encode_cursor(payload)
    return f"{text}.{_mac(key, scope, text)}"


def unseal(cursor: str, scope: str, key: bytes) -> dict | None:
    """The payload of a cursor issued for ``scope``; ``None`` for anything else."""
    text, _, mac = cursor.rpartition(".")
    if not text or not hmac.compare_digest(mac.encode(), _mac(key, scope, text).encode()):
        return None
    return decode_cursor(text)
