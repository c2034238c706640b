"""Property values: coerce what a client sends into HubSpot's stored strings, or say why not (pure)."""

from __future__ import annotations

import math
import re
from datetime import UTC, datetime

from mocks.core.clock import format_iso, parse_iso

_NUMBER = re.compile(r"^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$")
# A pragmatic address check (local@domain.tld, no spaces); HubSpot's exact rule is not published.
_EMAIL = re.compile(r"^[^@\s;,]+@[^@\s;,]+\.[^@\s;,.]+$")
# Dates HubSpot stores: epoch-millisecond timestamps between these years (year 1 and 9999 are refused;
# the exact bounds HubSpot uses are unverified).
MIN_YEAR, MAX_YEAR = 1000, 9998


class ValueProblem(Exception):
    """A value a property refuses; ``code`` is HubSpot's error code (INVALID_OPTION ...)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code, self.message = code, message


def to_text(raw: object) -> str | None:
    """A JSON value as HubSpot's string form; ``None`` for null."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        return "true" if raw else "false"
    if isinstance(raw, float) and raw.is_integer() and abs(raw) < 1e15:
        return str(int(raw))
    if isinstance(raw, dict | list):
        raise ValueProblem("INVALID_VALUE", f"{raw!r} is not a valid property value.")
    return str(raw)


def parse_moment(text: str) -> datetime | None:
    """A date/datetime given as epoch milliseconds, ISO 8601 or YYYY-MM-DD; ``None`` if unparsable."""
    text = text.strip()
    if re.fullmatch(r"-?\d+", text):
        try:
            return datetime.fromtimestamp(int(text) / 1000, UTC)
        except (OverflowError, OSError, ValueError):
            return None
    try:
        return parse_iso(text)
    except ValueError:
        return None


def to_number(text: str) -> float | None:
    if not _NUMBER.match(text):
        return None
    value = float(text)
    return value if math.isfinite(value) else None


def normalize(definition: dict, raw: object, options: list[str] | None = None) -> str:
    """The stored string for ``raw`` under ``definition`` ("" clears the value).

    ``options`` overrides the definition's options (pipelines feed dealstage/pipeline this way).
    """
    text = raw if type(raw) is str else to_text(raw)
    if text is None or text == "":
        return ""
    kind = definition.get("type")
    if definition.get("name") == "email":
        address = text.strip()  # decision: surrounding spaces are dropped (unverified), the rest must be an address
        if not _EMAIL.match(address):
            raise ValueProblem("INVALID_EMAIL", f"Email address {text} is invalid")
        return address
    if kind == "number":
        if text != text.strip() or to_number(text) is None:
            raise ValueProblem("INVALID_INTEGER", f"{text} was not a valid number.")
        return text
    if kind == "bool":
        lowered = text.strip().lower()
        if lowered not in ("true", "false"):
            raise ValueProblem("INVALID_BOOLEAN", f"{text} was not a valid boolean.")
        return lowered
    if kind in ("date", "datetime"):
        moment = parse_moment(text)
        if moment is None or not MIN_YEAR <= moment.year <= MAX_YEAR:
            raise ValueProblem("INVALID_DATE", f"{text} was not a valid date.")
        if kind == "date":
            return moment.date().isoformat()
        return format_iso(moment)
    if kind == "enumeration":
        allowed = options if options is not None else [o["value"] for o in definition.get("options", [])]
        parts = text.split(";") if definition.get("fieldType") == "checkbox" else [text]
        for part in parts:
            if part not in allowed:
                raise ValueProblem("INVALID_OPTION",
                                   f"{part} was not one of the allowed options: [{', '.join(allowed)}]")
        return text
    return text
