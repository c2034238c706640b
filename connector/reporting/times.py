"""Parsing and formatting of HubSpot timestamps (pure; the caller supplies every instant)."""

from __future__ import annotations

from datetime import UTC, date, datetime


def parse_time(value: object) -> datetime | None:
    """A HubSpot datetime value as an aware UTC datetime, or None when empty or unreadable.

    HubSpot writes ISO 8601 (``2024-05-01T10:00:00.000Z``); older properties and some exports use
    epoch milliseconds, and date properties a bare ``YYYY-MM-DD`` (midnight UTC).
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    text = str(value).strip()
    if not text:
        return None
    if text.isdigit():
        return datetime.fromtimestamp(int(text) / 1000, UTC)
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def format_time(moment: datetime | None) -> str | None:
    """UTC ISO 8601 with a ``Z`` suffix (seconds precision, milliseconds only when present)."""
    if moment is None:
        return None
    moment = moment.astimezone(UTC)
    if moment.microsecond:
        return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def utc_day(moment: datetime) -> date:
    """The UTC calendar day of an instant."""
    return moment.astimezone(UTC).date()
