"""A minimal read-only HubSpot reader (requests): search, batch read, associations, pipelines, on the
paths of one API version (connector/clients/hubspot_paths.py; 2026-09 by default).

The connector's ``connector.clients.hubspot.HubSpotClient`` has the same four methods and is
preferred when it is importable; this reader keeps reports usable on their own (and in their
tests) and speaks only the public API, so it works against a real account too.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence

import requests

from connector.clients.hubspot_paths import DEFAULT_VERSION, HubSpotPaths

SEARCH_PAGE = 200  # HubSpot's maximum search page
BATCH_READ = 100  # objects per batch read
ASSOC_BATCH = 1000  # inputs per v4 association batch read
RETRY_STATUSES = {429, 502, 503, 504}


class HubSpotReadError(RuntimeError):
    """A read that failed: names the call and the HTTP status or the network error."""


class ApiReader:
    """Bearer-token reads against ``base_url`` with a small retry on 429/5xx (``Retry-After`` honoured)."""

    def __init__(self, base_url: str, token: str, *, sleep: Callable[[float], None] = time.sleep,
                 timeout: float = 30, session: requests.Session | None = None, attempts: int = 5,
                 api_version: str = DEFAULT_VERSION) -> None:
        self.paths = HubSpotPaths(api_version)
        self.base_url = base_url.rstrip("/")
        self.session = session or requests.Session()
        self.session.headers.update({"Authorization": f"Bearer {token}", "Accept": "application/json"})
        self.sleep = sleep
        self.timeout = timeout
        self.attempts = attempts
        self.calls = 0

    def _call(self, method: str, path: str, body: dict | None = None) -> dict:
        name = f"{method} {path}"
        for attempt in range(self.attempts):
            self.calls += 1
            try:
                response = self.session.request(method, self.base_url + path, json=body, timeout=self.timeout)
            except requests.RequestException as exc:
                raise HubSpotReadError(f"{name}: {exc.__class__.__name__}: {exc}") from None
            if response.status_code in RETRY_STATUSES and attempt + 1 < self.attempts:
                self.sleep(_retry_after(response, attempt))
                continue
            if response.status_code >= 400:
                raise HubSpotReadError(f"{name}: HTTP {response.status_code}: {response.text[:200]}")
            return response.json() if response.content else {}
        raise HubSpotReadError(f"{name}: gave up after {self.attempts} attempts")  # pragma: no cover

    def search(self, object_type: str, *, filter_groups: Sequence[dict] = (), properties: Sequence[str] = (),
               sorts: Sequence[dict] | None = None) -> Iterator[dict]:
        """Every result of a search, page after page (lazily: stop iterating to stop reading)."""
        after: str | None = None
        while True:
            body: dict = {"filterGroups": list(filter_groups), "properties": list(properties), "limit": SEARCH_PAGE}
            if sorts:
                body["sorts"] = list(sorts)
            if after is not None:
                body["after"] = after
            page = self._call("POST", self.paths.search(object_type), body)
            yield from page.get("results") or ()
            after = ((page.get("paging") or {}).get("next") or {}).get("after")
            if not after:
                return

    def batch_read(self, object_type: str, ids: Iterable[str], properties: Sequence[str] = ()) -> list[dict]:
        """The records that exist among ``ids`` (missing ones, reported in a 207, are left out)."""
        ids = list(ids)
        found: list[dict] = []
        for start in range(0, len(ids), BATCH_READ):
            body = {"inputs": [{"id": str(i)} for i in ids[start:start + BATCH_READ]], "properties": list(properties)}
            found.extend(self._call("POST", self.paths.object_batch(object_type, "read"), body).get("results") or ())
        return found

    def associations(self, from_type: str, ids: Iterable[str], to_type: str) -> dict[str, list[str]]:
        """Batch association read: from id -> associated ids (every association type)."""
        ids = list(ids)
        linked: dict[str, list[str]] = {}
        for start in range(0, len(ids), ASSOC_BATCH):
            body = {"inputs": [{"id": str(i)} for i in ids[start:start + ASSOC_BATCH]]}
            page = self._call("POST", self.paths.association_batch(from_type, to_type, "read"), body)
            for result in page.get("results") or ():
                targets = linked.setdefault(str(result["from"]["id"]), [])
                targets.extend(str(t["toObjectId"]) for t in result.get("to") or ())
        return linked

    def pipelines(self, object_type: str) -> list[dict]:
        """Every pipeline of an object type, with its stages."""
        return list(self._call("GET", self.paths.pipelines(object_type)).get("results") or ())


def _retry_after(response: requests.Response, attempt: int) -> float:
    try:
        return max(0.0, float(response.headers.get("Retry-After", "")))
    except ValueError:
        return min(10.0, 0.5 * 2 ** attempt)
