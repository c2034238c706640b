"""data-sync both ways (O7-O10): HubSpot contacts and products reach Shopify through GraphQL, a value
the sync wrote never comes back, conflicts follow the object's policy, deletions follow O8."""

from __future__ import annotations

import requests

from tests.connector.conftest import customer, product

GRAPHQL = "/admin/api/2026-10/graphql.json"


def writes(url: str) -> list[str]:
    """The writes a mock received (its request journal): HubSpot calls that change records (not
    search or batch/read), Shopify REST calls other than GET and GraphQL mutations."""
    entries = requests.get(f"{url}/__admin/requests", timeout=10).json()["requests"]
    out = []
    for e in entries:
        path, method, body = e["path"], e["method"], e.get("body") or ""
        if path.startswith("/__admin") or method == "GET":
            continue
        if path.endswith(("/search", "/batch/read")):
            continue
        if path.endswith("graphql.json") and "mutation" not in body:
            continue
        out.append(f"{method} {path}")
    return out


def clear(url: str) -> None:
    requests.delete(f"{url}/__admin/requests", timeout=10)


def gql(world, query: str, variables: dict | None = None) -> dict:
    response = requests.post(f"{world.shopify_url}{GRAPHQL}", json={"query": query, "variables": variables or {}},
                             headers={"X-Shopify-Access-Token": "shpat_harness_default"}, timeout=10)
    return response.json()["data"]


def shop_customers(world) -> dict[str, dict]:
    return {c["email"]: c for c in world.shop("GET", "customers")["customers"]}


def test_contact_made_in_hubspot_becomes_a_customer_and_echoes_stay_quiet(world):
    world.shop("POST", "customers", customer("ada@example.com"))
    connector = world.connector(mode="data-sync")
    assert connector.sync().errors == 0
    world.hubspot.request("POST", "/crm/v3/objects/contacts", json={"properties": {
        "email": "Grace@Example.com", "firstname": "Grace", "lastname": "Hopper", "phone": "+16135550101"}})
    world.hubspot.request("POST", "/crm/v3/objects/contacts", json={"properties": {"firstname": "NoMail"}})
    world.advance(minutes=5)
    summary = connector.sync()
    assert summary.errors == 0, summary.text()
    customers = shop_customers(world)
    assert set(customers) == {"ada@example.com", "grace@example.com"}        # no email, no customer (C10)
    grace = customers["grace@example.com"]
    assert (grace["first_name"], grace["last_name"], grace["phone"]) == ("Grace", "Hopper", "+16135550101")

    # an edit in HubSpot reaches the same customer; the echo (Shopify's update) writes nothing back
    ada = world.by("contacts", "email")["ada@example.com"]
    world.hubspot.request("PATCH", f"/crm/v3/objects/contacts/{ada['id']}", json={"properties": {"firstname": "Augusta"}})
    world.advance(minutes=5)
    assert connector.sync().errors == 0
    assert shop_customers(world)["ada@example.com"]["first_name"] == "Augusta"
    for _ in range(2):
        world.deliver()
        world.advance(minutes=10)
        connector.sync()
    # the quiet period: nothing changed anywhere, so neither mock receives a write
    clear(world.shopify_url), clear(world.hubspot_url)
    for _ in range(3):
        world.deliver()
        world.advance(minutes=10)
        assert connector.sync().errors == 0
    assert writes(world.shopify_url) == []
    assert writes(world.hubspot_url) == []


def test_conflict_most_recent_wins_and_policy_overrides(world):
    world.shop("POST", "customers", customer("ada@example.com", first="Ada"))
    connector = world.connector(mode="data-sync")
    connector.sync()
    ada_shop = shop_customers(world)["ada@example.com"]
    ada_hs = world.by("contacts", "email")["ada@example.com"]
    # Shopify first, HubSpot a minute later: HubSpot's is the most recent change
    world.shop("PUT", f"customers/{ada_shop['id']}", {"customer": {"first_name": "FromShopify"}})
    world.advance(minutes=1)
    world.hubspot.request("PATCH", f"/crm/v3/objects/contacts/{ada_hs['id']}", json={"properties": {"firstname": "FromHubSpot"}})
    world.advance(minutes=5)
    assert connector.sync().errors == 0
    world.deliver()
    world.advance(minutes=5)
    connector.sync()
    assert shop_customers(world)["ada@example.com"]["first_name"] == "FromHubSpot"
    assert world.by("contacts", "email", "firstname")["ada@example.com"]["properties"]["firstname"] == "FromHubSpot"

    # shopify-wins: the same race ends with Shopify's value on both sides
    connector.close()
    connector = world.connector(mode="data-sync", conflict_policy={"contacts": "shopify-wins"})
    world.shop("PUT", f"customers/{ada_shop['id']}", {"customer": {"first_name": "ShopAgain"}})
    world.advance(minutes=1)
    world.hubspot.request("PATCH", f"/crm/v3/objects/contacts/{ada_hs['id']}", json={"properties": {"firstname": "HubAgain"}})
    world.advance(minutes=5)
    assert connector.sync().errors == 0
    world.deliver()
    world.advance(minutes=5)
    connector.sync()
    assert shop_customers(world)["ada@example.com"]["first_name"] == "ShopAgain"
    assert world.by("contacts", "email", "firstname")["ada@example.com"]["properties"]["firstname"] == "ShopAgain"


def test_products_both_ways_and_deletions(world):
    world.shop("POST", "products", product("Cap"))
    connector = world.connector(mode="data-sync")
    connector.sync()
    world.hubspot.request("POST", "/crm/v3/objects/products", json={"properties": {"name": "Mug", "description": "Big"}})
    world.hubspot.request("POST", "/crm/v3/objects/products", json={"properties": {"description": "nameless"}})
    world.advance(minutes=5)
    assert connector.sync().errors == 0
    titles = {p["title"]: p for p in world.shop("GET", "products")["products"]}
    assert set(titles) == {"Cap", "Mug"}                                         # P5: no name, no product
    assert titles["Mug"]["body_html"] == "Big"
    world.deliver()
    world.advance(minutes=5)
    connector.sync()
    names = sorted(r["properties"].get("name") or "" for r in world.records("products", "name"))
    assert names == ["", "Cap", "Mug"]                                       # matched by name: no duplicate
    # O8: a product deleted in HubSpot stays in Shopify
    mug = world.by("products", "name")["Mug"]
    world.hubspot.request("DELETE", f"/crm/v3/objects/products/{mug['id']}")
    world.advance(minutes=5)
    connector.sync()
    assert "Mug" in {p["title"] for p in world.shop("GET", "products")["products"]}


def test_more_changes_than_one_search_may_return_are_all_read(world, monkeypatch):
    from connector.reverse import detect
    monkeypatch.setattr(detect, "WINDOW", 3)   # HubSpot stops a search at 10,000 results; here at 3
    connector = world.connector(mode="data-sync")
    connector.sync()
    for n in range(8):
        world.hubspot.request("POST", "/crm/v3/objects/contacts", json={"properties": {
            "email": f"p{n}@example.com", "firstname": f"P{n}"}})
        world.advance(seconds=30)
    world.advance(minutes=5)
    assert connector.sync().errors == 0
    assert set(shop_customers(world)) == {f"p{n}@example.com" for n in range(8)}


def test_the_summary_names_what_went_to_shopify(world):
    connector = world.connector(mode="data-sync")
    connector.sync()
    world.hubspot.request("POST", "/crm/v3/objects/contacts", json={"properties": {"email": "z@example.com"}})
    world.advance(minutes=5)
    summary = connector.sync()
    assert "to Shopify: customers 1" in summary.text()
    assert summary.to_dict()["stores"]["harness-shop"]["to_shopify"] == {"customers": 1}
