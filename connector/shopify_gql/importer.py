"""The initial import's record source: a bulk operation per resource family above the threshold,
the paged source at or below it, and the paged source again when a bulk operation fails.

Threshold: bulk when a family has more than one page (``THRESHOLD`` = 250 top-level records, the
largest page a connection gives). A probe asks only ``pageInfo { hasNextPage }`` of a page of 250.
At or below it one page carries everything in one call; above it paging costs a call per page (and
on Shopify a page of orders with their line items is far smaller than 250, its query cost being
capped at 1,000 points), while a bulk operation costs a fixed start, a poll every few seconds and
one download whatever the size, and is not paced by query cost.

Resuming: the id of a started operation is kept in the state file (``bulk:<store>:<resource>``)
until the import has finished, so a run after a crash reads the same file again (or waits for the
same operation) instead of starting another; the records it applies again are upserts by the id
map, never duplicates."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator

import requests

from connector.clients.shopify_graphql import ShopifyGraphQL
from connector.clock import parse_iso
from connector.errors import ApiError
from connector.shopify_gql.bulk import FAMILIES, BulkFailed, bulk_nodes, start
from connector.state import State

log = logging.getLogger("connector")
THRESHOLD = 250


def meta_key(store_id: str, resource: str) -> str:
    return f"bulk:{store_id}:{resource}"


class BulkImport:
    """One store's bulk import. ``sleep`` waits between polls (time is a parameter); ``session``
    downloads result files (no Shopify token on it); ``convert(resource, node)`` gives a node the
    record shape the engine reads (default: the GraphQL source's ``bulk_record``, shapes.py)."""

    def __init__(self, graphql: ShopifyGraphQL, state: State, store_id: str, sleep: Callable[[float], None],
                 session: requests.Session | None = None, threshold: int = THRESHOLD,
                 max_wait: float = 4 * 3600.0, convert: Callable[[str, dict], dict] | None = None) -> None:
        self.graphql, self.state, self.store_id, self.sleep = graphql, state, store_id, sleep
        # the GraphQL source's own conversion (GraphQLSource.bulk_record): bulk and paged records alike
        self.convert = convert if convert is not None else getattr(graphql, "bulk_record", _no_conversion)
        self.session = session or requests.Session()
        self.threshold, self.max_wait = threshold, max_wait
        self.used: dict[str, str] = {}  # resource -> "bulk" | "paged" | "paged after bulk failed"
        self.small: set[str] = set()  # families prepare() found (or made) paged
        self.snapshots: list[str] = []  # createdAt of every operation whose file was read
        self.fresh: set[str] = set()  # families whose operation prepare() started in this run

    def worth_it(self, resources: Iterable[str]) -> set[str]:
        """The families with more than ``threshold`` top-level records: one query asking each root
        connection for one page's ``pageInfo { hasNextPage }`` (aliases keep the roots apart)."""
        wanted = [r for r in resources if r in FAMILIES]
        if not wanted:
            return set()
        first = min(self.threshold, 250)
        fields = " ".join(f"{r}: {FAMILIES[r].root}(first: {first}) {{ pageInfo {{ hasNextPage }} }}" for r in wanted)
        data = self.graphql.execute(f"{{ {fields} }}", operation="bulk probe")
        return {r for r in wanted if ((data.get(r) or {}).get("pageInfo") or {}).get("hasNextPage")}

    def prepare(self, resources: Iterable[str]) -> None:
        """Start the bulk operations of every family worth it at once (Shopify runs up to five
        query operations per shop at the same time), so their exports overlap; ``records`` then
        reads each. Families whose operation is already known (a crashed run's) are left as they
        are; a probe or start that fails leaves its family to ``records`` (paging)."""
        todo = [r for r in resources if r in FAMILIES and self.state.get_meta(meta_key(self.store_id, r)) is None]
        try:
            big = self.worth_it(todo)
        except ApiError as exc:
            log.warning("[S6] bulk probe of %s failed (%s): paging", self.store_id, exc)
            big = set()
        for resource in todo:
            if resource not in big:
                self.small.add(resource)
                continue
            family = FAMILIES[resource]
            try:
                self.state.set_meta(meta_key(self.store_id, resource),
                                    start(self.graphql, family.bulk_query(), family.child is not None))
                self.fresh.add(resource)
            except (BulkFailed, ApiError) as exc:
                log.warning("[S6] bulk operation of %s for %s not started (%s): paging", resource,
                            self.store_id, exc)
                self.small.add(resource)

    def records(self, resource: str, paged: Callable[[], Iterable[dict]]) -> Iterator[dict]:
        """Every record of ``resource`` (REST-shaped), by bulk when worth it, else from ``paged``."""
        family = FAMILIES.get(resource)
        key = meta_key(self.store_id, resource)
        resumed = self.state.get_meta(key)
        try:
            wanted = family is not None and (resumed is not None or (resource not in self.small
                                                                     and resource in self.worth_it([resource])))
        except ApiError as exc:
            log.warning("[S6] bulk probe of %s failed (%s): paging", resource, exc)
            wanted = False
        if not wanted:
            self.used[resource] = "paged"
            yield from paged()
            return
        try:
            yield from self._bulk(resource, resumed)
            self.used[resource] = "bulk"
            return
        except (BulkFailed, ApiError) as exc:
            log.warning("[S6] bulk import of %s for %s failed (%s): paging instead", resource, self.store_id, exc)
            self.state.set_meta(key, None)
        self.used[resource] = "paged after bulk failed"
        yield from paged()

    def _bulk(self, resource: str, resumed: str | None) -> Iterator[dict]:
        key = meta_key(self.store_id, resource)

        def nodes(op_id: str | None) -> Iterator[dict]:
            return bulk_nodes(self.graphql, FAMILIES[resource], self.sleep, self.session, op_id=op_id,
                              max_wait=self.max_wait, on_started=lambda new: self.state.set_meta(key, new),
                              on_done=lambda done: self.snapshots.append(str(done.get("createdAt") or "")))

        stream = nodes(resumed)
        if resumed is not None and resource not in self.fresh:
            try:  # the operation of a crashed run: its file if it is still there, else a new one
                first = next(stream, None)
            except BulkFailed as exc:
                log.info("[S6] bulk operation %s of %s cannot be resumed (%s): starting another", resumed,
                         resource, exc)
                stream = nodes(None)
            else:
                if first is None:
                    return
                yield self.convert(resource, first)
        for node in stream:
            yield self.convert(resource, node)

    def close(self) -> None:
        self.graphql.http.session.close()
        self.session.close()

    def since(self, started: str) -> str:
        """Where the deletion feed must start after this import: ``started``, or the time of the
        oldest file read if earlier (a crashed run's operation resumed: what was deleted after its
        snapshot is not in it)."""
        times = [t for t in self.snapshots if t]
        return min([started, *times], key=parse_iso)

    def finish(self) -> None:
        """The import is done: forget the operations (the next import starts new ones)."""
        self.small.clear()
        self.snapshots.clear()
        self.fresh.clear()
        for resource in FAMILIES:
            if self.state.get_meta(meta_key(self.store_id, resource)) is not None:
                self.state.set_meta(meta_key(self.store_id, resource), None)


def _no_conversion(resource: str, node: dict) -> dict:
    raise TypeError(f"no conversion for bulk {resource} records: give BulkImport a GraphQLSource or convert=")
