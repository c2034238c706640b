"""Relay connections over records kept in key order: ``first/after/last/before/reverse``, cursors,
``edges``, ``nodes`` and ``pageInfo``.

Paging is keyset: a cursor holds the sort key of its record, so records added while a client pages
never shift a page and every record present from start to end is returned exactly once.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from graphql import GraphQLError

from mocks.core.paging import decode_cursor, encode_cursor

MAX_PAGE_SIZE = 250


@dataclass(frozen=True)
class PageArgs:
    first: int | None
    after: str | None
    last: int | None
    before: str | None
    reverse: bool
    unbounded: bool = False  # bulk operations read whole connections
    # a bulk export's top-level connection: one dict per operation, kept across its chunks (sorted_connection)
    memo: dict | None = field(default=None, compare=False)


def page_args(args: Mapping[str, Any], unbounded: bool = False) -> PageArgs:
    """Checks Shopify's rules: one of ``first``/``last``, at most 250, not negative."""
    if unbounded:  # a bulk query: pagination arguments are ignored; the export reads in chunks
        chunk = args.get("_chunk")
        return PageArgs(chunk, args.get("after") if chunk else None, None, None, bool(args.get("reverse")), True,
                        args.get("_memo") if chunk else None)
    first, last = args.get("first"), args.get("last")
    if first is None and last is None:
        raise GraphQLError("you must provide one of first or last")
    for name, value in (("first", first), ("last", last)):
        if value is not None and value < 0:
            raise GraphQLError(f"Argument '{name}' on Field must be a non-negative integer.")
        if value is not None and value > MAX_PAGE_SIZE:
            raise GraphQLError(f"The '{name}' argument must be less than or equal to {MAX_PAGE_SIZE}.",
                               extensions={"code": "BAD_REQUEST"})
    return PageArgs(first, args.get("after"), last, args.get("before"), bool(args.get("reverse")), unbounded)


def _key(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def _position(cursor: str, sort: str) -> Any:
    data = decode_cursor(cursor)
    if not data or data.get("s") != sort or "k" not in data:
        raise GraphQLError("Invalid cursor for current pagination sort.", extensions={"code": "BAD_REQUEST"})
    return _key(data["k"])


def cursor_for(sort: str, key: Any) -> str:
    return encode_cursor({"s": sort, "k": list(key) if isinstance(key, tuple) else key})


def connection(keys: Sequence[Any], record_at: Callable[[int], Any], pa: PageArgs, sort: str,
               render: Callable[[Any], Any]) -> dict:
    """One page of the records whose keys (ascending, unique) are ``keys``; ``record_at(i)`` is the
    record of ``keys[i]``; ``render`` turns a record into its node."""
    n = len(keys)
    lo, hi = 0, n
    try:
        if pa.after is not None:
            mark = _position(pa.after, sort)
            if pa.reverse:
                hi = min(hi, bisect.bisect_left(keys, mark))
            else:
                lo = max(lo, bisect.bisect_right(keys, mark))
        if pa.before is not None:
            mark = _position(pa.before, sort)
            if pa.reverse:
                lo = max(lo, bisect.bisect_right(keys, mark))
            else:
                hi = min(hi, bisect.bisect_left(keys, mark))
    except TypeError:  # a cursor whose key does not compare with this sort's keys
        raise GraphQLError("Invalid cursor for current pagination sort.", extensions={"code": "BAD_REQUEST"}) from None
    hi = max(lo, hi)
    if pa.reverse:
        order = range(hi - 1, lo - 1, -1)
    else:
        order = range(lo, hi)
    chosen = order
    if pa.first is not None:
        chosen = chosen[:pa.first]
    if pa.last is not None:
        chosen = chosen[max(0, len(chosen) - pa.last):]
    if len(chosen):
        first_i, last_i = chosen[0], chosen[-1]
        has_prev = (first_i < n - 1) if pa.reverse else (first_i > 0)
        has_next = (last_i > 0) if pa.reverse else (last_i < n - 1)
    else:
        has_prev = has_next = False
    nodes = [render(record_at(index)) for index in chosen]
    first_key = keys[chosen[0]] if len(chosen) else None
    last_key = keys[chosen[-1]] if len(chosen) else None
    # Edges and cursors are built only when selected (resolvers call them with ``info``).
    return {
        "edges": lambda info=None: [{"cursor": cursor_for(sort, keys[index]), "node": node}
                                    for index, node in zip(chosen, nodes, strict=True)],
        "nodes": nodes,
        "pageInfo": {"hasNextPage": has_next, "hasPreviousPage": has_prev,
                     "startCursor": cursor_for(sort, first_key) if len(chosen) else None,
                     "endCursor": cursor_for(sort, last_key) if len(chosen) else None},
    }


def id_ordered_connection(ids: Sequence[Any], get: Callable[[Any], Any], keep: Callable[[Any], bool] | None,
                          pa: PageArgs, render: Callable[[Any], Any]) -> dict:
    """``connection`` sorted by ID over records whose ids are kept in increasing order (``ids``; ``get``
    gives the record of an id), without a sort: a page costs one pass over the ids at most, and without
    a filter (``keep``) only the page."""
    if keep is None:
        return connection(ids, lambda i: get(ids[i]), pa, "ID", render)
    kept = [record for record in map(get, ids) if keep(record)]
    return connection([record.id for record in kept], kept.__getitem__, pa, "ID", render)


def sorted_connection(records: Iterable[Any], key: Callable[[Any], Any], pa: PageArgs, sort: str,
                      render: Callable[[Any], Any]) -> dict:
    """``connection`` over records in any order, sorted here by ``key`` (which must end with the id).

    A bulk export's top-level connection sorts once, in its first chunk, and reads every later chunk
    from that order (``pa.memo``): the export lists the records in the order they had when it began,
    each read when its chunk is; sorting the whole collection again for each chunk of 500 made an
    export's time grow with the square of the shop."""
    if pa.memo is not None:
        kept = pa.memo.get(("sorted", sort))
        if kept is None:
            pairs = sorted(((key(r), r) for r in records), key=lambda pair: pair[0])
            kept = pa.memo[("sorted", sort)] = ([k for k, _ in pairs], [r for _, r in pairs])
        keys, ordered = kept
        return connection(keys, ordered.__getitem__, pa, sort, render)
    pairs = sorted(((key(r), r) for r in records), key=lambda pair: pair[0])
    keys = [k for k, _ in pairs]
    return connection(keys, lambda i: pairs[i][1], pa, sort, render)


def list_connection(items: Sequence[Any], pa: PageArgs, render: Callable[[Any], Any]) -> dict:
    """A connection over a small fixed list (line items, variants, addresses), keyed by position."""
    return connection(list(range(len(items))), items.__getitem__, pa, "POSITION", render)
