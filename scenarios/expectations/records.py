"""Expectations on single records, found by their natural key through the public APIs.

``contact <email>``, ``deal <order or checkout ref>``, ``product <name>``, ``order <ref>`` and
``cart <ref>`` (data-sync objects), ``company <name>`` in HubSpot; ``customer <ref>`` in Shopify.
The value is ``absent``, ``present``, or a mapping of property: matcher, where a few keys check
associations instead: ``contact`` (an email, or ``none``), ``line_items`` (a count or a list of
property mappings), and plural object names (``deals``, ``orders``…) as counts.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from scenarios import hubspot_read as hs
from scenarios.errors import Mark, Mismatch, ScenarioError, StepFailed
from scenarios.expectations.base import Subject, compare, count_matcher
from scenarios.loader import REFERENCE, check_reference
from scenarios.matchers import Matcher, parse_matchers
from scenarios.model import LoadContext
from scenarios.profile import STAGE_PROPERTIES, Profile
from scenarios.world import Record, World

PLURALS = ("deals", "contacts", "orders", "carts", "companies", "line_items", "products")


@dataclass(frozen=True)
class RecordSpec:
    key: str
    state: str                                   # "present" or "absent"
    props: dict[str, Matcher] = field(default_factory=dict)
    contact: Matcher | None = None               # associated contact's email
    counts: dict[str, Matcher] = field(default_factory=dict)
    items: tuple[dict[str, Matcher], ...] | None = None   # line items, each a property mapping


def _parse(kind: str, links: tuple[str, ...], ref_kinds: tuple[str, ...] = ()) -> Callable:
    def parse(arg: str, value: Any, mark: Mark, ctx: LoadContext) -> RecordSpec:
        if ref_kinds and not REFERENCE.fullmatch(arg):
            check_reference(arg, ref_kinds, mark, ctx)
        if value in ("absent", "present"):
            return RecordSpec(arg, value)
        if not isinstance(value, dict):
            raise ScenarioError(mark, f"{kind} {arg}: write absent, present, or a mapping of property: matcher")
        marks = getattr(value, "marks", {})
        props = {k: v for k, v in value.items() if k not in links}
        contact = counts = items = None
        if "contact" in links and "contact" in value:
            raw = value["contact"]
            contact = parse_matchers({"contact": "absent" if raw == "none" else raw}, mark, kind)["contact"]
        counts = {k: count_matcher(value[k], marks.get(k, mark), f"{kind} {arg} {k}")
                  for k in links if k in value and k not in ("contact", "line_items")}
        if "line_items" in links and "line_items" in value:
            raw = value["line_items"]
            if isinstance(raw, list):
                items = tuple(parse_matchers(item, marks.get("line_items", mark), "line item") for item in raw)
            else:
                counts["line_items"] = count_matcher(raw, marks.get("line_items", mark), "line_items")
        return RecordSpec(arg, "present", parse_matchers(props, mark, f"{kind} {arg}"), contact, counts, items)
    return parse


def _check(kind: str, object_type: str, find: Callable[[World, str, list[str]], list[dict]]) -> Callable:
    def check(world: World, spec: RecordSpec) -> list[Mismatch]:
        label = f"{kind} {spec.key}"
        profile = world.profile
        wanted = {profile.prop(name): matcher for name, matcher in spec.props.items()} if object_type else spec.props
        world.last_search = ""
        found = find(world, spec.key, sorted(wanted))
        searched = f"searched: {world.last_search}" if world.last_search else ""
        if spec.state == "absent":
            return [] if not found else [Mismatch(label, "(record)", "absent", f"{len(found)} found: "
                                                  + ", ".join(str(r.get('id')) for r in found), searched)]
        if len(found) != 1:
            return [Mismatch(label, "(record)", "exactly one", f"{len(found)} found" +
                             (": " + ", ".join(str(r.get("id")) for r in found) if found else ""), searched)]
        record = found[0]
        if kind == "deal":
            wanted = {name: (matcher.resolved(lambda v: _stage_id(world, v)) if name in STAGE_PROPERTIES else matcher)
                      for name, matcher in wanted.items()}
        mismatches = compare(label, wanted, record.get("properties", record), world.resolve)
        if kind == "deal" and not profile.native:
            mismatches = [_explain_stage(world, m, spec) for m in mismatches]
        if object_type:
            mismatches += _links(world, label, object_type, str(record["id"]), spec)
        return mismatches
    return check


def _explain_stage(world: World, mismatch: Mismatch, spec: RecordSpec) -> Mismatch:
    """A stage mismatch read through a profile names the abstract stage and both labels, not ids."""
    if mismatch.field not in STAGE_PROPERTIES:
        return mismatch
    labels = world.cache.get("deal_stage_labels", {})
    wanted = spec.props[mismatch.field].value
    expected = f"{wanted} (profile: {world.profile.stage(wanted)!r}, stage id {_stage_id(world, wanted)})"
    actual = f"{labels.get(mismatch.actual, '?')!r} (stage id {mismatch.actual})"
    return dataclasses.replace(mismatch, expected=expected, actual=actual)


def _stage_id(world: World, value: Any) -> Any:
    """An abstract stage (``checkout_pending``) as the connector's stage id, through the profile;
    a profile may name a stage by label, looked up once per run in the profile's pipeline."""
    profile = world.profile
    wanted = profile.stage(value)
    if profile.native or not isinstance(wanted, str):
        return wanted
    if "deal_stages" not in world.cache:
        pipelines = (world.session.hubspot.call("GET", "/crm/v3/pipelines/deals") or {}).get("results") or []
        chosen = next((p for p in pipelines if profile.pipeline in (p.get("id"), p.get("label"))), None)
        stages = (chosen or {}).get("stages", [])
        world.cache["deal_stages"] = {key: s["id"] for s in stages for key in (s.get("id"), s.get("label"))}
        world.cache["deal_stage_labels"] = {s["id"]: s.get("label") for s in stages}
    return world.cache["deal_stages"].get(wanted, wanted)


def _links(world: World, label: str, object_type: str, record_id: str, spec: RecordSpec) -> list[Mismatch]:
    api, out = world.session.hubspot, []
    if spec.contact is not None:
        ids = hs.associated_ids(api, object_type, record_id, "contacts")
        emails = [r["properties"].get("email") for r in hs.read(api, "contacts", ids, ["email"])]
        actual = emails[0] if len(emails) == 1 else (emails or None)
        if spec.contact.op == "equals":
            wanted = str(world.resolve(spec.contact.value)).strip().lower()
            ok = isinstance(actual, str) and actual.strip().lower() == wanted
        else:
            ok = spec.contact.test(actual)
        if not ok:
            out.append(Mismatch(label, "contact", spec.contact.describe(), actual))
    for to_type, matcher in spec.counts.items():
        count = len(hs.associated_ids(api, object_type, record_id, to_type))
        if not matcher.test(count):
            out.append(Mismatch(label, f"{to_type} (associated)", matcher.describe(), count))
    if spec.items is not None:
        out += _items(world, label, object_type, record_id, spec.items)
    return out


def _items(world: World, label: str, object_type: str, record_id: str,
           expected: tuple[dict[str, Matcher], ...]) -> list[Mismatch]:
    api = world.session.hubspot
    names = sorted({name for item in expected for name in item} | {"name"})
    ids = hs.associated_ids(api, object_type, record_id, "line_items")
    actual = [r["properties"] for r in hs.read(api, "line_items", ids, names)]
    remaining = list(actual)
    out = []
    for index, item in enumerate(expected):
        match = next((a for a in remaining if not compare("", item, a, world.resolve)), None)
        if match is None:
            closest = remaining[0] if remaining else None
            out.append(Mismatch(label, f"line_items[{index}]",
                                {k: m.describe() for k, m in item.items()},
                                {k: closest.get(k) for k in item} if closest else "no line item left"))
        else:
            remaining.remove(match)
    if len(actual) != len(expected):
        out.append(Mismatch(label, "line_items (count)", len(expected), len(actual),
                            note="names: " + ", ".join(str(a.get("name")) for a in actual)))
    return out


# --- finders: key -> matching records ---------------------------------------------------------

def _contact(world: World, key: str, props: list[str]) -> list[dict]:
    email = str(world.resolve(key)).strip()
    found = hs.search(world.session.hubspot, "contacts", [hs.eq("email", email)], [*props, "email"])
    world.last_search = f"POST /crm/v3/objects/contacts/search email EQ {email!r} ({len(found)} result(s))"
    return [r for r in found if (r["properties"].get("email") or "").strip().lower() == email.lower()]


def _shopify_ref(world: World, key: str, *kinds: str) -> Record:
    if REFERENCE.fullmatch(key):
        raise StepFailed(f"{key}: name the record directly (deal o1), not through ${{...}}")
    return world.record(key, *kinds)


def _deal(world: World, key: str, props: list[str]) -> list[dict]:
    record = _shopify_ref(world, key, "order", "checkout")
    profile = world.profile
    keys = [profile.store, profile.order, *profile.checkout_token]
    deals = hs.search(world.session.hubspot, "deals", [hs.eq(profile.store, record.store)], [*props, *keys])
    found = [d for d in deals if _is_deal_of(d["properties"], record, profile)]
    world.last_search = (f"POST /crm/v3/objects/deals/search {profile.store} EQ {record.store!r} "
                         f"({len(deals)} deal(s)), then {_deal_key(record, profile)} (profile {profile.name!r})")
    return found


def _deal_key(record: Record, profile: Profile) -> str:
    tokens = " or ".join(profile.checkout_token)
    token = record.data.get("checkout_token") if record.kind == "order" else record.data.get("token")
    if record.kind == "order":
        text = f"{profile.order} == {profile.order_value(record.data)!r}"
        return text + (f" or {tokens} == {token!r}" if token else "")
    return f"{tokens} == {token!r}"


def _is_deal_of(props: dict, record: Record, profile: Profile) -> bool:
    """Store + order (number) for an order (or its checkout's token), store + token for a checkout."""
    if (props.get(profile.store) or "").strip().lower() != record.store.lower():
        return False
    data = record.data
    tokens = {props.get(name) for name in profile.checkout_token} - {None, ""}
    if record.kind == "order":
        token = data.get("checkout_token")
        return str(props.get(profile.order)) == profile.order_value(data) or bool(token) and token in tokens
    return data.get("token") in tokens


def _product(world: World, key: str, props: list[str]) -> list[dict]:
    name = world.title(str(world.resolve(key)))
    found = hs.search(world.session.hubspot, "products", [hs.eq("name", name)], [*props, "name"])
    world.last_search = f"POST /crm/v3/objects/products/search name EQ {name!r} ({len(found)} result(s))"
    return [r for r in found if r["properties"].get("name") == name]


def _order(world: World, key: str, props: list[str]) -> list[dict]:
    record = _shopify_ref(world, key, "order")
    filters = [hs.eq("hs_source_store", record.store), hs.eq("hs_external_order_id", record.data["id"])]
    return hs.search(world.session.hubspot, "orders", filters, [*props, "hs_external_order_id"])


def _cart(world: World, key: str, props: list[str]) -> list[dict]:
    record = _shopify_ref(world, key, "checkout")
    token = record.data.get("token") or record.data.get("id")
    filters = [hs.eq("hs_source_store", record.store), hs.eq("hs_external_cart_id", token)]
    return hs.search(world.session.hubspot, "carts", filters, [*props, "hs_external_cart_id"])


def _company(world: World, key: str, props: list[str]) -> list[dict]:
    name = str(world.resolve(key))
    found = hs.search(world.session.hubspot, "companies", [hs.eq("name", name)], [*props, "name"])
    return [r for r in found if (r["properties"].get("name") or "").lower() == name.lower()]


def _customer(world: World, key: str, props: list[str]) -> list[dict]:
    record = _shopify_ref(world, key, "customer")
    response = world.session.shopify(record.store).raw("GET", f"/customers/{record.data['id']}.json")
    if response.status_code == 404:
        return []
    if response.status_code != 200:
        raise StepFailed(f"shopify GET customer {record.data['id']} answered {response.status_code}")
    customer = response.json()["customer"]
    return [{"id": customer["id"], "properties": customer}]


SUBJECTS = (
    Subject("contact", _parse("contact", ("deals", "orders", "carts", "companies")),
            _check("contact", "contacts", _contact), help="contact <email>: a HubSpot contact, by email"),
    Subject("deal", _parse("deal", ("contact", "line_items"), ("order", "checkout")),
            _check("deal", "deals", _deal), help="deal <order|checkout ref>: its deal, by store + order/token"),
    Subject("product", _parse("product", ()), _check("product", "products", _product),
            help="product <name>: a HubSpot product, by name"),
    Subject("order", _parse("order", ("contact", "line_items", "carts"), ("order",)),
            _check("order", "orders", _order), help="order <order ref>: a data-sync Order object"),
    Subject("cart", _parse("cart", ("contact", "line_items", "orders"), ("checkout",)),
            _check("cart", "carts", _cart), help="cart <checkout ref>: a data-sync Cart object"),
    Subject("company", _parse("company", ("contacts",)), _check("company", "companies", _company),
            help="company <name>: a HubSpot company, by name"),
    Subject("customer", _parse("customer", (), ("customer",)), _check("customer", "", _customer),
            help="customer <ref>: the Shopify customer (fields as the Admin API shows them)"),
)
