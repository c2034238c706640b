"""ecommerce-deals mode: orders and checkouts -> deals (D1-D3, D5, D7-D10)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from connector import names
from connector.engine import tombstones, writes
from connector.engine.applied import mark_applied
from connector.engine.contacts import Person, sync_people
from connector.engine.context import StoreContext, log
from connector.engine.lines import Link, Parent, archive_lines, flush, sync_lines
from connector.mapping import deals as deal_map
from connector.mapping.common import normalize_email
from connector.mapping.contacts import buyer_of
from connector.timers import decide, has_contact_details


def _contacts_for(ctx: StoreContext, records: list[dict]) -> dict[str, str]:
    people = [Person(b, r) for r in records if (b := buyer_of(r)) is not None]
    return sync_people(ctx, people, refresh=False) if people else {}


def sync_orders(ctx: StoreContext, orders: list[dict]) -> None:
    """D1/D2/D8-D10: one deal per order (shared with its checkout, D5), its contact and line items."""
    orders = tombstones.alive(ctx, "order", orders)
    if not orders or not ctx.enabled("orders"):
        return
    contacts = _contacts_for(ctx, orders)
    rows: list[tuple[str, dict]] = []
    by_key: dict[str, dict] = {}
    # an order keeps the deal it has (a GraphQL read names no checkout: see engine/checkout_ids.py)
    known = ctx.state.hs_ids(ctx.store_id, "order_deal", [str(o["id"]) for o in orders])
    for order in orders:
        key = known.get(str(order["id"])) or deal_map.deal_key(ctx.store_id, order, "order")
        stage = deal_map.order_stage(order)
        rows.append((key, ctx.api_properties(deal_map.order_deal(ctx.store_id, order, ctx.schema.deal_pipeline,
                                                                 ctx.schema.deal_stage(stage)))))
        by_key[key] = order
    ids = writes.upsert(ctx, "deals", names.DEAL_KEY, rows, "deals upsert")

    def done(key: str, hs_id: str) -> None:
        order = by_key[key]
        ctx.state.map_id(ctx.store_id, "order_deal", str(order["id"]), key)
        if order.get("checkout_token"):
            timer = ctx.state.timer(ctx.store_id, order["checkout_token"])
            if timer and timer.state != "completed":
                ctx.state.set_timer_state(ctx.store_id, order["checkout_token"], "completed")
                log.info("[D5] deal %s %s -> %s (checkout completed%s)", hs_id, timer.state,
                         deal_map.order_stage(order), ", recovered" if timer.state == "abandoned" else "")
        log.info("[D1] deal %s synced from %s order %s at stage %s", hs_id, ctx.store_id, order["id"],
                 deal_map.order_stage(order))
        mark_applied(ctx, "order", str(order["id"]), order)

    _after_deals(ctx, ids, by_key, contacts, done)


def _after_deals(ctx: StoreContext, ids: dict[str, str], by_key: dict[str, dict], contacts: dict[str, str],
                 done: Callable[[str, str], None]) -> None:
    """Map deals, then hand their contact association (none without email: D2) and line items to the
    per-parent buffer; ``done(key, hs_id)`` runs once all of a deal's writes are confirmed."""
    parents = []
    with ctx.state.transaction():
        for key, hs_id in ids.items():
            ctx.state.map_id(ctx.store_id, "deal", key, hs_id)
            record = by_key[key]
            buyer = buyer_of(record)
            contact = contacts.get(normalize_email(buyer.get("email"))) if buyer else None
            links = [Link("contacts", contact, names.DEAL_TO_CONTACT, "deal-contact")] if contact else []
            if not contact and not buyer:
                log.info("[D2] deal %s has no email: no contact association", hs_id)
            parents.append(Parent(key, hs_id, record.get("line_items") or [], record.get("currency"), links,
                                  partial(done, key, hs_id)))
    ctx.summary.synced["deals"] += len(ids)
    sync_lines(ctx, parents, "deals", names.DEAL_TO_LINE_ITEM)


def checkout_stage(ctx: StoreContext, checkout: dict) -> str:
    """Pending, or already abandoned/cleared when the checkout is old enough (D4, D6)."""
    timer = ctx.state.timer(ctx.store_id, checkout["token"])
    state = timer.state if timer else "pending"
    if state == "pending":
        due = decide("pending", checkout["created_at"], has_contact_details(checkout), ctx.clock.now(),
                     ctx.timer_rules)
        state = {"abandon": "abandoned", "clear": "cleared"}.get(due or "", "pending")
    return {"abandoned": names.STAGE_ABANDONED, "cleared": ""}.get(state, names.STAGE_PENDING)


def sync_checkouts(ctx: StoreContext, checkouts: list[dict]) -> None:
    """D3: a checkout is a deal at Checkout Pending with its contact (if it has an email); the timers
    move it on. Completed checkouts are left to their order (D5)."""
    if not ctx.enabled("carts"):
        return
    live = []
    for checkout in checkouts:
        timer = ctx.state.timer(ctx.store_id, checkout.get("token") or "")
        if not checkout.get("token") or checkout.get("completed_at") or (timer and timer.state == "completed"):
            continue
        live.append(checkout)
    if not live:
        return
    contacts = _contacts_for(ctx, live)
    rows, by_key, stages = [], {}, {}
    for checkout in live:
        key = deal_map.deal_key(ctx.store_id, checkout, "checkout")
        stages[key] = checkout_stage(ctx, checkout)
        props = deal_map.checkout_deal(ctx.store_id, checkout, ctx.schema.deal_pipeline,
                                       ctx.schema.deal_stage(stages[key]) if stages[key] else "")
        rows.append((key, ctx.api_properties(props, keep=("ip__shopify__token",))))
        by_key[key] = checkout
    ids = writes.upsert(ctx, "deals", names.DEAL_KEY, rows, "checkout deals upsert")

    def done(key: str, hs_id: str) -> None:
        checkout = by_key[key]
        ctx.state.upsert_timer(ctx.store_id, checkout["token"], key, checkout["created_at"],
                               has_contact_details(checkout))
        state = {names.STAGE_ABANDONED: "abandoned", "": "cleared"}.get(stages[key])
        if state:
            ctx.state.set_timer_state(ctx.store_id, checkout["token"], state)
        log.info("[D3] deal %s synced from %s checkout %s at stage %s", hs_id, ctx.store_id,
                 checkout["token"], stages[key] or "(cleared)")
        mark_applied(ctx, "checkout", str(checkout["token"]), checkout)

    _after_deals(ctx, ids, by_key, contacts, done)


def delete_order(ctx: StoreContext, order_id: str) -> None:
    """D7: an order deleted in Shopify archives its deal and the deal's line items; the order is
    tombstoned so that an orders/create or orders/updated delivered late does not re-create it."""
    flush(ctx)  # buffered writes first: the id map must be complete
    tombstones.bury(ctx, "order", str(order_id))
    key = ctx.state.hs_id(ctx.store_id, "order_deal", str(order_id))
    hs_id = ctx.state.hs_id(ctx.store_id, "deal", key) if key else None
    if not key or not hs_id:
        return
    archive_lines(ctx, key)
    if writes.archive(ctx, "deals", [hs_id], "deal archive"):
        with ctx.state.transaction():
            ctx.state.unmap(ctx.store_id, "deal", key)
            ctx.state.unmap(ctx.store_id, "order_deal", str(order_id))
        ctx.summary.deleted["deals"] += 1
        log.info("[D7] deal %s archived (%s order %s deleted)", hs_id, ctx.store_id, order_id)
