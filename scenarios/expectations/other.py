"""Expectations on collections: counts, pipelines, properties, the journal, the sync summary, buyers."""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass
from typing import Any

from scenarios import hubspot_read as hs
from scenarios import scope
from scenarios.errors import Mark, Mismatch, ScenarioError
from scenarios.expectations.base import Subject, compare, count_matcher, lookup_path
from scenarios.matchers import Matcher, parse_matcher, parse_matchers
from scenarios.model import LoadContext
from scenarios.world import World

HUBSPOT_TYPES = ("contacts", "deals", "products", "line_items", "orders", "carts", "companies")
SHOPIFY_TYPES = ("customers", "products", "orders", "checkouts", "script_tags", "webhooks")


def _parse_counts(types: tuple[str, ...]):  # noqa: ANN202
    def parse(arg: str, value: Any, mark: Mark, ctx: LoadContext) -> dict[str, Matcher]:
        if not isinstance(value, dict) or not value:
            raise ScenarioError(mark, f"counts: a mapping of object type: count ({', '.join(types)})")
        marks = getattr(value, "marks", {})
        for key in value:
            if key not in types:
                raise ScenarioError(marks.get(key, mark), f"counts: unknown object type {key!r}; "
                                                          f"use {', '.join(types)}")
        return {k: count_matcher(v, marks.get(k, mark), f"count of {k}") for k, v in value.items()}
    return parse


def _check_hubspot_counts(world: World, spec: dict[str, Matcher]) -> list[Mismatch]:
    if getattr(world.session, "scoped", False):   # a shared sandbox: this run's records only
        mine = scope.hubspot_ids(world.session)
        return compare("hubspot counts (this run's records)", spec, {t: len(mine[t]) for t in spec})
    actual = {t: sum(1 for _ in hs.list_all(world.session.hubspot, t)) for t in spec}
    return compare("hubspot counts", spec, actual)


def _check_shopify_counts(world: World, spec: dict[str, Matcher]) -> list[Mismatch]:
    out = []
    for store in world.scenario.stores:
        api = world.session.shopify(store)
        actual = {}
        for kind in spec:
            params = {"limit": 250, **({"status": "any"} if kind == "orders" else {})}
            listed = (api.call("GET", f"/{kind}.json", params=params) or {}).get(kind, [])
            if getattr(world.session, "scoped", False):   # a shared sandbox: this run's records only
                listed = [r for r in listed if scope.shopify_in_run(world.session, kind, r)]
            actual[kind] = len(listed)
        out += compare(f"shopify counts ({store})", spec, actual)
        if len(world.scenario.stores) > 1:
            break  # counts are per store; the first store unless the expectation says otherwise
    return out


# --- pipeline <label> ----------------------------------------------------------------------------

@dataclass(frozen=True)
class PipelineSpec:
    label: str
    state: str
    count: Matcher | None
    stages: list[str] | None


def _parse_pipeline(arg: str, value: Any, mark: Mark, ctx: LoadContext) -> PipelineSpec:
    if value in ("absent", "present"):
        return PipelineSpec(arg, value, None, None)
    if not isinstance(value, dict) or not set(value) <= {"count", "stages"}:
        raise ScenarioError(mark, "pipeline: write absent, present, or {count: 1, stages: [stage ids]}")
    stages = value.get("stages")
    if stages is not None and not isinstance(stages, list):
        raise ScenarioError(mark, "pipeline stages: a list of stage ids (or labels)")
    count = count_matcher(value["count"], mark, "pipeline count") if "count" in value else None
    return PipelineSpec(arg, "present", count, stages)


def _check_pipeline(world: World, spec: PipelineSpec) -> list[Mismatch]:
    object_type = "orders" if world.scenario.mode == "data-sync" else "deals"
    found = [p for p in (world.session.hubspot.call("GET", f"/crm/v3/pipelines/{object_type}") or {}).get("results", [])
             if p.get("label") == spec.label]
    label = f"pipeline {spec.label}"
    if spec.state == "absent":
        return [] if not found else [Mismatch(label, "(pipeline)", "absent", f"{len(found)} found")]
    out = []
    if spec.count is not None and not spec.count.test(len(found)):
        out.append(Mismatch(label, "count", spec.count.describe(), len(found)))
    if not found:
        return out or [Mismatch(label, "(pipeline)", "present", "absent")]
    if spec.stages is not None:
        stages = sorted(found[0].get("stages", []), key=lambda s: s.get("displayOrder", 0))
        ids = [s.get("id") for s in stages]
        shown = ids if all(e in ids for e in spec.stages) else [s.get("label") for s in stages]
        if shown != list(spec.stages):
            out.append(Mismatch(label, "stages", spec.stages, ids))
    return out


# --- property <object type> <name> ---------------------------------------------------------------

def _parse_property(arg: str, value: Any, mark: Mark, ctx: LoadContext) -> tuple:
    parts = arg.split()
    if len(parts) != 2:
        raise ScenarioError(mark, "property: write `property <object type> <name>`, e.g. property deals "
                                  "ip__ecomm_bridge__ecomm_synced")
    if value in ("absent", "present"):
        return parts[0], parts[1], value, {}
    return parts[0], parts[1], "present", parse_matchers(value, mark, "property")


def _check_property(world: World, spec: tuple) -> list[Mismatch]:
    object_type, name, state, matchers = spec
    response = world.session.hubspot.raw("GET", f"/crm/v3/properties/{object_type}/{name}")
    label = f"property {object_type} {name}"
    if state == "absent":
        return [] if response.status_code == 404 else [Mismatch(label, "(property)", "absent", "present")]
    if response.status_code != 200:
        return [Mismatch(label, "(property)", "present", f"HTTP {response.status_code}")]
    return compare(label, matchers, response.json())


def _fresh_account(what: str, name: str) -> str:
    return (f"`{what} {name}: absent` needs a HubSpot account the connector never set up; a sandbox keeps "
            "the pipeline and properties of earlier runs")


# --- hubspot requests / shopify requests (the mocks' journals) -----------------------------------

@dataclass(frozen=True)
class JournalSpec:
    method: str | None
    path: str | None
    status: int | None
    count: Matcher
    writes: bool = False   # only calls that change records (not reads over POST: search, batch/read, queries)


def _parse_journal(arg: str, value: Any, mark: Mark, ctx: LoadContext) -> tuple[JournalSpec, ...]:
    entries = value if isinstance(value, list) else [value]
    specs = []
    for entry in entries:
        if isinstance(entry, int) or (isinstance(entry, dict) and set(entry) & {"at_most", "at_least", "equals"}
                                      and "count" not in entry):
            entry = {"count": entry}
        if not isinstance(entry, dict) or "count" not in entry or not set(entry) <= {"method", "path", "status", "count",
                                                                                     "writes"}:
            raise ScenarioError(mark, "requests: {method: POST, path: '/crm/v3/*', status: 429, count: {at_most: 5}} "
                                      "(count required; method, path glob, status and writes: true optional)")
        specs.append(JournalSpec(entry.get("method"), entry.get("path"), entry.get("status"),
                                 count_matcher(entry["count"], mark, "request count"), entry.get("writes") is True))
    return tuple(specs)


def is_write(entry: dict) -> bool:
    """A journalled call that changes records: not a GET, not a read over POST (HubSpot's search and
    batch/read), not a GraphQL query (only mutations write), not the mock's own /__admin."""
    path, method = str(entry.get("path") or ""), str(entry.get("method") or "")
    if method in ("GET", "HEAD", "OPTIONS") or path.startswith("/__admin"):
        return False
    if path.endswith(("/search", "/batch/read")):
        return False
    if path.endswith("graphql.json"):
        return "mutation" in str(entry.get("body") or "")
    return True


def _journal_check(side: str):  # noqa: ANN202
    def check(world: World, specs: tuple[JournalSpec, ...]) -> list[Mismatch]:
        entries = world.session.admin(side).requests()
        out = []
        for spec in specs:
            chosen = [e for e in entries
                      if (spec.method is None or e["method"] == str(spec.method).upper())
                      and (spec.path is None or fnmatch.fnmatchcase(e["path"], spec.path))
                      and (spec.status is None or e.get("status") == spec.status)
                      and (not spec.writes or is_write(e))]
            if not spec.count.test(len(chosen)):
                what = " ".join(str(x) for x in (spec.method or "any method", spec.path or "any path") if x)
                sample = ", ".join(f"{e['method']} {e['path']} {e.get('status')}" for e in chosen[:6])
                out.append(Mismatch(f"{side} requests", what + (f" status {spec.status}" if spec.status else ""),
                                    spec.count.describe(), len(chosen), note=sample))
        return out
    return check


# --- summary (the connector's last sync summary) -------------------------------------------------

def _parse_paths(what: str):  # noqa: ANN202
    def parse(arg: str, value: Any, mark: Mark, ctx: LoadContext) -> dict[str, Matcher]:
        if not isinstance(value, dict):
            raise ScenarioError(mark, f"{what}: a mapping of path: matcher, e.g. stores[harness-shop].contacts: 2")
        marks = getattr(value, "marks", {})
        return {str(k): parse_matcher(v, marks.get(k, mark)) for k, v in value.items()}
    return parse


def plain(value: Any) -> Any:
    """A summary object (dataclass or dict) as plain dicts and lists."""
    if hasattr(value, "to_dict"):
        return plain(value.to_dict())
    if hasattr(value, "__dataclass_fields__"):
        return {k: plain(getattr(value, k)) for k in value.__dataclass_fields__}
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def check_paths(label: str, data: Any, spec: dict[str, Matcher], resolve: Any = None) -> list[Mismatch]:
    """Each ``path: matcher`` against nested data (``${…}`` resolved first when ``resolve`` is given)."""
    spec = {p: (m.resolved(resolve) if resolve else m) for p, m in spec.items()}
    return [Mismatch(label, path, m.describe(), lookup_path(data, path))
            for path, m in spec.items() if not m.test(lookup_path(data, path))]


def _check_summary(world: World, spec: dict[str, Matcher]) -> list[Mismatch]:
    if world.last_summary is None:
        return [Mismatch("summary", "(summary)", "a sync has run", "no sync yet")]
    return check_paths("sync summary", plain(world.last_summary), spec, world.resolve)


# --- buyers of <product name> (P6: contacts via line items -> deals -> contacts) ------------------

def _parse_buyers(arg: str, value: Any, mark: Mark, ctx: LoadContext) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ScenarioError(mark, "buyers of <product>: a list of contact emails")
    return list(value)


def _check_buyers(world: World, spec: tuple) -> list[Mismatch]:
    name, emails = spec
    api = world.session.hubspot
    products = [p["id"] for p in hs.search(api, "products", [hs.eq("name", world.title(str(world.resolve(name))))],
                                           ["name"])]
    items = [i for pid in products for i in hs.search(api, "line_items", [hs.eq("hs_product_id", pid)], [])]
    deals = {d for i in items for d in hs.associated_ids(api, "line_items", i["id"], "deals")}
    contacts = {c for d in deals for c in hs.associated_ids(api, "deals", d, "contacts")}
    actual = sorted((r["properties"].get("email") or "").lower()
                    for r in hs.read(api, "contacts", sorted(contacts), ["email"]))
    wanted = sorted(str(world.resolve(e)).lower() for e in emails)
    return [] if actual == wanted else [Mismatch(f"buyers of {name}", "contacts", wanted, actual)]


SUBJECTS = (
    Subject("counts", lambda a, v, m, c: _parse_counts(HUBSPOT_TYPES)(a, v, m, c), _check_hubspot_counts,
            arg="none", help="counts: {contacts: 1, deals: 2, …} — HubSpot records of each type"),
    Subject("shopify counts", lambda a, v, m, c: _parse_counts(SHOPIFY_TYPES)(a, v, m, c), _check_shopify_counts,
            arg="none", help="shopify counts: {customers: 1, script_tags: 1, …} — in the first store"),
    Subject("pipeline", _parse_pipeline, _check_pipeline,
            help="pipeline <label>: absent | present | {count: 1, stages: [ids]}",
            sandbox_blocker=lambda spec: _fresh_account("pipeline", spec.label) if spec.state == "absent" else ""),
    Subject("property", _parse_property, _check_property,
            help="property <object type> <name>: absent | present | {groupName: …}",
            sandbox_blocker=lambda spec: _fresh_account("property", " ".join(spec[:2])) if spec[2] == "absent" else ""),
    Subject("hubspot requests", _parse_journal, _journal_check("hubspot"), arg="none", mock_only=True,
            help="hubspot requests: {method, path glob, status, count} — the HubSpot mock's journal"),
    Subject("shopify requests", _parse_journal, _journal_check("shopify"), arg="none", mock_only=True,
            help="shopify requests: {method, path glob, status, count} — the Shopify mock's journal"),
    Subject("summary", _parse_paths("summary"), _check_summary, arg="none",
            help="summary: {path: matcher} on the last sync's summary"),
    Subject("buyers of", lambda a, v, m, c: (a, _parse_buyers(a, v, m, c)), _check_buyers,
            help="buyers of <product name>: [emails] — contacts found via line items → deals → contacts"),
)
