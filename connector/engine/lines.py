"""Line items of a deal, order or cart: upsert current lines, archive removed ones (P3, P6) — and every
other write that hangs off a parent record (its associations to line items, contact, cart).

These per-parent writes are not sent per batch of parents (each batch would end with a part-full
call): they accumulate in the store context's ``Deferred`` across parent batches and go out in full
batches of 100; ``flush(ctx)`` sends the rest (end of each resource pass, each webhook, before a
delete reads line ids). Buffers stay bounded: after each parent batch at most 99 rows wait per stream.

Crash safety: a row is mapped locally only after HubSpot confirmed its write, and a parent's
completion (``Parent.done``: mark_applied, timers, log lines) runs only after *every* write hanging
off it was confirmed. A crash loses only the buffer; the parents in it are not marked done, so a
re-run (batch upserts on unique keys, idempotent associations) sends them again and converges."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from connector import names
from connector.engine import writes
from connector.engine.context import StoreContext, log
from connector.engine.products import product_ids
from connector.errors import ApiError
from connector.mapping.line_items import line_item_properties, line_keys

BATCH = 100


@dataclass
class Link:
    """An association from a parent to another record (deal -> contact, order -> cart ...)."""

    to_type: str
    to_id: str
    type_id: int
    what: str


@dataclass
class Parent:
    """A record owning line items: its key, HubSpot id, lines and currency; ``links``: its other
    associations; ``done``: what to record locally once all of that is written (runs in a transaction)."""

    key: str
    hs_id: str
    lines: list[dict]
    currency: str | None = None
    links: list[Link] = field(default_factory=list)
    done: Callable[[], None] | None = None
    owns_lines: bool = True  # False: only links (a contact's company); no P3 check of its lines


@dataclass
class _Open:
    """A parent with writes still buffered: how many, and whether any of its lines failed."""

    parent: Parent
    outstanding: int
    line_keys: set[str]
    lines_failed: bool = False


class Deferred:
    """Per-parent writes accumulated across parent batches, sent in full batches of 100."""

    def __init__(self, ctx: StoreContext) -> None:
        self.ctx = ctx
        # (parent type, association type id) -> [(line key, properties, parent key)]
        self._lines: dict[tuple[str, int], list[tuple[str, dict, str]]] = {}
        # (from type, to type, association type id, what) -> [(from id, to id, parent key)]
        self._links: dict[tuple[str, str, int, str], list[tuple[str, str, str]]] = {}
        self._open: dict[str, _Open] = {}

    def sizes(self) -> tuple[int, int]:
        """(rows in the fullest stream, parents waiting): both stay bounded (flat memory)."""
        streams = [*map(len, self._lines.values()), *map(len, self._links.values())]
        return max(streams, default=0), len(self._open)

    def add(self, parents: list[Parent], parent_type: str, assoc_type: int = 0) -> None:
        """Buffer the parents' lines and links; send whatever fills a batch of 100."""
        if any(p.key in self._open for p in parents):
            self.flush()  # a parent met again within the pass: its earlier writes go first
        ctx = self.ctx
        products = product_ids(ctx, [line for p in parents for line in p.lines])
        rows = self._lines.setdefault((parent_type, assoc_type), [])
        for parent in parents:
            keys = line_keys(parent.key, parent.lines)
            for key, line in zip(keys, parent.lines, strict=True):
                hs_product = products.get(str(line.get("product_id"))) if line.get("product_id") else None
                rows.append((key, line_item_properties(line, key, hs_product, parent.currency), parent.key))
            for link in parent.links:
                self._links.setdefault((parent_type, link.to_type, link.type_id, link.what), []).append(
                    (parent.hs_id, link.to_id, parent.key))
            self._open[parent.key] = _Open(parent, len(keys) + len(parent.links), set(keys))
        self._drain(final=False)

    def flush(self) -> None:
        """Send everything buffered (part-full batches too) and complete the parents."""
        self._drain(final=True)

    def clear(self) -> None:
        """Forget the buffer (after a failed flush): its parents are not marked done, so they retry."""
        self._lines.clear()
        self._links.clear()
        self._open.clear()

    def _drain(self, final: bool) -> None:
        for stream, rows in self._lines.items():
            while len(rows) >= BATCH or (final and rows):
                part = rows[:BATCH]
                del rows[:BATCH]
                self._write_lines(stream, part)
        for link_stream, pairs in self._links.items():
            while len(pairs) >= BATCH or (final and pairs):
                links = pairs[:BATCH]
                del pairs[:BATCH]
                self._write_links(link_stream, links)
        self._complete()

    def _write_lines(self, stream: tuple[str, int], part: list[tuple[str, dict, str]]) -> None:
        ctx = self.ctx
        parent_type, assoc_type = stream
        ids = writes.upsert(ctx, "line_items", names.LINE_ITEM_KEY, [(k, p) for k, p, _ in part],
                            "line items upsert")
        with ctx.state.transaction():
            for key, hs_id in ids.items():
                ctx.state.map_id(ctx.store_id, "line_item", key, hs_id)
        ctx.summary.synced["line_items"] += len(ids)
        pairs = self._links.setdefault((parent_type, "line_items", assoc_type, f"{parent_type}-line item"), [])
        for key, _, parent_key in part:
            entry = self._open[parent_key]
            if key in ids:
                pairs.append((entry.parent.hs_id, ids[key], parent_key))
            else:
                entry.lines_failed = True
                entry.outstanding -= 1

    def _write_links(self, stream: tuple[str, str, int, str], part: list[tuple[str, str, str]]) -> None:
        from_type, to_type, type_id, what = stream
        writes.associate(self.ctx, from_type, to_type, [(a, b) for a, b, _ in part], type_id, what)
        for _, _, parent_key in part:
            self._open[parent_key].outstanding -= 1

    def _complete(self) -> None:
        """Parents whose writes are all confirmed: archive the lines that left them (P3), then record
        them as done."""
        finished = [entry for entry in self._open.values() if entry.outstanding <= 0]
        if not finished:
            return
        ctx = self.ctx
        stale: dict[str, tuple[str, str]] = {}
        for entry in finished:
            if entry.lines_failed or not entry.parent.owns_lines:
                continue  # some lines failed: archive nothing of this parent this time
            for key, hs_id in ctx.state.children(ctx.store_id, "line_item", entry.parent.key + ":").items():
                if key not in entry.line_keys:
                    stale[key] = (hs_id, entry.parent.key)
        if stale and writes.archive(ctx, "line_items", [i for i, _ in stale.values()], "line item archive"):
            with ctx.state.transaction():
                for key, (hs_id, parent_key) in stale.items():
                    ctx.state.unmap(ctx.store_id, "line_item", key)
                    log.info("[P3] line item %s archived: line removed from %s", hs_id, parent_key)
            ctx.summary.deleted["line_items"] += len(stale)
        with ctx.state.transaction():
            for entry in finished:
                del self._open[entry.parent.key]
                if entry.parent.done is not None:
                    entry.parent.done()


def deferred(ctx: StoreContext) -> Deferred:
    if ctx.deferred is None:
        ctx.deferred = Deferred(ctx)
    return ctx.deferred


def sync_lines(ctx: StoreContext, parents: list[Parent], parent_type: str, assoc_type: int = 0) -> None:
    """Upsert every parent's lines (keyed under the parent), associate them and the parent's links,
    archive the lines that left the parent (P3: a product removed from a cart/checkout removes its
    line item). Buffered: sent in full batches; ``flush(ctx)`` sends the rest."""
    deferred(ctx).add(parents, parent_type, assoc_type)


def flush(ctx: StoreContext) -> None:
    """Send every buffered per-parent write. On an API failure the buffer is dropped (its parents are
    not marked done, so they are synced again) and the error re-raised."""
    if ctx.deferred is None:
        return
    try:
        ctx.deferred.flush()
    except ApiError:
        ctx.deferred.clear()
        raise


def archive_lines(ctx: StoreContext, parent_key: str) -> None:
    """Archive every line item of a parent (D7: with its deal)."""
    flush(ctx)
    lines = ctx.state.children(ctx.store_id, "line_item", parent_key + ":")
    if lines and writes.archive(ctx, "line_items", list(lines.values()), "line item archive"):
        with ctx.state.transaction():
            for key in lines:
                ctx.state.unmap(ctx.store_id, "line_item", key)
        ctx.summary.deleted["line_items"] += len(lines)
