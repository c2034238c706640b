"""Contacts: customers and the people behind orders/checkouts (C1-C3, C5-C10; O1 companies)."""

from __future__ import annotations

from dataclasses import dataclass

from connector import names
from connector.engine import writes
from connector.engine.context import StoreContext, log
from connector.mapping import commerce, sources
from connector.mapping.common import normalize_email
from connector.mapping.contacts import contact_ref, customer_properties
from connector.reverse import echo

SHARED = "*"  # contacts are shared across stores by email (S2)


@dataclass
class Person:
    """Someone to sync: a customer-like dict and the order/checkout that names them (C7 source)."""

    data: dict
    context: dict | None = None


def _source(ctx: StoreContext, context: dict | None) -> dict[str, str]:
    if not ctx.schema.source_writable:
        return {}                                                        # HubSpot sets it itself
    if ctx.initial:
        return sources.import_source()                                   # C6
    return sources.record_source(context, ctx.config.source_mapping)     # C7


def sync_people(ctx: StoreContext, people: list[Person], refresh: bool = True) -> dict[str, str]:
    """Upsert contacts by email; returns normalized email (or ref for email-less) -> contact id.

    ``refresh=False`` (people behind orders/checkouts): someone already synced is taken from the id
    map without another write, unless their source is still to be derived (C7).

    Tombstoned people are skipped (C5). A person we synced before whose contact is gone from HubSpot
    is tombstoned now (C5, learnt from the missing id). New contacts get source properties (C6/C7)."""
    if not ctx.enabled("contacts"):
        emails = [normalize_email(p.data.get("email")) for p in people]
        return ctx.state.hs_ids(SHARED, "email", [e for e in emails if e])
    by_email: dict[str, tuple[str, Person]] = {}
    cached: dict[str, str] = {}
    keyless: list[tuple[str, Person]] = []
    for person in people:
        ref = contact_ref(ctx.store_id, person.data)
        email = normalize_email(person.data.get("email"))
        if ctx.state.is_tombstoned(ctx.store_id, ref) or (email and ctx.state.is_tombstoned(
                ctx.store_id, f"email:{email}")):
            ctx.summary.skipped["tombstoned"] += 1
            log.info("[C5] %s %s is tombstoned: not re-created", ctx.store_id, ref)
            continue
        known = ctx.state.hs_id(ctx.store_id, "contact", ref) if not refresh and email else None
        if known and not (person.context and ctx.state.hs_id(SHARED, "source_pending", email)):
            cached[email] = known
        elif email:
            by_email[email] = (ref, person)  # last one wins: the freshest record
        elif ctx.config.only_contacts_with_email:
            ctx.summary.skipped["no_email"] += 1
            log.info("[C2] %s %s has no email: no contact (C10)", ctx.store_id, ref)
        else:
            keyless.append((ref, person))
    out = {**cached, **(_sync_by_email(ctx, by_email) if by_email else {})}
    if keyless:
        out.update(_sync_keyless(ctx, keyless))
    return out


def _sync_by_email(ctx: StoreContext, by_email: dict[str, tuple[str, Person]]) -> dict[str, str]:
    """Look up who HubSpot has (one batch read by email), then write; in the initial import a batch of
    people never synced is created without the read while HubSpot has none of them (``_all_new``)."""
    if _all_new(ctx, by_email):
        created = _write_people(ctx, by_email, {}, create=True)
        if created is not None:
            return created
        ctx.create_first = False  # HubSpot has some of them already: look before writing from now on
        log.info("[C6] HubSpot already has contacts of this import: reading before writing from now on")
    found = {normalize_email((r.get("properties") or {}).get("email")): r for r in ctx.hubspot.batch_read(
        "contacts", list(by_email), properties=["email", names.SOURCE], id_property="email")}
    ids = _write_people(ctx, by_email, found)
    assert ids is not None  # an upsert never asks for the read path
    return ids


def _all_new(ctx: StoreContext, by_email: dict[str, tuple[str, Person]]) -> bool:
    """Whether to create this batch without reading first: only in the initial import, only while no
    batch of it met a contact HubSpot already had, and only if the state has never mapped any of these
    people (by store + customer, or by email through another store: S2). The batch create is refused as
    a whole (409) when one of them exists, and nothing is created then; the email being unique, a
    create retried after a dropped connection is refused the same way, never duplicated."""
    if not (ctx.initial and ctx.create_first):
        return False
    emails = list(by_email)
    if ctx.state.hs_ids(SHARED, "email", emails) or ctx.state.hs_ids(SHARED, "source_pending", emails):
        return False
    return not ctx.state.hs_ids(ctx.store_id, "contact", [ref for ref, _ in by_email.values()])


def _write_people(ctx: StoreContext, by_email: dict[str, tuple[str, Person]], found: dict[str, dict],
                  create: bool = False) -> dict[str, str] | None:
    """Write the people of ``by_email`` given the contacts HubSpot has (``found``, by email); with
    ``create`` by batch create (None: HubSpot refused it, nothing written), else by upsert."""
    known = {email: ctx.state.hs_id(ctx.store_id, "contact", ref) for email, (ref, _) in by_email.items()}
    gone = [hs_id for email, hs_id in known.items() if hs_id and email not in found]
    alive = {str(r["id"]) for r in ctx.hubspot.batch_read("contacts", gone)} if gone else set()
    rows: list[tuple[str, dict]] = []
    moved: dict[str, dict] = {}
    for email, (ref, person) in by_email.items():
        hs_id = known[email]
        props = customer_properties({**person.data, "email": email})
        if hs_id and email not in found and hs_id not in alive:
            with ctx.state.transaction():
                ctx.state.tombstone(ctx.store_id, ref, hs_id, ctx.now_iso())
                ctx.state.unmap(ctx.store_id, "contact", ref)
            ctx.summary.skipped["tombstoned"] += 1
            log.info("[C5] contact %s deleted in HubSpot: %s %s tombstoned", hs_id, ctx.store_id, ref)
        elif hs_id and email not in found:
            moved[hs_id] = props  # the customer's email changed: update the same contact
        else:
            pending = ctx.state.hs_id(SHARED, "source_pending", email)
            if email not in found or (pending and person.context):
                props.update(_source(ctx, person.context))
            rows.append((email, props))
    known_ids = {e: str(found[e]["id"]) for e, _ in rows if e in found}
    rows, quiet = echo.outgoing(ctx, "contacts", rows, known_ids, {e: by_email[e][1].data for e, _ in rows},
                                "email")  # data-sync: only what HubSpot lacks (O9, O10)
    if create:
        made = writes.create_new(ctx, "contacts", "email", rows, "contacts create")
        if made is None:
            return None
        ids = made
    else:
        ids = writes.upsert(ctx, "contacts", "email", rows, "contacts upsert")
    echo.written(ctx, "contacts", rows, ids)
    ids.update(quiet)
    if moved and writes.update(ctx, "contacts", moved, "contacts update"):
        ids.update({normalize_email(p.get("email")): i for i, p in moved.items()})
    with ctx.state.transaction():
        for email, hs_id in ids.items():
            ref, person = by_email[email]
            ctx.state.map_id(ctx.store_id, "contact", ref, hs_id)
            ctx.state.map_id(SHARED, "email", email, hs_id)
            new = email not in found and hs_id not in moved
            if new and not ctx.initial and not person.context:
                ctx.state.map_id(SHARED, "source_pending", email, hs_id)
            elif person.context:
                ctx.state.unmap(SHARED, "source_pending", email)
            log.info("[C1] contact %s %s for %s %s", hs_id, "created" if new else "updated", ctx.store_id, ref)
    ctx.summary.synced["contacts"] += len(ids)
    return ids


def _sync_keyless(ctx: StoreContext, keyless: list[tuple[str, Person]]) -> dict[str, str]:
    """C10 off: email-less contacts, keyed by store + customer id."""
    rows = [(f"{ctx.store_id}:{ref}", {**customer_properties(p.data), **_source(ctx, p.context)})
            for ref, p in keyless]
    ids = writes.upsert(ctx, "contacts", names.CONTACT_KEY, rows, "contacts upsert (no email)")
    with ctx.state.transaction():
        for key, hs_id in ids.items():
            ctx.state.map_id(ctx.store_id, "contact", key.split(":", 1)[1], hs_id)
    ctx.summary.synced["contacts"] += len(ids)
    return {key.split(":", 1)[1]: hs_id for key, hs_id in ids.items()}


def sync_companies(ctx: StoreContext, customers: list[dict],
                   contact_ids: dict[str, str]) -> list[tuple[dict, str, str]]:
    """O1 (data-sync): companies by name, only with a name. Returns the contact -> company
    associations to make, as (customer, contact id, company id); the caller buffers them."""
    if ctx.mode != "data-sync" or not ctx.enabled("companies"):
        return []
    named: dict[str, tuple[str, list[dict]]] = {}
    for customer in customers:
        name = commerce.company_name(customer)
        if name:
            named.setdefault(commerce.company_key(name), (name, []))[1].append(customer)
    rows = [(key, commerce.company_properties(name)) for key, (name, _) in named.items()]
    ids = writes.upsert(ctx, "companies", names.COMPANY_KEY, rows, "companies upsert")
    links = []
    with ctx.state.transaction():
        for key, hs_id in ids.items():
            ctx.state.map_id(SHARED, "company", key, hs_id)
            log.info("[O1] company %s synced (%s)", hs_id, key)
            for customer in named[key][1]:
                contact = contact_ids.get(normalize_email(customer.get("email")))
                if contact:
                    links.append((customer, contact, hs_id))
    ctx.summary.synced["companies"] += len(ids)
    return links
