"""Steps that act on a Shopify store through the Admin REST API and, for checkouts, as a shopper.

Apps cannot create or complete checkouts (Shopify shut the Checkout API off on 2025-04-01): the checkout
steps play the shopper on the mock's storefront simulation (``/__admin/storefront``), so a sandbox
skips scenarios that use them.

Records are written as the API takes them (``first_name``, ``financial_status`` …) with a few
harness shorthands: ``customer: <ref>`` and ``lines: [{product: <ref>, variant: <title>, quantity}]``
on orders and checkouts, ``price:`` on a product for its single variant.
"""

from __future__ import annotations

from typing import Any

from scenarios.errors import ScenarioError, StepFailed
from scenarios.model import Step, StepKind
from scenarios.world import World

STORE = frozenset({"store"})


def _body(world: World, step: Step) -> dict:
    body = world.resolve(step.arg)
    if not isinstance(body, dict):
        raise StepFailed(f"{step.kind}: expected the record's fields as a mapping")
    return body


def _lines(world: World, lines: list, store: str) -> list[dict]:
    """``{product: ref, variant: title, quantity: n}`` → a line with the variant's id; other lines as given."""
    result = []
    for raw in lines:
        line = dict(raw)
        if "product" in line:
            product = world.record(line.pop("product"), "product").data
            variants = product.get("variants") or []
            wanted = line.pop("variant", None)
            chosen = next((v for v in variants if wanted is None or v.get("title") == str(wanted)), None)
            if chosen is None:
                raise StepFailed(f"product {product.get('title')!r} has no variant {wanted!r}; "
                                 f"it has {[v.get('title') for v in variants]}")
            line["variant_id"] = chosen["id"]
        line.setdefault("quantity", 1)
        result.append(line)
    return result


def _buyer(world: World, body: dict) -> dict:
    """``customer: ref`` → the customer's id and email (as a storefront would send them)."""
    if isinstance(body.get("customer"), str):
        customer = world.record(body.pop("customer"), "customer").data
        body["customer"] = {"id": customer["id"]}
        if customer.get("email"):
            body.setdefault("email", customer["email"])
    return body


def _refresh(world: World, name: str, key: str, path: str) -> None:
    record = world.record(name)
    data = world.session.shopify(record.store).call("GET", path) or {}
    record.data = data.get(key, record.data)


def _named_companies(world: World, body: dict) -> dict:
    """Company names in addresses are names a sandbox tags (a company is made per name, O1)."""
    if not world.tagging:
        return body
    addresses = [body.get(k) for k in ("default_address", "shipping_address", "billing_address")]
    for address in [*addresses, *(body.get("addresses") or [])]:
        if isinstance(address, dict) and isinstance(address.get("company"), str) and address["company"]:
            address["company"] = world.title(address["company"])
    return body


def _put(world: World, record: Any, plural: str, singular: str, changes: dict) -> None:
    """Update a Shopify record through the Admin API and keep its new representation."""
    data = world.session.shopify(record.store).call(
        "PUT", f"/{plural}/{record.data['id']}.json", json_body={singular: {"id": record.data["id"], **changes}})
    record.data = data[singular]


def _delete(world: World, record: Any, plural: str) -> None:
    world.session.shopify(record.store).call("DELETE", f"/{plural}/{record.data['id']}.json")


# --- customers -------------------------------------------------------------------------------------

def create_customer(world: World, step: Step) -> None:
    store = world.store(step)
    body = _named_companies(world, _body(world, step))
    data = world.session.shopify(store).call("POST", "/customers.json", json_body={"customer": body})
    world.created("customer", store, data["customer"])
    world.remember(step, "customer", store, data["customer"])


def update_customer(world: World, step: Step) -> None:
    record = world.record(step.arg, "customer")
    changes = _named_companies(world, world.resolve(step.options.get("set") or {}))
    _put(world, record, "customers", "customer", changes)


def delete_customer(world: World, step: Step) -> None:
    record = world.record(step.arg, "customer")
    _delete(world, record, "customers")


# --- products --------------------------------------------------------------------------------------

def create_product(world: World, step: Step) -> None:
    store = world.store(step)
    body = _body(world, step)
    if "title" in body:
        body["title"] = world.title(str(body["title"]))
    if "price" in body:
        body["variants"] = [{"price": str(body.pop("price"))}]
    for variant in body.get("variants") or []:
        if "title" in variant and "option1" not in variant:
            variant["option1"] = variant.pop("title")
        if "price" in variant:
            variant["price"] = str(variant["price"])
    data = world.session.shopify(store).call("POST", "/products.json", json_body={"product": body})
    world.created("product", store, data["product"])
    world.remember(step, "product", store, data["product"])


def update_product(world: World, step: Step) -> None:
    record = world.record(step.arg, "product")
    changes = world.resolve(step.options.get("set") or {})
    if "title" in changes:
        changes["title"] = world.title(str(changes["title"]))
    _put(world, record, "products", "product", changes)


def delete_product(world: World, step: Step) -> None:
    record = world.record(step.arg, "product")
    _delete(world, record, "products")


# --- orders ----------------------------------------------------------------------------------------

def create_order(world: World, step: Step) -> None:
    store = world.store(step)
    body = _named_companies(world, _buyer(world, _body(world, step)))
    if "lines" in body:
        body["line_items"] = _lines(world, body.pop("lines"), store)
    data = world.session.shopify(store).call("POST", "/orders.json", json_body={"order": body})
    world.created("order", store, data["order"])
    world.remember(step, "order", store, data["order"])


def update_order(world: World, step: Step) -> None:
    record = world.record(step.arg, "order")
    changes = world.resolve(step.options.get("set") or {})
    _put(world, record, "orders", "order", changes)


def cancel_order(world: World, step: Step) -> None:
    record = world.record(step.arg, "order")
    body = {"reason": step.options.get("reason", "customer")}
    data = world.session.shopify(record.store).call("POST", f"/orders/{record.data['id']}/cancel.json", json_body=body)
    record.data = data.get("order", record.data)


def fulfill_order(world: World, step: Step) -> None:
    record = world.record(step.arg, "order")
    world.session.shopify(record.store).call("POST", f"/orders/{record.data['id']}/fulfillments.json",
                                             json_body={"fulfillment": world.resolve(step.options.get("with") or {})})
    _refresh(world, step.arg, "order", f"/orders/{record.data['id']}.json")


def delete_order(world: World, step: Step) -> None:
    record = world.record(step.arg, "order")
    _delete(world, record, "orders")


# --- checkouts -------------------------------------------------------------------------------------

def create_checkout(world: World, step: Step) -> None:
    store = world.store(step)
    body = _named_companies(world, _buyer(world, _body(world, step)))
    body.pop("customer", None)  # the Checkout API links the customer by email
    if "lines" in body:
        body["line_items"] = _lines(world, body.pop("lines"), store)
    checkout = world.session.storefront(store).start_checkout(body)
    world.created("checkout", store, checkout)
    world.remember(step, "checkout", store, checkout)


def update_checkout(world: World, step: Step) -> None:
    record = world.record(step.arg, "checkout")
    changes = _named_companies(world, world.resolve(step.options.get("set") or {}))
    if "lines" in changes:
        changes["line_items"] = _lines(world, changes.pop("lines"), record.store or "")
    record.data = world.session.storefront(record.store).update(record.data["token"], changes)


def remove_checkout_line(world: World, step: Step) -> None:
    """P3: the checkout keeps every line but the named product's (the API replaces the line list)."""
    args = step.arg
    record = world.record(args["checkout"], "checkout")
    product_id = world.record(args["product"], "product").data["id"]
    lines = [{"variant_id": li["variant_id"], "quantity": li["quantity"]}
             for li in record.data.get("line_items") or [] if li.get("product_id") != product_id]
    if len(lines) == len(record.data.get("line_items") or []):
        raise StepFailed(f"checkout {args['checkout']} has no line for product {args['product']}")
    record.data = world.session.storefront(record.store).update(record.data["token"], {"line_items": lines})


def complete_checkout(world: World, step: Step) -> None:
    """The buyer pays: Shopify turns the checkout into an order (``as:`` names that order)."""
    record = world.record(step.arg, "checkout")
    api = world.session.shopify(record.store)
    record.data = world.session.storefront(record.store).complete(record.data["token"])
    order_id = record.data.get("order_id") or (record.data.get("order") or {}).get("id")
    if not order_id:
        if step.options.get("as"):
            raise StepFailed("the completed checkout names no order_id")
        return
    order = api.call("GET", f"/orders/{order_id}.json")["order"]
    world.created("order", record.store, order)
    world.remember(step, "order", record.store, order)


def _parse_line_removal(step: Step, ctx: object) -> None:
    if not isinstance(step.arg, dict) or set(step.arg) != {"checkout", "product"}:
        raise ScenarioError(step.mark, "remove checkout line: {checkout: <checkout ref>, product: <product ref>}")


def _kind(name: str, run: Any, **extra: Any) -> StepKind:
    return StepKind(name=name, run=run, **extra)


STEPS = (
    _kind("create customer", create_customer, options=STORE, given=True, defines="customer",
          help="a Shopify customer: {email, first_name, last_name, phone, addresses, tags, note, …}"),
    _kind("update customer", update_customer, options=frozenset({"set"}), given=True, refs=("@:customer",),
          help="update customer: <ref>, set: {field: value}"),
    _kind("delete customer", delete_customer, given=True, refs=("@:customer",)),
    _kind("create product", create_product, options=STORE, given=True, defines="product",
          help="a Shopify product: {title, body_html, vendor, product_type, tags, price | variants: [{title, price}]}"),
    _kind("update product", update_product, options=frozenset({"set"}), given=True, refs=("@:product",)),
    _kind("delete product", delete_product, given=True, refs=("@:product",)),
    _kind("create order", create_order, options=STORE, given=True, defines="order",
          refs=("customer:customer", "lines[].product:product"),
          help="a Shopify order: {customer: <ref> | email, lines: [{product: <ref>, variant, quantity}], "
               "financial_status, fulfillment_status, source_name, …}"),
    _kind("update order", update_order, options=frozenset({"set"}), given=True, refs=("@:order",)),
    _kind("cancel order", cancel_order, options=frozenset({"reason"}), given=True, refs=("@:order",)),
    _kind("fulfill order", fulfill_order, options=frozenset({"with"}), given=True, refs=("@:order",)),
    _kind("delete order", delete_order, given=True, refs=("@:order",)),
    # A shopper's actions on the mock's storefront: no app can do them on a real store (sandbox skips).
    _kind("create checkout", create_checkout, options=STORE, given=True, defines="checkout",
          refs=("customer:customer", "lines[].product:product"), sandbox="scenario",
          help="a shopper's checkout: {email | customer: <ref>, phone, lines: [...], shipping_address, …}"),
    _kind("update checkout", update_checkout, options=frozenset({"set"}), given=True, refs=("@:checkout",),
          sandbox="scenario"),
    _kind("remove checkout line", remove_checkout_line, given=True, parse=_parse_line_removal, sandbox="scenario",
          refs=("checkout:checkout", "product:product"), help="remove checkout line: {checkout: <ref>, product: <ref>}"),
    _kind("complete checkout", complete_checkout, given=True, defines="order", refs=("@:checkout",),
          sandbox="scenario", help="complete checkout: <ref> (as: names the order it becomes)"),
)
