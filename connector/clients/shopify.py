"""Shopify Admin REST client: cursor paging over ``Link`` rel=next, pacing on the call-limit header."""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import parse_qs, urlparse

import requests

from connector.clients.auth import shopify_auth
from connector.clients.http import ApiClient, HttpCore, RetryPolicy, TokenSource
from connector.errors import ShopifyError

PAGE_SIZE = 250
CALL_LIMIT_HEADER = "X-Shopify-Shop-Api-Call-Limit"


def shopify_pacer(threshold: float = 0.8, leak_per_second: float = 2.0) -> Callable[[requests.Response], float]:
    """Slow down before the leaky bucket fills: above ``threshold`` of it, wait for it to drain back."""

    def pace(response: requests.Response) -> float:
        used, size = parse_call_limit(response.headers.get(CALL_LIMIT_HEADER))
        if size <= 0 or used < size * threshold:
            return 0.0
        return (used - size * threshold + 1) / leak_per_second

    return pace


def parse_call_limit(value: str | None) -> tuple[int, int]:
    """``"32/40"`` -> (32, 40); anything else -> (0, 0)."""
    try:
        used, size = (value or "").split("/")
        return int(used), int(size)
    except ValueError:
        return 0, 0


def next_link(header: str | None) -> str | None:
    """The URL of ``rel="next"`` in a Link header, if any."""
    for part in (header or "").split(","):
        pieces = [p.strip() for p in part.split(";")]
        if len(pieces) >= 2 and pieces[0].startswith("<") and any(p == 'rel="next"' for p in pieces[1:]):
            return pieces[0][1:-1]
    return None


class ShopifyClient(ApiClient):
    """One store's Admin API. ``calls`` counts HTTP calls (retries included)."""

    def __init__(self, base_url: str, token: str = "", *, api_version: str = "2024-10",
                 sleep: Callable[[float], None] = time.sleep, timeout: float = 30,
                 session: requests.Session | None = None, rng: random.Random | None = None,
                 policy: RetryPolicy | None = None, auth: TokenSource | None = None) -> None:
        self.prefix = f"/admin/api/{api_version}"
        self.http = HttpCore(base_url, {"Accept": "application/json"},
                             error_cls=ShopifyError, sleep=sleep, timeout=timeout, session=session,
                             rng=rng, policy=policy, pacer=shopify_pacer(), auth=shopify_auth(token, auth))

    def request(self, method: str, resource: str, *, params: Any = None, json: Any = None) -> requests.Response:
        """``resource`` like ``customers`` or ``script_tags/12`` (``.json`` is added)."""
        path = f"{self.prefix}/{resource}.json"
        return self.http.send(method, path, params=params, json=json)

    def get(self, resource: str, params: Any = None) -> dict:
        return self.request("GET", resource, params=params).json()

    def paginate(self, resource: str, params: dict | None = None) -> Iterator[dict]:
        """Every record of a list endpoint, page by page (250 a page). Later pages send only
        ``limit`` and ``page_info``, as Shopify requires."""
        for page in self.pages(resource, params):
            yield from page

    def pages(self, resource: str, params: dict | None = None) -> Iterator[list[dict]]:
        """The list endpoint's pages (lists of records), streamed."""
        root = resource.split("/")[-1]
        query: dict[str, Any] = {**(params or {}), "limit": PAGE_SIZE}
        while True:
            response = self.request("GET", resource, params=query)
            yield self.records(response, root)
            link = next_link(response.headers.get("Link"))
            if not link:
                return
            cursor = parse_qs(urlparse(link).query)
            if "page_info" not in cursor:
                return
            query = {"limit": cursor.get("limit", [PAGE_SIZE])[0], "page_info": cursor["page_info"][0]}
