"""End-to-end against both mocks (one simulated clock): setup and initial import (S1, S3, S7, C1-C3,
C6, C8, C9, D1, D2, D8-D10, P1, P4)."""

from __future__ import annotations

from connector import names
from tests.connector.conftest import customer, order, product


def seed(world):
    shirt = world.shop("POST", "products", product("Shirt", ("Red", "25.00"), ("Blue", "30.00"),
                                                   body_html="<b>Soft</b>", vendor="ACME"))["product"]
    world.shop("POST", "customers", customer("Ada@Example.com ", phone="+14155550100", tags="vip, Noël",
                                             addresses=[{"address1": "1 Main", "city": "Paris",
                                                         "phone": "+33 1 00 00 00 00", "country": "FR"}]))
    world.shop("POST", "customers", customer(None, first="NoMail"))
    red = shirt["variants"][0]["id"]
    paid = world.shop("POST", "orders", order(red, "ada@example.com", 2, financial_status="paid"))["order"]
    guest = world.shop("POST", "orders", order(red, None, 1, financial_status="pending"))["order"]
    return shirt, paid, guest


def test_initial_import(world):
    shirt, paid, guest = seed(world)
    connector = world.connector()
    summary = connector.sync()
    assert summary.errors == 0, summary.text()
    store = summary.stores["harness-shop"]
    assert store.synced["contacts"] == 1 and store.synced["deals"] == 2 and store.synced["products"] == 1

    # S1: the Ecommerce pipeline with our stage ids, and the custom properties
    pipelines = world.hubspot.pipelines("deals")
    ecommerce = [p for p in pipelines if p["label"] == names.ECOMMERCE_PIPELINE_LABEL]
    assert len(ecommerce) == 1
    assert [s["id"] for s in ecommerce[0]["stages"]] == [s[0] for s in names.ECOMMERCE_STAGES]
    deal_props = {p["name"]: p for p in world.hubspot.properties("deals")}
    assert deal_props[names.ECOMM_SYNCED]["groupName"] == names.PROPERTY_GROUP

    # C1/C2/C6/C8/C9: one contact (email lower-cased), none for the customer without email
    contacts = world.by("contacts", "email", "firstname", "phone", "city", names.SOURCE, names.SOURCE_DATA_1,
                        names.SOURCE_DATA_2, "ip__shopify__tags")
    assert set(contacts) == {"ada@example.com"}
    ada = contacts["ada@example.com"]["properties"]
    assert ada["phone"] == "+14155550100" and ada["city"] == "Paris" and "Noël" in ada["ip__shopify__tags"]
    shopify_tags = world.shop("GET", "customers")["customers"]
    assert ada["ip__shopify__tags"] in {c["tags"] for c in shopify_tags}     # S4: exactly Shopify's value
    assert (ada[names.SOURCE], ada[names.SOURCE_DATA_1], ada[names.SOURCE_DATA_2]) == (
        "OFFLINE", "INTEGRATION_SYNC", "integrations-sync")

    # D1/D8/D9/D10 and D2
    deals = world.by("deals", "dealname", "dealstage", "pipeline", "amount", names.ECOMM_SYNCED,
                     names.SOURCE_STORE_ID, names.ORDER_NUMBER)
    assert set(deals) == {paid["name"], guest["name"]}
    d_paid, d_guest = deals[paid["name"]], deals[guest["name"]]
    assert d_paid["properties"]["dealstage"] == names.STAGE_PROCESSED
    assert d_guest["properties"]["dealstage"] == names.STAGE_COMPLETED
    assert d_paid["properties"]["pipeline"] == ecommerce[0]["id"]
    assert d_paid["properties"][names.ECOMM_SYNCED] == "true"
    assert d_paid["properties"][names.SOURCE_STORE_ID] == "harness-shop"
    assert float(d_paid["properties"]["amount"]) == float(paid["total_price"])
    to_contacts = world.assoc("deals", [d_paid["id"], d_guest["id"]], "contacts")
    assert to_contacts.get(d_paid["id"]) == [contacts["ada@example.com"]["id"]]
    assert not to_contacts.get(d_guest["id"])

    # D1/P1/P4: one product (first variant price), line items named with the variant and tied to it
    products = world.by("products", "name", "price", names.IMAGE_URL, "ip__shopify__vendor")
    assert set(products) == {"Shirt"} and float(products["Shirt"]["properties"]["price"]) == 25.0
    lines = world.assoc("deals", [d_paid["id"]], "line_items")[d_paid["id"]]
    assert len(lines) == 1
    line = world.hubspot.batch_read("line_items", lines, ["name", "quantity", "price", "amount", "hs_product_id"])[0]
    assert line["properties"]["name"] == "Shirt - Red" and line["properties"]["quantity"] == "2"
    assert float(line["properties"]["amount"]) == 50.0
    assert line["properties"]["hs_product_id"] == products["Shirt"]["id"]

    # P6: contacts who bought a product: line items (by hs_product_id) -> deals -> contacts
    bought = list(world.hubspot.search("line_items", filter_groups=[{"filters": [
        {"propertyName": "hs_product_id", "operator": "EQ", "value": products["Shirt"]["id"]}]}]))
    deal_ids = [d for ids in world.assoc("line_items", [b["id"] for b in bought], "deals").values() for d in ids]
    buyers = {c for ids in world.assoc("deals", deal_ids, "contacts").values() for c in ids}
    assert len(bought) == 2 and buyers == {contacts["ada@example.com"]["id"]}

    # S3: the tracking ScriptTag
    tags = world.shop("GET", "script_tags")["script_tags"]
    assert [t["src"] for t in tags] == [connector.config.tracking_src]


def test_setup_is_idempotent(world):
    connector = world.connector()
    connector.setup()
    before = (world.hubspot.pipelines("deals"), world.hubspot.properties("deals"),
              world.shop("GET", "script_tags")["script_tags"])
    writes = connector.hubspot.writes
    connector.setup()
    assert connector.hubspot.writes == writes
    after = (world.hubspot.pipelines("deals"), world.hubspot.properties("deals"),
             world.shop("GET", "script_tags")["script_tags"])
    assert after == before


def test_s3_disconnect_removes_tracking(world):
    connector = world.connector()
    connector.setup()
    assert world.shop("GET", "script_tags")["script_tags"]
    connector.disconnect("harness-shop")
    assert world.shop("GET", "script_tags")["script_tags"] == []


def test_unchanged_records_cost_no_hubspot_writes_on_later_passes(world):
    """S6: the overlap window of the incremental pass re-reads recent records; unchanged ones are not
    written again (efficiency), while a real change still goes through."""
    shirt, paid, _ = seed(world)
    connector = world.connector()
    connector.sync()
    world.advance(minutes=5)
    connector.sync()
    before = _batch_writes(world)
    world.advance(minutes=5)
    summary = connector.sync()
    assert summary.errors == 0
    assert _batch_writes(world) == before
    world.shop("PUT", f"products/{shirt['id']}", {"product": {"id": shirt["id"], "vendor": "Other"}})
    world.advance(minutes=5)
    connector.sync()
    assert _batch_writes(world) > before
    assert world.by("products", "name", "ip__shopify__vendor")["Shirt"]["properties"]["ip__shopify__vendor"] == "Other"


def _batch_writes(world) -> int:
    """HubSpot write calls (batch create/update/upsert/archive, associations) in the mock's journal."""
    entries = world.pair.admin.hubspot.requests(method="POST")
    return sum(1 for e in entries if "/batch/" in e["path"] and not e["path"].endswith("/batch/read"))
