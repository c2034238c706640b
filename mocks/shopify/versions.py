"""The Admin API versions the mock serves (as of December 2026) and how a requested version resolves.

Shopify serves each quarterly stable version for at least twelve months, the next quarter's release
candidate, and ``unstable``. A request naming any other well-formed quarterly version (retired, or not
released) is not refused: Shopify "falls forward" and answers with the oldest supported stable version,
naming the version that answered in ``X-Shopify-API-Version``. A string that is not a version at all
(``2024-13``, ``latest``, ``v1``) matches no route: 404 Not Found.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

STABLE = ("2026-01", "2026-04", "2026-07", "2026-10")
RELEASE_CANDIDATE = "2027-01"
UNSTABLE = "unstable"
SUPPORTED = (*STABLE, RELEASE_CANDIDATE, UNSTABLE)
OLDEST = STABLE[0]
LATEST = STABLE[-1]

# REST resources deprecated on every supported version, with the changelog URL Shopify points at.
# Products and variants: deprecated since 2024-04 in favour of the GraphQL product model; REST still
# answers (also on 2025-10 and later) but will not return or write more than 100 variants.
NEW_PRODUCT_MODEL = "https://shopify.dev/docs/api/admin/migrate/new-product-model"
DEPRECATED_REST = {"products": NEW_PRODUCT_MODEL, "variants": NEW_PRODUCT_MODEL}
REST_VARIANT_LIMIT = 100

_QUARTERLY = re.compile(r"^(\d{4})-(01|04|07|10)$")


def is_version(text: str) -> bool:
    """A well-formed version name: ``YYYY-01|04|07|10`` or ``unstable``."""
    return text == UNSTABLE or bool(_QUARTERLY.match(text))


def resolve(requested: str) -> str | None:
    """The version that answers a request for ``requested``; ``None`` when it is no version (404)."""
    if requested in SUPPORTED:
        return requested
    if not is_version(requested):
        return None
    return OLDEST


def deprecation_reason(resource: str) -> str | None:
    """The ``X-Shopify-API-Deprecated-Reason`` value for a REST path's first segment, if deprecated."""
    return DEPRECATED_REST.get(resource.removesuffix(".json"))


def unversioned_to_oldest(app: Callable[..., Iterable[bytes]]) -> Callable[..., Iterable[bytes]]:
    """WSGI middleware: an Admin API path without a version (``/admin/shop.json``) is served by the oldest
    supported version, as on Shopify (``/admin/api/...`` and ``/admin/oauth/...`` pass unchanged)."""
    def middleware(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if path.startswith("/admin/") and not path.startswith(("/admin/api/", "/admin/oauth/")) and path != "/admin/":
            environ = {**environ, "PATH_INFO": f"/admin/api/{OLDEST}/{path[len('/admin/'):]}"}
        return app(environ, start_response)
    return middleware
