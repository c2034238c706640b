"""What one scenario run made in a sandbox: the ledger of its writes, the records that belong to it,
and deleting them afterwards.

A sandbox is shared by every scenario (and every run), so an expectation about "everything"
(``counts``, ``shopify counts``, reports, workflows, ``buyers of``) looks only at this run's records,
and the run deletes them at the end, also when it failed. A HubSpot record belongs to the run when

- it carries one of the run's tagged values: a contact by email, a product, company or line item by
  name (``scenarios.tagging``), or a line item by one of those products;
- a step created it (``create contact``, ``create deal``, ``create company``: the ledger);
- it is the deal, Order or Cart of one of the run's Shopify orders or checkouts (by store + order
  number / token / external id, as the connector keys them);
- it hangs off such a deal, Order or Cart: its contacts and line items (so a contact the connector
  wrongly made without a tagged email still counts, and is still deleted).

In Shopify: the customers, products, orders and checkouts the steps created (and customers Shopify
made for a tagged email), and the webhooks and script tags that appeared since the run began.
Pipelines and property definitions the connector creates are shared settings and stay.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from scenarios import hubspot_read as hs
from scenarios.errors import StepFailed

if TYPE_CHECKING:
    from scenarios.targets.base import Session

HUBSPOT_TYPES = ("contacts", "deals", "line_items", "products", "orders", "carts", "companies")
SHOPIFY_SETTINGS = ("webhooks", "script_tags")   # made by the connector, not by a step
SOURCE_STORE = "ip__ecomm_bridge__source_store_id"
ORDER_NUMBER = "ip__ecomm_bridge__order_number"
TOKENS = ("ip__shopify__token", "ip__shopify__checkout_token")


@dataclass
class Ledger:
    """Every record a step created, whether or not it was named with ``as:``."""

    shopify: list[tuple[str, str, dict]] = field(default_factory=list)   # (kind, store, record)
    hubspot: list[tuple[str, str]] = field(default_factory=list)         # (object type, id)
    baseline: dict[str, set[str]] = field(default_factory=dict)          # settings present at the start

    def created(self, kind: str, store: str | None, record: dict) -> None:
        self.shopify.append((kind, store or "", record))

    def made_in_hubspot(self, object_type: str, record: dict | None) -> None:
        if record and record.get("id") is not None:
            self.hubspot.append((object_type, str(record["id"])))

    def of_kind(self, kind: str) -> list[tuple[str, dict]]:
        return [(store, record) for k, store, record in self.shopify if k == kind]


def take_baseline(session: Session) -> None:
    """The Shopify webhooks and script tags present before the run (the connector adds its own)."""
    for store in session.scenario.stores[:1]:
        api = session.shopify(store)
        for kind in SHOPIFY_SETTINGS:
            listed = (api.call("GET", f"/{kind}.json", params={"limit": 250}) or {}).get(kind, [])
            session.ledger.baseline[kind] = {str(r["id"]) for r in listed}


def shopify_in_run(session: Session, kind: str, record: dict) -> bool:
    """Is this Shopify record (as listed) one of the run's?"""
    if kind in SHOPIFY_SETTINGS:
        return str(record.get("id")) not in session.ledger.baseline.get(kind, set())
    key = "token" if kind == "checkouts" else "id"
    mine = {str(r.get(key)) for _, r in session.ledger.of_kind(kind.removesuffix("s"))}
    if str(record.get(key)) in mine:
        return True
    return kind == "customers" and (record.get("email") or "").lower() in session.tagging.emails


def hubspot_ids(session: Session) -> dict[str, set[str]]:
    """The live HubSpot records of this run, by object type (see the module docstring)."""
    api, tagging = session.hubspot, session.tagging
    found: dict[str, set[str]] = {t: set() for t in HUBSPOT_TYPES}

    def add(object_type: str, records: list[dict]) -> None:
        found[object_type].update(str(r["id"]) for r in records)

    for email in sorted(tagging.emails):
        add("contacts", hs.search(api, "contacts", [hs.eq("email", email)]))
    for name in sorted(set(tagging.names.values())):
        for object_type in ("products", "companies", "line_items"):
            add(object_type, hs.search(api, object_type, [hs.eq("name", name)]))
    for product_id in sorted(found["products"]):
        add("line_items", hs.search(api, "line_items", [hs.eq("hs_product_id", product_id)]))
    for object_type, record_id in session.ledger.hubspot:
        found[object_type].add(record_id)
    _commerce(session, found)
    for object_type in ("deals", "orders", "carts"):
        for record_id in sorted(found[object_type]):
            for to_type in ("contacts", "line_items"):
                found[to_type].update(hs.associated_ids(api, object_type, record_id, to_type))
    return {t: {str(r["id"]) for r in hs.read(api, t, sorted(ids))} for t, ids in found.items()}


def _commerce(session: Session, found: dict[str, set[str]]) -> None:
    """Deals, Orders and Carts of the run's Shopify orders and checkouts."""
    api = session.hubspot
    orders = session.ledger.of_kind("order")
    checkouts = session.ledger.of_kind("checkout")
    for store in sorted({store for store, _ in orders + checkouts}):
        numbers = {str(r.get("order_number")) for s, r in orders if s == store and r.get("order_number")}
        tokens = {str(r.get(k)) for s, r in orders + checkouts if s == store
                  for k in ("token", "checkout_token") if r.get(k)}
        wanted = [SOURCE_STORE, ORDER_NUMBER, *TOKENS]
        for deal in hs.search(api, "deals", [hs.eq(SOURCE_STORE, store)], wanted):
            props = deal["properties"]
            if str(props.get(ORDER_NUMBER)) in numbers or tokens & {props.get(t) for t in TOKENS}:
                found["deals"].add(str(deal["id"]))
        for _, order in [(s, r) for s, r in orders if s == store]:
            found["orders"].update(str(r["id"]) for r in hs.search(
                api, "orders", [hs.eq("hs_source_store", store), hs.eq("hs_external_order_id", order["id"])]))
        for _, checkout in [(s, r) for s, r in checkouts if s == store]:
            found["carts"].update(str(r["id"]) for r in hs.search(
                api, "carts", [hs.eq("hs_source_store", store), hs.eq("hs_external_cart_id", checkout["token"])]))


def scope_dataset(session: Session, dataset: Any) -> Any:
    """A reports/workflows dataset cut down to this run's deals and contacts."""
    import dataclasses
    ids = hubspot_ids(session)
    deals = tuple(d for d in dataset.deals if d.id in ids["deals"])
    contacts = {cid: c for cid, c in dataset.contacts.items() if cid in ids["contacts"]}
    return dataclasses.replace(dataset, deals=deals, contacts=contacts)


# --- deleting the run's records ----------------------------------------------------------------

def clean_up(session: Session) -> tuple[list[str], list[str]]:
    """Delete everything the run made, on both sides; (what could not be deleted, notes)."""
    left: list[str] = []
    notes: list[str] = []
    try:
        ids = hubspot_ids(session)
    except StepFailed as error:
        ids, left = {}, [f"hubspot: could not list the run's records: {error.message}"]
    for object_type in HUBSPOT_TYPES:
        for record_id in sorted(ids.get(object_type, ())):
            _delete(session.hubspot, f"/crm/v3/objects/{object_type}/{record_id}", f"hubspot {object_type}", left)
    for store in session.scenario.stores[:1]:
        left += _clean_shopify(session, store, notes)
    return left, notes


def _delete(api: Any, path: str, label: str, left: list[str]) -> None:
    try:
        response = api.raw("DELETE", path)
    except Exception as error:  # noqa: BLE001 - a failed deletion is reported, the rest still runs
        left.append(f"{label} {path}: {error}")
        return
    if response.status_code not in (200, 204, 404):
        left.append(f"{label} {path}: {response.status_code} {response.text[:120]}")


def _listed(api: Any, kind: str, params: dict | None = None) -> list[dict]:
    return (api.call("GET", f"/{kind}.json", params={"limit": 250, **(params or {})}) or {}).get(kind, [])


def _clean_shopify(session: Session, store: str, notes: list[str]) -> list[str]:
    """Orders before customers (Shopify keeps a customer who has orders). A sandbox makes no checkouts:
    only shoppers can (scenarios with checkout steps are skipped there), so none are left to clean."""
    api, left = session.shopify(store), []
    try:
        for kind in ("orders", "products"):
            for _, record in session.ledger.of_kind(kind.removesuffix("s")):
                _delete(api, f"/{kind}/{record['id']}.json", f"shopify {kind}", left)
        for kind in SHOPIFY_SETTINGS:
            for record in _listed(api, kind):
                if shopify_in_run(session, kind, record):
                    _delete(api, f"/{kind}/{record['id']}.json", f"shopify {kind}", left)
        customers = {str(r["id"]) for _, r in session.ledger.of_kind("customer")}
        for email in sorted(session.tagging.emails):   # customers Shopify made for an order's email
            found = api.call("GET", "/customers/search.json", params={"query": f"email:{email}"}) or {}
            customers |= {str(c["id"]) for c in found.get("customers", [])
                          if (c.get("email") or "").lower() == email}
        for customer_id in sorted(customers):
            _delete(api, f"/customers/{customer_id}.json", "shopify customers", left)
    except StepFailed as error:
        left.append(f"shopify: {error.message}")
    return left
