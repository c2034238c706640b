"""Line items of a deal, order or cart: upsert current lines, archive removed ones (P3, P6)."""

from __future__ import annotations

from dataclasses import dataclass

from connector import names
from connector.engine import writes
from connector.engine.context import StoreContext, log
from connector.engine.products import product_ids
from connector.mapping.line_items import line_item_properties, line_keys


@dataclass
class Parent:
    """A record owning line items: its key, HubSpot id, lines and currency."""

    key: str
    hs_id: str
    lines: list[dict]
    currency: str | None = None


def sync_lines(ctx: StoreContext, parents: list[Parent], parent_type: str, assoc_type: int) -> None:
    """Upsert every parent's lines (keyed under the parent), associate them, archive the lines that
    left the parent (P3: a product removed from a cart/checkout removes its line item)."""
    products = product_ids(ctx, [line for p in parents for line in p.lines])
    rows: list[tuple[str, dict]] = []
    owner: dict[str, Parent] = {}
    for parent in parents:
        for key, line in zip(line_keys(parent.key, parent.lines), parent.lines, strict=True):
            hs_product = products.get(str(line.get("product_id"))) if line.get("product_id") else None
            rows.append((key, line_item_properties(line, key, hs_product, parent.currency)))
            owner[key] = parent
    ids = writes.upsert(ctx, "line_items", names.LINE_ITEM_KEY, rows, "line items upsert")
    with ctx.state.transaction():
        for key, hs_id in ids.items():
            ctx.state.map_id(ctx.store_id, "line_item", key, hs_id)
    ctx.summary.synced["line_items"] += len(ids)
    writes.associate(ctx, parent_type, "line_items", [(owner[k].hs_id, i) for k, i in ids.items()], assoc_type,
                     f"{parent_type}-line item")
    if len(ids) < len(rows):
        return  # some lines failed: archive nothing this time
    current = {key for key, _ in rows}
    for parent in parents:
        stale = {k: i for k, i in ctx.state.children(ctx.store_id, "line_item", parent.key + ":").items()
                 if k not in current}
        if stale and writes.archive(ctx, "line_items", list(stale.values()), "line item archive"):
            with ctx.state.transaction():
                for key, hs_id in stale.items():
                    ctx.state.unmap(ctx.store_id, "line_item", key)
                    log.info("[P3] line item %s archived: line removed from %s", hs_id, parent.key)
            ctx.summary.deleted["line_items"] += len(stale)


def archive_lines(ctx: StoreContext, parent_key: str) -> None:
    """Archive every line item of a parent (D7: with its deal)."""
    lines = ctx.state.children(ctx.store_id, "line_item", parent_key + ":")
    if lines and writes.archive(ctx, "line_items", list(lines.values()), "line item archive"):
        with ctx.state.transaction():
            for key in lines:
                ctx.state.unmap(ctx.store_id, "line_item", key)
        ctx.summary.deleted["line_items"] += len(lines)
