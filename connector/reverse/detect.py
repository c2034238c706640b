"""Which HubSpot records changed since the last pass (O7): an incremental search on the object's
last-modified date, from a cursor kept in the state file, re-reading an overlap window (S6)."""

from __future__ import annotations

from datetime import timedelta

from connector.clock import format_iso, parse_iso
from connector.engine.context import StoreContext
from connector.reverse.twoway import MODIFIED

WINDOW = 9_800  # results read from one search query (HubSpot answers at most 10,000)


def cursor_name(obj: str) -> str:
    return f"hubspot:{obj}"


def changed_since(ctx: StoreContext, obj: str, properties: list[str]) -> tuple[list[dict], str | None]:
    """Records of ``obj`` modified since the cursor (less the overlap), oldest first, and the newest
    modification seen (the next cursor, to be saved once they are applied).

    HubSpot's search stops at 10,000 results per query: past ``WINDOW`` results the search starts
    again from the last modification date seen (records seen twice are kept once)."""
    modified = MODIFIED[obj]
    cursor = ctx.state.cursor(ctx.store_id, cursor_name(obj))
    since = parse_iso(cursor) - timedelta(seconds=ctx.config.overlap_seconds) if cursor else None
    found: dict[str, dict] = {}
    newest = cursor
    while True:
        filters = [{"filters": [{"propertyName": modified, "operator": "GTE",
                                 "value": str(int(since.timestamp() * 1000))}]}] if since else []
        seen = 0
        last = None
        for record in ctx.hubspot.search(obj, filter_groups=filters, properties=sorted({*properties, modified}),
                                         sorts=[{"propertyName": modified, "direction": "ASCENDING"}]):
            found[str(record["id"])] = record
            seen += 1
            stamp = (record.get("properties") or {}).get(modified) or record.get("updatedAt")
            if stamp:
                last = parse_iso(stamp)
                if newest is None or last > parse_iso(newest):
                    newest = format_iso(last)
            if seen >= WINDOW:
                break
        if seen < WINDOW or last is None or (since is not None and last <= since):
            return list(found.values()), newest
        since = last


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
