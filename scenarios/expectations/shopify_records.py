"""Expectations on Shopify records found by their natural key (two-way sync, O7): ``shopify customer
<email>`` and ``shopify product <title>``, as the Admin REST API shows them, in the default store."""

from __future__ import annotations

from scenarios.errors import StepFailed
from scenarios.expectations.base import Subject
from scenarios.expectations.records import _check, _parse
from scenarios.world import World


def _store(world: World) -> str:
    return world.scenario.stores[0]


def _shopify_customer(world: World, key: str, props: list[str]) -> list[dict]:
    email = str(world.resolve(key)).strip().lower()
    api = world.session.shopify(_store(world))
    response = api.raw("GET", "/customers/search.json", params={"query": f"email:{email}", "limit": 250})
    if response.status_code != 200:
        raise StepFailed(f"shopify GET customers/search answered {response.status_code}")
    found = [c for c in response.json().get("customers", []) if (c.get("email") or "").lower() == email]
    world.last_search = f"GET /customers/search.json?query=email:{email} ({len(found)} result(s))"
    return [{"id": c["id"], "properties": c} for c in found]


def _shopify_product(world: World, key: str, props: list[str]) -> list[dict]:
    title = world.title(str(world.resolve(key)))
    api = world.session.shopify(_store(world))
    response = api.raw("GET", "/products.json", params={"title": title, "limit": 250})
    if response.status_code != 200:
        raise StepFailed(f"shopify GET products answered {response.status_code}")
    found = [p for p in response.json().get("products", []) if p.get("title") == title]
    world.last_search = f"GET /products.json?title={title} ({len(found)} result(s))"
    return [{"id": p["id"], "properties": p} for p in found]


SUBJECTS = (
    Subject("shopify customer", _parse("shopify customer", ()), _check("shopify customer", "", _shopify_customer),
            help="shopify customer <email>: the Shopify customer with that email (REST fields)"),
    Subject("shopify product", _parse("shopify product", ()), _check("shopify product", "", _shopify_product),
            help="shopify product <title>: the Shopify product with that title (REST fields)"),
)


COMPANIES = "query($q: String!) { companies(first: 50, query: $q) { nodes { id name note externalId } } }"


def _shopify_company(world: World, key: str, props: list[str]) -> list[dict]:
    name = world.title(str(world.resolve(key)))
    api = world.session.shopify(_store(world))
    response = api.raw("POST", "/graphql.json", json_body={"query": COMPANIES, "variables": {"q": f'name:"{name}"'}})
    body = response.json() if response.status_code == 200 else {}
    if not isinstance(body.get("data"), dict):
        raise StepFailed(f"shopify GraphQL companies answered {response.status_code}: {str(body)[:200]}")
    found = [c for c in body["data"]["companies"]["nodes"] if (c.get("name") or "").lower() == name.lower()]
    world.last_search = f"GraphQL companies(query: name:{name!r}) ({len(found)} result(s))"
    return [{"id": c["id"], "properties": c} for c in found]


SUBJECTS = (*SUBJECTS, Subject("shopify company", _parse("shopify company", ()),
                               _check("shopify company", "", _shopify_company),
                               help="shopify company <name>: the Shopify B2B company of that name (GraphQL fields)"))
