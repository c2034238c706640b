"""``events`` (the shop's event log, REST ``events.json``, as ``BasicEvent``s), ``Order.number`` and the
order fields the connector reads, and ``Product.featuredMedia``."""

from __future__ import annotations

from tests.shopify.graphql.conftest import gql

EVENTS = """query($q: String, $after: String) { events(first: 2, after: $after, query: $q, sortKey: CREATED_AT) {
  pageInfo { hasNextPage endCursor }
  nodes { id action createdAt ... on BasicEvent { subjectId subjectType } } } }"""


def _order(mock) -> dict:
    product = mock.post("/products.json", json={"product": {"title": "Tee", "variants": [
        {"price": "10.00", "grams": 200}]}}).json()["product"]
    return mock.post("/orders.json", json={"order": {"email": "e@example.com", "taxes_included": True,
                                                     "buyer_accepts_marketing": True, "line_items": [
                                                         {"variant_id": product["variants"][0]["id"], "quantity": 2}]}}
                     ).json()["order"]


def test_deleted_orders_and_products_are_in_the_event_log_by_action_and_subject_type(mock):
    made = _order(mock)
    product = mock.post("/products.json", json={"product": {"title": "Mug"}}).json()["product"]
    mock.clock.advance(60)
    assert mock.delete(f"/orders/{made['id']}.json").status_code == 200
    mock.clock.advance(60)
    assert mock.delete(f"/products/{product['id']}.json").status_code == 200
    body = gql(mock, EVENTS, {"q": "action:destroy subject_type:ORDER"}).json()["data"]["events"]
    assert [(e["action"], e["subjectId"], e["subjectType"]) for e in body["nodes"]] == [
        ("destroy", f"gid://shopify/Order/{made['id']}", "ORDER")]
    rest = mock.get("/events.json", params={"filter": "Order", "verb": "destroy"}).json()["events"]
    assert [e["subject_id"] for e in rest] == [made["id"]]
    later = gql(mock, EVENTS, {"q": "action:destroy created_at:>='2024-03-01T12:01:30Z'"}).json()["data"]["events"]
    assert [e["subjectType"] for e in later["nodes"]] == ["PRODUCT"]
    every = gql(mock, EVENTS, {"q": None}).json()["data"]["events"]
    assert every["pageInfo"]["hasNextPage"] is True
    rest_page = gql(mock, EVENTS, {"q": None, "after": every["pageInfo"]["endCursor"]}).json()["data"]["events"]
    assert not {e["id"] for e in every["nodes"]} & {e["id"] for e in rest_page["nodes"]}


def test_order_number_is_the_number_in_its_name_and_the_order_fields_match_rest(mock):
    made = _order(mock)
    body = gql(mock, """query($id: ID!) { order(id: $id) { name number customerAcceptsMarketing taxesIncluded
        totalWeight } }""", {"id": f"gid://shopify/Order/{made['id']}"}).json()["data"]["order"]
    assert body == {"name": made["name"], "number": made["order_number"], "customerAcceptsMarketing": True,
                    "taxesIncluded": True, "totalWeight": str(made["total_weight"])}
    assert body["name"] == f"#{body['number']}"


def test_a_products_first_image_is_its_featured_media(mock):
    made = mock.post("/products.json", json={"product": {"title": "Cap", "images": [
        {"src": "https://cdn.example.com/a.jpg"}, {"src": "https://cdn.example.com/b.jpg"}]}}).json()["product"]
    bare = mock.post("/products.json", json={"product": {"title": "Bare"}}).json()["product"]
    query = """query($ids: [ID!]!) { nodes(ids: $ids) { ... on Product { featuredMedia {
        mediaContentType status preview { image { url } } ... on MediaImage { image { url } } } } } }"""
    nodes = gql(mock, query, {"ids": [f"gid://shopify/Product/{made['id']}", f"gid://shopify/Product/{bare['id']}"]}
                ).json()["data"]["nodes"]
    assert nodes[0]["featuredMedia"] == {"mediaContentType": "IMAGE", "status": "READY",
                                         "preview": {"image": {"url": "https://cdn.example.com/a.jpg"}},
                                         "image": {"url": "https://cdn.example.com/a.jpg"}}
    assert nodes[1]["featuredMedia"] is None
