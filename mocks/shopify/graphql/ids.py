"""Global ids (``gid://shopify/Customer/123``) and the REST ids inside them."""

from __future__ import annotations

import re

_GID = re.compile(r"^gid://shopify/([A-Za-z]+)/(\d{1,19})(?:\?.*)?$")


def gid(kind: str, record_id: int) -> str:
    return f"gid://shopify/{kind}/{record_id}"


def parse_gid(value: object, kind: str | None = None) -> tuple[str, int] | None:
    """``(kind, id)`` of a well-formed global id (of ``kind`` when given), else ``None``."""
    match = _GID.match(value) if isinstance(value, str) else None
    if match is None or (kind is not None and match.group(1) != kind):
        return None
    return match.group(1), int(match.group(2))


def legacy_id(value: object, kind: str) -> int | None:
    """The REST id inside a global id of ``kind`` (``None`` when it is not one)."""
    parsed = parse_gid(value, kind)
    return parsed[1] if parsed else None
