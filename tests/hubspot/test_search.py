"""CRM search: operators, types, association pseudo-properties, sorting, paging and limits."""

from __future__ import annotations

import json

import pytest
from hubspot import HubSpot
from hubspot.crm.contacts import PublicObjectSearchRequest
from hubspot.crm.contacts.exceptions import ApiException

from mocks.hubspot.search import Filter, matches_filter


def search(http, object_type: str, body: dict) -> dict:
    response = http.post(f"/crm/v3/objects/{object_type}/search", json=body)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def ids_of(result: dict) -> list[str]:
    return [r["id"] for r in result["results"]]


@pytest.fixture
def deals(http):
    made = []
    for name, amount, stage, close in (("Alpha deal", "100", "appointmentscheduled", "2024-01-10T00:00:00Z"),
                                       ("Beta deal", "25.5", "closedwon", "2024-02-10T00:00:00Z"),
                                       ("Gamma", "1000", "closedlost", "2024-03-10T00:00:00Z"),
                                       ("delta", "", "qualifiedtobuy", "")):
        props = {"dealname": name, "dealstage": stage, "pipeline": "default"}
        if amount:
            props["amount"] = amount
        if close:
            props["closedate"] = close
        made.append(http.post("/crm/v3/objects/deals", json={"properties": props}).get_json()["id"])
    return made


def f(prop, op, value=None, **extra):
    data = {"propertyName": prop, "operator": op, **extra}
    if value is not None:
        data["value"] = value
    return {"filters": [data]}


def test_numeric_and_date_operators(http, deals):
    assert ids_of(search(http, "deals", {"filterGroups": [f("amount", "GT", "99")]})) == [deals[0], deals[2]]
    assert ids_of(search(http, "deals", {"filterGroups": [f("amount", "LT", "100")]})) == [deals[1]]
    between = f("amount", "BETWEEN", "25.5", highValue="100")
    assert ids_of(search(http, "deals", {"filterGroups": [between]})) == [deals[0], deals[1]]
    epoch_feb = "1706745600000"  # 2024-02-01 as epoch millis, as HubSpot accepts
    assert ids_of(search(http, "deals", {"filterGroups": [f("closedate", "GTE", epoch_feb)]})) == deals[1:3]
    assert ids_of(search(http, "deals", {"filterGroups": [f("amount", "HAS_PROPERTY")]})) == deals[:3]
    assert ids_of(search(http, "deals", {"filterGroups": [f("amount", "NOT_HAS_PROPERTY")]})) == [deals[3]]


def test_groups_or_and_filters_and_case_rules(http, deals):
    two_groups = {"filterGroups": [f("dealname", "EQ", "alpha DEAL"), f("dealstage", "EQ", "closedlost")]}
    assert ids_of(search(http, "deals", two_groups)) == [deals[0], deals[2]]
    anded = {"filterGroups": [{"filters": [{"propertyName": "amount", "operator": "GT", "value": "20"},
                                           {"propertyName": "amount", "operator": "LT", "value": "200"}]}]}
    assert ids_of(search(http, "deals", anded)) == deals[:2]
    # enumerations are case-sensitive
    assert search(http, "deals", {"filterGroups": [f("dealstage", "EQ", "CLOSEDWON")]})["total"] == 0
    assert ids_of(search(http, "deals", {"filterGroups": [f("dealname", "CONTAINS_TOKEN", "beta")]})) == [deals[1]]
    assert ids_of(search(http, "deals", {"filterGroups": [f("dealname", "CONTAINS_TOKEN", "gam*")]})) == [deals[2]]
    not_in = {"filterGroups": [{"filters": [{"propertyName": "dealstage", "operator": "NOT_IN",
                                             "values": ["closedwon", "closedlost"]}]}]}
    assert ids_of(search(http, "deals", not_in)) == [deals[0], deals[3]]


def test_sort_query_and_default_properties(http, deals):
    result = search(http, "deals", {"sorts": [{"propertyName": "amount", "direction": "DESCENDING"}]})
    assert ids_of(result) == [deals[2], deals[0], deals[1], deals[3]]  # empty values last
    assert ids_of(search(http, "deals", {"sorts": ["-createdate"]})) == ids_of(search(http, "deals", {}))[::-1]
    assert set(result["results"][0]["properties"]) == {"dealname", "amount", "closedate", "pipeline", "dealstage",
                                                       "createdate", "hs_lastmodifieddate", "hs_object_id"}
    assert ids_of(search(http, "deals", {"query": "gamma"})) == [deals[2]]


def test_calculated_stage_properties_are_searchable(http, deals):
    won = search(http, "deals", {"filterGroups": [f("hs_is_closed_won", "EQ", "true")],
                                 "properties": ["hs_date_entered_closedwon", "hs_v2_date_entered_closedwon"]})
    assert ids_of(won) == [deals[1]]
    assert won["results"][0]["properties"]["hs_v2_date_entered_closedwon"] == "2024-03-01T10:00:00.000Z"


def test_search_paging_agrees_with_list_paging(client: HubSpot, http):
    for i in range(23):
        http.post("/crm/v3/objects/contacts", json={"properties": {"email": f"s{i}@example.com"}})
    listed = [c.id for c in client.crm.contacts.get_all()]
    seen, after = [], None
    while True:
        page = client.crm.contacts.search_api.do_search(PublicObjectSearchRequest(limit=10, after=after))
        assert page.total == 23
        seen += [r.id for r in page.results]
        if page.paging is None:
            break
        after = page.paging.next.after
    assert seen == listed


def test_association_pseudo_property(http):
    contact = http.post("/crm/v3/objects/contacts", json={"properties": {"email": "a@example.com"}}).get_json()
    linked = http.post("/crm/v3/objects/deals", json={
        "properties": {"dealname": "linked", "dealstage": "closedwon"},
        "associations": [{"to": {"id": contact["id"]},
                          "types": [{"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 3}]}]}).get_json()
    http.post("/crm/v3/objects/deals", json={"properties": {"dealname": "alone", "dealstage": "closedwon"}})
    found = search(http, "deals", {"filterGroups": [f("associations.contact", "EQ", contact["id"])]})
    assert ids_of(found) == [linked["id"]]


@pytest.mark.parametrize("body", [
    {"filterGroups": [f("amount", "GT", "1")] * 6},
    {"filterGroups": [{"filters": [{"propertyName": "amount", "operator": "GT", "value": "1"}] * 7}]},
    {"filterGroups": [{"filters": [{"propertyName": "amount", "operator": "GT", "value": "1"}] * 5}] * 4},
    {"limit": 201},
    {"after": "9950", "limit": 100},
    {"sorts": ["amount", "dealname"]},
    {"filterGroups": [f("amount", "LIKE", "1")]},
])
def test_search_limits_are_400_validation_errors(http, body):
    response = http.post("/crm/v3/objects/deals/search", json=body)
    assert response.status_code == 400
    assert response.get_json()["category"] == "VALIDATION_ERROR"


def test_sdk_search_error_is_an_api_exception(client: HubSpot):
    with pytest.raises(ApiException) as caught:
        client.crm.contacts.search_api.do_search(PublicObjectSearchRequest(limit=500))
    assert json.loads(caught.value.body)["category"] == "VALIDATION_ERROR"


def test_filter_semantics_pure():
    kinds = {"n": "number", "s": "string", "d": "datetime"}
    props = {"n": "10", "s": "Hello World", "d": "2024-01-01T00:00:00.000Z"}
    assert matches_filter(props, kinds, Filter("n", "EQ", "10.0", None, ()))
    assert not matches_filter(props, kinds, Filter("n", "GT", "9.5e1", None, ()))
    assert matches_filter(props, kinds, Filter("s", "IN", None, None, ("hello world",)))
    assert not matches_filter(props, kinds, Filter("s", "IN", None, None, ("Hello World",)))  # lowercase rule
    assert matches_filter(props, kinds, Filter("d", "LT", "2024-01-02", None, ()))
    assert matches_filter(props, kinds, Filter("missing", "NEQ", "x", None, ()))
