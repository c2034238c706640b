"""Steps that act on HubSpot through the CRM v3 API, as a HubSpot user (or another app) would."""

from __future__ import annotations

from scenarios.errors import StepFailed
from scenarios.expectations import records
from scenarios.model import Step, StepKind
from scenarios.world import World


def _made(world: World, object_type: str, data: dict | None) -> None:
    """A record this step made: a sandbox run deletes it at the end."""
    ledger = getattr(world.session, "ledger", None)
    if ledger is not None:
        ledger.made_in_hubspot(object_type, data)


def _one(found: list[dict], what: str) -> dict:
    if len(found) != 1:
        raise StepFailed(f"{what}: expected exactly one HubSpot record, found {len(found)}")
    return found[0]


def _contact(world: World, email: object) -> dict:
    return _one(records._contact(world, str(email), []), f"contact {email}")


def create_contact(world: World, step: Step) -> None:
    props = world.resolve(step.arg)
    data = world.session.hubspot.call("POST", "/crm/v3/objects/contacts", json_body={"properties": props})
    _made(world, "contacts", data)
    world.remember(step, "contact", None, data)


def update_contact(world: World, step: Step) -> None:
    contact = _contact(world, world.resolve(step.arg))
    world.session.hubspot.call("PATCH", f"/crm/v3/objects/contacts/{contact['id']}",
                               json_body={"properties": world.resolve(step.options.get("set") or {})})


def delete_contact(world: World, step: Step) -> None:
    contact = _contact(world, world.resolve(step.arg))
    world.session.hubspot.call("DELETE", f"/crm/v3/objects/contacts/{contact['id']}")


def create_deal(world: World, step: Step) -> None:
    """A deal made by hand or by another integration (D9: it lacks EComm Synced)."""
    props = dict(world.resolve(step.arg))
    email = props.pop("contact", None)
    props.setdefault("pipeline", "default")
    body: dict = {"properties": props}
    if email:
        body["associations"] = [{"to": {"id": _contact(world, email)["id"]},
                                 "types": [{"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 3}]}]
    data = world.session.hubspot.call("POST", "/crm/v3/objects/deals", json_body=body)
    _made(world, "deals", data)
    world.remember(step, "deal", None, data)


def _deal_of(world: World, name: str) -> dict:
    return _one(records._deal(world, name, []), f"deal of {name}")


def update_deal(world: World, step: Step) -> None:
    deal = _deal_of(world, step.arg)
    world.session.hubspot.call("PATCH", f"/crm/v3/objects/deals/{deal['id']}",
                               json_body={"properties": world.resolve(step.options.get("set") or {})})


def delete_deal(world: World, step: Step) -> None:
    deal = _deal_of(world, step.arg)
    world.session.hubspot.call("DELETE", f"/crm/v3/objects/deals/{deal['id']}")


def update_hubspot_order(world: World, step: Step) -> None:
    """O4: someone edits a synced Order object in HubSpot."""
    order = _one(records._order(world, step.arg, []), f"order {step.arg}")
    world.session.hubspot.call("PATCH", f"/crm/v3/objects/orders/{order['id']}",
                               json_body={"properties": world.resolve(step.options.get("set") or {})})


def create_titled(world: World, step: Step, object_type: str, kind: str) -> None:
    """Create a HubSpot record from the step's properties, its ``name`` made unique to the run (title)."""
    props = dict(world.resolve(step.arg))
    if isinstance(props.get("name"), str):
        props["name"] = world.title(props["name"])
    data = world.session.hubspot.call("POST", f"/crm/v3/objects/{object_type}", json_body={"properties": props})
    _made(world, object_type, data)
    world.remember(step, kind, None, data)


def create_company(world: World, step: Step) -> None:
    create_titled(world, step, "companies", "company")


def delete_company(world: World, step: Step) -> None:
    company = _one(records._company(world, str(step.arg), []), f"company {step.arg}")
    world.session.hubspot.call("DELETE", f"/crm/v3/objects/companies/{company['id']}")


SET = frozenset({"set"})
STEPS = (
    StepKind("create contact", create_contact, given=True, defines="contact",
             help="a HubSpot contact: {email, firstname, lastname, phone, …}"),
    StepKind("update contact", update_contact, options=SET, given=True,
             help="update contact: <email>, set: {property: value}"),
    StepKind("delete contact", delete_contact, given=True, help="delete contact: <email> (HubSpot's recycle bin)"),
    StepKind("create deal", create_deal, given=True, defines="deal",
             help="a deal not made by the connector: {dealname, dealstage, amount, pipeline, contact: <email>}"),
    StepKind("update deal", update_deal, options=SET, refs=("@:order|checkout",),
             help="update deal: <order|checkout ref>, set: {property: value}"),
    StepKind("delete deal", delete_deal, refs=("@:order|checkout",)),
    StepKind("update hubspot order", update_hubspot_order, options=SET, refs=("@:order",),
             help="update hubspot order: <order ref>, set: {hs_pipeline_stage: …} (data-sync)"),
    StepKind("create company", create_company, given=True, defines="company"),
    StepKind("delete company", delete_company, help="delete company: <name>"),
)
