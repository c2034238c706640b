"""The probe suite: the same calls made against a real API (a sandbox) and against a mock.

Every record a probe creates carries the run tag (in an email or a name) and is deleted at the
end, also when a step fails. A probe returns the list of :class:`Call` it made, named by step, so
the real and the mock answers can be paired.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import requests

from tools.contract.drift import Call

SHOPIFY_API = "/admin/api/2026-10"


@dataclass
class Api:
    """One service's base URL and credential; ``created`` holds the deletions still owed."""

    service: str
    base_url: str
    headers: dict[str, str]
    calls: list[Call] = field(default_factory=list)
    created: list[tuple[str, str]] = field(default_factory=list)   # (path to DELETE, label)
    session: requests.Session = field(default_factory=requests.Session)

    def call(self, step: str, method: str, template: str, path: str, body: Any = None,
             params: dict | None = None) -> Call:
        response = self.session.request(method, self.base_url.rstrip("/") + path, json=body, params=params,
                                        headers=self.headers, timeout=60)
        try:
            payload = response.json() if response.content else None
        except ValueError:
            payload = {"(not JSON)": response.text[:200]}
        made = Call(self.service, step, method, template, response.status_code, payload)
        self.calls.append(made)
        return made

    def owe_delete(self, path: str, label: str) -> None:
        self.created.append((path, label))

    def cleanup(self) -> list[str]:
        """Delete everything created, newest first; returns what could not be deleted."""
        left = []
        while self.created:
            path, label = self.created.pop()
            response = self.session.delete(self.base_url.rstrip("/") + path, headers=self.headers, timeout=60)
            if response.status_code not in (200, 204, 404):
                left.append(f"{label} ({path}: {response.status_code})")
        self.session.close()
        return left


@contextmanager
def cleaned(api: Api) -> Iterator[Api]:
    """Run a probe and always delete what it created; a failed deletion is an error."""
    try:
        yield api
    finally:
        left = api.cleanup()
        if left:
            raise AssertionError(f"{api.service}: records left behind in the sandbox: {left}")


def _id(call: Call, *keys: str) -> str | None:
    node: Any = call.body
    for key in keys:
        if not isinstance(node, dict) or key not in node:
            return None
        node = node[key]
    return None if node is None else str(node)


def shopify_probe(api: Api, tag: str) -> list[Call]:
    """Shop, customers, products and orders: create, read, list, count, update, then delete."""
    v = SHOPIFY_API
    api.call("shop", "GET", f"{v}/shop.json", f"{v}/shop.json")
    customer = api.call("create customer", "POST", f"{v}/customers.json", f"{v}/customers.json", {"customer": {
        "first_name": "Probe", "last_name": tag, "email": f"probe+{tag}@example.com", "tags": tag}})
    customer_id = _id(customer, "customer", "id")
    if customer_id:
        api.owe_delete(f"{v}/customers/{customer_id}.json", "customer")
        item = f"{v}/customers/{{customer_id}}.json"
        api.call("get customer", "GET", item, f"{v}/customers/{customer_id}.json")
        api.call("update customer", "PUT", item, f"{v}/customers/{customer_id}.json",
                 {"customer": {"id": int(customer_id), "note": f"probe {tag}"}})
    api.call("list customers", "GET", f"{v}/customers.json", f"{v}/customers.json", params={"limit": 3})
    api.call("count customers", "GET", f"{v}/customers/count.json", f"{v}/customers/count.json")
    product = api.call("create product", "POST", f"{v}/products.json", f"{v}/products.json", {"product": {
        "title": f"Probe product {tag}", "tags": tag, "variants": [{"price": "9.50", "sku": f"P-{tag}"}]}})
    product_id = _id(product, "product", "id")
    variants = (product.body or {}).get("product", {}).get("variants") if isinstance(product.body, dict) else None
    if product_id:
        api.owe_delete(f"{v}/products/{product_id}.json", "product")
        api.call("get product", "GET", f"{v}/products/{{product_id}}.json", f"{v}/products/{product_id}.json")
    api.call("list products", "GET", f"{v}/products.json", f"{v}/products.json", params={"limit": 3})
    if variants and customer_id:
        order = api.call("create order", "POST", f"{v}/orders.json", f"{v}/orders.json", {"order": {
            "customer": {"id": int(customer_id)}, "line_items": [{"variant_id": variants[0]["id"], "quantity": 1}],
            "financial_status": "pending", "tags": tag, "test": True}})
        order_id = _id(order, "order", "id")
        if order_id:
            api.owe_delete(f"{v}/orders/{order_id}.json", "order")
            api.call("get order", "GET", f"{v}/orders/{{order_id}}.json", f"{v}/orders/{order_id}.json")
    api.call("list orders", "GET", f"{v}/orders.json", f"{v}/orders.json", params={"status": "any", "limit": 3})
    api.call("list webhooks", "GET", f"{v}/webhooks.json", f"{v}/webhooks.json")
    api.call("list script tags", "GET", f"{v}/script_tags.json", f"{v}/script_tags.json")
    api.call("list events", "GET", f"{v}/events.json", f"{v}/events.json", params={"limit": 3})
    api.call("missing customer", "GET", f"{v}/customers/{{customer_id}}.json", f"{v}/customers/1.json")
    return api.calls


def hubspot_probe(api: Api, tag: str) -> list[Call]:
    """Contacts, deals, products, associations, properties and pipelines; then archive everything."""
    obj = "/crm/v3/objects/{objectType}"
    item = "/crm/v3/objects/{objectType}/{objectId}"
    email = f"probe+{tag}@example.com"
    contact = api.call("create contact", "POST", obj, "/crm/v3/objects/contacts",
                       {"properties": {"email": email, "firstname": "Probe", "lastname": tag}})
    contact_id = _id(contact, "id")
    if contact_id:
        api.owe_delete(f"/crm/v3/objects/contacts/{contact_id}", "contact")
        api.call("get contact", "GET", item, f"/crm/v3/objects/contacts/{contact_id}",
                 params={"properties": "email,firstname"})
        api.call("update contact", "PATCH", item, f"/crm/v3/objects/contacts/{contact_id}",
                 {"properties": {"lastname": f"{tag}-updated"}})
        api.call("batch read contacts", "POST", obj + "/batch/read", "/crm/v3/objects/contacts/batch/read",
                 {"inputs": [{"id": contact_id}], "properties": ["email"]})
    api.call("list contacts", "GET", obj, "/crm/v3/objects/contacts", params={"limit": 3})
    api.call("search contacts", "POST", obj + "/search", "/crm/v3/objects/contacts/search",
             {"filterGroups": [{"filters": [{"propertyName": "email", "operator": "EQ", "value": email}]}],
              "properties": ["email"], "limit": 10})
    deal = api.call("create deal", "POST", obj, "/crm/v3/objects/deals",
                    {"properties": {"dealname": f"Probe deal {tag}", "amount": "12.50"}})
    deal_id = _id(deal, "id")
    if deal_id:
        api.owe_delete(f"/crm/v3/objects/deals/{deal_id}", "deal")
        if contact_id:
            api.call("associate deal and contact", "PUT",
                     "/crm/v4/objects/{objectType}/{objectId}/associations/default/{toObjectType}/{toObjectId}",
                     f"/crm/v4/objects/deals/{deal_id}/associations/default/contacts/{contact_id}")
            api.call("read deal associations", "GET",
                     "/crm/v4/objects/{objectType}/{objectId}/associations/{toObjectType}",
                     f"/crm/v4/objects/deals/{deal_id}/associations/contacts")
    product = api.call("create product", "POST", obj, "/crm/v3/objects/products",
                       {"properties": {"name": f"Probe product {tag}", "price": "9.50"}})
    if _id(product, "id"):
        api.owe_delete(f"/crm/v3/objects/products/{_id(product, 'id')}", "product")
    api.call("get email property", "GET", "/crm/v3/properties/{objectType}/{propertyName}",
             "/crm/v3/properties/contacts/email")
    api.call("deal pipelines", "GET", "/crm/v3/pipelines/{objectType}", "/crm/v3/pipelines/deals")
    api.call("missing contact", "GET", item, "/crm/v3/objects/contacts/1")
    return api.calls


PROBES: Mapping[str, Callable[[Api, str], list[Call]]] = MappingProxyType(
    {"shopify": shopify_probe, "hubspot": hubspot_probe})
