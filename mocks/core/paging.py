"""Cursor paging by key: a page starts after the last key seen, so records added meanwhile never
shift a page and every record present from start to end is returned exactly once.

Cursors are opaque URL-safe base64 of a small JSON object (Shopify's ``page_info`` embeds the
original filters the same way); a cursor that does not decode is reported as ``None``.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")


def encode_cursor(payload: dict[str, Any]) -> str:
    raw = json.dumps(payload, separators=(",", ":"), sort_keys=True).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> dict[str, Any] | None:
    if not cursor or len(cursor) > 4096:
        return None
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        value = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (binascii.Error, ValueError, UnicodeDecodeError, RecursionError):
        return None
    return value if isinstance(value, dict) else None


def page_after(items: Sequence[T], key: Callable[[T], Any], after: Any, limit: int,
               reverse: bool = False) -> tuple[list[T], bool]:
    """Return up to ``limit`` items whose key is beyond ``after`` (in sort order) and whether more exist.

    ``items`` must already be sorted by ``key`` (descending when ``reverse``).
    """
    if after is None:
        start = 0
    else:
        start = len(items)
        for index, item in enumerate(items):
            k = key(item)
            if (k < after) if reverse else (k > after):
                start = index
                break
    page = list(items[start:start + limit])
    return page, start + limit < len(items)
