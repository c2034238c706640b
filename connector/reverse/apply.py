"""HubSpot -> Shopify (O7): which HubSpot records to apply — the pass's incremental search (``pull``)
and HubSpot's push webhooks (``apply_events``); each record is applied by ``objects.py``."""

from __future__ import annotations

from connector import names
from connector.engine.context import StoreContext, log
from connector.errors import ApiError, ConnectorCrashed
from connector.reverse.detect import changed_since, cursor_name
from connector.reverse.objects import APPLIERS as APPLY
from connector.reverse.twoway import MODIFIED

KEYS = {"contacts": ["email"], "companies": ["name", "domain"], "products": ["name", names.PRODUCT_KEY]}


def _wanted(ctx: StoreContext, obj: str) -> list[str]:
    """The HubSpot properties applying a record of ``obj`` needs."""
    return sorted({*KEYS[obj], *(m.hubspot for m in ctx.twoway.mappings.reverse(obj)), MODIFIED[obj]})


def apply_events(ctx: StoreContext, changed: dict[str, set[str]]) -> str:
    """O7 from HubSpot's push webhooks: read the named records now and apply them (an ApiError is the
    caller's to answer with a retryable status). The pass's search still catches anything missed."""
    tw = ctx.twoway
    if tw is None or not tw.active:
        return "ignored"
    applied = 0
    for obj, ids in changed.items():
        if not ctx.enabled(obj):
            continue
        for record in ctx.hubspot.batch_read(obj, sorted(ids), properties=_wanted(ctx, obj)):
            APPLY[obj](ctx, record)
            applied += 1
    return f"{applied} HubSpot change(s) applied to {ctx.store_id}"


def pull(ctx: StoreContext) -> bool:
    """One HubSpot -> Shopify pass for the store; False if anything failed (the cursor then stays)."""
    tw = ctx.twoway
    if tw is None or not tw.active:
        return True
    ok = True
    for obj, apply in APPLY.items():
        if not ctx.enabled(obj):
            continue
        errors_before = ctx.summary.errors
        try:
            records, newest = changed_since(ctx, obj, _wanted(ctx, obj))
            for record in records:
                try:
                    apply(ctx, record)
                except ConnectorCrashed:
                    raise
                except ApiError as exc:
                    ctx.summary.error(f"{obj} to Shopify {record.get('id')}: {exc}")
                    log.error("[O7] %s %s could not be written to %s: %s", obj, record.get("id"), ctx.store_id, exc)
        except ConnectorCrashed:
            raise
        except ApiError as exc:
            ctx.summary.error(f"{obj} from HubSpot: {exc}")
            log.error("[O7] changed %s could not be read from HubSpot: %s", obj, exc)
            ok = False
            continue
        if ctx.summary.errors == errors_before and newest:
            ctx.state.set_cursor(ctx.store_id, cursor_name(obj), newest)
        ok = ok and ctx.summary.errors == errors_before
    return ok
