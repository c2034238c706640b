"""Checks of command-line and configuration values: each returns the clean value or raises ConfigError
with one line naming the flag and the problem (the CLIs print it and exit 2, never a traceback)."""

from __future__ import annotations

import math
import re
import socket
from datetime import UTC, datetime
from urllib.parse import urlsplit

from connector.clock import parse_iso
from connector.errors import ConfigError

# what an HTTP header value may carry: visible ASCII, no spaces, CR, LF or other controls
_TOKEN = re.compile(r"[\x21-\x7e]+")
EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
LATEST = datetime(9000, 1, 1, tzinfo=UTC)  # far from the end of datetime's range (overlaps, timers)
MIN_INTERVAL = 1.0
MAX_INTERVAL = 7 * 86400.0


def _show(value: object, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "...'"


def check_url(flag: str, value: str) -> str:
    """An absolute http(s) URL with a host and a valid port; returned without a trailing slash."""
    if any(c.isspace() or ord(c) < 0x20 or ord(c) == 0x7F for c in value):
        raise ConfigError(f"{flag} must be a URL without spaces or control characters: {_show(value)}")
    try:
        parts = urlsplit(value)
        port = parts.port  # raises ValueError for a port that is not a number in 0..65535
    except ValueError as exc:
        raise ConfigError(f"{flag} is not a valid URL ({exc}): {_show(value)}") from None
    if parts.scheme not in ("http", "https"):
        raise ConfigError(f"{flag} must start with http:// or https://: {_show(value)}")
    if not parts.hostname:
        raise ConfigError(f"{flag} has no host: {_show(value)}")
    if port == 0:
        raise ConfigError(f"{flag} has port 0: {_show(value)}")
    if parts.query or parts.fragment:
        raise ConfigError(f"{flag} must not have a query or fragment: {_show(value)}")
    return value.rstrip("/")


def check_token(flag: str, value: str) -> str:
    """A credential sent in an HTTP header: printable ASCII without spaces (no CR/LF, no non-Latin-1)."""
    if not _TOKEN.fullmatch(value):
        raise ConfigError(f"{flag} must be printable ASCII without spaces or line breaks "
                          f"(got {len(value)} characters; the value is not shown)")
    return value


def check_store_id(flag: str, value: str) -> str:
    """A store id is used in URLs and keys: letters, digits, '.', '_', '-' (1-100 characters)."""
    if not re.fullmatch(r"[A-Za-z0-9._-]{1,100}", value):
        raise ConfigError(f"{flag} must be 1-100 letters, digits, '.', '_' or '-': {_show(value)}")
    return value


def check_now(flag: str, value: str) -> datetime:
    """An ISO 8601 instant between 1970 and 9000 (the clock runs arithmetic on it)."""
    try:
        moment = parse_iso(value)
    except (ValueError, OverflowError):
        raise ConfigError(f"{flag} must be an ISO 8601 time such as 2024-01-15T12:00:00Z: {_show(value)}") from None
    try:
        in_range = EARLIEST <= moment < LATEST
    except (ValueError, OverflowError):  # an offset that moves it out of datetime's range
        in_range = False
    if not in_range:
        raise ConfigError(f"{flag} must be between 1970 and 9000: {_show(value)}")
    return moment


def check_port(flag: str, value: int) -> int:
    """A TCP port to listen on: 0 (any free one) to 65535."""
    if not 0 <= value <= 65535:
        raise ConfigError(f"{flag} must be a port from 0 to 65535, not {value}")
    return value


def check_bind(flag: str, host: str, port: int) -> None:
    """The address can be listened on (the host resolves, the port is free): checked with a socket
    before the server starts, so a bad ``--host`` is one ConfigError line, not the server's own exit."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind(address)
    except (OSError, OverflowError, UnicodeError, ValueError) as exc:
        raise ConfigError(f"{flag} {host}:{port} cannot be listened on: {exc}") from None


def check_interval(flag: str, value: float) -> float:
    """Seconds between passes: finite, at least one second, at most a week (no busy loop)."""
    if not math.isfinite(value) or not MIN_INTERVAL <= value <= MAX_INTERVAL:
        raise ConfigError(f"{flag} must be a number of seconds from {MIN_INTERVAL:g} to {MAX_INTERVAL:g}, "
                          f"not {value}")
    return value
