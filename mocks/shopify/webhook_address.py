"""Where a webhook may be delivered: Shopify's address rule, as a pure function every API shares.

Shopify delivers only over HTTPS and refuses a plain ``http://`` address with ``protocol http:// is not
supported`` (REST: ``{"errors": {"address": ["protocol http:// is not supported"]}}``; GraphQL's user error
reads ``Address protocol http:// is not supported``). The mock keeps one exception so receivers on the
test machine keep working: ``http://`` to a loopback host (``localhost``, ``127.0.0.0/8``, ``::1``).
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

HTTP_REFUSED = "protocol http:// is not supported"
INVALID = "is invalid"
BLANK = "can't be blank"


def is_loopback(host: str) -> bool:
    """``localhost`` (and its subdomains), any ``127.x.y.z`` or ``::1``."""
    name = host.strip("[]").lower().rstrip(".")
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def address_errors(address: str | None) -> list[str]:
    """The messages Shopify gives for a webhook address (REST wording, without the attribute name);
    empty when the address is accepted."""
    if not address or not address.strip():
        return [BLANK]
    try:
        parts = urlsplit(address)
        host = parts.hostname or ""
        parts.port  # noqa: B018 - a port that is not a number raises here
    except ValueError:
        return [INVALID]
    if parts.scheme not in ("http", "https") or not host:
        return [INVALID]
    if parts.scheme == "http" and not is_loopback(host):
        return [HTTP_REFUSED]
    return []
