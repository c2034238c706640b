"""The Shopify -> HubSpot direction in data-sync: drop what HubSpot already has (an echo of a value
the sync wrote, or an unchanged field), never write a ``<-``-only property, add custom ``->``
mappings, and let a newer HubSpot change of the same field win (O9, O10).

``outgoing`` runs right before a HubSpot upsert, ``written`` right after it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from connector.clock import parse_iso
from connector.engine.context import StoreContext, log
from connector.errors import HubSpotError
from connector.reverse.conflicts import field_times, hubspot_wins
from connector.reverse.mapping import as_hubspot, rest_values
from connector.reverse.memory import digest
from connector.reverse.twoway import MODIFIED

Row = tuple[str, dict]


def _stamp(text: object):  # noqa: ANN202 - datetime | None
    try:
        return parse_iso(str(text)) if text else None
    except ValueError:
        return None


def outgoing(ctx: StoreContext, obj: str, rows: Sequence[Row], hs_ids: Mapping[str, str],
             sources: Mapping[str, dict], key_property: str) -> tuple[list[Row], dict[str, str]]:
    """The rows still to write (only their changed properties, plus the key) and, for rows with
    nothing to write, key -> HubSpot id. ``hs_ids``: the HubSpot id of rows already synced;
    ``sources``: key -> the Shopify record (REST shape) the row was made from."""
    tw = ctx.twoway
    if tw is None or not tw.active:
        return list(rows), {}
    mappings = tw.mappings
    extra = [m for m in mappings.custom(obj) if m.to_hubspot]
    blocked = mappings.hubspot_only(obj)
    pending: dict[str, dict] = {}
    out: list[Row] = []
    quiet: dict[str, str] = {}
    for key, props in rows:
        props = {**props, **rest_values(extra, sources.get(key) or {})}
        props = {p: v for p, v in props.items() if p not in blocked}
        hs_id = hs_ids.get(key)
        if not hs_id:
            out.append((key, props))
            continue
        changed = tw.memory.changed(obj, hs_id, {p: v for p, v in props.items() if p != key_property})
        if not changed:
            quiet[key] = hs_id
            continue
        pending[key] = changed
    if pending:
        out.extend(_newer_in_hubspot(ctx, obj, pending, hs_ids, sources, quiet))
    return out, quiet


def _newer_in_hubspot(ctx: StoreContext, obj: str, pending: dict[str, dict], hs_ids: Mapping[str, str],
                      sources: Mapping[str, dict], quiet: dict[str, str]) -> list[Row]:
    """O9 the other way round: a field HubSpot changed too (since the last sync) goes to the winner."""
    tw = ctx.twoway
    wanted = sorted({p for props in pending.values() for p in props} | {MODIFIED[obj]})
    policy = tw.mappings.policy(obj)
    both_ways = {m.hubspot for m in tw.mappings.reverse(obj)}
    try:  # under most-recent, when HubSpot's value of each two-way field was set (its history)
        history = [p for p in wanted if p in both_ways] if policy == "most-recent" else []
        read = ctx.hubspot.batch_read(obj, [hs_ids[k] for k in pending], properties=wanted, history=history)
        current = {str(r["id"]): r.get("properties") or {} for r in read}
        times = {str(r["id"]): field_times(r) for r in read}
    except HubSpotError as exc:  # cannot compare: Shopify's change is written (the pass did so before)
        log.warning("[O9] %s: HubSpot values could not be read (%s): Shopify's changes are written", obj, exc)
        current, times = {}, {}
    out: list[Row] = []
    for key, changed in pending.items():
        hs_id = hs_ids[key]
        theirs = current.get(hs_id, {})
        known = tw.memory.hashes(obj, hs_id)
        shop_at = _stamp((sources.get(key) or {}).get("updated_at"))
        hub_at = _stamp(theirs.get(MODIFIED[obj]))
        keep = {}
        for prop, value in changed.items():
            hub = as_hubspot(theirs.get(prop)).strip()
            if hub == as_hubspot(value).strip():
                tw.memory.remember(obj, hs_id, {prop: value})   # HubSpot already has it
                continue
            if (prop in both_ways and hub and known.get(prop) != digest(hub)
                    and hubspot_wins(policy, times.get(hs_id, {}).get(prop, hub_at), shop_at)):
                log.info("[O9] %s %s.%s changed on both sides: HubSpot's value wins (%s)", obj, hs_id, prop, policy)
                continue
            keep[prop] = value
        if keep:
            out.append((key, keep))
        else:
            quiet[key] = hs_id
    return out


def written(ctx: StoreContext, obj: str, rows: Sequence[Row], ids: Mapping[str, str]) -> None:
    """Remember what HubSpot now holds for every row written (the values both sides agree on)."""
    tw = ctx.twoway
    if tw is None or not tw.active:
        return
    for key, props in rows:
        if key in ids:
            tw.memory.remember(obj, ids[key], props)
