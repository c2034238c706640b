"""The checks every real API request passes before its handler, in Shopify's order:
version (404 when malformed; an unsupported one falls forward), format (406), token (401, also when
expired), rate limit (429), scope (403), content type (415).

The version check covers every ``/admin/api/<version>/...`` path (REST and ``graphql.json``): handlers
read the version that answers from ``flask.g.shopify_api_version`` (``g.requested_api_version`` is what
the URL named), and every response names it in ``X-Shopify-API-Version``."""

from __future__ import annotations

import math
import re
import uuid

from flask import Response, g, request

from mocks.core.limiter import LeakyBucket
from mocks.shopify.errors import THROTTLED, UNAUTHORIZED, ShopifyError, forbidden, not_found
from mocks.shopify.store import Store
from mocks.shopify.versions import OLDEST, deprecation_reason, resolve

API_PATH = re.compile(r"^/admin/api/([^/]+)/(.*)$")
SCOPED = {"customers": "customers", "products": "products", "orders": "orders", "checkouts": "checkouts",
          "script_tags": "script_tags"}
TOKEN_HEADER = "X-Shopify-Access-Token"


OAUTH_PREFIX = "/admin/oauth/"


def retry_after(wait: float) -> str:
    """``Retry-After`` as Shopify's REST API writes it: whole seconds with one decimal (``2.0``), rounded
    up so a client that waits that long finds room in the bucket, and never below one second."""
    return f"{max(1, math.ceil(wait - 1e-9)):.1f}"


def is_api_path(path: str) -> bool:
    """Paths the gate guards: the Admin API under ``/admin/`` except the OAuth token endpoint."""
    return path.startswith("/admin/") and not path.startswith(OAUTH_PREFIX)


def scope_for(rest: str, method: str) -> str | None:
    """``read_x`` for GET and ``write_x`` otherwise, by the first path segment; ``None``: no scope needed."""
    resource = rest.split("/", 1)[0].removesuffix(".json")
    name = SCOPED.get(resource)
    if name is None:
        return None
    return ("read_" if method in ("GET", "HEAD") else "write_") + name


class Gate:
    """Runs the checks; keeps the limiter so every response can report the bucket."""

    def __init__(self, store: Store, limiter: LeakyBucket | None) -> None:
        self.store, self.limiter = store, limiter

    def check(self) -> None:
        g.request_id = f"{uuid.uuid4()}"
        match = API_PATH.match(request.path)
        version = resolve(match.group(1)) if match else None
        if match is None or version is None:
            raise not_found()
        g.requested_api_version, rest = match.group(1), match.group(2)
        g.shopify_api_version = g.api_version = version
        g.deprecated_reason = deprecation_reason(rest.split("/", 1)[0])
        last = rest.rsplit("/", 1)[-1]
        if "." in last and not last.endswith(".json"):
            raise ShopifyError(406, "Not Acceptable")
        token = request.headers.get(TOKEN_HEADER)
        grant = self.store.grant(token)
        if grant is None or grant.expired(self.store.clock.now()):
            raise ShopifyError(401, UNAUTHORIZED, {"WWW-Authenticate": 'Basic Realm="Shopify API Authentication"'})
        g.grant, g.shop, g.bucket_key = grant, self.store.shop(grant.shop), f"{grant.shop}:{grant.token}"
        graphql = rest == "graphql.json"  # GraphQL has its own cost bucket (mocks/shopify/graphql/throttle.py)
        if self.limiter is not None and not graphql:
            decision = self.limiter.hit(g.bucket_key)
            if not decision.allowed:
                raise ShopifyError(429, THROTTLED, {"Retry-After": retry_after(decision.retry_after)})
        scope = scope_for(rest, request.method)
        if scope is not None and not grant.allows(scope):
            raise forbidden(scope)
        if request.method in ("POST", "PUT", "PATCH"):
            has_body = bool(request.get_data(cache=True).strip())
            accepted = ("application/json", "", "application/graphql") if graphql else ("application/json", "")
            if request.mimetype not in accepted or (has_body and request.mimetype == ""):
                raise ShopifyError(415, "Unsupported Media Type")

    def decorate(self, response: Response) -> Response:
        """Shopify's headers on every real API response, errors included."""
        response.headers.setdefault("X-Shopify-API-Version", g.get("shopify_api_version") or OLDEST)
        if g.get("deprecated_reason"):
            response.headers.setdefault("X-Shopify-API-Deprecated-Reason", g.deprecated_reason)
        if request.path.endswith("/graphql.json"):  # GraphQL reports its cost in the body instead
            response.headers.setdefault("X-Request-Id", g.get("request_id") or str(uuid.uuid4()))
            if response.mimetype == "application/json":
                response.headers["Content-Type"] = "application/json; charset=utf-8"
            return response
        key = g.get("bucket_key")
        capacity = self.limiter.capacity if self.limiter else 40
        used = self.limiter.peek(key) if (self.limiter and key) else 0
        response.headers.setdefault("X-Shopify-Shop-Api-Call-Limit", f"{min(used, capacity)}/{capacity}")
        response.headers.setdefault("X-Request-Id", g.get("request_id") or str(uuid.uuid4()))
        if response.mimetype == "application/json":
            response.headers["Content-Type"] = "application/json; charset=utf-8"
        return response
