"""One client for the Shopify mock's storefront simulation (``/__admin/storefront/<shop>/...``).

Callers keep their own HTTP handling (retries, error types) by passing ``send(method, path, body)``,
where ``path`` is relative to the mock's ``/__admin``; :meth:`Storefront.over_http` gives a plain
``requests`` one. Every method returns the checkout (the REST shape), never the envelope.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import requests

Send = Callable[[str, str, "dict | None"], Any]


class StorefrontError(Exception):
    """A storefront call the mock refused (status and body in the message)."""


class Storefront:
    """A shopper on one shop: a cart reaches checkout, contact and lines change, the shopper pays."""

    def __init__(self, send: Send, shop: str) -> None:
        self.send, self.shop = send, shop

    @classmethod
    def over_http(cls, base_url: str, shop: str, session: requests.Session | None = None,
                  timeout: float = 30.0) -> Storefront:
        """Plain HTTP to the mock at ``base_url``; a non-2xx answer raises :class:`StorefrontError`."""
        client = session or requests.Session()
        admin = base_url.rstrip("/") + "/__admin"

        def send(method: str, path: str, body: dict | None) -> Any:
            response = client.request(method, admin + path, json=body, timeout=timeout)
            if response.status_code >= 300:
                raise StorefrontError(f"{method} {path} answered {response.status_code}: {response.text[:300]}")
            return response.json()
        return cls(send, shop)

    def path(self, token: str | None = None, action: str | None = None) -> str:
        """``/storefront/<shop>/checkouts[/<token>[/<action>]]`` (relative to ``/__admin``)."""
        path = f"/storefront/{self.shop}/checkouts"
        if token is not None:
            path += f"/{token}"
        if action is not None:
            path += f"/{action}"
        return path

    def _checkout(self, answer: Any) -> dict:
        return (answer or {}).get("checkout") or {}

    def start_checkout(self, fields: dict | None = None) -> dict:
        """A cart reaches checkout (``checkouts/create``); ``fields``: line_items, email, phone, addresses…"""
        return self._checkout(self.send("POST", self.path(), dict(fields or {})))

    def checkout(self, token: str) -> dict:
        return self._checkout(self.send("GET", self.path(token), None))

    def update(self, token: str, fields: dict) -> dict:
        """Contact entry, addresses or new lines (``line_items`` replaces the list): ``checkouts/update``."""
        return self._checkout(self.send("PUT", self.path(token), dict(fields)))

    def complete(self, token: str) -> dict:
        """The shopper pays: an order is placed (``orders/create``) and the checkout names its ``order_id``."""
        return self._checkout(self.send("POST", self.path(token, "complete"), {}))
