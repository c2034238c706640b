"""List parameters, filters and cursor paging shared by every collection endpoint (pure functions).

Paging is keyset by the sort key (``id`` by default, ``(timestamp, id)`` for ``order=updated_at asc``),
so records created while a client pages never shift a page: each record present throughout is
returned exactly once. ``page_info`` is an opaque cursor that embeds the first request's filters.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar
from urllib.parse import urlencode

from mocks.core.paging import page_after
from mocks.shopify.errors import PAGING_DOC, bad_param
from mocks.shopify.page_info import seal, unseal
from mocks.shopify.values import parse_time

T = TypeVar("T")
MAX_LIMIT = 250
DEFAULT_LIMIT = 50
PAGING_PARAMS = ("limit", "fields", "page_info")
COMMON_FILTERS = ("since_id", "ids", "created_at_min", "created_at_max", "updated_at_min", "updated_at_max")
ORDERS = ("id asc", "id desc", "created_at asc", "created_at desc", "updated_at asc", "updated_at desc")


@dataclass
class ListQuery:
    """One list request: page size, field selection, filters (from the first page) and position."""

    limit: int = DEFAULT_LIMIT
    fields: list[str] | None = None
    filters: dict[str, str] = field(default_factory=dict)
    order: str = "id asc"
    after: tuple | None = None
    before: tuple | None = None
    scope: str = ""          # the list (and shop) the cursors are good for
    key: bytes = b""         # what signs them (see page_info.py)


def parse_limit(raw: str | None) -> int:
    """``limit`` from 1 to 250 (default 50); anything else is a 400 (the real API's body is unverified)."""
    if raw is None or raw == "":
        return DEFAULT_LIMIT
    try:
        value = int(raw)
    except ValueError:
        raise bad_param("limit", "Invalid value.") from None
    if not 1 <= value <= MAX_LIMIT:
        raise bad_param("limit", f"limit must be between 1 and {MAX_LIMIT}")
    return value


def parse_fields(raw: str | None) -> list[str] | None:
    if not raw:
        return None
    names = [name.strip() for name in raw.split(",") if name.strip()]
    return names or None


def parse_query(args: Mapping[str, str], filter_names: Sequence[str], default_order: str = "id asc",
                scope: str = "", key: bytes = b"") -> ListQuery:
    """Read a list request's arguments; ``page_info`` with any filter, or one not issued by this list
    (``scope``) as it stands, is Shopify's 400."""
    query = ListQuery(limit=parse_limit(args.get("limit")), fields=parse_fields(args.get("fields")),
                      scope=scope, key=key)
    if "page_info" in args:
        for name in args:
            if name not in PAGING_PARAMS:
                raise bad_param(name, f"{name} cannot be passed when page_info is present. {PAGING_DOC}")
        cursor = unseal(args["page_info"], scope, key)
        if not cursor or not isinstance(cursor.get("f"), dict) or cursor.get("o") not in ORDERS:
            raise bad_param("page_info", "Invalid value.")
        query.filters = {str(k): str(v) for k, v in cursor["f"].items()}
        query.order = cursor["o"]
        position = cursor.get("a"), cursor.get("b")
        if not any(isinstance(p, list) for p in position):
            raise bad_param("page_info", "Invalid value.")
        query.after = tuple(position[0]) if isinstance(position[0], list) else None
        query.before = tuple(position[1]) if isinstance(position[1], list) else None
        return query
    query.filters = {name: args[name] for name in filter_names if args.get(name) not in (None, "")}
    order = " ".join(args.get("order", default_order).split()).lower()
    query.order = order if order in ORDERS else default_order
    return query


def time_filter(filters: Mapping[str, str], name: str) -> datetime | None:
    if name not in filters:
        return None
    try:
        return parse_time(filters[name])
    except ValueError:
        raise bad_param(name, "Invalid value.") from None


def id_filter(filters: Mapping[str, str], name: str) -> int | None:
    if name not in filters:
        return None
    try:
        return int(filters[name])
    except ValueError:
        raise bad_param(name, "Invalid value.") from None


def common_filter(filters: Mapping[str, str]) -> Callable[[Any], bool]:
    """The test of ``since_id``, ``ids`` and the inclusive created/updated date bounds (bad values are a 400
    here, before any record is looked at)."""
    since_id = id_filter(filters, "since_id")
    ids = None
    if "ids" in filters:
        try:
            ids = {int(part) for part in filters["ids"].split(",") if part.strip()}
        except ValueError:
            raise bad_param("ids", "Invalid value.") from None
    bounds = {name: time_filter(filters, name) for name in COMMON_FILTERS[2:]}
    created_min, created_max = bounds["created_at_min"], bounds["created_at_max"]
    updated_min, updated_max = bounds["updated_at_min"], bounds["updated_at_max"]
    if since_id is None and ids is None and not any(bounds.values()):
        return lambda record: True

    def keep(record: Any) -> bool:
        rid = record.id
        if since_id is not None and rid <= since_id:
            return False
        if ids is not None and rid not in ids:
            return False
        created = record.created_at
        updated = getattr(record, "updated_at", created)  # events have no updated_at
        if created_min and created < created_min:
            return False
        if created_max and created > created_max:
            return False
        if updated_min and updated < updated_min:
            return False
        return not (updated_max and updated > updated_max)

    return keep


def apply_common(records: Sequence[T], filters: Mapping[str, str]) -> list[T]:
    """``since_id``, ``ids`` and the inclusive created/updated date bounds."""
    keep = common_filter(filters)
    return [record for record in records if keep(record)]


def sort_key(order: str) -> tuple[Callable[[Any], tuple], bool]:
    """The keyset key of an ``order`` and whether it runs descending."""
    name, direction = order.split()
    if name == "id":
        return (lambda r: (r.id,)), direction == "desc"
    return (lambda r: (int(getattr(r, name, r.created_at).timestamp()), r.id)), direction == "desc"


@dataclass
class Page:
    items: list
    next_cursor: str | None
    previous_cursor: str | None


def paginate(records: Sequence[T], query: ListQuery) -> Page:
    """Sort, then cut the page at the cursor; cursors carry the filters and the boundary keys."""
    key, reverse = sort_key(query.order)
    ordered = sorted(records, key=key, reverse=reverse)

    def beyond(k: tuple, mark: tuple) -> bool:
        return k < mark if reverse else k > mark

    try:
        if query.before is not None:
            earlier = [r for r in ordered if beyond(query.before, key(r))]
            items = earlier[-query.limit:]
            has_prev, has_next = len(earlier) > query.limit, True
        else:
            items, has_next = page_after(ordered, key, query.after, query.limit, reverse=reverse)
            has_prev = query.after is not None and any(not beyond(key(r), query.after) for r in ordered)
    except TypeError:  # a forged cursor whose key does not compare with ours
        raise bad_param("page_info", "Invalid value.") from None
    return _page(items, has_prev, has_next, query, key)


def _page(items: list, has_prev: bool, has_next: bool, query: ListQuery, key: Callable[[Any], tuple]) -> Page:
    def cursor(position: str, record: Any) -> str:
        return seal({"f": query.filters, "o": query.order, position: list(key(record))}, query.scope, query.key)

    return Page(items, cursor("a", items[-1]) if items and has_next else None,
                cursor("b", items[0]) if items and has_prev else None)


def _id_key(record_id: int) -> tuple:
    return (record_id,)


def paginate_ids(ids: Sequence[int], get: Callable[[int], T], keep: Callable[[T], bool],
                 query: ListQuery) -> Page | None:
    """What ``paginate([r for r in records if keep(r)], query)`` returns, for records whose ids are kept in
    increasing order (``ids``; ``get`` gives the record of an id), without sorting or filtering the whole
    collection: the cursor is found by bisection and records are tested only until the page is full (and,
    for the previous link, until one kept record is found on the other side).

    ``None`` when the order is not by id or the cursor's key does not compare with ids (a forged cursor):
    the caller then uses :func:`paginate`, which decides between a 400 and an answer exactly as before.
    """
    name, direction = query.order.split()
    if name != "id":
        return None
    desc, limit, count = direction == "desc", query.limit, len(ids)

    def scan(index: int, step: int, wanted: int) -> list:
        found: list = []
        while 0 <= index < count and len(found) < wanted:
            record = get(ids[index])
            if keep(record):
                found.append(record)
            index += step
        return found

    try:
        if query.before is not None:
            if desc:   # before the mark in descending order: ids above it, nearest first
                found = scan(bisect.bisect_right(ids, query.before, key=_id_key), 1, limit + 1)
            else:
                found = scan(bisect.bisect_left(ids, query.before, key=_id_key) - 1, -1, limit + 1)
            items, has_prev, has_next = found[:limit][::-1], len(found) > limit, True
        else:
            after = query.after
            if desc:
                start = count - 1 if after is None else bisect.bisect_left(ids, after, key=_id_key) - 1
                found = scan(start, -1, limit + 1)
                has_prev = after is not None and bool(scan(start + 1, 1, 1))
            else:
                start = 0 if after is None else bisect.bisect_right(ids, after, key=_id_key)
                found = scan(start, 1, limit + 1)
                has_prev = after is not None and bool(scan(start - 1, -1, 1))
            items, has_next = found[:limit], len(found) > limit
    except TypeError:
        return None
    return _page(items, has_prev, has_next, query, lambda record: (record.id,))


def link_header(base_url: str, page: Page, query: ListQuery) -> str | None:
    """``<URL>; rel="previous", <URL>; rel="next"`` with only ``limit``, ``fields`` and ``page_info``."""
    links = []
    for rel, cursor in (("previous", page.previous_cursor), ("next", page.next_cursor)):
        if cursor is None:
            continue
        params = {"limit": query.limit}
        if query.fields:
            params["fields"] = ",".join(query.fields)
        params["page_info"] = cursor
        links.append(f'<{base_url}?{urlencode(params)}>; rel="{rel}"')
    return ", ".join(links) or None


def select_fields(data: dict, fields: list[str] | None) -> dict:
    if not fields:
        return data
    return {name: data[name] for name in fields if name in data}
