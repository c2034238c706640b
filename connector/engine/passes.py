"""Initial import and incremental pass for one store (S6): stream Shopify pages, write in batches."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import timedelta
from functools import partial

from connector import names
from connector.clock import format_iso, parse_iso
from connector.engine import checkout_ids, commerce, deals, pending
from connector.engine.applied import is_newer, mark_applied
from connector.engine.contacts import Person, sync_companies, sync_people
from connector.engine.context import StoreContext, log
from connector.engine.lines import Link, Parent, flush, sync_lines
from connector.engine.products import delete_product, sync_products
from connector.errors import ApiError, ConnectorCrashed
from connector.payloads import shopify_problem

BATCH = 100
# resource -> object switch (S5); orders are read whatever their status
RESOURCES: dict[str, str] = {"products": "products", "customers": "contacts", "checkouts": "carts", "orders": "orders"}


def batches(records: Iterable[dict], size: int = BATCH) -> Iterator[list[dict]]:
    """Group a stream into lists of ``size`` (memory stays flat)."""
    chunk: list[dict] = []
    for record in records:
        chunk.append(record)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def sync_customers(ctx: StoreContext, customers: list[dict]) -> None:
    """Contacts, then (data-sync) companies; a customer with a contact -> company association is
    marked applied only once that association is written (it waits in the per-parent buffer)."""
    ids = sync_people(ctx, [Person(c) for c in customers if c])
    links = sync_companies(ctx, customers, ids)
    linked: dict[str, Parent] = {}
    for customer, contact, company in links:
        ident = str(customer["id"])
        parent = linked.setdefault(ident, Parent(f"{ctx.store_id}:customer:{ident}", contact, [], owns_lines=False,
                                                  done=partial(mark_applied, ctx, "customer", ident, customer)))
        parent.links.append(Link("companies", company, names.CONTACT_TO_COMPANY, "contact-company"))
    with ctx.state.transaction():
        for customer in customers:
            if str(customer["id"]) not in linked:
                mark_applied(ctx, "customer", str(customer["id"]), customer)
    if linked:
        sync_lines(ctx, list(linked.values()), "contacts")


def handler(ctx: StoreContext, resource: str) -> Callable[[StoreContext, list[dict]], object]:
    if resource == "products":
        return sync_products
    if resource == "customers":
        return sync_customers
    if resource == "orders":
        return commerce.sync_orders if ctx.mode == "data-sync" else deals.sync_orders
    return commerce.sync_carts if ctx.mode == "data-sync" else deals.sync_checkouts


KIND = {"products": "product", "customers": "customer", "orders": "order", "checkouts": "checkout"}


def ident(resource: str, record: dict) -> str:
    return str(record.get("token") if resource == "checkouts" else record.get("id"))


def run_resource(ctx: StoreContext, resource: str, since: str | None, skip_applied: bool) -> bool:
    """Stream one resource (from ``since``) through its handler; returns False if anything failed.
    Advances the cursor to the newest ``updated_at`` seen only when everything succeeded."""
    if not ctx.enabled(RESOURCES[resource]):
        return True
    records = pass_records(ctx, resource, since)
    newest = ctx.state.cursor(ctx.store_id, resource)
    errors_before = ctx.summary.errors
    apply = handler(ctx, resource)
    refused = pending.Window(ctx, resource)  # records whose writes the portal's rules refused wait for a retry
    try:
        for chunk in batches(records):
            chunk = well_formed(ctx, resource, checkout_ids.canonical(ctx, resource, chunk))
            if skip_applied:
                chunk = [r for r in chunk if is_newer(ctx, KIND[resource], ident(resource, r), r, current=True)]
            if chunk:
                refused_before = len(ctx.refusals)
                apply(ctx, chunk)
                refused.applied(chunk, refused_before)
            for record in chunk:
                stamp = record.get("updated_at")
                if stamp and (newest is None or parse_iso(stamp) > parse_iso(newest)):
                    newest = stamp
        flush(ctx)  # the per-parent writes still buffered (part-full batches): the pass is complete
        refused.settle()
    except ConnectorCrashed:
        raise
    except ApiError as exc:
        ctx.summary.error(f"{resource}: {exc}")
        log.error("[S6] %s pass of %s failed: %s", resource, ctx.store_id, exc)
        try:
            flush(ctx)  # what was read before the failure still gets its writes
        except ApiError as again:
            ctx.summary.error(f"{resource}: {again}")
        return False
    if ctx.summary.errors == errors_before and newest:
        ctx.state.set_cursor(ctx.store_id, resource, newest)
    return ctx.summary.errors == errors_before


def pass_records(ctx: StoreContext, resource: str, since: str | None) -> Iterable[dict]:
    """The records of one pass: updated since ``since``, or all of them; the initial import reads
    through the bulk importer when there is one (it pages itself below its threshold)."""
    if since:
        return ctx.shopify.iter_updated(resource, since)
    if ctx.initial and ctx.importer is not None:
        return ctx.importer.records(resource, partial(ctx.shopify.iter_all, resource))
    return ctx.shopify.iter_all(resource)


def well_formed(ctx: StoreContext, resource: str, records: list[dict]) -> list[dict]:
    """The records a pass can apply: one Shopify lists with a shape the engine cannot use (the checks
    of webhook payloads, connector/payloads.py) is a sync error naming it, not a crash of the pass."""
    out = []
    for record in records:
        problem = shopify_problem(f"{resource}/update", record)
        if problem:
            ctx.summary.error(f"{resource} {str(ident(resource, record))[:40]}: malformed record: {problem}")
            log.error("[S7] %s %s of %s is malformed and skipped: %s", resource, ident(resource, record),
                      ctx.store_id, problem)
            continue
        out.append(record)
    return out


def initial_import(ctx: StoreContext) -> bool:
    """All products, customers, checkouts and orders (status=any); contacts get C6 sources."""
    started = ctx.now_iso()
    ctx.initial = True
    if ctx.importer is not None:
        ctx.importer.prepare(r for r in RESOURCES if ctx.enabled(RESOURCES[r]))
    try:
        ok = all([run_resource(ctx, resource, None, skip_applied=False) for resource in RESOURCES])
    finally:
        ctx.initial = False
    ctx.summary.pending = ctx.state.pending_count(ctx.store_id)
    if ok:
        if ctx.importer is not None:
            started = ctx.importer.since(started)  # a resumed operation's snapshot may be older
            ctx.importer.finish()
        ctx.state.set_cursor(ctx.store_id, "events", started)
        ctx.state.set_meta(f"imported:{ctx.store_id}", started)
        log.info("[S6] initial import of %s done", ctx.store_id)
    return ok


def incremental_pass(ctx: StoreContext) -> bool:
    """Records updated since each cursor (minus the overlap window), then deletes from events."""
    overlap = timedelta(seconds=ctx.config.overlap_seconds)
    ok = True
    for resource in RESOURCES:
        cursor = ctx.state.cursor(ctx.store_id, resource)
        since = format_iso(parse_iso(cursor) - overlap) if cursor else None
        ok = run_resource(ctx, resource, since, skip_applied=True) and ok
    ok = retry_pending(ctx) and ok
    return deleted_events(ctx) and ok


def retry_pending(ctx: StoreContext) -> bool:
    """Records the portal's rules refused on an earlier pass (engine/pending.py), applied again now that
    the rules or the records may have changed; False if a call failed (they stay pending)."""
    for resource, switch in RESOURCES.items():
        if not ctx.enabled(switch):
            continue
        try:
            pending.retry(ctx, resource, handler(ctx, resource), flush)
        except ConnectorCrashed:
            raise
        except ApiError as exc:
            ctx.summary.error(f"{resource} retry: {exc}")
            log.error("[S7] retry of pending %s of %s failed: %s", resource, ctx.store_id, exc)
            return False
    ctx.summary.pending = ctx.state.pending_count(ctx.store_id)
    return True


def deleted_events(ctx: StoreContext) -> bool:
    """S6: deletions a webhook may have missed, from the shop's event log (the source's ``deletions``)."""
    cursor = ctx.state.cursor(ctx.store_id, "events")
    since = format_iso(parse_iso(cursor) - timedelta(seconds=ctx.config.overlap_seconds)) if cursor else None
    newest = cursor
    for subject, switch in (("order", "orders"), ("product", "products")):
        if not ctx.enabled(switch):
            continue
        try:
            for event in ctx.shopify.deletions(subject, since):
                if subject == "product":
                    delete_product(ctx, str(event["id"]))
                elif ctx.mode == "data-sync":
                    commerce.delete_order(ctx, str(event["id"]))
                else:
                    deals.delete_order(ctx, str(event["id"]))
                stamp = event.get("created_at")
                if stamp and (newest is None or parse_iso(stamp) > parse_iso(newest)):
                    newest = stamp
        except ApiError as exc:
            ctx.summary.error(f"events: {exc}")
            log.error("[S6] deletion events of %s failed: %s", ctx.store_id, exc)
            return False
    if newest:
        ctx.state.set_cursor(ctx.store_id, "events", newest)
    return True
