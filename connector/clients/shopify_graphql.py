"""Shopify GraphQL Admin API client: one POST per query on the shared retrying HTTP core, cost-aware
pacing from ``extensions.cost.throttleStatus``, THROTTLED answers waited out, ``userErrors`` raised.

Shopify answers GraphQL errors with HTTP 200 and an ``errors`` list; a THROTTLED error means the
query did not run, so it is retried after the bucket has restored enough points (never lost).
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import requests

from connector.clients.auth import shopify_auth
from connector.clients.http import ApiClient, HttpCore, RetryPolicy, TokenSource
from connector.errors import ShopifyError

DEFAULT_VERSION = "2026-10"
MAX_THROTTLED_WAITS = 20  # a THROTTLED query is retried this often (each after the bucket refills)


@dataclass
class CostStatus:
    """The last ``throttleStatus`` Shopify reported, and the last query's requested cost."""

    maximum: float = 2000.0
    available: float = 2000.0
    restore_rate: float = 100.0
    last_requested: float = 0.0

    def wait_for(self, cost: float) -> float:
        """Seconds until ``cost`` points are available (0 if they are now)."""
        missing = cost - self.available
        if missing <= 0 or self.restore_rate <= 0:
            return 0.0
        # one point more than missing: the bucket reports whole points and restores on a float clock, so
        # waiting for exactly the missing points can land a hair short and be THROTTLED
        return (missing + 1.0) / self.restore_rate


def throttle_status(body: Any) -> dict | None:
    """``extensions.cost.throttleStatus`` of an answer, if present."""
    cost = ((body or {}).get("extensions") or {}).get("cost") if isinstance(body, dict) else None
    status = cost.get("throttleStatus") if isinstance(cost, dict) else None
    return status if isinstance(status, dict) else None


def error_codes(body: Any) -> list[str]:
    """The ``extensions.code`` of each top-level GraphQL error."""
    errors = body.get("errors") if isinstance(body, dict) else None
    if not isinstance(errors, list):
        return []
    return [str((e.get("extensions") or {}).get("code", "")) for e in errors if isinstance(e, dict)]


class ShopifyGraphQL(ApiClient):
    """One store's GraphQL Admin API at ``/admin/api/{version}/graphql.json``.

    ``execute`` returns ``data``; GraphQL errors raise ShopifyError naming the operation. Pacing: a
    query whose expected cost (the last requested cost of the same operation, else ``expected_cost``)
    does not fit in the points left waits for the bucket to restore first, so a clean run never sees
    THROTTLED."""

    def __init__(self, base_url: str, token: str = "", *, api_version: str = DEFAULT_VERSION,
                 sleep: Callable[[float], None] = time.sleep, timeout: float = 30,
                 session: requests.Session | None = None, rng: random.Random | None = None,
                 policy: RetryPolicy | None = None, expected_cost: float = 100.0,
                 auth: TokenSource | None = None) -> None:
        self.api_version = api_version
        self.path = f"/admin/api/{api_version}/graphql.json"
        self.http = HttpCore(base_url, {"Accept": "application/json"},
                             error_cls=ShopifyError, sleep=sleep, timeout=timeout, session=session,
                             rng=rng, policy=policy, auth=shopify_auth(token, auth))
        self.cost = CostStatus()
        self.expected_cost = expected_cost
        self._requested: dict[str, float] = {}
        self.throttled = 0

    def execute(self, query: str, variables: dict | None = None, *, operation: str = "query") -> dict:
        """Run one query or mutation; return its ``data``. ``operation`` labels calls and errors."""
        label = f"{self.path} {operation}"
        for _ in range(MAX_THROTTLED_WAITS + 1):
            self.http._wait(self.cost.wait_for(self._requested.get(operation, self.expected_cost)))
            response = self.http.send("POST", self.path, json={"query": query, "variables": variables or {}},
                                      route=label)
            body = response.json()
            self._note_cost(operation, body)
            codes = error_codes(body)
            if "THROTTLED" in codes:
                self.throttled += 1
                self.http.stats.retries["throttled"] += 1
                self.http._wait(max(1.0, self.cost.wait_for(self._requested.get(operation, self.expected_cost))))
                continue
            if codes or body.get("errors"):
                raise ShopifyError("POST", label, response.status_code, _messages(body), body)
            data = body.get("data")
            if not isinstance(data, dict):
                raise ShopifyError("POST", label, response.status_code, "answer has no data object", body)
            return data
        raise ShopifyError("POST", label, 200, f"still THROTTLED after {MAX_THROTTLED_WAITS} waits", None)

    def mutate(self, query: str, variables: dict, field: str) -> dict:
        """Run a mutation and return its payload ``data[field]``; ``userErrors`` raise ShopifyError."""
        payload = self.execute(query, variables, operation=field).get(field) or {}
        errors = payload.get("userErrors") or []
        if errors:
            detail = "; ".join(f"{'.'.join(map(str, e.get('field') or []))}: {e.get('message')}"
                               f" ({e.get('code')})" for e in errors)
            raise ShopifyError("POST", f"{self.path} {field}", 200, detail, payload)
        return payload

    def _note_cost(self, operation: str, body: Any) -> None:
        status = throttle_status(body)
        if status:
            self.cost.maximum = float(status.get("maximumAvailable", self.cost.maximum))
            self.cost.available = float(status.get("currentlyAvailable", self.cost.available))
            self.cost.restore_rate = float(status.get("restoreRate", self.cost.restore_rate))
        cost = ((body.get("extensions") or {}).get("cost") or {}) if isinstance(body, dict) else {}
        requested = cost.get("requestedQueryCost")
        if isinstance(requested, (int, float)):
            self._requested[operation] = float(requested)
            self.cost.last_requested = float(requested)


def _messages(body: Any) -> str:
    errors = body.get("errors") if isinstance(body, dict) else None
    if isinstance(errors, list):
        return "; ".join(str(e.get("message", e)) if isinstance(e, dict) else str(e) for e in errors)[:500]
    return str(errors)[:500]
