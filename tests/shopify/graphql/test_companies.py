"""B2B companies over the GraphQL Admin API: create with a contact and a location, read back by id, node,
and the ``companies`` connection (paging and ``query:``), update, delete; ``BusinessCustomerUserError``s;
access scopes; the ``companies/*`` webhooks with their documented JSON keys."""

from __future__ import annotations

import json

import pytest

from tests.shopify.graphql.conftest import local
from tests.shopify.graphql.test_bulk import _download

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
    from mocks.shopify.config import TokenGrant
    shop.store.add_grant(TokenGrant("shpat_products_only", "harness-shop", ("read_products", "write_products")))
    shop.store.add_grant(TokenGrant("shpat_companies_only", "harness-shop", ("write_companies",)))
    denied = shop.run(CREATE, {"input": {"company": {"name": "No"}}}, token="shpat_products_only")
    assert denied["data"] == {"companyCreate": None}
    assert denied["errors"][0]["extensions"]["code"] == "ACCESS_DENIED"
    assert denied["errors"][0]["message"] == ("Access denied for companyCreate field. Required access: "
                                              "`write_customers` access scope or `write_companies` access scope.")
    read = shop.run("{ companies(first: 1) { nodes { id } } }", token="shpat_products_only")
    assert read["errors"][0]["extensions"]["requiredAccess"] == ("`read_customers` access scope or "
                                                                 "`read_companies` access scope.")
    assert shop.shop.companies == {}
    # Either scope family opens companies (Shopify: "read_customers ... or read_companies access scope").
    made = shop.data(CREATE, {"input": {"company": {"name": "Yes"}}}, token="shpat_companies_only")
    assert made["companyCreate"]["userErrors"] == []
    listed = shop.data("{ companies(first: 5) { nodes { name } } }", token="shpat_companies_only")
    assert listed == {"companies": {"nodes": [{"name": "Yes"}]}}


CONTACT_FIELDS = "companyContact { id title locale isMainContact customer { id email firstName } company { id } }"


def test_contacts_create_assign_update_delete_and_a_deleted_customer_stops_being_a_contact():
    received, transport = _capture()
    shop = local(webhook_transport=transport)
    shop.data('mutation { webhookSubscriptionCreate(topic: COMPANIES_UPDATE, webhookSubscription: '
              '{uri: "https://hooks.test/b2b"}) { userErrors { message } } }')
    company = shop.data(CREATE, {"input": {"company": {"name": "Acme"},
                                           "companyContact": {"email": "main@acme.test"}}})["companyCreate"]["company"]
    made = shop.data(f"""mutation($c: ID!) {{ companyContactCreate(companyId: $c, input: {{email: "buyer@acme.test",
        firstName: "Bo", title: "Buyer", locale: "fr"}}) {{ {CONTACT_FIELDS} userErrors {{ field message code }} }} }}""",
                     {"c": company["id"]})["companyContactCreate"]
    assert made["userErrors"] == []
    contact = made["companyContact"]
    assert (contact["title"], contact["locale"], contact["isMainContact"]) == ("Buyer", "fr", False)
    assert contact["customer"]["email"] == "buyer@acme.test" and contact["company"]["id"] == company["id"]
    existing = shop.shop.create_customer({"email": "known@shop.test"})
    assign = """mutation($c: ID!, $u: ID!) { companyAssignCustomerAsContact(companyId: $c, customerId: $u) {
        companyContact { id customer { email } } userErrors { field message code } } }"""
    variables = {"c": company["id"], "u": f"gid://shopify/Customer/{existing.id}"}
    assigned = shop.data(assign, variables)["companyAssignCustomerAsContact"]
    assert assigned["userErrors"] == [] and assigned["companyContact"]["customer"]["email"] == "known@shop.test"
    assert shop.data(assign, variables)["companyAssignCustomerAsContact"]["userErrors"][0]["code"] == "TAKEN"
    updated = shop.data(f"""mutation($id: ID!) {{ companyContactUpdate(companyContactId: $id,
        input: {{firstName: "Bob", title: "Head buyer"}}) {{ {CONTACT_FIELDS} userErrors {{ code }} }} }}""",
                        {"id": contact["id"]})["companyContactUpdate"]["companyContact"]
    assert updated["customer"]["firstName"] == "Bob" and updated["title"] == "Head buyer"
    taken = shop.data("""mutation($id: ID!) { companyContactUpdate(companyContactId: $id, input: {email: "known@shop.test"})
        { companyContact { id } userErrors { field message code } } }""", {"id": contact["id"]})
    assert taken["companyContactUpdate"]["userErrors"] == [
        {"field": ["input", "email"], "message": "Email address has already been taken", "code": "TAKEN"}]
    deleted = shop.data("""mutation($id: ID!) { companyContactDelete(companyContactId: $id) {
        deletedCompanyContactId userErrors { code } } }""", {"id": contact["id"]})["companyContactDelete"]
    assert deleted == {"deletedCompanyContactId": contact["id"], "userErrors": []}
    assert shop.shop.find_customer_by_email("buyer@acme.test") is not None  # the customer stays
    # Deleting the main contact's customer removes the contact: the company has no main contact any more.
    main_customer = shop.shop.find_customer_by_email("main@acme.test")
    shop.shop.delete_customer(main_customer.id)
    read = shop.data("""query($id: ID!) { company(id: $id) { mainContact { id } contactsCount { count }
        contacts(first: 5) { nodes { customer { email } } } } }""", {"id": company["id"]})["company"]
    assert read == {"mainContact": None, "contactsCount": {"count": 1},
                    "contacts": {"nodes": [{"customer": {"email": "known@shop.test"}}]}}
    shop.app.test_client().post("/__admin/webhooks/deliver")
    assert [(topic, payload["main_contact_admin_graphql_api_id"]) for topic, payload in received] == [
        ("companies/update", None)]


def test_locations_create_update_delete_and_the_company_locations_query():
    shop = local()
    company = _create(shop, "Acme")
    location_fields = "companyLocation { id name phone externalId note shippingAddress { city } billingAddress { city } }"
    made = shop.data(f"""mutation($c: ID!, $a: CompanyAddressInput) {{ companyLocationCreate(companyId: $c,
        input: {{name: "Depot", externalId: "loc-1", shippingAddress: $a, billingAddress: $a}}) {{
        {location_fields} userErrors {{ field message code }} }} }}""",
                     {"c": company["id"], "a": ADDRESS})["companyLocationCreate"]
    assert made["userErrors"] == [] and made["companyLocation"]["shippingAddress"] == {"city": "Ottawa"}
    location = made["companyLocation"]
    updated = shop.data(f"""mutation($id: ID!) {{ companyLocationUpdate(companyLocationId: $id,
        input: {{name: "Main depot", note: "dock 4"}}) {{ {location_fields} userErrors {{ code }} }} }}""",
                        {"id": location["id"]})["companyLocationUpdate"]["companyLocation"]
    assert (updated["name"], updated["note"], updated["externalId"]) == ("Main depot", "dock 4", "loc-1")
    listed = shop.data('{ companyLocations(first: 5, query: "external_id:loc-1") { nodes { id company { name } } } }')
    assert listed["companyLocations"]["nodes"] == [{"id": location["id"], "company": {"name": "Acme"}}]
    assert shop.data("query($id: ID!) { companyLocation(id: $id) { name } }", {"id": location["id"]}) == {
        "companyLocation": {"name": "Main depot"}}
    blank = shop.data("""mutation($id: ID!) { companyLocationUpdate(companyLocationId: $id, input: {name: " "}) {
        companyLocation { id } userErrors { field message code } } }""", {"id": location["id"]})
    assert blank["companyLocationUpdate"]["userErrors"] == [
        {"field": ["input", "name"], "message": "Name can't be blank", "code": "BLANK"}]
    gone = shop.data("""mutation($id: ID!) { companyLocationDelete(companyLocationId: $id) {
        deletedCompanyLocationId userErrors { code } } }""", {"id": location["id"]})["companyLocationDelete"]
    assert gone == {"deletedCompanyLocationId": location["id"], "userErrors": []}
    assert shop.data("{ companyLocations(first: 5) { nodes { id } } }")["companyLocations"]["nodes"] == []


def test_companies_delete_reports_each_missing_id_and_bulk_exports_companies_with_locations():
    shop = local()
    first, second = _create(shop, "One"), _create(shop, "Two")
    shop.data("""mutation($c: ID!) { companyLocationCreate(companyId: $c, input: {name: "L"}) { userErrors { code } } }""",
              {"c": second["id"]})
    run = shop.data('mutation { bulkOperationRunQuery(query: "{ companies { edges { node { id name locations { '
                    'edges { node { id name } } } } } } }") { bulkOperation { id } userErrors { message } } }')
    assert run["bulkOperationRunQuery"]["userErrors"] == []
    shop.clock.advance(2)
    status = shop.data("query($id: ID!) { node(id: $id) { ... on BulkOperation { status objectCount url } } }",
                       {"id": run["bulkOperationRunQuery"]["bulkOperation"]["id"]})["node"]
    assert status["status"] == "COMPLETED" and status["objectCount"] == "3"
    lines = _download(shop, status["url"])
    assert [line.get("name") for line in lines] == ["One", "Two", "L"]
    assert lines[2]["__parentId"] == second["id"]
    deleted = shop.data("""mutation($ids: [ID!]!) { companiesDelete(companyIds: $ids) { deletedCompanyIds
        userErrors { field message code } } }""", {"ids": [first["id"], "gid://shopify/Company/1", second["id"]]})
    assert deleted["companiesDelete"] == {
        "deletedCompanyIds": [first["id"], second["id"]],
        "userErrors": [{"field": ["companyIds", "1"], "message": "Resource requested does not exist.",
                        "code": "RESOURCE_NOT_FOUND"}]}
    assert shop.shop.companies == {} and shop.shop.company_locations == {}


def test_gql_client_creates_and_finds_a_company_by_name_against_the_introspected_schema(mock):
    from gql import Client, gql
    from gql.transport.requests import RequestsHTTPTransport

    transport = RequestsHTTPTransport(url=f"{mock.url}/admin/api/2026-10/graphql.json",
                                      headers={"X-Shopify-Access-Token": mock.token}, timeout=30)
    with Client(transport=transport, fetch_schema_from_transport=True) as session:
        create = gql(CREATE)
        create.variable_values = {"input": {"company": {"name": "Gql Co", "externalId": "hs-gql"},
                                            "companyLocation": {"name": "HQ", "shippingAddress": ADDRESS,
                                                                "billingSameAsShipping": True}}}
        made = session.execute(create)["companyCreate"]
        assert made["userErrors"] == []
        find = gql(COMPANIES)
        find.variable_values = {"q": 'name:"Gql Co"'}
        found = session.execute(find)["companies"]["nodes"]
        assert found == [{"id": made["company"]["id"], "name": "Gql Co", "externalId": "hs-gql"}]
        assert "BusinessCustomerErrorCode" in session.client.schema.type_map


def test_assign_and_revoke_the_main_contact():
    received, transport = _capture()
    shop = local(webhook_transport=transport)
    shop.data('mutation { webhookSubscriptionCreate(topic: COMPANIES_UPDATE, webhookSubscription: '
              '{uri: "https://hooks.test/b2b"}) { userErrors { message } } }')
    one, other = _create(shop, "One"), _create(shop, "Other")
    contact = shop.data("""mutation($c: ID!) { companyContactCreate(companyId: $c, input: {email: "m@one.test"}) {
        companyContact { id } } }""", {"c": one["id"]})["companyContactCreate"]["companyContact"]
    assign = """mutation($c: ID!, $p: ID!) { companyAssignMainContact(companyId: $c, companyContactId: $p) {
        company { mainContact { id isMainContact } } userErrors { field message code } } }"""
    done = shop.data(assign, {"c": one["id"], "p": contact["id"]})["companyAssignMainContact"]
    assert done == {"company": {"mainContact": {"id": contact["id"], "isMainContact": True}}, "userErrors": []}
    wrong = shop.data(assign, {"c": other["id"], "p": contact["id"]})["companyAssignMainContact"]
    assert wrong == {"company": None, "userErrors": [{"field": ["companyContactId"], "code": "INVALID_INPUT",
                                                      "message": "The company contact does not belong to the company."}]}
    revoked = shop.data("""mutation($c: ID!) { companyRevokeMainContact(companyId: $c) { company { mainContact { id } }
        userErrors { code } } }""", {"c": one["id"]})["companyRevokeMainContact"]
    assert revoked == {"company": {"mainContact": None}, "userErrors": []}
    shop.app.test_client().post("/__admin/webhooks/deliver")
    assert [payload["main_contact_admin_graphql_api_id"] for _, payload in received] == [contact["id"], None]


def test_company_contacts_filter_on_the_documented_fields():
    shop = local()
    company = shop.data(CREATE, {"input": {"company": {"name": "A"}, "companyContact": {
        "email": "a@x.test", "firstName": "Ann", "lastName": "Lee"}}})["companyCreate"]["company"]
    shop.data("""mutation($c: ID!) { companyContactCreate(companyId: $c, input: {email: "b@x.test", firstName: "Bob"}) {
        userErrors { code } } }""", {"c": company["id"]})
    contacts = """query($id: ID!, $q: String) { company(id: $id) { contacts(first: 5, query: $q) {
        nodes { customer { email } } } } }"""

    def emails(query: str) -> list[str]:
        nodes = shop.data(contacts, {"id": company["id"], "q": query})["company"]["contacts"]["nodes"]
        return [n["customer"]["email"] for n in nodes]
    assert emails("email:b@x.test") == ["b@x.test"]
    assert emails('name:"Ann Lee"') == ["a@x.test"]
    assert emails("bob") == ["b@x.test"]
    assert emails(f"company_id:{company['id'].rsplit('/', 1)[1]}") == ["a@x.test", "b@x.test"]


def test_customer_company_contact_profiles_follow_every_change():
    shop = local()
    company = shop.data(CREATE, {"input": {"company": {"name": "Acme"}, "companyContact": {
        "email": "p@acme.test", "title": "CFO"}}})["companyCreate"]["company"]
    customer_id = company["mainContact"]["customer"]["id"]
    profiles = """query($id: ID!) { customer(id: $id) { email companyContactProfiles {
        title isMainContact company { name } } } }"""

    def seen() -> list[tuple]:
        found = shop.data(profiles, {"id": customer_id})["customer"]["companyContactProfiles"]
        return [(p["title"], p["isMainContact"], p["company"]["name"]) for p in found]
    assert seen() == [("CFO", True, "Acme")]
    assert seen() == [("CFO", True, "Acme")]  # read twice: the second answer comes from the kept mapping
    shop.data(UPDATE, {"id": company["id"], "input": {"name": "Acme Corp"}})
    assert seen() == [("CFO", True, "Acme Corp")]
    shop.data("""mutation($id: ID!) { companyContactUpdate(companyContactId: $id, input: {title: "CEO"}) {
        userErrors { code } } }""", {"id": company["mainContact"]["id"]})
    assert seen() == [("CEO", True, "Acme Corp")]
    shop.data("mutation($c: ID!) { companyRevokeMainContact(companyId: $c) { userErrors { code } } }",
              {"c": company["id"]})
    assert seen() == [("CEO", False, "Acme Corp")]
    other = _create(shop, "Other")
    shop.data("""mutation($c: ID!, $u: ID!) { companyAssignCustomerAsContact(companyId: $c, customerId: $u) {
        userErrors { code } } }""", {"c": other["id"], "u": customer_id})
    assert seen() == [("CEO", False, "Acme Corp"), (None, False, "Other")]
    shop.data(DELETE, {"id": company["id"]})
    assert seen() == [(None, False, "Other")]


COMPANY_KEYS = ["name", "note", "external_id", "main_contact_admin_graphql_api_id", "created_at", "updated_at",
                "customer_since", "admin_graphql_api_id"]
CONTACT_KEYS = ["customer_admin_graphql_api_id", "title", "locale", "created_at", "updated_at",
                "admin_graphql_api_id", "company"]
LOCATION_KEYS = ["name", "external_id", "phone", "locale", "created_at", "updated_at", "note",
                 "buyer_experience_configuration", "admin_graphql_api_id", "tax_exemptions", "tax_settings", "company",
                 "billing_address", "shipping_address", "tax_registration"]
ADDRESS_KEYS = ["address1", "city", "province", "country", "zip", "recipient", "first_name", "last_name", "address2",
                "phone", "zone_code", "country_code", "created_at", "updated_at", "admin_graphql_api_id",
                "company_admin_graphql_api_id"]


def test_contact_and_location_webhooks_carry_the_documented_payloads():
    received, transport = _capture()
    shop = local(webhook_transport=transport)
    for topic in ("COMPANIES_CREATE", "COMPANY_CONTACTS_CREATE", "COMPANY_CONTACTS_UPDATE", "COMPANY_CONTACTS_DELETE",
                  "COMPANY_LOCATIONS_CREATE", "COMPANY_LOCATIONS_UPDATE", "COMPANY_LOCATIONS_DELETE"):
        made = shop.data("mutation($t: WebhookSubscriptionTopic!) { webhookSubscriptionCreate(topic: $t, "
                         'webhookSubscription: {uri: "https://hooks.test/b2b"}) { userErrors { message } } }',
                         {"t": topic})
        assert made["webhookSubscriptionCreate"]["userErrors"] == []
    company = shop.data(CREATE, {"input": {
        "company": {"name": "Acme"}, "companyContact": {"email": "c@acme.test", "title": "Buyer", "locale": "en"},
        "companyLocation": {"name": "Montreal", "taxRegistrationId": "1214214141",
                            "taxExemptions": ["CA_BC_RESELLER_EXEMPTION"], "shippingAddress": {
                                **ADDRESS, "zoneCode": "QC", "city": "Montreal", "recipient": "Adam"},
                            "billingSameAsShipping": True}}})["companyCreate"]["company"]
    contact_id, location_id = company["mainContact"]["id"], company["locations"]["nodes"][0]["id"]
    shop.data("""mutation($id: ID!) { companyContactUpdate(companyContactId: $id, input: {title: "Lead"}) {
        userErrors { code } } }""", {"id": contact_id})
    shop.data("""mutation($id: ID!) { companyLocationUpdate(companyLocationId: $id, input: {note: "HQ"}) {
        userErrors { code } } }""", {"id": location_id})
    shop.data("mutation($id: ID!) { companyContactDelete(companyContactId: $id) { userErrors { code } } }",
              {"id": contact_id})
    shop.data("mutation($id: ID!) { companyLocationDelete(companyLocationId: $id) { userErrors { code } } }",
              {"id": location_id})
    shop.app.test_client().post("/__admin/webhooks/deliver")
    assert [topic for topic, _ in received] == [
        "companies/create", "company_contacts/create", "company_locations/create", "company_contacts/update",
        "company_locations/update", "company_contacts/delete", "company_locations/delete"]
    payloads = dict(received)
    contact = payloads["company_contacts/update"]
    assert list(contact) == CONTACT_KEYS and list(contact["company"]) == COMPANY_KEYS
    assert contact["title"] == "Lead" and contact["admin_graphql_api_id"] == contact_id
    assert contact["customer_admin_graphql_api_id"] == company["mainContact"]["customer"]["id"]
    location = payloads["company_locations/create"]
    assert list(location) == LOCATION_KEYS and list(location["billing_address"]) == ADDRESS_KEYS
    assert location["tax_settings"] == {"tax_registration_id": "1214214141", "tax_exempt": False,
                                        "tax_exemptions": ["CA_BC_RESELLER_EXEMPTION"]}
    assert location["tax_registration"] == {"tax_id": "1214214141"}
    assert (location["billing_address"]["province"], location["billing_address"]["country"]) == ("Quebec", "Canada")
    assert location["shipping_address"]["company_admin_graphql_api_id"] == company["id"]
    assert payloads["company_locations/update"]["note"] == "HQ"
    assert payloads["company_locations/delete"]["admin_graphql_api_id"] == location_id


def test_a_quoted_name_with_escaped_quotes_and_backslashes_finds_the_company():
    shop = local()
    odd = _create(shop, 'O"Brien \\ Sons (East)')
    _create(shop, "O")
    query = 'name:"' + 'O"Brien \\ Sons (East)'.replace("\\", "\\\\").replace('"', '\\"') + '"'
    found = shop.data(COMPANIES, {"q": query})["companies"]["nodes"]
    assert [c["id"] for c in found] == [odd["id"]]
    assert shop.data(COMPANIES, {"q": "name:'O\"Brien \\\\ Sons (East)'"})["companies"]["nodes"][0]["id"] == odd["id"]
