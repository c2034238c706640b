"""Which HubSpot records changed since the last pass (O7): an incremental search on the object's
last-modified date, from a cursor kept in the state file, re-reading an overlap window (S6)."""

from __future__ import annotations

from datetime import timedelta

from connector.clock import format_iso, parse_iso
from connector.engine.context import StoreContext
from connector.reverse.twoway import MODIFIED


def cursor_name(obj: str) -> str:
    return f"hubspot:{obj}"


def changed_since(ctx: StoreContext, obj: str, properties: list[str]) -> tuple[list[dict], str | None]:
    """Records of ``obj`` modified since the cursor (less the overlap), oldest first, and the newest
    modification seen (the next cursor, to be saved once they are applied)."""
    modified = MODIFIED[obj]
    cursor = ctx.state.cursor(ctx.store_id, cursor_name(obj))
    filters = []
    if cursor:
        since = parse_iso(cursor) - timedelta(seconds=ctx.config.overlap_seconds)
        filters = [{"filters": [{"propertyName": modified, "operator": "GTE",
                                 "value": str(int(since.timestamp() * 1000))}]}]
    records = list(ctx.hubspot.search(obj, filter_groups=filters, properties=sorted({*properties, modified}),
                                      sorts=[{"propertyName": modified, "direction": "ASCENDING"}]))
    newest = cursor
    for record in records:
        stamp = (record.get("properties") or {}).get(modified) or record.get("updatedAt")
        if stamp and (newest is None or parse_iso(stamp) > parse_iso(newest)):
            newest = format_iso(parse_iso(stamp))
    return records, newest


OBJECT_OF = {"contact": "contacts", "company": "companies", "product": "products"}
TYPE_IDS = {"0-1": "contacts", "0-2": "companies", "0-7": "products"}
CHANGE_KINDS = ("creation", "propertyChange", "restore", "merge")


def changed_objects(events: list[dict]) -> dict[str, set[str]]:
    """HubSpot push events (webhooks v3) that name a created or changed contact, company or product:
    object -> ids. The event's own values are not used: the record is read when applied, so a
    delayed, duplicated or reordered event can only cause a read, never an old value."""
    out: dict[str, set[str]] = {}
    for event in events:
        kind = str(event.get("subscriptionType") or event.get("eventType") or "")
        prefix, _, verb = kind.partition(".")
        obj = TYPE_IDS.get(str(event.get("objectTypeId"))) if prefix == "object" else OBJECT_OF.get(prefix)
        if obj and verb in CHANGE_KINDS and str(event.get("objectId", "")).isdigit():
            out.setdefault(obj, set()).add(str(event["objectId"]))
    return out
