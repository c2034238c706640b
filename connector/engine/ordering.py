"""Is this Shopify webhook delivery news? Duplicates dropped, an older version never over a newer one.

Shopify delivers at least once and in no particular order (retries run for 4 hours), so the
connector decides per delivery, with O(1) lookups in its SQLite state:

1. **Seen before?** Keys: ``X-Shopify-Webhook-Id`` (one per delivery, the same on each retry) and
   ``X-Shopify-Event-Id`` scoped by topic (one change delivered to several subscriptions of one
   topic). A delivery is remembered only once it was applied, so a failed one is applied on retry.
2. **Newer than the version applied?** (:func:`judge`) The ``applied`` row holds the ``updated_at``
   and content fingerprint of the version last written to HubSpot (connector/engine/applied.py);
   ``delivered`` holds the ``X-Shopify-Triggered-At`` of that version when a webhook brought it.

   - no version applied yet, or a later ``updated_at``: apply;
   - the same content (whatever the stamp): already applied, nothing to write;
   - other content, and the version applied came from a webhook: the trigger times order the two
     (an earlier trigger is stale; a later one with the same ``updated_at`` is a second edit within
     the same second, as Shopify stamps whole seconds);
   - otherwise (an earlier ``updated_at`` with other content: an older edit delivered late, unless
     the shop's clock stepped back; or the same second with no trigger times to order them):
     Shopify is asked (:data:`ASK`).

   Asking reads the record as Shopify has it now: gone (404) or unchanged since the version applied
   means the delivery is stale; otherwise the *current* record is applied, never the delivery.
3. Deleted records never come back (connector/engine/tombstones.py), whatever arrives after.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime

from connector.clock import parse_iso
from connector.engine.applied import fingerprint
from connector.engine.context import StoreContext
from connector.state import State

APPLY, STALE, ASK = "apply", "stale", "ask"


def seen_keys(topic: str, headers: Mapping[str, str]) -> list[str]:
    """The dedupe keys of one delivery (``headers`` lower-cased): its webhook id and topic + event id."""
    keys = []
    if headers.get("x-shopify-webhook-id"):
        keys.append(headers["x-shopify-webhook-id"])
    if headers.get("x-shopify-event-id"):
        keys.append(f"{topic}:{headers['x-shopify-event-id']}")
    return keys


def is_duplicate(state: State, source: str, keys: list[str]) -> bool:
    """True when a delivery with one of these keys was applied already."""
    return any(state.seen(source, key) for key in keys)


def remember(state: State, source: str, keys: list[str], now_iso: str) -> None:
    """Record an applied delivery under every key (call only once it is applied in full)."""
    with state.transaction():
        for key in keys:
            state.mark_seen(source, key, now_iso)


def _stamp(value: object) -> datetime | None:
    try:
        return parse_iso(value) if isinstance(value, str) and value else None
    except ValueError:
        return None


_FRACTION = re.compile(r"\.(\d+)")


def trigger_time(value: object) -> tuple[datetime, int] | None:
    """``X-Shopify-Triggered-At`` as (whole seconds, nanoseconds): Shopify writes nine fractional
    digits, more than a datetime keeps, and two edits can be nanoseconds apart."""
    if not isinstance(value, str) or not value:
        return None
    match = _FRACTION.search(value)
    digits = match.group(1) if match else ""
    whole = _stamp(_FRACTION.sub("", value, count=1))
    return (whole, int(digits[:9].ljust(9, "0"))) if isinstance(whole, datetime) else None


def judge(ctx: StoreContext, kind: str, ident: str, record: dict, triggered_at: str | None) -> str:
    """:data:`APPLY`, :data:`STALE` or :data:`ASK` (read Shopify's current version) for a delivered
    ``record`` of ``kind`` ``ident`` triggered at ``triggered_at`` (``X-Shopify-Triggered-At``)."""
    applied = ctx.state.applied(ctx.store_id, kind, ident)
    this = _stamp(record.get("updated_at"))
    if applied is None or this is None:
        return APPLY
    applied_at, applied_print = applied
    seen = _stamp(applied_at)
    if seen is None or this > seen:
        return APPLY
    if fingerprint(record, kind) == applied_print:
        return STALE
    before = ctx.state.delivered(ctx.store_id, kind, ident)
    earlier = trigger_time(before[0]) if before and before[1:] == (applied_at, applied_print) else None
    now = trigger_time(triggered_at)
    if earlier is not None and now is not None and now != earlier:
        if now < earlier:
            return STALE          # triggered before the version applied: an older change, delivered late
        if this == seen:
            return APPLY          # a later edit within the same second
    return ASK


def settle(ctx: StoreContext, kind: str, ident: str, record: dict, triggered_at: str | None) -> None:
    """After ``record`` (as delivered) was applied: remember when it was triggered, for the next
    delivery of the same second. Nothing is kept when another version ended up applied."""
    applied = ctx.state.applied(ctx.store_id, kind, ident)
    if triggered_at and applied is not None and applied[1] == fingerprint(record, kind):
        ctx.state.set_delivered(ctx.store_id, kind, ident, triggered_at, applied[0], applied[1])
