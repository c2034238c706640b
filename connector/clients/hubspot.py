"""HubSpot CRM client: batch reads/writes in chunks of 100, search and list paging, pacing on the
rolling-window headers. Used by the engine, reports and workflows."""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

import requests

from connector.clients.auth import hubspot_auth
from connector.clients.http import ApiClient, HttpCore, RetryPolicy, TokenSource
from connector.clients.hubspot_paths import DEFAULT_VERSION, HubSpotPaths
from connector.errors import HubSpotError

BATCH = 100
SEARCH_PAGE = 200
READ_SUFFIXES = ("/search", "/batch/read")


def hubspot_pacer(low_water: int = 5) -> Callable[[requests.Response], float]:
    """When the 10-second window is nearly spent, wait long enough for calls to leave it."""

    def pace(response: requests.Response) -> float:
        remaining = _int(response.headers.get("X-HubSpot-RateLimit-Remaining"))
        if remaining is None or remaining >= low_water:
            return 0.0
        interval = (_int(response.headers.get("X-HubSpot-RateLimit-Interval-Milliseconds")) or 10000) / 1000
        limit = _int(response.headers.get("X-HubSpot-RateLimit-Max")) or 100
        if remaining <= 0:
            return interval
        return interval / limit * (low_water - remaining)

    return pace


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def chunks(items: Sequence[Any], size: int = BATCH) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def is_write(method: str, path: str) -> bool:
    """A call that changes HubSpot (reads over POST — search, batch/read — are not writes)."""
    return method != "GET" and not path.endswith(READ_SUFFIXES)


class HubSpotClient(ApiClient):
    """HubSpot API over one session. ``calls`` counts HTTP calls; ``writes`` counts successful writes.

    ``api_version``: ``2026-09`` (default), ``2026-03`` or ``v3`` (the legacy v3/v4 paths); every path
    comes from ``self.paths`` (connector/clients/hubspot_paths.py)."""

    def __init__(self, base_url: str, token: str = "", *, sleep: Callable[[float], None] = time.sleep,
                 timeout: float = 30, session: requests.Session | None = None,
                 rng: random.Random | None = None, policy: RetryPolicy | None = None,
                 auth: TokenSource | None = None, api_version: str = DEFAULT_VERSION) -> None:
        self.paths = HubSpotPaths(api_version)
        self.http = HttpCore(base_url, {"Accept": "application/json"},
                             error_cls=HubSpotError, sleep=sleep, timeout=timeout, session=session,
                             rng=rng, policy=policy, pacer=hubspot_pacer(), auth=hubspot_auth(token, auth))
        self.writes = 0
        self.after_write: Callable[[str, str], None] | None = None
        self.http.on_success = self._on_success

    def _on_success(self, method: str, path: str, response: requests.Response) -> None:
        if is_write(method, path):
            self.writes += 1
            if self.after_write is not None:
                self.after_write(method, path)

    def request(self, method: str, path: str, *, params: Any = None, json: Any = None) -> requests.Response:
        """One call with retries and pacing; raises HubSpotError naming the call."""
        return self.http.send(method, path, params=params, json=json)

    # --- objects
    def batch(self, object_type: str, action: str, inputs: Sequence[dict], *, errors: list | None = None,
              **extra: Any) -> list[dict]:
        """``POST <objects>/{type}/batch/{action}`` in chunks of 100; results in order received.

        Failed inputs (a 207 on v3 and 2026-03; a 200/201 listing ``errors`` from 2026-09) raise
        HubSpotError, or are appended to ``errors`` if given."""
        results: list[dict] = []
        where = self.paths.object_batch(object_type, action)
        for chunk in chunks(list(inputs)):
            response = self.request("POST", where, json={"inputs": list(chunk), **extra})
            if response.status_code != 204 and response.content:
                body = response.json()
                results.extend(self.records(response, "results"))
                _batch_errors(where, response.status_code, body, errors)
        return results

    def upsert(self, object_type: str, id_property: str, rows: Sequence[tuple[str, dict]],
               errors: list | None = None) -> dict[str, dict]:
        """Batch upsert ``(unique value, properties)`` by ``id_property``; returns value -> record."""
        inputs = [{"id": key, "idProperty": id_property, "properties": {**props, id_property: key}}
                  for key, props in rows]
        out: dict[str, dict] = {}
        for record in self.batch(object_type, "upsert", inputs, errors=errors):
            key = (record.get("properties") or {}).get(id_property)
            if key is not None:
                out[str(key).lower() if id_property == "email" else str(key)] = record
        return out

    def batch_read(self, object_type: str, ids: Iterable[str], properties: Sequence[str] = (),
                   id_property: str | None = None, history: Sequence[str] = ()) -> list[dict]:
        """Batch read by id (or by ``id_property``); missing ids are simply absent from the result.
        ``history``: properties whose value history comes back too (``propertiesWithHistory``)."""
        results: list[dict] = []
        for chunk in chunks(list(ids)):
            body: dict[str, Any] = {"inputs": [{"id": str(i)} for i in chunk], "properties": list(properties)}
            if id_property:
                body["idProperty"] = id_property
            if history:
                body["propertiesWithHistory"] = list(history)
            response = self.request("POST", self.paths.object_batch(object_type, "read"), json=body)
            results.extend(self.records(response, "results"))
        return results

    def archive(self, object_type: str, ids: Iterable[str]) -> None:
        """Batch archive (HubSpot's delete: the recycle bin)."""
        ids = [str(i) for i in ids]
        if ids:
            self.batch(object_type, "archive", [{"id": i} for i in ids])

    def search(self, object_type: str, *, filter_groups: Sequence[dict] = (), properties: Sequence[str] = (),
               sorts: Sequence[Any] | None = None) -> Iterator[dict]:
        """Every search result, page by page (200 a page)."""
        after: str | None = None
        while True:
            body: dict[str, Any] = {"filterGroups": list(filter_groups), "properties": list(properties),
                                    "limit": SEARCH_PAGE}
            if sorts:
                body["sorts"] = list(sorts)
            if after:
                body["after"] = after
            response = self.request("POST", self.paths.search(object_type), json=body)
            page = response.json()
            yield from self.records(response, "results")
            after = ((page.get("paging") or {}).get("next") or {}).get("after")
            if not after:
                return

    def list_all(self, object_type: str, *, properties: Sequence[str] = (),
                 associations: Sequence[str] = ()) -> Iterator[dict]:
        """Every (unarchived) record via the list endpoint, 100 a page."""
        after: str | None = None
        while True:
            params: dict[str, Any] = {"limit": BATCH}
            if properties:
                params["properties"] = ",".join(properties)
            if associations:
                params["associations"] = ",".join(associations)
            if after:
                params["after"] = after
            response = self.request("GET", self.paths.objects(object_type), params=params)
            page = response.json()
            yield from self.records(response, "results")
            after = ((page.get("paging") or {}).get("next") or {}).get("after")
            if not after:
                return

    # --- associations (v4 and the dated paths: the same bodies; ids are integers on v4, strings dated)
    def associate(self, from_type: str, to_type: str, pairs: Iterable[tuple[str, str]], type_id: int) -> None:
        """Batch create of HUBSPOT_DEFINED associations (idempotent), 100 a call."""
        inputs = [{"from": {"id": str(a)}, "to": {"id": str(b)},
                   "types": [{"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": type_id}]}
                  for a, b in dict.fromkeys(pairs)]
        for chunk in chunks(inputs):
            self.request("POST", self.paths.association_batch(from_type, to_type, "create"),
                         json={"inputs": list(chunk)})

    def associations(self, from_type: str, ids: Iterable[str], to_type: str) -> dict[str, list[str]]:
        """Batch read: from id -> associated ids (as strings, whatever the version answers)."""
        out: dict[str, list[str]] = {}
        for chunk in chunks([str(i) for i in ids]):
            response = self.request("POST", self.paths.association_batch(from_type, to_type, "read"),
                                    json={"inputs": [{"id": i} for i in chunk]})
            for row in self.records(response, "results"):
                from_id = str((row.get("from") or {}).get("id"))
                out.setdefault(from_id, []).extend(str(t.get("toObjectId")) for t in row.get("to", []))
        return out

    # --- schema
    def pipelines(self, object_type: str) -> list[dict]:
        return self.records(self.request("GET", self.paths.pipelines(object_type)), "results")

    def properties(self, object_type: str) -> list[dict]:
        return self.records(self.request("GET", self.paths.properties(object_type)), "results")

    def property_groups(self, object_type: str) -> list[dict]:
        return self.records(self.request("GET", self.paths.property_groups(object_type)), "results")


def _batch_errors(path: str, status: int, body: dict, sink: list | None) -> None:
    """Per-input errors of a batch answer (207, or 200/201 from 2026-09): missing ids on read/archive are
    normal; anything else is an error, raised as a ``partial`` HubSpotError unless ``sink`` takes it."""
    listed = body.get("errors") if isinstance(body, dict) else None
    serious = [e for e in listed or [] if isinstance(e, dict) and e.get("category") != "OBJECT_NOT_FOUND"]
    if not serious:
        return
    if sink is not None:
        sink.extend(serious)
        return
    error = HubSpotError("POST", path, status, f"{len(serious)} of the batch failed: {serious[0].get('message')}",
                         body)
    error.partial = True
    raise error


def is_validation_refusal(error: dict) -> bool:
    """Whether a (batch or single) error is the portal's write-validation refusal (2026-09+): category
    ``VALIDATION_ERROR`` with sub-category ``crm.objects.WRITE_VALIDATION_FAILED``, or inner errors
    coded ``REQUIRED_PROPERTY`` / ``REQUIRED_ASSOCIATION``. Other VALIDATION_ERRORs (a bad value) are not:
    they do not go away when the portal's rules change."""
    if not isinstance(error, dict) or error.get("category") != "VALIDATION_ERROR":
        return False
    if error.get("subCategory") == "crm.objects.WRITE_VALIDATION_FAILED":
        return True
    inner = [e for e in error.get("errors") or [] if isinstance(e, dict)]
    return bool(inner) and all(e.get("code") in RULE_CODES for e in inner)


RULE_CODES = frozenset({"REQUIRED_PROPERTY", "REQUIRED_ASSOCIATION"})
