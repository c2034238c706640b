"""Read HubSpot and drive Shopify through their public APIs, in a test's own words.

Nothing here uses ``/__admin``: what a test finds this way, it would find on a real portal.
A finder that finds nothing (or too much) says which search it ran.
"""

from __future__ import annotations

from typing import Any

import requests


class NotFound(AssertionError):
    """A lookup that did not find exactly what was asked for; the message holds the search."""


class HubSpot:
    """HubSpot CRM v3/v4 with a private-app token: search, read, associations."""

    def __init__(self, base_url: str, token: str, session: requests.Session | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self.session = session or requests.Session()
        self.session.headers["Authorization"] = f"Bearer {token}"

    def call(self, method: str, path: str, body: Any = None, params: dict | None = None) -> Any:
        response = self.session.request(method, self.base_url + path, json=body, params=params, timeout=30)
        if response.status_code >= 300:
            raise AssertionError(f"HubSpot {method} {path}: {response.status_code} {response.text[:500]}")
        return response.json() if response.content else {}

    def find(self, object_type: str, *properties: str, **equals: Any) -> list[dict]:
        """Records whose properties equal ``equals`` (``find("contacts", email="ada@example.com")``),
        with ``properties`` (and the filtered ones) returned; every page."""
        filters = [{"propertyName": k, "operator": "EQ", "value": str(v)} for k, v in equals.items()]
        body: dict[str, Any] = {"filterGroups": [{"filters": filters}] if filters else [],
                                "properties": sorted({*properties, *equals}), "limit": 100}
        found: list[dict] = []
        while True:
            page = self.call("POST", f"/crm/v3/objects/{object_type}/search", body)
            found.extend(page.get("results", []))
            after = page.get("paging", {}).get("next", {}).get("after")
            if not after:
                return found
            body["after"] = after

    def one(self, object_type: str, *properties: str, **equals: Any) -> dict:
        """The one record that matches; :class:`NotFound` (with the search) for none or several."""
        found = self.find(object_type, *properties, **equals)
        if len(found) != 1:
            search = ", ".join(f"{k} = {v!r}" for k, v in equals.items()) or "everything"
            ids = ", ".join(r["id"] for r in found[:10])
            raise NotFound(f"expected one {object_type} where {search}; {len(found)} found"
                           + (f" (ids {ids})" if ids else "") + f" [POST /crm/v3/objects/{object_type}/search]")
        return found[0]

    def get(self, object_type: str, record_id: str | int, *properties: str) -> dict:
        params = {"properties": ",".join(properties)} if properties else None
        return self.call("GET", f"/crm/v3/objects/{object_type}/{record_id}", params=params)

    def associated(self, from_type: str, record_id: str | int, to_type: str) -> list[str]:
        """Ids of the ``to_type`` records associated with one record (v4 associations)."""
        page = self.call("GET", f"/crm/v4/objects/{from_type}/{record_id}/associations/{to_type}")
        return [str(r["toObjectId"]) for r in page.get("results", [])]

    def contacts(self, *properties: str, **equals: Any) -> list[dict]:
        return self.find("contacts", *properties, **equals)

    def deals(self, *properties: str, **equals: Any) -> list[dict]:
        return self.find("deals", *properties, **equals)

    def close(self) -> None:
        self.session.close()


def singular(resource: str) -> str:
    """The JSON root key of one record of a REST resource (``customers`` -> ``customer``)."""
    return resource[:-1] if resource.endswith("s") else resource


class Shopify:
    """Shopify Admin REST with an access token: create, read, update, delete by resource name."""

    def __init__(self, base_url: str, token: str, api_version: str = "2026-10",
                 session: requests.Session | None = None) -> None:
        self.api = f"{base_url.rstrip('/')}/admin/api/{api_version}"
        self.session = session or requests.Session()
        self.session.headers["X-Shopify-Access-Token"] = token

    def call(self, method: str, path: str, body: Any = None, params: dict | None = None) -> Any:
        """``path`` without ``.json`` (``customers/42``)."""
        response = self.session.request(method, f"{self.api}/{path}.json", json=body, params=params, timeout=30)
        if response.status_code >= 300:
            raise AssertionError(f"Shopify {method} {path}: {response.status_code} {response.text[:500]}")
        return response.json() if response.content else {}

    def create(self, resource: str, **fields: Any) -> dict:
        """``create("customers", email="ada@example.com")``: the record as Shopify answered it."""
        key = singular(resource)
        return self.call("POST", resource, {key: fields})[key]

    def update(self, resource: str, record_id: int, **fields: Any) -> dict:
        key = singular(resource)
        return self.call("PUT", f"{resource}/{record_id}", {key: {"id": record_id, **fields}})[key]

    def delete(self, resource: str, record_id: int) -> None:
        self.call("DELETE", f"{resource}/{record_id}")

    def get(self, resource: str, record_id: int) -> dict:
        return self.call("GET", f"{resource}/{record_id}")[singular(resource)]

    def find(self, resource: str, **query: Any) -> list[dict]:
        """The first page of ``GET resource.json?query`` (``find("customers", email=...)`` uses search)."""
        if resource == "customers" and "email" in query:
            return self.call("GET", "customers/search", params={"query": f"email:{query.pop('email')}", **query})[
                "customers"]
        return self.call("GET", resource, params=query or None)[resource]

    def close(self) -> None:
        self.session.close()
