"""Official clients, unchanged, against the GraphQL endpoint: Python ``ShopifyAPI``'s ``shopify.GraphQL()``,
the ``gql`` client validating against the schema it introspects, and Node's ``@shopify/admin-api-client``
(which always builds ``https://{shop}`` URLs: its ``customFetchApi`` sends them to the mock's http URL)."""

from __future__ import annotations

import json

from tests.nodejs import node_project, run_node
from tests.shopify.graphql.conftest import VERSION

SYNC = """query($q: String, $after: String) { customers(first: 50, query: $q, after: $after) {
  pageInfo { hasNextPage endCursor } nodes { id legacyResourceId defaultEmailAddress { emailAddress }
  updatedAt numberOfOrders } } }"""


def test_shopify_python_api_graphql(mock):
    import shopify

    saved_site, saved_headers = shopify.ShopifyResource.site, dict(shopify.ShopifyResource.headers or {})
    session = shopify.Session("harness-shop.myshopify.com", VERSION, mock.token)
    shopify.ShopifyResource.activate_session(session)
    shopify.ShopifyResource.site = f"{mock.url}/admin/api/{VERSION}"
    try:
        client = shopify.GraphQL()
        created = json.loads(client.execute(
            """mutation($input: CustomerInput!) { customerCreate(input: $input) { customer { id }
               userErrors { field message } } }""", {"input": {"email": "py@example.com", "firstName": "Py"}}))
        assert created["data"]["customerCreate"]["userErrors"] == []
        listed = json.loads(client.execute(SYNC, {"q": "email:py@example.com"}))
        node = listed["data"]["customers"]["nodes"][0]
        assert node["id"] == created["data"]["customerCreate"]["customer"]["id"]
        assert node["defaultEmailAddress"]["emailAddress"] == "py@example.com"
        assert listed["extensions"]["cost"]["throttleStatus"]["maximumAvailable"] == 2000.0
        found = shopify.Customer.find(int(node["legacyResourceId"]))  # the same record through REST
        assert found.email == "py@example.com"
    finally:
        shopify.ShopifyResource.clear_session()
        shopify.ShopifyResource.site = saved_site
        shopify.ShopifyResource.headers = saved_headers


def test_gql_client_with_schema_introspection(mock):
    from gql import Client, gql
    from gql.transport.requests import RequestsHTTPTransport

    for n in range(3):
        mock.post("/customers.json", json={"customer": {"email": f"g{n}@example.com"}})
    transport = RequestsHTTPTransport(url=f"{mock.url}/admin/api/{VERSION}/graphql.json",
                                      headers={"X-Shopify-Access-Token": mock.token}, timeout=30)
    with Client(transport=transport, fetch_schema_from_transport=True) as session:
        seen, after = [], None
        while True:
            request = gql(SYNC)
            request.variable_values = {"after": after, "q": None}
            page = session.execute(request)["customers"]
            seen += [n["defaultEmailAddress"]["emailAddress"] for n in page["nodes"]]
            if not page["pageInfo"]["hasNextPage"]:
                break
            after = page["pageInfo"]["endCursor"]
        assert seen == ["g0@example.com", "g1@example.com", "g2@example.com"]
        upsert = gql("""mutation($input: CustomerSetInput!, $id: CustomerSetIdentifiers) {
            customerSet(input: $input, identifier: $id) { customer { id } userErrors { field message code } } }""")
        upsert.variable_values = {"input": {"firstName": "G"}, "id": {"email": "g1@example.com"}}
        made = session.execute(upsert)
        assert made["customerSet"]["userErrors"] == []
        schema = session.client.schema
        assert "defaultEmailAddress" in schema.type_map["Customer"].fields
        try:  # the client refuses, from the introspected schema, a field Shopify does not have
            session.execute(gql("{ shop { notAField } }"))
            raise AssertionError("gql accepted an unknown field")
        except Exception as error:  # noqa: BLE001 — graphql-core's GraphQLError from local validation
            assert "notAField" in str(error)


NODE_SCRIPT = """
import { createAdminApiClient } from '@shopify/admin-api-client';
const mock = process.env.MOCK_URL;
const client = createAdminApiClient({
  storeDomain: 'harness-shop.myshopify.com', apiVersion: process.env.API_VERSION,
  accessToken: process.env.TOKEN,
  customFetchApi: (url, init) => fetch(url.replace('https://harness-shop.myshopify.com', mock), init),
});
const made = await client.request(`mutation($input: CustomerInput!) { customerCreate(input: $input) {
  customer { id } userErrors { field message } } }`, { variables: { input: { email: 'node@example.com' } } });
const page = await client.request(`query { customers(first: 5) { nodes { id defaultEmailAddress { emailAddress } } } }`);
const bad = await client.request(`{ shop { nope } }`);
console.log(JSON.stringify({ made: made.data, page: page.data, cost: page.extensions?.cost,
  bad: bad.errors?.graphQLErrors ?? bad.errors }));
"""


def test_node_admin_api_client(mock):
    project = node_project("@shopify/admin-api-client@2.0.0")
    out = run_node(project, NODE_SCRIPT, {"MOCK_URL": mock.url, "API_VERSION": VERSION, "TOKEN": mock.token})
    assert out["made"]["customerCreate"]["userErrors"] == []
    assert out["page"]["customers"]["nodes"] == [{"id": out["made"]["customerCreate"]["customer"]["id"],
                                                  "defaultEmailAddress": {"emailAddress": "node@example.com"}}]
    assert out["cost"]["throttleStatus"]["restoreRate"] == 100
    assert "doesn't exist on type 'Shop'" in json.dumps(out["bad"])
