"""Who may call ``/__admin``: the machine itself, not a web page and not a stranger's Host.

The admin surface resets stores, sets the clock and injects faults, with no credential (WireMock's
convention). So it refuses, with 403 and a JSON reason:

- a ``Host`` that is not a loopback name or address (``localhost``, ``*.localhost``, ``127.0.0.0/8``,
  ``::1``), the address the server is bound to, or one of the configured hosts (``admin_hosts`` /
  ``SHOPHUB_ADMIN_HOSTS``, comma-separated): DNS rebinding reaches a local server under a foreign name;
- a browser's cross-site request: an ``Origin`` whose host is not the request's ``Host``, or
  ``Sec-Fetch-Site`` other than ``same-origin``/``none``;
- a write (POST, PUT, PATCH, DELETE) with a body that is not ``application/json`` (415): a cross-site
  "simple" request can only send text/plain, form or multipart bodies. A write with no body is allowed.
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Iterable
from urllib.parse import urlsplit

from flask import Request

ENV_HOSTS = "SHOPHUB_ADMIN_HOSTS"
WRITES = ("POST", "PUT", "PATCH", "DELETE")


def configured_hosts(extra: Iterable[str] = ()) -> frozenset[str]:
    """Hosts allowed besides loopback: ``extra`` plus ``SHOPHUB_ADMIN_HOSTS``."""
    names = [*extra, *os.environ.get(ENV_HOSTS, "").split(",")]
    return frozenset(n.strip().lower() for n in names if n.strip())


def host_name(host: str) -> str:
    """``Host`` without its port, lower case; ``[::1]:80`` -> ``::1``."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1:host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def is_loopback(name: str) -> bool:
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def refusal(request: Request, allowed: frozenset[str]) -> tuple[int, str] | None:
    """(status, reason) when the admin surface must refuse ``request``; None when it may serve it."""
    name = host_name(request.host or "")
    bound = host_name(str(request.environ.get("SERVER_NAME") or ""))
    if not (is_loopback(name) or name in allowed or (name == bound and bound not in ("0.0.0.0", "::", ""))):
        return 403, f"the admin surface answers loopback hosts only (or {ENV_HOSTS}); not this Host"
    site = request.headers.get("Sec-Fetch-Site")
    if site is not None and site.lower() not in ("same-origin", "none"):
        return 403, "cross-site requests to the admin surface are refused"
    origin = request.headers.get("Origin")
    if origin is not None:
        parts = urlsplit(origin)
        if origin == "null" or parts.netloc.lower() != (request.host or "").lower():
            return 403, "cross-origin requests to the admin surface are refused"
    if request.method in WRITES and (request.content_length or request.headers.get("Transfer-Encoding")):
        kind = (request.mimetype or "").lower()
        if kind != "application/json" and not (kind.startswith("application/") and kind.endswith("+json")):
            return 415, "admin writes take an application/json body"
    return None
