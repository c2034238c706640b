"""Out-of-order and repeat protection: the version of each Shopify record last applied to HubSpot.

A record is applied again only when it is newer, or when it has the same ``updated_at`` but other
content (Shopify stamps whole seconds, so two edits can share one). An unchanged record met again —
a duplicate webhook, or the overlap window of the incremental pass — costs no HubSpot write.
"""

from __future__ import annotations

import hashlib
import json

from connector.clock import parse_iso
from connector.engine.context import StoreContext


def fingerprint(record: dict) -> str:
    """A short digest of the record's content apart from its stamp (key order does not matter)."""
    content = {k: v for k, v in record.items() if k != "updated_at"}
    raw = json.dumps(content, sort_keys=True, separators=(",", ":"), default=str).encode()
    return hashlib.blake2b(raw, digest_size=12).hexdigest()


def is_newer(ctx: StoreContext, kind: str, ident: str, record: dict) -> bool:
    """False when this version (or a strictly newer one) was applied already."""
    updated_at = record.get("updated_at")
    if not updated_at:
        return True
    applied = ctx.state.applied(ctx.store_id, kind, ident)
    if applied is None:
        return True
    applied_at, applied_print = applied
    seen, this = parse_iso(applied_at), parse_iso(updated_at)
    if this != seen:
        return this > seen
    return fingerprint(record) != applied_print


def mark_applied(ctx: StoreContext, kind: str, ident: str, record: dict) -> None:
    """Record the version just written to HubSpot (call inside the state transaction)."""
    if record.get("updated_at"):
        ctx.state.set_applied(ctx.store_id, kind, ident, record["updated_at"], fingerprint(record))
