"""Compact JSON text for answers made of records, byte for byte what ``json.dumps(value, separators=(",", ":"))``
writes, encoded by orjson when it is installed (about ten times faster on a 100-record batch answer).

The two encoders agree on dicts with text keys, lists, text, integers, booleans and ``None`` as long as the
text is ASCII without DEL: ``json.dumps`` escapes other characters (``\\u00e9``), orjson writes them as
UTF-8. So orjson's text is used only when it is ASCII without DEL; anything orjson would write differently
or not at all (a subclass, a dataclass, a date, a key that is not text, an integer beyond 64 bits) makes it
refuse, and ``json.dumps`` answers. Floats are the one kind both write but differently (``1e+16`` against
``1e16``, ``NaN`` against ``null``): callers pass values without floats (HubSpot's records: every property
value is text).
"""

from __future__ import annotations

import json
from typing import Any

try:
    import orjson
except ImportError:  # optional: json.dumps writes the same text, slower
    orjson = None  # type: ignore[assignment]

_OPTIONS = (orjson.OPT_PASSTHROUGH_SUBCLASS | orjson.OPT_PASSTHROUGH_DATACLASS | orjson.OPT_PASSTHROUGH_DATETIME
            if orjson is not None else 0)


def _refuse(value: object) -> None:
    raise TypeError(f"not encoded by the fast path: {type(value).__name__}")


def dumps_compact(value: Any) -> str:
    """``json.dumps(value, separators=(",", ":"))``; ``value`` holds no floats (see the module's note)."""
    return encode_compact(value).decode("ascii")


def encode_compact(value: Any) -> bytes:
    """:func:`dumps_compact` as the bytes of an answer's body (ASCII: ``json.dumps`` escapes the rest)."""
    if orjson is not None:
        try:
            out = orjson.dumps(value, default=_refuse, option=_OPTIONS)
        except TypeError:  # orjson.JSONEncodeError included
            out = None
        if out is not None and out.isascii() and b"\x7f" not in out:
            return out
    return json.dumps(value, separators=(",", ":"), check_circular=False).encode("ascii")
