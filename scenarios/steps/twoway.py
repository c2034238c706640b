"""Steps for two-way sync (O7-O10): HubSpot products edited as a HubSpot user would, and the
connector's data-sync settings (field mappings, conflict policy)."""

from __future__ import annotations

from scenarios.errors import StepFailed
from scenarios.expectations import records
from scenarios.model import Step, StepKind
from scenarios.steps.hubspot import _one, create_titled
from scenarios.world import World


def _product(world: World, name: object) -> dict:
    return _one(records._product(world, str(name), []), f"product {name}")


def create_hubspot_product(world: World, step: Step) -> None:
    create_titled(world, step, "products", "hubspot_product")


def update_hubspot_product(world: World, step: Step) -> None:
    product = _product(world, world.resolve(step.arg))
    props = dict(world.resolve(step.options.get("set") or {}))
    if isinstance(props.get("name"), str):
        props["name"] = world.title(props["name"])
    world.session.hubspot.call("PATCH", f"/crm/v3/objects/products/{product['id']}", json_body={"properties": props})


def delete_hubspot_product(world: World, step: Step) -> None:
    product = _product(world, world.resolve(step.arg))
    world.session.hubspot.call("DELETE", f"/crm/v3/objects/products/{product['id']}")


def configure_sync(world: World, step: Step) -> None:
    """data-sync settings; the connector restarts with them (as after editing its configuration)."""
    spec = world.resolve(step.arg)
    if not isinstance(spec, dict) or not set(spec) <= {"mappings", "conflicts"}:
        raise StepFailed("configure sync: {conflicts: {contacts: hubspot-wins}, mappings: {contacts: [...]}}")
    world.session.set_two_way(spec.get("mappings"), spec.get("conflicts"))
    world.session.restart_connector()
    world.crashed = world.crash_armed = False


SET = frozenset({"set"})
STEPS = (
    StepKind("create hubspot product", create_hubspot_product, given=True, defines="hubspot_product",
             help="a HubSpot product: {name, description, price, …}"),
    StepKind("update hubspot product", update_hubspot_product, options=SET,
             help="update hubspot product: <name>, set: {property: value}"),
    StepKind("delete hubspot product", delete_hubspot_product, help="delete hubspot product: <name>"),
    StepKind("configure sync", configure_sync, sandbox="run",
             help="configure sync: {conflicts: {contacts: most-recent|hubspot-wins|shopify-wins}, "
                  "mappings: {contacts: [{hubspot, shopify, direction}]}} — the connector restarts"),
)
