"""Shopify records whose HubSpot write the portal's rules refused (2026-09 ``VALIDATION_ERROR``): kept in the
state file with HubSpot's reason and applied again on every later pass until they land.

A refusal names a HubSpot record by its unique key (a contact's email, a deal's ``store:order:id``, a line
item's ``<parent key>:v<variant>`` ...). ``settle`` finds the Shopify records of a batch that wrote a refused
key and keeps them pending (the newest payload wins); the records of the batch that met no refusal leave the
pending list. ``retry`` applies each pending record again through its resource's handler, unless a newer
version of it was applied meanwhile. Upserts on unique keys make the retry safe: a record lands once, never
twice, and is never dropped silently (it is in the summary's ``refused`` until it lands).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable

from connector.clock import parse_iso
from connector.engine.context import StoreContext, log
from connector.mapping import commerce, deals
from connector.mapping.common import normalize_email
from connector.mapping.contacts import buyer_of
from connector.mapping.products import product_key

KIND = {"products": "product", "customers": "customer", "orders": "order", "checkouts": "checkout"}
Apply = Callable[[StoreContext, list[dict]], object]


def ident(resource: str, record: dict) -> str:
    return str(record.get("token") if resource == "checkouts" else record.get("id"))


def written_keys(ctx: StoreContext, resource: str, record: dict) -> tuple[set[str], set[str]]:
    """(unique keys this record writes, parent keys whose ``<key>:...`` line items it writes)."""
    keys: set[str] = set()
    parents: set[str] = set()
    sid = ctx.store_id
    if resource == "customers":
        keys.add(f"{sid}:customer:{record.get('id')}")
        if normalize_email(record.get("email")):
            keys.add(normalize_email(record.get("email")))
        name = commerce.company_name(record)
        if name:
            keys.add(commerce.company_key(name))
    elif resource == "products":
        key = product_key(sid, record, ctx.mode)
        keys.add(key or f"{sid}:{record.get('id')}")
    else:
        kind = "order" if resource == "orders" else "checkout"
        own = (commerce.order_key(sid, record) if kind == "order" else commerce.cart_key(sid, record)) \
            if ctx.mode == "data-sync" else deals.deal_key(sid, record, kind)
        keys.add(own)
        parents.add(own)
        buyer = buyer_of(record)
        if buyer and normalize_email(buyer.get("email")):
            keys.add(normalize_email(buyer.get("email")))
    return keys, parents


def _involved(keys: set[str], parents: set[str], refused: set[str]) -> bool:
    return bool(keys & refused) or any(k.startswith(f"{p}:") for p in parents for k in refused)


def settle(ctx: StoreContext, resource: str, records: Iterable[dict], refused_since: int) -> None:
    """After a batch of ``records`` was applied: keep those a refusal (``ctx.refusals[refused_since:]``)
    touched, let the others leave the pending list."""
    records = list(records)
    refused = {key for _, key in ctx.refusals[refused_since:]}
    if refused:
        ctx.tried.update((resource, ident(resource, r)) for r in records)
    reasons = {r["key"]: r["reason"] for r in ctx.summary.refused}
    kept: list[str] = []
    fresh = 0
    with ctx.state.transaction():
        for record in records:
            if not refused:
                break
            keys, parents = written_keys(ctx, resource, record)
            if _involved(keys, parents, refused):
                hit = sorted(k for k in refused if k in keys or any(k.startswith(f"{p}:") for p in parents))
                reason = "; ".join(f"{k}: {reasons.get(k, 'refused')}" for k in hit)
                mark = (resource, ident(resource, record))
                if mark not in ctx.kept:  # once per run (a record may be settled in two windows)
                    ctx.kept.add(mark)
                    ctx.state.keep_pending(ctx.store_id, resource, mark[1], record, reason[:2000], ctx.now_iso())
                    fresh += 1
                kept.append(mark[1])
        done = [ident(resource, r) for r in records if ident(resource, r) not in set(kept)]
        if done:
            ctx.state.clear_pending(ctx.store_id, resource, done)
            ctx.kept.difference_update((resource, d) for d in done)
    if fresh:
        log.warning("[S7] %d %s of %s kept pending for a retry: refused by the portal's rules", fresh,
                    resource, ctx.store_id)


class Window:
    """The last two batches of a pass, settled after each batch and at the end. A batch's per-parent writes
    (line items and associations, engine/lines.py) go out later in full batches of 100, so their refusal can
    come while the next batch is applied; fewer than 100 rows wait per stream, so they belong to the last
    two batches of 100 parents."""

    def __init__(self, ctx: StoreContext, resource: str) -> None:
        self.ctx, self.resource = ctx, resource
        self.batches: deque[tuple[list[dict], int]] = deque(maxlen=2)

    def applied(self, records: list[dict], refused_since: int) -> None:
        """``records`` were just applied (their refusals are those from ``refused_since`` on)."""
        self.batches.append((records, refused_since))
        self.settle()

    def settle(self) -> None:
        if self.batches:
            settle(self.ctx, self.resource, [r for batch, _ in self.batches for r in batch], self.batches[0][1])


def retry(ctx: StoreContext, resource: str, apply: Apply, flush: Callable[[StoreContext], None],
          size: int = 100) -> int:
    """Apply every pending record of ``resource`` again; returns how many are still pending."""
    waiting = ctx.state.pending(ctx.store_id, resource)
    if not waiting:
        return 0
    todo: list[dict] = []
    stale: list[str] = []
    for key, record, _, _ in waiting:
        if (resource, key) in ctx.tried:
            continue  # this run's pass met it already (and kept it pending again)
        applied = ctx.state.applied(ctx.store_id, KIND[resource], key)
        stamp = record.get("updated_at")
        if applied and stamp and parse_iso(applied[0]) > parse_iso(stamp):
            stale.append(key)  # a newer version was applied since (and settled on its own)
        else:
            todo.append(record)
    if stale:
        ctx.state.clear_pending(ctx.store_id, resource, stale)
    if not todo:
        return len(waiting) - len(stale)
    log.info("[S7] retrying %d pending %s of %s", len(todo), resource, ctx.store_id)
    for start in range(0, len(todo), size):
        chunk = todo[start:start + size]
        before = len(ctx.refusals)
        ctx.kept.difference_update((resource, ident(resource, r)) for r in chunk)  # a new attempt
        apply(ctx, chunk)
        flush(ctx)  # line items and associations of the chunk: their refusals count too
        settle(ctx, resource, chunk, before)
    return sum(1 for _ in ctx.state.pending(ctx.store_id, resource))
