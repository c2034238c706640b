"""O9: what a HubSpot change does to Shopify when Shopify may have changed the same field. Pure.

A property changed on a side when its value differs from the hash the sync last agreed on
(memory.py). HubSpot changed it, Shopify did not -> write it to Shopify. Both changed it to
different values -> the object's policy decides: ``hubspot-wins``, ``shopify-wins`` or
``most-recent`` (the record whose last modification is later; a tie goes to HubSpot **[decided]**).
When Shopify wins, nothing is written to Shopify: the Shopify -> HubSpot direction carries its value.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from connector.clock import parse_iso
from connector.reverse.memory import digest


@dataclass
class Decision:
    """Per HubSpot property: what to write to Shopify, what both sides already agree on, what Shopify won."""

    to_shopify: dict[str, str] = field(default_factory=dict)
    agreed: dict[str, str] = field(default_factory=dict)
    shopify_won: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)


def hubspot_wins(policy: str, hubspot_at: datetime | None, shopify_at: datetime | None) -> bool:
    """Who wins a field both sides changed, under ``policy``."""
    if policy == "hubspot-wins":
        return True
    if policy == "shopify-wins":
        return False
    if hubspot_at is None or shopify_at is None:
        return shopify_at is None
    return hubspot_at >= shopify_at


def resolve(policy: str, hubspot: Mapping[str, str], shopify: Mapping[str, str], known: Mapping[str, str],
            hubspot_at: datetime | None, shopify_at: datetime | None,
            field_at: Mapping[str, datetime] | None = None) -> Decision:
    """``hubspot``/``shopify``: each mapped property's value on each side (as HubSpot text; Shopify's
    empty when there is no Shopify record yet); ``known``: property -> hash last agreed; ``field_at``:
    when HubSpot's value of a property was set (its history), which beats the record's date."""
    decision = Decision()
    for prop, value in hubspot.items():
        if not value or known.get(prop) == digest(value):
            continue                                    # empty never blanks; unchanged (or our echo)
        theirs = shopify.get(prop, "")
        if theirs == value:
            decision.agreed[prop] = value
            continue
        shopify_changed = bool(theirs) and known.get(prop) != digest(theirs)
        if not shopify_changed:
            decision.to_shopify[prop] = value
            continue
        decision.conflicts.append(prop)
        if hubspot_wins(policy, (field_at or {}).get(prop, hubspot_at), shopify_at):
            decision.to_shopify[prop] = value
        else:
            decision.shopify_won.append(prop)
    return decision


def field_times(record: Mapping) -> dict[str, datetime]:
    """Property -> when its current value was set, from a record read with ``propertiesWithHistory``."""
    out: dict[str, datetime] = {}
    for prop, entries in (record.get("propertiesWithHistory") or {}).items():
        stamps = [e.get("timestamp") for e in entries or [] if isinstance(e, Mapping) and e.get("timestamp")]
        if stamps:
            try:
                out[prop] = max(parse_iso(str(s)) for s in stamps)
            except ValueError:
                continue
    return out
