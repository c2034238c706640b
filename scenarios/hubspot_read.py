"""Reading HubSpot through its public API (search, list, associations), as expectations need it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from scenarios.http import Api

PAGE = 100


def search(api: Api, object_type: str, filters: list[dict], properties: Iterable[str] = ()) -> list[dict]:
    """Every record matching all ``filters`` (EQ filters are case-insensitive on HubSpot)."""
    found: list[dict] = []
    after = None
    while True:
        body: dict = {"filterGroups": [{"filters": filters}] if filters else [], "properties": sorted(set(properties)),
                      "limit": PAGE}
        if after is not None:
            body["after"] = after
        page = api.call("POST", f"/crm/v3/objects/{object_type}/search", json_body=body) or {}
        found.extend(page.get("results") or [])
        after = ((page.get("paging") or {}).get("next") or {}).get("after")
        if not after:
            return found


def eq(prop: str, value: object) -> dict:
    return {"propertyName": prop, "operator": "EQ", "value": str(value)}


def list_all(api: Api, object_type: str, properties: Iterable[str] = ()) -> Iterator[dict]:
    """Every (non-archived) record of a type, page by page."""
    params: dict = {"limit": PAGE}
    props = sorted(set(properties))
    if props:
        params["properties"] = ",".join(props)
    while True:
        page = api.call("GET", f"/crm/v3/objects/{object_type}", params=params) or {}
        yield from page.get("results") or []
        after = ((page.get("paging") or {}).get("next") or {}).get("after")
        if not after:
            return
        params = {**params, "after": after}


def associated_ids(api: Api, from_type: str, object_id: str, to_type: str) -> list[str]:
    """Ids of the ``to_type`` records associated with one record (v4, every association type)."""
    ids: list[str] = []
    params: dict = {"limit": 500}
    while True:
        page = api.call("GET", f"/crm/v4/objects/{from_type}/{object_id}/associations/{to_type}", params=params) or {}
        ids.extend(str(r["toObjectId"]) for r in page.get("results") or [])
        after = ((page.get("paging") or {}).get("next") or {}).get("after")
        if not after:
            return sorted(set(ids), key=lambda i: (len(i), i))
        params = {**params, "after": after}


def read(api: Api, object_type: str, ids: list[str], properties: Iterable[str] = ()) -> list[dict]:
    """The records among ``ids`` that exist, with ``properties``."""
    if not ids:
        return []
    body = {"inputs": [{"id": i} for i in ids], "properties": sorted(set(properties))}
    return (api.call("POST", f"/crm/v3/objects/{object_type}/batch/read", json_body=body,
                     ok=(200, 207)) or {}).get("results") or []
