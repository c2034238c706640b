"""Bulk operations: one ``bulkOperationRunQuery`` per resource family, waited for by polling
``bulkOperation(id:)`` through the injected sleep, its JSONL streamed from the result ``url`` and
re-nested into the nodes a paged query gives (nested connections as ``{"nodes": [...]}``).

Shopify writes each object of the query on its own line; an object of a nested connection is a line
of its own carrying ``__parentId`` (the parent's id), somewhere after its parent — directly after it
(with its siblings) only when the operation was started with ``groupObjects: true``, which the
queries with a nested connection ask for. The reader holds one parent and its children at a time: a
child whose parent is not the one being read (the file out of that order) is a :class:`BulkFailed`,
so the import falls back to paging instead of losing the child.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import requests

from connector.clients.shopify_graphql import ShopifyGraphQL
from connector.errors import ApiError
from connector.shopify_gql import queries

log = logging.getLogger("connector")

# The selections are the paged queries' own (queries.py), so a bulk record and a paged one convert
# the same way (shapes.py); the nested connection is read whole (every line item, every variant).
CUSTOMER = queries.CUSTOMER
ORDER = queries.ORDER_FIELDS
LINE_ITEM = queries.LINE
PRODUCT = queries.PRODUCT_FIELDS
VARIANT = queries.VARIANT
CHECKOUT = queries.CHECKOUT_FIELDS
CHECKOUT_LINE = queries.CHECKOUT_LINE


@dataclass(frozen=True)
class Family:
    """One bulk query: the top-level connection, the fields of its nodes, and its nested connection
    (field name, fields of its nodes), if any."""

    root: str
    fields: str
    child: tuple[str, str] | None = None

    def selection(self) -> str:
        """The node selection, the nested connection as ``edges { node }`` (bulk reads every child)."""
        if self.child is None:
            return self.fields
        name, fields = self.child
        return f"{self.fields} {name} {{ edges {{ node {{ {fields} }} }} }}"

    def bulk_query(self) -> str:
        return f"{{ {self.root} {{ edges {{ node {{ {self.selection()} }} }} }} }}"


FAMILIES: dict[str, Family] = {
    "customers": Family("customers", CUSTOMER),
    "orders": Family("orders", ORDER, ("lineItems", LINE_ITEM)),
    "products": Family("products", PRODUCT, ("variants", VARIANT)),
    "checkouts": Family("abandonedCheckouts", CHECKOUT, ("lineItems", CHECKOUT_LINE)),
}

RUN = """mutation($query: String!, $group: Boolean!) { bulkOperationRunQuery(query: $query, groupObjects: $group) {
  bulkOperation { id status } userErrors { field message code } } }"""
STATUS = "query($id: ID!) { bulkOperation(id: $id) { id status errorCode objectCount url createdAt } }"
CANCEL = "mutation($id: ID!) { bulkOperationCancel(id: $id) { bulkOperation { id status } userErrors { field message } } }"
FINISHED = ("COMPLETED", "FAILED", "CANCELED", "CANCELING", "EXPIRED")


class BulkFailed(Exception):
    """A bulk operation that gives no usable file (refused, failed, canceled, too slow, unreadable)."""


def poll_delays(first: float = 1.0, cap: float = 10.0) -> Iterator[float]:
    """Seconds between status polls: 1, 1, 2, 2, 4, 4, ... up to ``cap`` (a long export costs one
    poll per ``cap`` seconds, whatever the shop's size)."""
    delay = first
    while True:
        yield delay
        yield delay
        delay = min(delay * 2, cap)


def start(graphql: ShopifyGraphQL, query: str, group: bool = True) -> str:
    """Start a bulk query; its id. Refusals (``userErrors``: invalid, ``LIMIT_REACHED``) are BulkFailed.
    ``group``: ``groupObjects``, children directly after their parent (the reader needs it when the
    query has a nested connection; Shopify's default since 2026-04 is ungrouped, children only
    somewhere after their parent)."""
    try:
        payload = graphql.mutate(RUN, {"query": query, "group": group}, "bulkOperationRunQuery")
    except ApiError as exc:
        raise BulkFailed(f"bulkOperationRunQuery refused: {exc}") from exc
    operation = payload.get("bulkOperation") or {}
    if not operation.get("id"):
        raise BulkFailed("bulkOperationRunQuery gave no operation")
    return str(operation["id"])


def status(graphql: ShopifyGraphQL, op_id: str) -> dict:
    """The operation's ``id status errorCode objectCount url createdAt``."""
    found = graphql.execute(STATUS, {"id": op_id}, operation="bulkOperation").get("bulkOperation")
    if not isinstance(found, dict):
        raise BulkFailed(f"bulk operation {op_id} does not exist")
    return found


def wait(graphql: ShopifyGraphQL, op_id: str, sleep: Callable[[float], None], max_wait: float = 4 * 3600.0,
         delays: Iterable[float] | None = None) -> dict:
    """Poll until the operation has finished; its final status. FAILED, CANCELED or EXPIRED (with
    its ``errorCode``) or no answer within ``max_wait`` seconds (then it is canceled) is BulkFailed.
    A poll that fails for a passing reason (no response, 429, 5xx) is only a poll lost."""
    waited = 0.0
    for delay in delays or poll_delays():
        sleep(delay)  # an operation never finishes the instant it starts: wait first, then look
        waited += delay
        try:
            found = status(graphql, op_id)
        except ApiError as exc:  # a poll that got no answer (after the client's retries): the export
            if exc.status is not None and exc.status != 429 and exc.status < 500:  # goes on; look again
                raise BulkFailed(f"bulk operation {op_id}: {exc}") from exc
            log.warning("[S6] bulk operation %s: no status this time (%s)", op_id, exc)
            found = {"status": "UNKNOWN"}
        if found.get("status") in FINISHED:
            if found["status"] != "COMPLETED":
                raise BulkFailed(f"bulk operation {op_id} {found['status']} ({found.get('errorCode')})")
            return found
        if waited >= max_wait:
            cancel(graphql, op_id)
            raise BulkFailed(f"bulk operation {op_id} still {found.get('status')} after {max_wait:.0f} s")
    raise BulkFailed(f"bulk operation {op_id}: polling stopped")


def cancel(graphql: ShopifyGraphQL, op_id: str) -> None:
    """Cancel an operation we no longer wait for (best effort: it may have finished meanwhile)."""
    try:
        graphql.execute(CANCEL, {"id": op_id}, operation="bulkOperationCancel")
    except ApiError:
        pass


def lines(url: str, session: requests.Session, timeout: float = 60.0) -> Iterator[dict]:
    """The objects of a result file, one per line, streamed (the file is never held whole). The URL
    is a signed storage URL: no Shopify token goes with it."""
    try:
        with session.get(url, stream=True, timeout=timeout) as response:
            if response.status_code != 200:
                raise BulkFailed(f"bulk result download answered {response.status_code}")
            for raw in response.iter_lines(chunk_size=1 << 16):
                if raw.strip():
                    yield json.loads(raw)
    except (requests.RequestException, ValueError) as exc:
        raise BulkFailed(f"bulk result download failed: {exc}") from exc


def renest(objects: Iterable[dict], child: str | None) -> Iterator[dict]:
    """Top-level nodes with their children (the lines with ``__parentId``) under ``child`` as
    ``{"nodes": [...]}``, as a paged query gives them. Holds one parent at a time."""
    current: dict | None = None
    for obj in objects:
        parent = obj.pop("__parentId", None)
        if parent is None:
            if current is not None:
                yield current
            current = obj
            if child is not None:
                current[child] = {"nodes": []}
            continue
        if child is None or current is None or current.get("id") != parent:
            raise BulkFailed(f"bulk file: a child of {parent} is not right after its parent")
        current[child]["nodes"].append(obj)
    if current is not None:
        yield current


def bulk_nodes(graphql: ShopifyGraphQL, family: Family, sleep: Callable[[float], None],
               session: requests.Session, *, op_id: str | None = None, max_wait: float = 4 * 3600.0,
               on_started: Callable[[str], None] | None = None,
               on_done: Callable[[dict], None] | None = None) -> Iterator[dict]:
    """Every node of ``family`` through one bulk operation (``op_id``: resume one already started).
    ``on_done`` gets the finished operation's status (its ``createdAt`` is the snapshot's time)."""
    if op_id is None:
        op_id = start(graphql, family.bulk_query(), family.child is not None)
        if on_started:
            on_started(op_id)
    done = wait(graphql, op_id, sleep, max_wait)
    if on_done:
        on_done(done)
    if not done.get("url"):  # no objects: Shopify gives no file
        return
    yield from renest(lines(done["url"], session), family.child[0] if family.child else None)
