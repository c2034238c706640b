"""Products (P1, P2, P4, P5)."""

from __future__ import annotations

from connector import names
from connector.engine import tombstones, writes
from connector.engine.applied import mark_applied
from connector.engine.context import StoreContext, log
from connector.mapping.products import product_key, product_properties
from connector.reverse import echo


def sync_products(ctx: StoreContext, products: list[dict]) -> dict[str, str]:
    """Upsert products by their key; returns Shopify product id -> HubSpot product id."""
    if not ctx.enabled("products"):
        return {}
    products = tombstones.alive(ctx, "product", products)
    rows: dict[str, tuple[dict, list[dict]]] = {}
    for product in products:
        key = product_key(ctx.store_id, product, ctx.mode)
        if key is None:
            if ctx.config.only_products_with_name:
                ctx.summary.skipped["product_without_name"] += 1
                log.info("[P5] product %s has no name: skipped", product.get("id"))
                continue
            key = f"{ctx.store_id}:{product['id']}"
        props = ctx.api_properties(product_properties(ctx.store_id, product, ctx.mode))
        props[names.PRODUCT_KEY] = key
        entry = rows.setdefault(key, (props, []))
        entry[0].update(props)
        entry[1].append(product)
    known = {k: ctx.state.hs_id(ctx.store_id, "product", str(v[1][-1]["id"])) for k, v in rows.items()}
    out_rows, quiet = echo.outgoing(ctx, "products", [(k, v[0]) for k, v in rows.items()],
                                    {k: i for k, i in known.items() if i}, {k: v[1][-1] for k, v in rows.items()},
                                    names.PRODUCT_KEY)  # data-sync: only what HubSpot lacks (O9, O10)
    ids = writes.upsert(ctx, "products", names.PRODUCT_KEY, out_rows, "products upsert")
    echo.written(ctx, "products", out_rows, ids)
    ids.update(quiet)
    out: dict[str, str] = {}
    with ctx.state.transaction():
        for key, hs_id in ids.items():
            for product in rows[key][1]:
                shopify_id = str(product["id"])
                ctx.state.map_id(ctx.store_id, "product", shopify_id, hs_id)
                mark_applied(ctx, "product", shopify_id, product)
                out[shopify_id] = hs_id
                log.info("[P1] product %s synced from %s product %s", hs_id, ctx.store_id, shopify_id)
    ctx.summary.synced["products"] += len(ids)
    return out


def product_ids(ctx: StoreContext, lines: list[dict]) -> dict[str, str]:
    """HubSpot ids of the products named by lines; products not yet synced are fetched in one call."""
    wanted = sorted({str(line["product_id"]) for line in lines if line.get("product_id")})
    known = ctx.state.hs_ids(ctx.store_id, "product", wanted)
    missing = [p for p in wanted if p not in known]
    if missing and ctx.enabled("products"):
        known.update(sync_products(ctx, ctx.shopify.products_by_ids(missing)))
    return known


def delete_product(ctx: StoreContext, product_id: str) -> None:
    """P2: a product deleted in Shopify is archived in HubSpot (and tombstoned: it never comes back)."""
    hs_id = ctx.state.hs_id(ctx.store_id, "product", str(product_id))
    tombstones.bury(ctx, "product", str(product_id), hs_id)
    if hs_id is None:
        return
    sharing = [ref for ref in ctx.state.keys_for_hs_id("product", hs_id) if ref != (ctx.store_id, str(product_id))]
    if sharing:
        # data-sync matches by name (P5): a live product (re-created with the same title, possibly
        # heard of before this delete, or another store's) still is this HubSpot product: it stays.
        ctx.state.unmap(ctx.store_id, "product", str(product_id))
        log.info("[P2] %s product %s deleted: HubSpot product %s stays, %s %s still match it by name",
                 ctx.store_id, product_id, hs_id, *sharing[0])
        return
    if writes.archive(ctx, "products", [hs_id], "product archive"):
        ctx.state.unmap(ctx.store_id, "product", str(product_id))
        ctx.summary.deleted["products"] += 1
        log.info("[P2] product %s archived (%s product %s deleted)", hs_id, ctx.store_id, product_id)
