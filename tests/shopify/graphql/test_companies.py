"""B2B companies over the GraphQL Admin API: create with a contact and a location, read back by id, node,
and the ``companies`` connection (paging and ``query:``), update, delete; ``BusinessCustomerUserError``s;
access scopes; the ``companies/*`` webhooks with their documented JSON keys."""

from __future__ import annotations

import json

import pytest

from tests.shopify.graphql.conftest import local

CREATE = """mutation($input: CompanyCreateInput!) { companyCreate(input: $input) {
  company { id name note externalId customerSince createdAt updatedAt contactsCount { count precision }
    mainContact { id isMainContact title customer { id email firstName lastName } company { name } }
    locations(first: 5) { nodes { id name phone currency company { id }
      billingAddress { address1 city zoneCode countryCode country province companyName formattedArea }
      shippingAddress { address1 zip countryCode formattedAddress(withName: true) } } } }
  userErrors { field message code } } }"""
UPDATE = """mutation($id: ID!, $input: CompanyInput!) { companyUpdate(companyId: $id, input: $input) {
  company { id name note externalId updatedAt } userErrors { field message code } } }"""
DELETE = """mutation($id: ID!) { companyDelete(id: $id) { deletedCompanyId userErrors { field message code } } }"""
COMPANIES = """query($q: String, $after: String, $sort: CompanySortKeys, $n: Int = 2) {
  companies(first: $n, after: $after, query: $q, sortKey: $sort) {
    nodes { id name externalId } pageInfo { hasNextPage endCursor } } }"""
ADDRESS = {"address1": "1 Main St", "city": "Ottawa", "zip": "K1A 0B1", "zoneCode": "ON", "countryCode": "CA",
           "firstName": "Ada", "lastName": "Lovelace"}


def _create(shop, name: str, **extra) -> dict:
    body = shop.data(CREATE, {"input": {"company": {"name": name, **extra}}})["companyCreate"]
    assert body["userErrors"] == []
    return body["company"]


def _capture():
    received: list[tuple[str, dict]] = []

    def transport(url, body, headers, timeout):  # noqa: ANN001, ANN202, ARG001
        received.append((headers["X-Shopify-Topic"], json.loads(body)))
        return 200
    return received, transport


def test_create_with_contact_and_location_then_read_by_id_and_node():
    shop = local()
    body = shop.data(CREATE, {"input": {
        "company": {"name": "Acme Inc", "note": "wholesale", "externalId": "hs-42"},
        "companyContact": {"email": "Buyer@Acme.test", "firstName": "Bea", "lastName": "Buyer", "title": "CFO"},
        "companyLocation": {"name": "HQ", "phone": "+16135550111", "shippingAddress": ADDRESS,
                            "billingSameAsShipping": True},
    }})["companyCreate"]
    assert body["userErrors"] == []
    company = body["company"]
    assert company["name"] == "Acme Inc" and company["note"] == "wholesale" and company["externalId"] == "hs-42"
    assert company["id"].startswith("gid://shopify/Company/")
    assert company["createdAt"] == company["updatedAt"] == company["customerSince"] == "2026-12-01T10:00:00Z"
    assert company["contactsCount"] == {"count": 1, "precision": "EXACT"}
    contact = company["mainContact"]
    assert contact["isMainContact"] is True and contact["title"] == "CFO"
    assert contact["customer"]["email"] == "buyer@acme.test" and contact["customer"]["firstName"] == "Bea"
    assert contact["company"] == {"name": "Acme Inc"}
    location = company["locations"]["nodes"][0]
    assert location["name"] == "HQ" and location["currency"] == "USD" and location["company"]["id"] == company["id"]
    assert location["billingAddress"] == {"address1": "1 Main St", "city": "Ottawa", "zoneCode": "ON",
                                          "countryCode": "CA", "country": "Canada", "province": "Ontario",
                                          "companyName": "Acme Inc", "formattedArea": "Ottawa, Ontario, Canada"}
    assert location["shippingAddress"]["formattedAddress"] == ["Ada Lovelace", "Acme Inc", "1 Main St",
                                                               "Ottawa ON K1A 0B1", "Canada"]
    # The contact is a customer of the shop, found by email like any other.
    assert shop.shop.find_customer_by_email("buyer@acme.test").id == int(contact["customer"]["id"].rsplit("/", 1)[1])
    read = shop.data("query($id: ID!) { company(id: $id) { id name } node(id: $id) { __typename ... on Company { "
                     "externalId } } }", {"id": company["id"]})
    assert read == {"company": {"id": company["id"], "name": "Acme Inc"},
                    "node": {"__typename": "Company", "externalId": "hs-42"}}
    nodes = shop.data("query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }",
                      {"ids": [contact["id"], location["id"], "gid://shopify/Company/1"]})["nodes"]
    assert nodes == [{"__typename": "CompanyContact", "id": contact["id"]},
                     {"__typename": "CompanyLocation", "id": location["id"]}, None]
    assert shop.data('{ company(id: "gid://shopify/Company/1") { id } }') == {"company": None}


def test_companies_connection_pages_and_filters_by_name_external_id_and_updated_at():
    shop = local()
    made = [_create(shop, name, externalId=f"ext-{n}") for n, name in enumerate(["Beta", "Acme Inc", "Gamma"])]
    shop.clock.advance(60)
    shop.data(UPDATE, {"id": made[2]["id"], "input": {"note": "changed"}})
    first = shop.data(COMPANIES)["companies"]
    assert [c["name"] for c in first["nodes"]] == ["Beta", "Acme Inc"] and first["pageInfo"]["hasNextPage"]
    rest = shop.data(COMPANIES, {"after": first["pageInfo"]["endCursor"]})["companies"]
    assert [c["name"] for c in rest["nodes"]] == ["Gamma"] and not rest["pageInfo"]["hasNextPage"]
    by_name = shop.data(COMPANIES, {"q": 'name:"acme inc"'})["companies"]["nodes"]
    assert [c["id"] for c in by_name] == [made[1]["id"]]
    assert shop.data(COMPANIES, {"q": "external_id:ext-0"})["companies"]["nodes"][0]["name"] == "Beta"
    changed = shop.data(COMPANIES, {"q": "updated_at:>'2026-12-01T10:00:30Z'"})["companies"]["nodes"]
    assert [c["name"] for c in changed] == ["Gamma"]
    by_sort = shop.data(COMPANIES, {"sort": "NAME", "n": 3})["companies"]["nodes"]
    assert [c["name"] for c in by_sort] == ["Acme Inc", "Beta", "Gamma"]
    assert shop.data("{ companiesCount { count precision } }") == {"companiesCount": {"count": 3, "precision": "EXACT"}}


def test_update_and_delete_fire_the_company_webhooks_with_the_documented_keys():
    received, transport = _capture()
    shop = local(webhook_transport=transport)
    for topic in ("COMPANIES_CREATE", "COMPANIES_UPDATE", "COMPANIES_DELETE"):
        created = shop.data("mutation($t: WebhookSubscriptionTopic!) { webhookSubscriptionCreate(topic: $t, "
                            'webhookSubscription: {uri: "https://hooks.test/b2b"}) { userErrors { message } } }',
                            {"t": topic})
        assert created["webhookSubscriptionCreate"]["userErrors"] == []
    company = _create(shop, "Acme Inc", externalId="hs-1")
    shop.clock.advance(5)
    updated = shop.data(UPDATE, {"id": company["id"], "input": {"name": "Acme Corp", "externalId": "hs-2"}})
    assert updated["companyUpdate"]["company"]["name"] == "Acme Corp"
    assert updated["companyUpdate"]["company"]["updatedAt"] == "2026-12-01T10:00:05Z"
    assert shop.data(DELETE, {"id": company["id"]})["companyDelete"] == {"deletedCompanyId": company["id"],
                                                                         "userErrors": []}
    assert shop.app.test_client().post("/__admin/webhooks/deliver").get_json()["count"] == 3
    topics = [topic for topic, _ in received]
    assert topics == ["companies/create", "companies/update", "companies/delete"]
    keys = ["name", "note", "external_id", "main_contact_admin_graphql_api_id", "created_at", "updated_at",
            "customer_since", "admin_graphql_api_id"]
    assert all(list(payload) == keys for _, payload in received)
    assert received[1][1]["name"] == "Acme Corp" and received[1][1]["external_id"] == "hs-2"
    assert received[1][1]["updated_at"] == "2026-12-01T10:00:05+00:00"
    assert received[2][1]["admin_graphql_api_id"] == company["id"]
    assert shop.data("query($id: ID!) { company(id: $id) { id } }", {"id": company["id"]}) == {"company": None}
    assert shop.data(COMPANIES, {"q": "external_id:hs-2"})["companies"]["nodes"] == []


@pytest.mark.parametrize(("variables", "expected"), [
    ({"input": {"company": {}}}, [{"field": ["input", "company", "name"], "message": "Name can't be blank",
                                   "code": "BLANK"}]),
    ({"input": {"company": {"name": "x" * 256}}},
     [{"field": ["input", "company", "name"], "message": "Name is too long (maximum is 255 characters)",
       "code": "TOO_LONG"}]),
    ({"input": {"company": {"name": "Dup", "externalId": "taken"}}},
     [{"field": ["input", "company", "externalId"], "message": "External Id has already been taken", "code": "TAKEN"}]),
    ({"input": {"company": {"name": "Ok"}, "companyContact": {"email": "known@shop.test"}}},
     [{"field": ["input", "companyContact", "email"], "message": "Email address has already been taken",
       "code": "TAKEN"}]),
    ({"input": {"company": {"name": "Ok"}, "companyLocation": {"shippingAddress": {"city": "Ottawa"}}}},
     [{"field": ["input", "companyLocation", "shippingAddress", "address1"], "message": "Address1 can't be blank",
       "code": "BLANK"},
      {"field": ["input", "companyLocation", "shippingAddress", "countryCode"],
       "message": "Country code can't be blank", "code": "BLANK"}]),
])
def test_create_errors_are_business_customer_user_errors_and_change_nothing(variables, expected):
    shop = local()
    _create(shop, "First", externalId="taken")
    shop.shop.create_customer({"email": "known@shop.test"})
    before = (len(shop.shop.companies), len(shop.shop.customers), len(shop.shop.company_locations))
    body = shop.data(CREATE, variables)["companyCreate"]
    assert body == {"company": None, "userErrors": expected}
    assert (len(shop.shop.companies), len(shop.shop.customers), len(shop.shop.company_locations)) == before


def test_not_found_ids_and_access_scopes():
    shop = local()
    missing = "gid://shopify/Company/999"
    assert shop.data(UPDATE, {"id": missing, "input": {"name": "x"}})["companyUpdate"]["userErrors"] == [
        {"field": ["companyId"], "message": "Resource requested does not exist.", "code": "RESOURCE_NOT_FOUND"}]
    assert shop.data(DELETE, {"id": "gid://shopify/Customer/1"})["companyDelete"] == {
        "deletedCompanyId": None,
        "userErrors": [{"field": ["id"], "message": "Resource requested does not exist.", "code": "RESOURCE_NOT_FOUND"}]}
    shop.store.add_grant(__import__("mocks.shopify.config", fromlist=["TokenGrant"]).TokenGrant(
        "shpat_customers_only", "harness-shop", ("read_customers", "write_customers")))
    denied = shop.run(CREATE, {"input": {"company": {"name": "No"}}}, token="shpat_customers_only")
    assert denied["data"] == {"companyCreate": None}
    assert denied["errors"][0]["extensions"]["code"] == "ACCESS_DENIED"
    assert "`write_companies`" in denied["errors"][0]["message"]
    read = shop.run("{ companies(first: 1) { nodes { id } } }", token="shpat_customers_only")
    assert read["errors"][0]["extensions"]["code"] == "ACCESS_DENIED" and "`read_companies`" in read["errors"][0]["message"]
    assert shop.shop.companies == {}
