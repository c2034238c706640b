"""The connector's GraphQL source against the mock: shapes equal to the REST answer of the same record,
paging that reads every record once while records are added, incremental reads by ``updated_at``,
deletions caught without webhooks, webhook subscriptions through ``webhookSubscriptionCreate``, and
cost pacing that never meets THROTTLED in a clean run."""

from __future__ import annotations

import requests
from graphql import build_client_schema, get_introspection_query, parse, validate

from connector.mapping.contacts import customer_properties
from connector.mapping.deals import order_deal
from connector.mapping.line_items import line_item_properties
from connector.mapping.products import product_properties
from connector.setup import TOPICS
from connector.shopify_gql import queries, shapes
from connector.shopify_gql.source import GraphQLSource
from connector.shopify_rest import RestSource
from mocks.shopify import DEFAULT_TOKEN
from scenarios.connectors import parse_connector
from tests.connector.conftest import customer, make_world, order, product

# what a mapping reads, from the REST answer and from the GraphQL read of one record
ORDER_ONLY_REST = {"ip__shopify__token", "ip__shopify__cart_token", "ip__shopify__checkout_token",
                   "ip__shopify__processing_method", "ip__ecomm_bridge__deal_key"}


def sources(world) -> tuple[RestSource, GraphQLSource]:
    return (RestSource(world.shopify_url, DEFAULT_TOKEN, api_version="2026-10", sleep=world.sleep),
            GraphQLSource(world.shopify_url, DEFAULT_TOKEN, sleep=world.sleep))


def seed(world) -> dict:
    made = world.shop("POST", "products", product("Cap", ("Black", "12.50"), ("White", "14.00"), vendor="Atelier",
                                                  product_type="Hats", tags="summer, sale", body_html="<p>Cap</p>",
                                                  images=[{"src": "https://cdn.example.com/cap.jpg"}]))["product"]
    black = made["variants"][0]["id"]
    buyer = world.shop("POST", "customers", customer(
        "ada@example.com", phone="+16135550101", note="VIP", tags="vip, newsletter", tax_exempt=True,
        email_marketing_consent={"state": "subscribed", "opt_in_level": "single_opt_in"},
        addresses=[{"address1": "1 Main St", "address2": "Apt 2", "city": "Ottawa", "province": "Ontario",
                    "country": "Canada", "zip": "K1A 0B1", "company": "Acme", "default": True}]))["customer"]
    sold = world.shop("POST", "orders", order(black, "ada@example.com", quantity=3, financial_status="paid",
                                              note="gift", tags="rush", buyer_accepts_marketing=True,
                                              referring_site="https://www.google.com/search?q=cap",
                                              landing_site="/products/cap?utm_medium=cpc",
                                              billing_address={"first_name": "Ada", "city": "Ottawa"},
                                              shipping_address={"city": "Ottawa", "country": "Canada",
                                                                "zip": "K1A 0B1"}))["order"]
    cart = world.shopper().start_checkout({"email": "ada@example.com", "line_items": [
        {"variant_id": black, "quantity": 2}]})
    return {"product": made, "customer": buyer, "order": sold, "checkout": cart}


def test_every_query_validates_against_the_mock_schema(world):
    body = requests.post(f"{world.shopify_url}/admin/api/2026-10/graphql.json", timeout=10,
                         headers={"X-Shopify-Access-Token": DEFAULT_TOKEN},
                         json={"query": get_introspection_query()}).json()
    schema = build_client_schema(body["data"])
    for name, text in queries.ALL.items():
        assert validate(schema, parse(text)) == [], name


def test_shapes_equal_the_rest_answer_of_the_same_record(world):
    made = seed(world)
    rest, gql = sources(world)
    for resource, kind, ident in (("customers", "customer", made["customer"]["id"]),
                                  ("products", "product", made["product"]["id"]),
                                  ("orders", "order", made["order"]["id"])):
        by_rest, by_gql = rest.current(resource, str(ident)), gql.current(resource, str(ident))
        assert by_rest and by_gql and by_gql["id"] == ident
        assert shapes.project(kind, by_gql) == shapes.project(kind, by_rest), resource
    # checkouts are listed only (no query by id in either API)
    by_rest, by_gql = next(rest.iter_all("checkouts")), next(gql.iter_all("checkouts"))
    assert "token" not in by_gql and by_gql["id"] == by_rest["id"]
    assert shapes.project("checkout", by_gql) == shapes.project("checkout", by_rest)


def test_the_mappings_give_the_same_hubspot_values_from_either_api(world):
    made = seed(world)
    rest, gql = sources(world)
    ident = str(made["customer"]["id"])
    assert customer_properties(gql.current("customers", ident)) == customer_properties(rest.current("customers", ident))
    ident = str(made["product"]["id"])
    by_rest, by_gql = rest.current("products", ident), gql.current("products", ident)
    rest_props, gql_props = product_properties("s", by_rest), product_properties("s", by_gql)
    assert {k: v for k, v in rest_props.items() if k != "ip__shopify__published_scope"} == gql_props
    assert gql_props["price"] == "12.50" and gql_props["ip__ecomm_bridge__image_url"].endswith("cap.jpg")
    ident = str(made["order"]["id"])
    by_rest, by_gql = rest.current("orders", ident), gql.current("orders", ident)
    rest_deal, gql_deal = order_deal("s", by_rest, "p", "won"), order_deal("s", by_gql, "p", "won")
    assert {k: v for k, v in rest_deal.items() if k not in ORDER_ONLY_REST} == \
        {k: v for k, v in gql_deal.items() if k not in ORDER_ONLY_REST}
    assert gql_deal["ip__shopify__total_line_items_price"] == "37.50"
    assert gql_deal["ip__shopify__landing_site"] == "/products/cap?utm_medium=cpc"
    assert gql_deal["ip__shopify__referring_site"] == "https://www.google.com/search?q=cap"
    assert [line_item_properties(li, "k", None) for li in by_gql["line_items"]] == \
        [line_item_properties(li, "k", None) for li in by_rest["line_items"]]


def test_paging_reads_every_record_once_while_records_are_added(world, monkeypatch):
    root, selection, _, sort = queries.RESOURCES["customers"]
    monkeypatch.setitem(queries.RESOURCES, "customers", (root, selection, 7, sort))
    first = [world.shop("POST", "customers", customer(f"c{i}@example.com"))["customer"]["id"] for i in range(20)]
    _, gql = sources(world)
    seen, added = [], []
    for record in gql.iter_all("customers"):
        seen.append(record["id"])
        if len(seen) in (3, 10, 17):  # mid-page and on page boundaries
            added.append(world.shop("POST", "customers", customer(f"new{len(seen)}@example.com"))["customer"]["id"])
    assert len(seen) == len(set(seen)), "no record twice"
    assert set(seen) == set(first) | set(added), "every record, the added ones too"
    assert gql.stats.by_route["POST /admin/api/2026-10/graphql.json customers page"] == 4  # 23 records / 7


def test_an_order_with_more_lines_than_a_page_is_read_whole(world):
    made = world.shop("POST", "products", product("Box", *((f"V{i}", f"{i}.00") for i in range(1, 24))))["product"]
    lines = [{"variant_id": v["id"], "quantity": 1} for v in made["variants"]]
    sold = world.shop("POST", "orders", {"order": {"email": "x@example.com", "line_items": lines}})["order"]
    rest, gql = sources(world)
    by_gql = next(gql.iter_all("orders"))
    assert len(by_gql["line_items"]) == 23 > queries.LINE_PAGE
    assert shapes.project("order", by_gql) == shapes.project("order", rest.current("orders", str(sold["id"])))


def test_incremental_reads_by_updated_at(world):
    ids = [world.shop("POST", "customers", customer(f"u{i}@example.com"))["customer"]["id"] for i in range(3)]
    world.advance(hours=1)
    since = world.clock.now().isoformat()
    world.advance(minutes=5)
    world.shop("PUT", f"customers/{ids[1]}", {"customer": {"id": ids[1], "first_name": "Changed"}})
    rest, gql = sources(world)
    assert [c["id"] for c in gql.iter_updated("customers", since)] == [ids[1]]
    assert [c["id"] for c in rest.iter_updated("customers", since)] == [ids[1]]
    assert sorted(c["id"] for c in gql.iter_updated("customers", None)) == sorted(ids)


def test_deletions_are_caught_without_webhooks(world):
    made = seed(world)
    connector = world.connector()
    assert connector.sync().errors == 0
    assert len(world.records("deals")) == 2 and len(world.records("products")) == 1
    world.advance(minutes=10)
    world.shop("DELETE", f"orders/{made['order']['id']}")
    world.shop("DELETE", f"products/{made['product']['id']}")
    _, gql = sources(world)
    assert [e["id"] for e in gql.deletions("order", None)] == [str(made["order"]["id"])]
    assert [e["id"] for e in gql.deletions("product", None)] == [str(made["product"]["id"])]
    world.advance(minutes=1)
    summary = connector.sync()  # no webhook was delivered: the pass reads the event log
    assert summary.errors == 0, summary.text()
    deleted = summary.stores["harness-shop"].deleted
    assert (deleted["deals"], deleted["products"]) == (1, 1)
    routes = connector.shopify["harness-shop"].stats.by_route
    assert routes["POST /admin/api/2026-10/graphql.json events"] >= 2


def test_webhook_subscriptions_are_made_with_webhook_subscription_create(world):
    connector = world.connector(webhook_base_url="https://hooks.example.com")
    connector.setup()
    address = "https://hooks.example.com/webhooks/shopify/harness-shop"
    hooks = world.shop("GET", "webhooks")["webhooks"]
    assert sorted(h["topic"] for h in hooks) == sorted(TOPICS) and {h["address"] for h in hooks} == {address}
    routes = connector.shopify["harness-shop"].stats.by_route
    assert routes["POST /admin/api/2026-10/graphql.json webhookSubscriptionCreate"] == len(TOPICS)
    assert not [r for r in routes if "webhooks.json" in r], "no REST webhook call"
    connector.setup()  # again: nothing new
    assert routes["POST /admin/api/2026-10/graphql.json webhookSubscriptionCreate"] == len(TOPICS)
    connector.disconnect("harness-shop")
    assert world.shop("GET", "webhooks")["webhooks"] == []
    assert routes["POST /admin/api/2026-10/graphql.json webhookSubscriptionDelete"] == len(TOPICS)


def test_the_shop_identity_is_read_through_graphql(world):
    rest, gql = sources(world)
    assert {k: gql.shop()[k] for k in ("id", "domain")} == {k: rest.shop()[k] for k in ("id", "domain")}


def test_a_clean_run_is_paced_and_never_throttled(tmp_path):
    world = make_world(tmp_path, rate_limit=True)
    try:
        made = world.shop("POST", "products", product("Tee", ("S", "10.00"), ("M", "11.00")))["product"]
        for i in range(150):
            world.advance(seconds=1)  # the REST Admin API's own limit (2 calls a second) while seeding
            world.shop("POST", "orders", order(made["variants"][i % 2]["id"], f"p{i}@example.com", quantity=2))
        connector = world.connector()
        summary = connector.sync()
        assert summary.errors == 0, summary.text()
        source = connector.shopify["harness-shop"]
        assert source.throttled == 0 and source.stats.retries["throttled"] == 0
        assert source.stats.slept > 0, "the bucket ran low: the pass waited for it (pacing was needed)"
        assert len(world.records("deals")) == 150
    finally:
        world.close()


def test_the_rest_option_reads_through_rest_only(world):
    seed(world)
    connector = world.connector(world.config([world.store(shopify_api="rest")]))
    assert connector.sync().errors == 0
    assert not [r for r in connector.shopify["harness-shop"].stats.by_route if "graphql" in r]
    assert parse_connector("reference:rest").shopify_api == "rest"
    assert parse_connector(None).shopify_api == "graphql"


def test_the_graphql_connector_makes_no_rest_call(world):
    seed(world)
    connector = world.connector()
    assert connector.sync().errors == 0
    routes = connector.shopify["harness-shop"].stats.by_route
    assert routes and all("graphql.json" in r for r in routes), routes
    assert routes["POST /admin/api/2026-10/graphql.json scriptTagCreate"] == 1
    tags = world.shop("GET", "script_tags")["script_tags"]  # the REST view of the same store
    assert [t["src"] for t in tags] == [connector.config.tracking_src]
    connector.setup()  # again: found, not made twice
    assert routes["POST /admin/api/2026-10/graphql.json scriptTagCreate"] == 1
    connector.disconnect("harness-shop")
    assert world.shop("GET", "script_tags")["script_tags"] == []


def test_rest_only_fields_are_written_in_rest_mode_only_whatever_path_brings_the_record(world):
    variant = world.shop("POST", "products", product("Tee", ("S", "20.00")))["product"]["variants"][0]["id"]
    for api in ("graphql", "rest"):
        connector = world.connector(world.config([world.store(shopify_api=api)],
                                                 state_path=f"{world.state_path}.{api}"))
        connector.config.webhook_base_url = world.receiver(connector)
        connector.sync()
        made = world.shop("POST", "orders", order(variant, f"{api}@example.com"))["order"]
        world.deliver()  # orders/create: REST-shaped, with the order token
        props = world.by("deals", "ip__ecomm_bridge__deal_key", "ip__shopify__token", "ip__shopify__name")
        deal = props[f"harness-shop:order:{made['id']}"]["properties"]
        assert deal["ip__shopify__name"] == made["name"]
        assert deal.get("ip__shopify__token") == (made["token"] if api == "rest" else None), api
        connector.disconnect("harness-shop")  # its subscriptions go: the next connector's alone
