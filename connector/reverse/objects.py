"""Applying one changed HubSpot record to Shopify (O7-O9): contacts -> customers (by email),
products -> products (by name), companies -> B2B companies (by name, else domain).

Each applier skips, without reading Shopify, a record none of whose mapped properties differs from
what the sync last agreed on (the echo of the Shopify -> HubSpot direction ends here); otherwise it
finds the Shopify record (id map first, then the key), settles conflicts (O9), writes what HubSpot
won, and records the agreed values and the id map in one transaction, after the Shopify write."""

from __future__ import annotations

from collections.abc import Callable

from connector import names
from connector.clients.shopify_graphql import ShopifyGraphQL
from connector.clock import parse_iso
from connector.engine import tombstones
from connector.engine.contacts import SHARED
from connector.engine.context import StoreContext, log
from connector.mapping.common import normalize_email
from connector.reverse import shopify_io
from connector.reverse.conflicts import Decision, field_times, resolve
from connector.reverse.mapping import as_hubspot, node_values, to_shopify_input
from connector.reverse.memory import digest
from connector.reverse.twoway import MODIFIED


def _stamp(text: object):  # noqa: ANN202 - datetime | None
    try:
        return parse_iso(str(text)) if text else None
    except ValueError:
        return None


def _changed(ctx: StoreContext, obj: str, hs_id: str, hubspot: dict[str, str]) -> bool:
    known = ctx.twoway.memory.hashes(obj, hs_id)
    return any(v and known.get(p) != digest(v) for p, v in hubspot.items())


def _mapped_id(ctx: StoreContext, kind: str, hs_id: str, prefix: str = "") -> str | None:
    for store, ref in ctx.state.keys_for_hs_id(kind, hs_id):
        if store == ctx.store_id and ref.startswith(prefix):
            return ref[len(prefix):]
    return None


def _decide(ctx: StoreContext, obj: str, hs_id: str, props: dict, hubspot: dict[str, str],
            shopify: dict[str, str], shop: dict | None) -> Decision:
    """O9 for one record. Under ``most-recent`` a field both sides changed is judged by when HubSpot's
    value of *that field* was set (its history, read only for conflicts), not the record's date."""
    tw = ctx.twoway
    policy, known = tw.mappings.policy(obj), tw.memory.hashes(obj, hs_id)
    hub_at, shop_at = _stamp(props.get(MODIFIED[obj])), _stamp(shop.get("updatedAt")) if shop else None
    decision = resolve(policy, hubspot, shopify, known, hub_at, shop_at)
    if decision.conflicts and policy == "most-recent":
        read = ctx.hubspot.batch_read(obj, [hs_id], properties=[MODIFIED[obj]], history=decision.conflicts)
        if read:
            decision = resolve(policy, hubspot, shopify, known, hub_at, shop_at, field_times(read[0]))
    return decision


def _push_named(ctx: StoreContext, obj: str, label: str, hs_id: str, props: dict, name: str,
                hubspot: dict[str, str], shop: dict | None, legacy: str | None,
                write: Callable[[ShopifyGraphQL, str | None, dict], dict]) -> tuple[dict, Decision]:
    """O9 then O7 for a record Shopify matches by name (products, companies): settle the conflicts,
    then create the Shopify record or write the fields HubSpot won; the record as Shopify has it."""
    tw = ctx.twoway
    both = [*tw.mappings.reverse(obj), *(m for m in tw.mappings.of(obj) if m.field.key)]
    decision = _decide(ctx, obj, hs_id, props, hubspot, node_values(both, shop) if shop else {}, shop)
    if decision.to_shopify or not shop:
        wanted = [m for m in both if not shop or m.hubspot in decision.to_shopify]
        values = to_shopify_input(wanted, {**props, "name": name})
        shop = write(tw.graphql(ctx.store_id), shop["legacyId"] if shop else None, values)
        tw.wrote()
        log.info("[O7] %s %s %s %s from HubSpot %s %s (%s)", ctx.store_id, label, shop.get("legacyId"),
                 "updated" if legacy else "written", label, hs_id, ", ".join(sorted(values)))
        ctx.summary.to_shopify[obj] += 1
    return shop, decision


def _contact(ctx: StoreContext, record: dict) -> None:
    tw = ctx.twoway
    hs_id, props = str(record["id"]), record.get("properties") or {}
    email = normalize_email(props.get("email"))
    if not email:
        ctx.summary.skipped["no_email"] += 1
        log.info("[O7] contact %s has no email: no Shopify customer (C10)", hs_id)
        return
    maps = tw.mappings.reverse("contacts")
    hubspot = {m.hubspot: as_hubspot(props.get(m.hubspot)).strip() for m in maps}
    legacy = _mapped_id(ctx, "contact", hs_id, "customer:")
    known_customer = legacy is not None
    if not _changed(ctx, "contacts", hs_id, hubspot) and known_customer:
        return
    if legacy and tombstones.is_deleted(ctx, "customer", legacy):
        ctx.summary.skipped["deleted"] += 1
        log.info("[O8] contact %s: its %s customer %s was deleted in Shopify: not re-created", hs_id,
                 ctx.store_id, legacy)
        return
    gql = tw.graphql(ctx.store_id)
    shop = shopify_io.find_customer(gql, legacy, email)
    if shop and tombstones.is_deleted(ctx, "customer", shop["legacyId"]):
        return
    decision = _decide(ctx, "contacts", hs_id, props, hubspot, node_values(maps, shop) if shop else {}, shop)
    for prop in decision.shopify_won:
        log.info("[O9] contact %s.%s changed on both sides: Shopify's value wins", hs_id, prop)
    if decision.to_shopify or not shop:
        values = to_shopify_input([m for m in maps if not shop or m.hubspot in decision.to_shopify], props)
        if not shop:
            values["email"] = email
        shop = shopify_io.set_customer(gql, shop["legacyId"] if shop else None, email, values)
        tw.wrote()
        log.info("[O7] %s customer %s %s from contact %s (%s)", ctx.store_id, shop.get("legacyId"),
                 "updated" if known_customer else "written", hs_id, ", ".join(sorted(values)))
        ctx.summary.to_shopify["customers"] += 1
    with ctx.state.transaction():
        tw.memory.remember("contacts", hs_id, {"email": email, **decision.agreed, **decision.to_shopify})
        ctx.state.map_id(ctx.store_id, "contact", f"customer:{shop['legacyId']}", hs_id)
        ctx.state.map_id(SHARED, "email", email, hs_id)


def _product(ctx: StoreContext, record: dict) -> None:
    tw = ctx.twoway
    hs_id, props = str(record["id"]), record.get("properties") or {}
    name = (props.get("name") or "").strip()
    if not name:
        ctx.summary.skipped["product_without_name"] += 1
        log.info("[O7] product %s has no name: not synced to Shopify (P5)", hs_id)
        return
    maps = tw.mappings.reverse("products")
    hubspot = {m.hubspot: as_hubspot(props.get(m.hubspot)).strip() for m in maps}
    hubspot["name"] = name
    legacy = _mapped_id(ctx, "product", hs_id)
    if legacy and tombstones.is_deleted(ctx, "product", legacy):
        return  # deleted in Shopify: its HubSpot product was archived (P2)
    if not _changed(ctx, "products", hs_id, hubspot) and legacy:
        return
    shop = shopify_io.find_product(tw.graphql(ctx.store_id), legacy, name)
    if shop and tombstones.is_deleted(ctx, "product", shop["legacyId"]):
        return
    shop, decision = _push_named(ctx, "products", "product", hs_id, props, name, hubspot, shop, legacy,
                                 shopify_io.set_product)
    key = f"name:{name.lower()}"
    if props.get(names.PRODUCT_KEY) != key:
        ctx.hubspot.batch("products", "update", [{"id": hs_id, "properties": {names.PRODUCT_KEY: key}}])
    with ctx.state.transaction():
        agreed = {} if "name" in decision.shopify_won else {"name": name}
        tw.memory.remember("products", hs_id, {**agreed, names.PRODUCT_KEY: key, **decision.agreed,
                                               **decision.to_shopify})
        ctx.state.map_id(ctx.store_id, "product", shop["legacyId"], hs_id)


def _company(ctx: StoreContext, record: dict) -> None:
    """A HubSpot company with a name (or, lacking one, a domain [decided: the domain is then its Shopify
    name, as Shopify requires one]) creates or updates the Shopify B2B company of that name."""
    tw = ctx.twoway
    hs_id, props = str(record["id"]), record.get("properties") or {}
    name = (props.get("name") or "").strip() or (props.get("domain") or "").strip().lower()
    if not name:
        ctx.summary.skipped["company_without_name"] += 1
        log.info("[O7] company %s has neither a name nor a domain: not synced to Shopify (O1)", hs_id)
        return
    maps = tw.mappings.reverse("companies")
    hubspot = {m.hubspot: as_hubspot(props.get(m.hubspot)).strip() for m in maps}
    hubspot["name"] = name
    legacy = _mapped_id(ctx, "shopify_company", hs_id)
    if not _changed(ctx, "companies", hs_id, hubspot) and legacy:
        return
    shop = shopify_io.find_company(tw.graphql(ctx.store_id), legacy, name)
    shop, decision = _push_named(ctx, "companies", "company", hs_id, props, name, hubspot, shop, legacy,
                                 shopify_io.set_company)
    with ctx.state.transaction():
        agreed = {} if "name" in decision.shopify_won else {"name": name}
        tw.memory.remember("companies", hs_id, {**agreed, **decision.agreed, **decision.to_shopify})
        ctx.state.map_id(ctx.store_id, "shopify_company", shop["legacyId"], hs_id)


APPLIERS = {"contacts": _contact, "companies": _company, "products": _product}
