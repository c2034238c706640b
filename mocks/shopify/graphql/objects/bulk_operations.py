"""The ``bulkOperation``, ``bulkOperations`` and ``currentBulkOperation`` queries."""

from __future__ import annotations

from typing import Any

from mocks.shopify.graphql.connections import page_args, sorted_connection
from mocks.shopify.graphql.context import ctx
from mocks.shopify.graphql.ids import legacy_id
from mocks.shopify.graphql.search import parse_search

SEARCH_FIELDS: dict[str, Any] = {
    "status": lambda o: o.status, "operation_type": lambda o: o.type, "created_at": lambda o: o.created_at,
    "id": lambda o: o.id,
}
SORTS: dict[str, Any] = {
    "CREATED_AT": lambda o: (int(o.created_at.timestamp()), o.id),
    "COMPLETED_AT": lambda o: (int(o.completed_at.timestamp()) if o.completed_at else 0, o.id),
}


def resolve_bulk_operation(_root: Any, info: Any, id: str) -> dict | None:  # noqa: A002
    context = ctx(info)
    op_id = legacy_id(id, "BulkOperation")
    op = context.bulk_ops.get(op_id, context.shop.name) if op_id else None
    return op.node() if op else None


def resolve_bulk_operations(_root: Any, info: Any, **args: Any) -> dict:
    context = ctx(info)
    pa = page_args(args, context.bulk)
    search = parse_search(args.get("query"), SEARCH_FIELDS)
    sort = args.get("sortKey") if args.get("sortKey") in SORTS else "CREATED_AT"
    ops = [o for o in context.bulk_ops.of_shop(context.shop.name) if search.test(o)]
    return sorted_connection(ops, SORTS[sort], pa, sort, lambda o: o.node())


def resolve_current_bulk_operation(_root: Any, info: Any, type: str = "QUERY") -> dict | None:  # noqa: A002
    context = ctx(info)
    ops = [o for o in context.bulk_ops.of_shop(context.shop.name) if o.type == (type or "QUERY")]
    return max(ops, key=lambda o: o.id).node() if ops else None
