"""How deeply a JSON text nests, without parsing it (a parser recurses and a deep enough text makes it
crash). Strings are skipped, so brackets inside them do not count."""

from __future__ import annotations

import re

MAX_DEPTH = 100  # Shopify (Rails' JSON) refuses deeper than 100; HubSpot's parser allows more (docs)
_TOKENS = re.compile(rb'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.DOTALL)


def too_deep(raw: bytes, limit: int = MAX_DEPTH) -> bool:
    """True when ``raw`` opens more than ``limit`` arrays/objects inside each other."""
    if raw.count(b"[") + raw.count(b"{") <= limit:
        return False
    depth = 0
    for match in _TOKENS.finditer(raw):
        token = match.group()
        if token in (b"[", b"{"):
            depth += 1
            if depth > limit:
                return True
        elif token in (b"]", b"}"):
            depth -= 1
    return False
