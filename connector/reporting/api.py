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

from connector.clients.auth import hubspot_auth
from connector.clients.http import HttpCore, RetryPolicy, TokenSource
from connector.clients.hubspot_paths import DEFAULT_VERSION, HubSpotPaths
from connector.errors import HubSpotError

SEARCH_PAGE = 200  # HubSpot's maximum search page
BATCH_READ = 100  # objects per batch read
ASSOC_BATCH = 1000  # inputs per v4 association batch read
RETRY_STATUSES = frozenset({429, 502, 503, 504})


class HubSpotReadError(HubSpotError):
    """A read that failed: names the call and the HTTP status or the network error."""


class ApiReader:
    """Bearer-token reads against ``base_url`` on the shared HTTP core (connector.clients.http): a few
    retries on 429/502/503/504 and dropped connections, ``Retry-After`` honoured, every wait through
    ``sleep``. ``auth`` (a token source) replaces the static ``token`` when given."""

    def __init__(self, base_url: str, token: str = "", *, sleep: Callable[[float], None] = time.sleep,
                 timeout: float = 30, session: requests.Session | None = None, attempts: int = 5,
                 auth: TokenSource | None = None, api_version: str = DEFAULT_VERSION) -> None:
        self.paths = HubSpotPaths(api_version)
        self.http = HttpCore(base_url, {"Accept": "application/json"}, error_cls=HubSpotReadError, sleep=sleep,
                             timeout=timeout, session=session, auth=hubspot_auth(token, auth),
                             policy=RetryPolicy(max_attempts=attempts, max_delay=10.0, statuses=RETRY_STATUSES))

    @property
    def calls(self) -> int:
        """HTTP calls made, retries included."""
        return self.http.stats.calls

    def _call(self, method: str, path: str, body: dict | None = None) -> dict:
        response = self.http.send(method, path, json=body)
        return response.json() if response.content else {}

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
