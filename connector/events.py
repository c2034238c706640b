"""Applying one webhook event: Shopify topics (with out-of-order protection) and HubSpot deletions (C5)."""

from __future__ import annotations

from connector.engine import checkout_ids, commerce, deals, ordering, pending, tombstones
from connector.engine.applied import differs
from connector.engine.context import StoreContext, log
from connector.engine.lines import flush
from connector.engine.passes import sync_customers
from connector.engine.products import delete_product, sync_products
from connector.state import State

SWITCH = {"customers": "contacts", "products": "products", "orders": "orders", "checkouts": "carts"}


def apply_shopify(ctx: StoreContext, topic: str, payload: dict, triggered_at: str | None = None) -> str:
    """Apply a Shopify webhook; returns what was done (for the response text and logs).
    ``triggered_at``: its ``X-Shopify-Triggered-At`` (orders two edits made within one second)."""
    resource, _, verb = topic.partition("/")
    if resource not in SWITCH:
        return f"ignored topic {topic}"
    if not ctx.enabled(SWITCH[resource]):
        log.info("[S5] %s sync is off for %s: %s ignored", SWITCH[resource], ctx.store_id, topic)
        return f"{SWITCH[resource]} sync off"
    if resource in ("checkouts", "orders") and verb != "delete":
        payload = checkout_ids.canonical(ctx, resource, [payload])[0]
    ident = str(payload.get("token") if resource == "checkouts" else payload.get("id"))
    if verb == "delete":
        return _delete(ctx, resource, ident)
    kind = resource[:-1]
    if kind in tombstones.KINDS and tombstones.is_deleted(ctx, kind, ident):
        log.info("[S6] %s %s %s was deleted in Shopify: %s ignored", ctx.store_id, kind, ident, topic)
        return "deleted in Shopify: not re-created"
    verdict = ordering.judge(ctx, kind, ident, payload, triggered_at)
    if verdict == ordering.STALE:
        log.info("[S6] %s %s: version updated_at %s is not newer than the one applied", kind, ident,
                 payload.get("updated_at"))
        return "stale"
    delivered = payload
    if verdict == ordering.ASK:
        current = current_version(ctx, resource, ident)
        if current is None or not differs(ctx, kind, ident, current):
            log.info("[S6] %s %s: older version (updated_at %s) ignored: Shopify's current one is applied",
                     kind, ident, payload.get("updated_at"))
            return "stale"
        log.info("[S6] %s %s: delivery stamped %s is not known to be the newest: Shopify's current version "
                 "(updated_at %s) is applied", kind, ident, payload.get("updated_at"), current.get("updated_at"))
        payload = current
    refused_before = len(ctx.refusals)
    if resource == "customers":
        sync_customers(ctx, [payload])
    elif resource == "products":
        sync_products(ctx, [payload])
    elif resource == "orders":
        (commerce.sync_orders if ctx.mode == "data-sync" else deals.sync_orders)(ctx, [payload])
    else:
        (commerce.sync_carts if ctx.mode == "data-sync" else deals.sync_checkouts)(ctx, [payload])
    flush(ctx)  # a webhook is applied in full before it is answered (and marked seen)
    pending.settle(ctx, resource, [payload], refused_before)  # refused by the portal's rules: kept for a retry
    if len(ctx.refusals) > refused_before:
        return f"refused {topic}: kept pending"
    if payload is delivered:
        ordering.settle(ctx, kind, ident, payload, triggered_at)
    return f"applied {topic}"


def current_version(ctx: StoreContext, resource: str, ident: str) -> dict | None:
    """The record as Shopify has it now (None: deleted, or not readable one by one, as checkouts)."""
    if resource not in ("customers", "products", "orders"):
        return None
    return ctx.shopify.current(resource, ident)


def _delete(ctx: StoreContext, resource: str, ident: str) -> str:
    if resource == "customers":
        tombstones.bury(ctx, "customer", ident)  # O8: HubSpot's later edits do not re-create it
        log.info("[C4] %s customer %s deleted in Shopify: the HubSpot contact stays", ctx.store_id, ident)
        return "customer delete: contact kept (C4)"
    if resource == "products":
        delete_product(ctx, ident)
    elif resource == "orders":
        (commerce.delete_order if ctx.mode == "data-sync" else deals.delete_order)(ctx, ident)
    return f"{resource} delete applied"


CONTACT_DELETIONS = ("contact.deletion", "contact.privacyDeletion")


def apply_hubspot(state: State, event: dict, now_iso: str) -> str:
    """C5: a contact deleted in HubSpot tombstones every (store, customer) that mapped to it."""
    kind = event.get("subscriptionType") or event.get("eventType") or ""
    is_contact = kind in CONTACT_DELETIONS or (kind == "object.deletion" and str(event.get("objectTypeId")) == "0-1")
    if not is_contact:
        if kind == "company.deletion":
            log.info("[O1] company %s deleted in HubSpot: nothing changes in Shopify", event.get("objectId"))
        return "ignored"
    hs_id = str(event.get("objectId"))
    with state.transaction():
        refs = state.keys_for_hs_id("contact", hs_id)
        for store, ref in refs:
            state.tombstone(store, ref, hs_id, now_iso)
            state.unmap(store, "contact", ref)
            log.info("[C5] contact %s deleted in HubSpot: %s %s tombstoned", hs_id, store, ref)
        for store, email in state.keys_for_hs_id("email", hs_id):
            state.unmap(store, "email", email)
    return f"tombstoned {len(refs)}"
