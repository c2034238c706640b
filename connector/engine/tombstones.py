"""Deleted Shopify records stay deleted: one tombstone per deleted order and product.

A delete is final in Shopify: a deleted record never comes back under the same id (re-creating makes
a new id, which is a new record here too). So a create or update webhook delivered after the
record's delete webhook (Shopify does not order deliveries), or a pass that still lists it, must not
bring it back into HubSpot. The tombstone is written when the delete is first seen — by webhook or
by the pass's ``events.json?verb=destroy`` — even for a record never synced, and nothing passes it.
"""

from __future__ import annotations

from connector.engine.context import StoreContext, log

KINDS = ("order", "product")


def ref(kind: str, ident: str) -> str:
    """The tombstone key of a deleted record (contacts' C5 tombstones use other keys)."""
    return f"deleted:{kind}:{ident}"


def bury(ctx: StoreContext, kind: str, ident: str, hs_id: str | None = None) -> None:
    """Record that Shopify deleted ``kind`` ``ident`` (idempotent; the first time seen is kept)."""
    if not ctx.state.is_tombstoned(ctx.store_id, ref(kind, ident)):
        ctx.state.tombstone(ctx.store_id, ref(kind, ident), hs_id, ctx.now_iso())


def is_deleted(ctx: StoreContext, kind: str, ident: str) -> bool:
    return ctx.state.is_tombstoned(ctx.store_id, ref(kind, ident))


def alive(ctx: StoreContext, kind: str, records: list[dict]) -> list[dict]:
    """``records`` without the ones Shopify deleted (counted as skipped ``deleted``)."""
    if kind not in KINDS:
        return records
    out = []
    for record in records:
        ident = str(record.get("id"))
        if is_deleted(ctx, kind, ident):
            ctx.summary.skipped["deleted"] += 1
            log.info("[S6] %s %s %s was deleted in Shopify: this later copy is not applied", ctx.store_id,
                     kind, ident)
            continue
        out.append(record)
    return out
