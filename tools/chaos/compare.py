"""Compare two HubSpot end states record by record, ignoring ids and timestamps (pure functions).

A state is what the HubSpot mock's ``GET /__admin/state`` returns::

    {"objects": {"contacts": {"records": [{"id": "1001", "properties": {...}}, ...],
                              "archived": [...]}, ...},
     "associations": [{"fromType": "deals", "fromId": "1003", "toType": "contacts",
                       "toId": "1001", "typeIds": [3]}, ...]}

Each record gets a *stable key* (the connector's idempotency key property, else email / order
number + store / product name, else its normalised properties), so two runs that assigned
different HubSpot ids still compare equal. Associations are compared as (type, key) pairs.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass

# Properties HubSpot computes (ids, timestamps, stage bookkeeping): never compared.
VOLATILE_NAMES = frozenset({
    "hs_object_id", "hs_lastmodifieddate", "lastmodifieddate", "hs_createdate", "hs_closed_won_date",
    "hs_is_closed", "hs_is_closed_won", "hs_deal_stage_probability", "hs_exchange_rate",
    "hs_homecurrency_amount", "pipeline", "hs_pipeline",
})
VOLATILE_PREFIXES = ("hs_date_entered_", "hs_date_exited_", "hs_v2_date_entered_", "hs_v2_date_exited_",
                     "hs_time_in_", "hs_v2_time_in_", "hs_v2_latest_time_in_")
# Property values that hold the HubSpot id of another record: compared as that record's key.
ID_REFERENCES = {"hs_product_id": "products"}
# Key properties in order of preference, per object type (the first one present wins).
KEY_PROPERTIES: dict[str, tuple[tuple[str, ...], ...]] = {
    "contacts": (("email",), ("ip__ecomm_bridge__contact_key",)),
    "deals": (("ip__ecomm_bridge__deal_key",),
              ("ip__ecomm_bridge__order_number", "ip__ecomm_bridge__source_store_id")),
    "line_items": (("ip__ecomm_bridge__line_item_key",),),
    "products": (("ip__ecomm_bridge__product_key",), ("name",)),
    "orders": (("ip__ecomm_bridge__order_key",), ("hs_order_name", "hs_source_store")),
    "carts": (("ip__ecomm_bridge__cart_key",), ("hs_external_cart_id", "hs_source_store")),
    "companies": (("ip__ecomm_bridge__company_key",), ("domain",), ("name",)),
}
TIMESTAMP = "<timestamp>"
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$")
_EPOCH_MS = re.compile(r"^1\d{12}$")


@dataclass(frozen=True)
class Difference:
    """One way the actual state departs from the expected one."""

    kind: str            # missing | unexpected | duplicate | property | association
    object_type: str
    key: str
    field: str = ""
    expected: str | None = None
    actual: str | None = None

    def to_dict(self) -> dict:
        return asdict(self)

    def line(self) -> str:
        where = f"{self.object_type} {self.key}" + (f" .{self.field}" if self.field else "")
        return f"{self.kind:<11} {where}: expected {self.expected!r}, got {self.actual!r}"


@dataclass(frozen=True)
class Snapshot:
    """A state reduced to what must survive faults: keyed, normalised records and associations."""

    records: dict[str, dict[str, list[dict[str, str]]]]   # type -> key -> normalised properties (1 if sane)
    archived: dict[str, Counter]                           # type -> Counter of keys
    associations: Counter                                   # (from_type, from_key, to_type, to_key, type_ids)

    @property
    def record_count(self) -> int:
        return sum(len(v) for by_key in self.records.values() for v in by_key.values())


def is_volatile(name: str) -> bool:
    """True for properties HubSpot computes itself (ids, timestamps, stage bookkeeping)."""
    return name in VOLATILE_NAMES or name.startswith(VOLATILE_PREFIXES)


def normalise_value(value: object) -> str:
    """Strings as HubSpot stores them; timestamps collapse to one marker; numbers lose trailing zeros."""
    if value is None:
        return ""
    text = str(value).strip()
    if _ISO.match(text) or _EPOCH_MS.match(text):
        return TIMESTAMP
    if re.fullmatch(r"-?\d+\.\d+", text):
        text = text.rstrip("0").rstrip(".")
    return text


def record_key(object_type: str, properties: Mapping[str, object]) -> str:
    """The first key-property combination present; else a digest of the non-volatile properties."""
    for names in KEY_PROPERTIES.get(object_type, ()):
        values = [str(properties.get(name) or "").strip() for name in names]
        if all(values):
            return "|".join(values).lower() if names == ("email",) else "|".join(values)
    stable = {k: normalise_value(v) for k, v in properties.items() if not is_volatile(k) and v not in (None, "")}
    return "props:" + json.dumps(stable, sort_keys=True)


def normalise_properties(properties: Mapping[str, object], keys_by_id: Mapping[tuple[str, str], str]
                         ) -> dict[str, str]:
    """Drop volatile and empty properties, normalise values, translate id references into keys."""
    out: dict[str, str] = {}
    for name, value in properties.items():
        if is_volatile(name) or value in (None, ""):
            continue
        target = ID_REFERENCES.get(name)
        if target is not None:
            out[name] = keys_by_id.get((target, str(value)), f"<unknown {target} {value}>")
        else:
            out[name] = normalise_value(value)
    return out


def token_aliases(shopify_state: Mapping) -> dict[str, str]:
    """Shopify's random tokens (checkout, cart, order) named by the record's sequential id instead.

    Two runs of the same seed get the same ids but other random tokens; deal keys and cart URLs embed
    the tokens, so both states are rewritten with these aliases before they are compared.
    """
    aliases: dict[str, str] = {}
    for shop, data in sorted((shopify_state.get("shops") or {}).items()):
        for checkout in data.get("checkouts") or []:
            for field in ("token", "cart_token"):
                if checkout.get(field):
                    aliases[str(checkout[field])] = f"<{shop} checkout {checkout['id']} {field}>"
        for order in data.get("orders") or []:
            if order.get("token"):
                aliases[str(order["token"])] = f"<{shop} order {order['id']} token>"
            for field in ("checkout_token", "cart_token"):
                if order.get(field) and str(order[field]) not in aliases:
                    aliases[str(order[field])] = f"<{shop} order {order['id']} {field}>"
    return aliases


def apply_aliases(state: Mapping, aliases: Mapping[str, str]) -> dict:
    """``state`` with every occurrence of an aliased token replaced (keys and values alike)."""
    text = json.dumps(state)
    if aliases:
        pattern = re.compile("|".join(re.escape(token) for token in sorted(aliases, key=len, reverse=True)))
        text = pattern.sub(lambda match: aliases[match.group(0)], text)
    return json.loads(text)


def _records(state: Mapping, section: str) -> Iterable[tuple[str, Mapping]]:
    for object_type, groups in sorted((state.get("objects") or {}).items()):
        for record in (groups or {}).get(section) or []:
            yield object_type, record


def snapshot(state: Mapping) -> Snapshot:
    """Reduce a ``/__admin/state`` dump of the HubSpot mock to a :class:`Snapshot`."""
    keys_by_id: dict[tuple[str, str], str] = {}
    for object_type, record in _records(state, "archived"):
        keys_by_id[(object_type, str(record["id"]))] = "<archived> " + record_key(
            object_type, record.get("properties") or {})
    for object_type, record in _records(state, "records"):
        keys_by_id[(object_type, str(record["id"]))] = record_key(object_type, record.get("properties") or {})
    records: dict[str, dict[str, list[dict[str, str]]]] = {}
    for object_type, record in _records(state, "records"):
        key = keys_by_id[(object_type, str(record["id"]))]
        props = normalise_properties(record.get("properties") or {}, keys_by_id)
        records.setdefault(object_type, {}).setdefault(key, []).append(props)
    archived: dict[str, Counter] = {}
    for object_type, record in _records(state, "archived"):
        archived.setdefault(object_type, Counter())[record_key(object_type, record.get("properties") or {})] += 1
    associations: Counter = Counter()
    for link in state.get("associations") or []:
        from_key = keys_by_id.get((link["fromType"], str(link["fromId"])), f"<gone {link['fromId']}>")
        to_key = keys_by_id.get((link["toType"], str(link["toId"])), f"<gone {link['toId']}>")
        associations[(link["fromType"], from_key, link["toType"], to_key,
                      tuple(sorted(link.get("typeIds") or ())))] += 1
    return Snapshot(records=records, archived=archived, associations=associations)


def _compare_properties(object_type: str, key: str, expected: Mapping[str, str], actual: Mapping[str, str]
                        ) -> list[Difference]:
    return [Difference("property", object_type, key, name, expected.get(name), actual.get(name))
            for name in sorted(set(expected) | set(actual)) if expected.get(name) != actual.get(name)]


def compare(expected: Snapshot, actual: Snapshot) -> list[Difference]:
    """Every difference between a fault-free end state and a faulty one (empty: they are equal)."""
    diffs: list[Difference] = []
    for object_type in sorted(set(expected.records) | set(actual.records)):
        want, got = expected.records.get(object_type, {}), actual.records.get(object_type, {})
        for key in sorted(set(want) | set(got)):
            if key not in got:
                diffs.append(Difference("missing", object_type, key, expected=str(len(want[key]))))
            elif key not in want:
                diffs.append(Difference("unexpected", object_type, key, actual=str(len(got[key]))))
            elif len(want[key]) != len(got[key]):
                diffs.append(Difference("duplicate", object_type, key, "count",
                                        str(len(want[key])), str(len(got[key]))))
            else:
                for mine, theirs in zip(want[key], got[key], strict=True):
                    diffs.extend(_compare_properties(object_type, key, mine, theirs))
    for object_type in sorted(set(expected.archived) | set(actual.archived)):
        want_a, got_a = expected.archived.get(object_type, Counter()), actual.archived.get(object_type, Counter())
        for key in sorted(set(want_a) | set(got_a)):
            if want_a[key] != got_a[key]:
                diffs.append(Difference("archived", object_type, key, "count", str(want_a[key]), str(got_a[key])))
    for link in sorted(set(expected.associations) | set(actual.associations), key=repr):
        if expected.associations[link] != actual.associations[link]:
            from_type, from_key, to_type, to_key, type_ids = link
            diffs.append(Difference("association", from_type, from_key, f"{to_type} {to_key} {list(type_ids)}",
                                    str(expected.associations[link]), str(actual.associations[link])))
    return diffs


def association_count(snap: Snapshot) -> int:
    """Associations in a snapshot (each direction counts once)."""
    return sum(snap.associations.values())
