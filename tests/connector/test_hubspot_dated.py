"""The connector's HubSpot side on the dated API (issue #13): one path table per version, the same records
through 2026-09, 2026-03 and legacy v3, the 2026-09 batch answers, and VALIDATION_ERROR refusals kept
pending and retried until the portal's rules (or the record) change."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import requests

from connector.clients.hubspot import HubSpotClient, is_validation_refusal
from connector.clients.hubspot_paths import (
    DEFAULT_VERSION,
    VERSIONS,
    HubSpotPaths,
    journal,
    journal_subscriptions,
    path,
)
from connector.config import from_args
from connector.errors import ConfigError
from tests.connector.conftest import HUBSPOT_TOKEN, customer, make_world, order, product

VOLATILE = {"hs_object_id", "createdate", "lastmodifieddate", "hs_lastmodifieddate", "hs_createdate",
            "hs_product_id", "pipeline", "dealstage", "hs_pipeline_stage",
            "ip__shopify__token"}  # the Shopify mock draws order tokens at random


# --- the path table ------------------------------------------------------------------------------------
@pytest.mark.parametrize(("version", "expected"), [
    ("v3", ["/crm/v3/objects/contacts/batch/upsert", "/crm/v3/objects/deals/search",
            "/crm/v4/associations/deals/contacts/batch/create", "/crm/v3/pipelines/deals",
            "/crm/v3/properties/contacts/groups", "/crm/v3/properties/deals/batch/create", "/crm/v3/objects/orders"]),
    ("2026-03", ["/crm/objects/2026-03/contacts/batch/upsert", "/crm/objects/2026-03/deals/search",
                 "/crm/associations/2026-03/deals/contacts/batch/create", "/crm/pipelines/2026-03/deals",
                 "/crm/properties/2026-03/contacts/groups", "/crm/properties/2026-03/deals/batch/create",
                 "/crm/objects/2026-03/orders"]),
    ("2026-09", ["/crm/objects/2026-09/contacts/batch/upsert", "/crm/objects/2026-09/deals/search",
                 "/crm/associations/2026-09/deals/contacts/batch/create", "/crm/pipelines/2026-09/deals",
                 "/crm/properties/2026-09/contacts/groups", "/crm/properties/2026-09/deals/batch/create",
                 "/crm/objects/2026-09/orders"]),
])
def test_path_table_per_version(version, expected):
    paths = HubSpotPaths(version)
    assert [paths.object_batch("contacts", "upsert"), paths.search("deals"),
            paths.association_batch("deals", "contacts", "create"), paths.pipelines("deals"),
            paths.property_groups("contacts"), paths.properties("deals", "batch/create"),
            paths.objects("orders")] == expected
    assert paths.dated == (version != "v3")
    assert paths.multi_status == (version in ("v3", "2026-03"))
    assert paths.validates_writes == (version == "2026-09")


def test_path_table_refuses_what_it_does_not_know():
    assert DEFAULT_VERSION == "2026-09" and set(VERSIONS) == {"2026-03", "2026-09", "v3"}
    with pytest.raises(ValueError, match="2026-03, 2026-09, v3"):
        HubSpotPaths("2027-03-beta")
    with pytest.raises(ValueError, match="unknown HubSpot API family"):
        path("owners", "2026-09")


def test_version_flag_and_environment():
    class Args:
        hubspot, hubspot_token, shopify, shopify_token = "http://h.test", "pat-x", "http://s.test", "shpat_x"
        hubspot_api_version = None

    assert from_args(Args(), {}).hubspot_api_version == "2026-09"
    assert from_args(Args(), {"HUBSPOT_API_VERSION": "v3"}).hubspot_api_version == "v3"
    Args.hubspot_api_version = "2026-03"
    assert from_args(Args(), {"HUBSPOT_API_VERSION": "v3"}).hubspot_api_version == "2026-03"
    with pytest.raises(ConfigError, match="--hubspot-api-version must be one of"):
        from_args(Args(), {}).__class__(hubspot_url="http://h.test", hubspot_token="pat-x", stores=[],
                                        hubspot_api_version="2024-01")


def test_validation_refusal_is_told_from_other_validation_errors():
    rule = {"category": "VALIDATION_ERROR", "errors": [{"code": "REQUIRED_PROPERTY", "message": "Property x"}]}
    assert is_validation_refusal(rule)
    assert is_validation_refusal({"category": "VALIDATION_ERROR",
                                  "subCategory": "crm.objects.WRITE_VALIDATION_FAILED"})
    assert not is_validation_refusal({"category": "VALIDATION_ERROR", "errors": [{"code": "INVALID_EMAIL"}]})
    assert not is_validation_refusal({"category": "OBJECT_NOT_FOUND"})


# --- end to end --------------------------------------------------------------------------------------
def seed(world) -> None:
    shirt = world.shop("POST", "products", product("Shirt", ("Red", "25.00"), ("Blue", "30.00")))["product"]
    world.shop("POST", "customers", customer("ada@example.com", phone="+14155550100"))
    world.shop("POST", "customers", customer("bob@example.com", first="Bob"))
    red = shirt["variants"][0]["id"]
    world.shop("POST", "orders", order(red, "ada@example.com", 2, financial_status="paid"))
    world.shop("POST", "orders", order(red, "carol@example.com", 1, financial_status="pending"))


def snapshot(world) -> dict:
    """Every synced record's properties, keyed by type and a stable property, without ids and dates."""
    out = {}
    for object_type, key in (("contacts", "email"), ("deals", "dealname"), ("products", "name"),
                             ("line_items", "name")):
        props = [p["name"] for p in world.hubspot.properties(object_type)
                 if p.get("groupName") == "ip__ecomm_bridge" or p["name"] in ("email", "firstname", "lastname",
                                                                               "phone", "amount", "dealname",
                                                                               "name", "price", "quantity")]
        for record in world.records(object_type, *props):
            values = {k: v for k, v in record["properties"].items() if k not in VOLATILE and v not in (None, "")}
            out[(object_type, values.get(key))] = values
    return out


def run(tmp_path, version: str, mode: str = "ecommerce-deals"):
    world = make_world(tmp_path / version)
    try:
        seed(world)
        connector = world.connector(hubspot_api_version=version, mode=mode)
        summary = connector.sync()
        assert summary.errors == 0, summary.text()
        routes = set(connector.hubspot.stats.by_route)
        return snapshot(world), connector.hubspot.calls, routes
    finally:
        world.close()


@pytest.mark.parametrize("mode", ["ecommerce-deals", "data-sync"])
def test_a_record_through_2026_09_and_2026_03_equals_the_one_through_v3(tmp_path, mode):
    legacy, legacy_calls, legacy_routes = run(tmp_path, "v3", mode)
    dated, dated_calls, dated_routes = run(tmp_path, "2026-09", mode)
    march, march_calls, march_routes = run(tmp_path, "2026-03", mode)
    assert legacy and dated == legacy and march == legacy
    assert dated_calls == legacy_calls == march_calls  # the import's HubSpot calls do not grow
    crm = [r for r in dated_routes if " /crm/" in r]
    assert crm and all(r.split()[1].startswith(("/crm/objects/2026-09/", "/crm/associations/2026-09/",
                                                "/crm/pipelines/2026-09/", "/crm/properties/2026-09/"))
                       for r in crm), crm
    assert all("/2026-03/" in r for r in march_routes if " /crm/" in r)
    assert all("/crm/v3/" in r or "/crm/v4/" in r for r in legacy_routes if " /crm/" in r)


def test_a_2026_09_batch_with_errors_answers_200_and_is_read_like_a_207(world):
    """From 2026-09 a batch with per-input errors keeps its 200 and lists ``errors``: the client reads them."""
    client = HubSpotClient(world.hubspot_url, HUBSPOT_TOKEN, sleep=world.sleep)
    client.upsert("contacts", "email", [("known@example.com", {})])
    errors: list = []
    found = client.batch("contacts", "update", [{"id": "999999", "properties": {"firstname": "x"}}], errors=errors)
    assert found == [] and errors == []  # missing ids are not an error (OBJECT_NOT_FOUND)
    put_rules(world, {"contacts": {"requiredProperties": ["lastname"]}})
    errors = []
    written = client.upsert("contacts", "email", [("a@example.com", {"lastname": "A"}), ("b@example.com", {})],
                            errors=errors)
    assert set(written) == {"a@example.com"}
    assert len(errors) == 1 and is_validation_refusal(errors[0]) and errors[0]["context"]["id"] == ["b@example.com"]


# --- 2026-09 write validation ----------------------------------------------------------------------------
def put_rules(world, rules: dict) -> None:
    response = requests.put(f"{world.hubspot_url}/__admin/write-rules", json=rules, timeout=10)
    assert response.status_code == 200, response.text


def test_refused_records_are_reported_kept_and_land_after_the_rules_change(world):
    put_rules(world, {"contacts": {"requiredProperties": ["phone"]}})
    seed(world)
    connector = world.connector()
    first = connector.sync()
    store = first.stores["harness-shop"]
    refused = {r["key"]: r["reason"] for r in store.refused}
    # bob (a customer) and carol (the buyer of an order) have no phone: refused, with HubSpot's reason
    assert set(refused) == {"bob@example.com", "carol@example.com"}, first.text()
    assert all("phone" in reason for reason in refused.values())
    # pending: the customers bob and carol (Shopify made one for her order) and carol's order
    assert store.errors == 0 and first.errors == 2 and store.pending == 3
    assert len(store.refused) == 2  # each refused record once, though carol's contact was tried twice
    assert "refused: contacts bob@example.com: Property phone is required" in first.text()
    assert set(world.by("contacts", "email")) == {"ada@example.com"}
    assert connector.state.get_meta("imported:harness-shop") is not None  # the import itself completed

    again = connector.sync()  # rules unchanged: refused again, still pending, nothing written twice
    assert {r["key"] for r in again.stores["harness-shop"].refused} == {"bob@example.com", "carol@example.com"}
    assert again.stores["harness-shop"].pending == 3

    put_rules(world, {})  # the portal's admin drops the rule
    third = connector.sync()
    assert third.errors == 0 and third.stores["harness-shop"].pending == 0, third.text()
    contacts = world.by("contacts", "email")
    assert set(contacts) == {"ada@example.com", "bob@example.com", "carol@example.com"}
    # carol's deal is now associated with her contact (the order was applied again)
    deals = world.records("deals", "dealname")
    links = world.assoc("deals", [d["id"] for d in deals], "contacts")
    assert contacts["carol@example.com"]["id"] in {c for ids in links.values() for c in ids}
    assert len(world.records("contacts", "email")) == 3  # never written twice
    assert connector.sync().stores["harness-shop"].pending == 0


def test_a_refused_record_lands_once_it_is_fixed_in_shopify(world):
    put_rules(world, {"contacts": {"requiredProperties": ["phone"]}})
    world.shop("POST", "customers", customer("ada@example.com", phone="+14155550100"))
    bob = world.shop("POST", "customers", customer("bob@example.com", first="Bob"))["customer"]
    connector = world.connector()
    assert [r["key"] for r in connector.sync().stores["harness-shop"].refused] == ["bob@example.com"]
    world.advance(minutes=10)
    world.shop("PUT", f"customers/{bob['id']}", {"customer": {"id": bob["id"], "phone": "+14155550111"}})
    summary = connector.sync()
    assert summary.errors == 0 and summary.stores["harness-shop"].pending == 0, summary.text()
    assert world.by("contacts", "email", "phone")["bob@example.com"]["properties"]["phone"] == "+14155550111"


def test_legacy_v3_is_not_validated(world):
    """The rules apply to 2026-09 writes only: the same refused data goes through v3 (and 2026-03)."""
    put_rules(world, {"contacts": {"requiredProperties": ["phone"]}})
    seed(world)
    summary = world.connector(hubspot_api_version="v3").sync()
    assert summary.errors == 0 and not summary.stores["harness-shop"].refused, summary.text()


def test_a_refused_deal_keeps_its_order_pending_until_the_rule_is_lifted(world):
    put_rules(world, {"deals": {"requiredProperties": ["description"]}})
    seed(world)
    connector = world.connector()
    first = connector.sync()
    refused = first.stores["harness-shop"].refused
    assert {r["object"] for r in refused} == {"deals"} and len(refused) == 2, first.text()
    assert all(r["key"].startswith("harness-shop:order:") and "description" in r["reason"] for r in refused)
    assert first.stores["harness-shop"].pending == 2 and world.records("deals") == []
    put_rules(world, {})
    second = connector.sync()
    assert second.errors == 0 and second.stores["harness-shop"].pending == 0, second.text()
    deals = world.records("deals", "dealname")
    assert len(deals) == 2
    lines = world.assoc("deals", [d["id"] for d in deals], "line_items")
    assert sum(len(ids) for ids in lines.values()) == 2  # the line items came with them


def test_a_webhook_refused_by_the_rules_is_kept_pending(world):
    connector = world.connector()
    world.shop("POST", "customers", customer("ada@example.com", phone="+14155550100"))
    connector.config.webhook_base_url = world.receiver(connector)
    connector.sync()
    put_rules(world, {"contacts": {"requiredProperties": ["phone"]}})
    world.advance(minutes=1)
    world.shop("POST", "customers", customer("bob@example.com", first="Bob"))
    assert world.deliver() >= 1
    assert connector.state.pending_count("harness-shop") == 1
    assert {r["key"] for r in connector.events_summary.stores["harness-shop"].refused} == {"bob@example.com"}
    put_rules(world, {})
    summary = connector.sync()
    assert summary.errors == 0 and summary.stores["harness-shop"].pending == 0, summary.text()
    assert set(world.by("contacts", "email")) == {"ada@example.com", "bob@example.com"}


def test_refused_line_items_keep_their_order_pending(world):
    """Line items go out after their deals (full batches across parents): their refusal still keeps the order."""
    put_rules(world, {"line_items": {"requiredProperties": ["description"]}})
    seed(world)
    connector = world.connector()
    first = connector.sync()
    refused = first.stores["harness-shop"].refused
    assert {r["object"] for r in refused} == {"line_items"} and len(refused) == 2, first.text()
    assert first.stores["harness-shop"].pending == 2 and len(world.records("deals")) == 2
    assert world.records("line_items") == []
    put_rules(world, {})
    second = connector.sync()
    assert second.errors == 0 and second.stores["harness-shop"].pending == 0, second.text()
    deals = world.records("deals")
    lines = world.assoc("deals", [d["id"] for d in deals], "line_items")
    assert sum(len(ids) for ids in lines.values()) == 2 and len(world.records("line_items")) == 2


def test_refusals_of_buffered_line_items_across_batches_keep_every_order(world):
    """150 orders: their line items go out in full batches of 100 across two order batches; every order
    whose lines were refused is kept, and all land once the rule is lifted."""
    shirt = world.shop("POST", "products", product("Shirt", ("Red", "25.00")))["product"]
    for _ in range(150):
        world.shop("POST", "orders", order(shirt["variants"][0]["id"], None, 1, financial_status="paid"))
    put_rules(world, {"line_items": {"requiredProperties": ["description"]}})
    connector = world.connector()
    first = connector.sync()
    assert len(first.stores["harness-shop"].refused) == 150 and first.stores["harness-shop"].pending == 150
    put_rules(world, {})
    second = connector.sync()
    assert second.errors == 0 and second.stores["harness-shop"].pending == 0, second.text()
    assert len(world.records("line_items")) == 150 and len(world.records("deals")) == 150


def test_a_refused_email_change_is_kept_and_lands_on_the_same_contact(world):
    ada = world.shop("POST", "customers", customer("ada@example.com"))["customer"]
    connector = world.connector()
    connector.sync()
    put_rules(world, {"contacts": {"conditionallyRequired": [{"property": "firstname", "equals": "Ada",
                                                              "require": ["phone"]}]}})
    world.advance(minutes=10)
    world.shop("PUT", f"customers/{ada['id']}", {"customer": {"id": ada["id"], "email": "ada2@example.com"}})
    refused = connector.sync().stores["harness-shop"].refused
    assert [(r["object"], r["key"]) for r in refused] == [("contacts", "ada2@example.com")]
    assert "phone is required when firstname is Ada" in refused[0]["reason"]
    assert connector.state.pending_count("harness-shop") == 1
    put_rules(world, {})
    summary = connector.sync()
    assert summary.errors == 0 and summary.stores["harness-shop"].pending == 0, summary.text()
    assert set(world.by("contacts", "email")) == {"ada2@example.com"}  # the same contact, moved


def sdk_templates() -> list[re.Pattern]:
    """Every dated path template of HubSpot's own SDK (``hubspot-sdk``, which speaks 2026-03), as regexes."""
    sdk = pytest.importorskip("hubspot_sdk")
    found: set[str] = set()
    for source in Path(sdk.__file__).parent.joinpath("resources").rglob("*.py"):
        found.update(re.findall(r'"(/(?:crm|webhooks-journal)/[^"]*2026-03[^"]*)"', source.read_text()))
    return [re.compile("^" + "/".join("[^/]+" if part.startswith("{") else re.escape(part)
                                      for part in template.split("/")) + "$") for template in found]


def test_every_dated_path_is_one_hubspots_sdk_calls():
    """The path table on 2026-03 against the official dated SDK: each path the connector builds is a path
    of HubSpot's SDK (the SDK has no 2026-09 build yet; 2026-09 differs only in the segment)."""
    templates = sdk_templates()
    assert len(templates) > 100
    paths = HubSpotPaths("2026-03")
    built = [paths.object_batch(t, a) for t in ("contacts", "companies", "deals", "products", "line_items",
                                                "orders", "carts") for a in ("read", "update", "upsert", "archive")]
    built += [paths.search("deals"), paths.objects("contacts"), paths.objects("deals", "1001"),
              paths.association_batch("deals", "contacts", "create"), paths.association_batch("deals", "contacts",
                                                                                            "read"),
              paths.association_labels("orders", "carts"), paths.pipelines("orders"),
              paths.properties("contacts"), paths.properties("deals", "batch/create"),
              paths.property_groups("line_items"), journal("batch", "earliest", "100"),
              journal("batch", "0b6e1f0a-0000-4000-8000-000000000000", "next", "100"), journal_subscriptions()]
    # the SDK names deals by type id (0-3), the published spec takes either ({objectType}); so does the mock
    missing = [p for p in built if not any(t.match(p) or t.match(p.replace("/deals/", "/0-3/")) for t in templates)]
    assert not missing, missing
    for wrong in ("/crm/objects/2026-03/contacts/batch/bogus", "/crm/v3/objects/contacts/batch/upsert",
                  "/crm/associations/2026-03/deals/contacts/batch/bogus"):
        assert not any(t.match(wrong) for t in templates), wrong
