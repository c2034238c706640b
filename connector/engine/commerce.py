"""data-sync mode: orders -> Order objects (O2-O4), abandoned checkouts -> Carts (O6), O5 duplicates."""

from __future__ import annotations

from functools import partial

from connector import names
from connector.engine import tombstones, writes
from connector.engine.applied import mark_applied
from connector.engine.contacts import Person, sync_people
from connector.engine.context import StoreContext, log
from connector.engine.lines import Link, Parent, archive_lines, flush, sync_lines
from connector.mapping import commerce
from connector.mapping.common import normalize_email
from connector.mapping.contacts import buyer_of


def _contacts(ctx: StoreContext, records: list[dict]) -> dict[str, str]:
    people = [Person(b, r) for r in records if (b := buyer_of(r)) is not None]
    return sync_people(ctx, people, refresh=False) if people else {}


def _stage(ctx: StoreContext, order: dict) -> str | None:
    return commerce.order_stage_id(commerce.order_status(order), ctx.schema.order_stages)


def sync_orders(ctx: StoreContext, orders: list[dict]) -> None:
    """O2/O3: an Order per Shopify order (keyed by store + id), with contact, cart and line items.
    Every write carries all mapped values, so HubSpot-side edits are overwritten (O4)."""
    orders = tombstones.alive(ctx, "order", orders)
    if not orders or not ctx.enabled("orders"):
        return
    contacts = _contacts(ctx, orders)
    by_key = {commerce.order_key(ctx.store_id, o): o for o in orders}
    rows = [(k, commerce.order_properties(ctx.store_id, o, _stage(ctx, o))) for k, o in by_key.items()]
    ids = writes.upsert(ctx, "orders", names.ORDER_KEY, rows, "orders upsert")

    def done(order: dict, hs_id: str) -> None:
        log.info("[O2] order %s synced from %s order %s (stage %s)", hs_id, ctx.store_id, order["id"],
                 commerce.order_status(order))
        mark_applied(ctx, "order", str(order["id"]), order)

    parents = []
    with ctx.state.transaction():
        for key, hs_id in ids.items():
            order = by_key[key]
            ctx.state.map_id(ctx.store_id, "order", str(order["id"]), hs_id)
            links = []
            buyer = buyer_of(order)
            contact = contacts.get(normalize_email(buyer.get("email"))) if buyer else None
            if contact:
                links.append(Link("contacts", contact, names.ORDER_TO_CONTACT, "order-contact"))
            token = order.get("checkout_token") or order.get("cart_token")
            cart = ctx.state.hs_id(ctx.store_id, "cart", str(token)) if token else None
            if cart:
                links.append(Link("carts", cart, names.ORDER_TO_CART, "order-cart"))
            parents.append(Parent(key, hs_id, order.get("line_items") or [], order.get("currency"), links,
                                  partial(done, order, hs_id)))
    ctx.summary.synced["orders"] += len(ids)
    sync_lines(ctx, parents, "orders", names.ORDER_TO_LINE_ITEM)


def sync_carts(ctx: StoreContext, checkouts: list[dict]) -> None:
    """O6: a Cart per abandoned checkout, with its contact and line items (removed lines archived)."""
    checkouts = [c for c in checkouts if c.get("token") or c.get("id")]
    if not checkouts or not ctx.enabled("carts"):
        return
    contacts = _contacts(ctx, checkouts)
    by_key = {commerce.cart_key(ctx.store_id, c): c for c in checkouts}
    rows = [(k, commerce.cart_properties(ctx.store_id, c)) for k, c in by_key.items()]
    ids = writes.upsert(ctx, "carts", names.CART_KEY, rows, "carts upsert")

    def done(checkout: dict, hs_id: str) -> None:
        log.info("[O6] cart %s synced from %s checkout %s", hs_id, ctx.store_id, checkout.get("token"))
        mark_applied(ctx, "checkout", str(checkout.get("token")), checkout)

    parents = []
    with ctx.state.transaction():
        for key, hs_id in ids.items():
            checkout = by_key[key]
            ctx.state.map_id(ctx.store_id, "cart", str(checkout.get("token") or checkout.get("id")), hs_id)
            buyer = buyer_of(checkout)
            contact = contacts.get(normalize_email(buyer.get("email"))) if buyer else None
            links = [Link("contacts", contact, names.CART_TO_CONTACT, "cart-contact")] if contact else []
            parents.append(Parent(key, hs_id, checkout.get("line_items") or [], checkout.get("currency"), links,
                                  partial(done, checkout, hs_id)))
    ctx.summary.synced["carts"] += len(ids)
    sync_lines(ctx, parents, "carts", names.CART_TO_LINE_ITEM)


def resend_duplicates(ctx: StoreContext, object_type: str, records: list[dict]) -> None:
    """O5: turning order/cart sync on again sends every matching record without deduplication.

    Records already in HubSpot are created again (without our key, as the native sync would) and
    counted as duplicates in the summary."""
    kind = "order" if object_type == "orders" else "cart"
    props_of = (lambda r: commerce.order_properties(ctx.store_id, r, _stage(ctx, r))) if kind == "order" else \
        (lambda r: commerce.cart_properties(ctx.store_id, r))
    key_prop = names.ORDER_KEY if kind == "order" else names.CART_KEY
    ident = (lambda r: str(r["id"])) if kind == "order" else (lambda r: str(r.get("token") or r.get("id")))
    again = [r for r in records if ctx.state.hs_id(ctx.store_id, kind, ident(r))]
    inputs = [{"properties": {k: v for k, v in props_of(r).items() if k != key_prop}} for r in again]
    if not inputs:
        return
    created = ctx.hubspot.batch(object_type, "create", inputs)
    ctx.summary.duplicates += len(created)
    log.warning("[O5] %s sync turned on again for %s: %d %s sent again -> %d duplicates", kind, ctx.store_id,
                len(inputs), object_type, len(created))


def delete_order(ctx: StoreContext, order_id: str) -> None:
    """A deleted Shopify order archives its Order object and line items (as D7 does for deals)."""
    flush(ctx)  # buffered writes first: the id map must be complete
    hs_id = ctx.state.hs_id(ctx.store_id, "order", str(order_id))
    tombstones.bury(ctx, "order", str(order_id), hs_id)
    if not hs_id:
        return
    key = commerce.order_key(ctx.store_id, {"id": order_id})
    archive_lines(ctx, key)
    if writes.archive(ctx, "orders", [hs_id], "order archive"):
        ctx.state.unmap(ctx.store_id, "order", str(order_id))
        ctx.summary.deleted["orders"] += 1
        log.info("[D7] order %s archived (%s order %s deleted)", hs_id, ctx.store_id, order_id)
