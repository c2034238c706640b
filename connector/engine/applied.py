"""Out-of-order and repeat protection: the version of each Shopify record last applied to HubSpot.

A record is applied again only when it is newer, or when it has the same ``updated_at`` but other
content (Shopify stamps whole seconds, so two edits can share one). An unchanged record met again —
a duplicate webhook, or the overlap window of the incremental pass — costs no HubSpot write.
"""

from __future__ import annotations

import hashlib
import json

from connector.clock import parse_iso
from connector.engine.context import StoreContext, log
from connector.shopify_gql.shapes import project


def fingerprint(record: dict, kind: str = "") -> str:
    """A short digest of the record's content apart from its stamp (key order does not matter): the
    fields both APIs give (shapes.project), so a webhook and a GraphQL read of one version match."""
    content = {k: v for k, v in (project(kind, record) if kind else record).items() if k != "updated_at"}
    raw = json.dumps(content, sort_keys=True, separators=(",", ":"), default=str).encode()
    return hashlib.blake2b(raw, digest_size=12).hexdigest()


def is_newer(ctx: StoreContext, kind: str, ident: str, record: dict, *, current: bool = False) -> bool:
    """False when this version (or a strictly newer one) was applied already.

    ``current``: the record was just read from Shopify's list (a pass), so it *is* the current version,
    whatever its stamp: applied whenever its content differs from what was applied. An edit stamped
    earlier than the applied version (the shop's clock stepped back) is then applied, with a warning.
    A webhook is not known to be current (deliveries come out of order): events.py asks Shopify."""
    updated_at = record.get("updated_at")
    if not updated_at:
        return True
    applied = ctx.state.applied(ctx.store_id, kind, ident)
    if applied is None:
        return True
    applied_at, applied_print = applied
    seen, this = parse_iso(applied_at), parse_iso(updated_at)
    if this > seen:
        return True
    changed = fingerprint(record, kind) != applied_print
    if this < seen and changed and current:
        log.warning("[S6] %s %s: current version stamped %s, earlier than the one applied (%s): the shop's "
                    "clock went back; applied since its content differs", kind, ident, updated_at, applied_at)
        return True
    return this == seen and changed


def same_stamp(ctx: StoreContext, kind: str, ident: str, record: dict) -> bool:
    """True when ``record`` (Shopify's current version) carries the stamp of the version applied."""
    applied = ctx.state.applied(ctx.store_id, kind, ident)
    stamp = record.get("updated_at")
    return applied is not None and isinstance(stamp, str) and parse_iso(stamp) == parse_iso(applied[0])


def differs(ctx: StoreContext, kind: str, ident: str, record: dict) -> bool:
    """True when ``record``'s content is not the content last applied."""
    applied = ctx.state.applied(ctx.store_id, kind, ident)
    return applied is None or fingerprint(record, kind) != applied[1]


def mark_applied(ctx: StoreContext, kind: str, ident: str, record: dict) -> None:
    """Record the version just written to HubSpot (call inside the state transaction)."""
    if record.get("updated_at"):
        ctx.state.set_applied(ctx.store_id, kind, ident, record["updated_at"], fingerprint(record, kind))
