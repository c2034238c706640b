"""Credentials never leave a mock in clear: the journal, ``/__admin/state`` and logs show them redacted.

What counts as a credential: the ``Authorization`` and ``X-Shopify-Access-Token`` headers (and other
auth headers), and query or body fields named like a secret (``hapikey``, ``access_token``,
``client_secret``, ``refresh_token``, ``code``, ``password`` ...), in JSON and form bodies. A redacted
value keeps its last four characters, so two tokens can still be told apart in a journal."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qsl, urlencode

SECRET_HEADERS = frozenset({"authorization", "x-shopify-access-token", "proxy-authorization", "cookie",
                            "set-cookie", "x-api-key", "x-hubspot-developer-api-key"})
SECRET_FIELDS = frozenset({"hapikey", "access_token", "accesstoken", "client_secret", "clientsecret",
                           "refresh_token", "refreshtoken", "password", "api_key", "apikey",
                           "developer_api_key", "secret", "api_secret", "private_key"})
_SECRET_BYTES = tuple(field.encode() for field in SECRET_FIELDS)
# Every secret field name contains one of these: a body holding none of them (four scans instead of
# fourteen, most request bodies) has no secret field, and is kept as sent.
SECRET_STEMS = (b"key", b"token", b"secret", b"password")
# Each stem with one of its letters that is rare in API bodies: a body without that letter (one memchr)
# cannot hold the stem, so the stem's substring scan is skipped.
_STEM_GATES = ((b"k", b"key"), (b"k", b"token"), (b"c", b"secret"), (b"w", b"password"))


def _holds_a_stem(lowered: bytes) -> bool:
    """``any(stem in lowered for stem in SECRET_STEMS)``, each scan after its letter's."""
    return any(letter in lowered and stem in lowered for letter, stem in _STEM_GATES)
# only in a query string: in bodies these names are data (a checkout's token, a discount code)
QUERY_ONLY_FIELDS = frozenset({"code", "token"})


def mask(value: str | None) -> str | None:
    """``None`` stays None; anything else becomes ``[redacted …abcd]`` (the last 4 characters kept
    only when the value is long enough that they reveal little)."""
    if value is None:
        return None
    tail = value[-4:] if len(value) >= 16 else ""
    return f"[redacted …{tail}]" if tail else "[redacted]"


def is_secret_field(name: str, in_query: bool = False) -> bool:
    key = name.lower().replace("-", "_")
    return key in SECRET_FIELDS or (in_query and key in QUERY_ONLY_FIELDS)


def headers(items: dict[str, str]) -> dict[str, str]:
    return {k: (mask(v) or "") if k.lower() in SECRET_HEADERS else v for k, v in items.items()}


def query(text: str) -> str:
    """A query string with secret parameters masked (the others unchanged, in order)."""
    pairs = parse_qsl(text, keep_blank_values=True) if text else []
    if not any(is_secret_field(k, in_query=True) for k, _ in pairs):
        return text
    pairs = [(k, mask(v) or "" if is_secret_field(k, in_query=True) else v) for k, v in pairs]
    return urlencode(pairs)


def _walk(value: Any, depth: int = 0) -> Any:
    if depth > 64:
        return value
    if isinstance(value, dict):
        return {k: (mask(v) if isinstance(v, str) else "[redacted]") if isinstance(k, str) and is_secret_field(k)
                else _walk(v, depth + 1) for k, v in value.items()}
    if isinstance(value, list):
        return [_walk(v, depth + 1) for v in value]
    return value


def body(raw: bytes, content_type: str | None) -> bytes:
    """The body with secret fields masked, when it is JSON or a form; other bodies unchanged."""
    kind = (content_type or "").split(";")[0].strip().lower()
    if kind == "application/x-www-form-urlencoded":
        return query(raw.decode("latin-1")).encode("latin-1")
    stripped = raw.lstrip()[:1]
    if kind.endswith("json") or stripped in (b"{", b"["):
        lowered = raw.lower()
        if not _holds_a_stem(lowered) or not any(field in lowered for field in _SECRET_BYTES):
            return raw
        try:
            parsed = json.loads(raw)
        except (ValueError, RecursionError):
            return raw
        return json.dumps(_walk(parsed), separators=(",", ":")).encode()
    return raw
