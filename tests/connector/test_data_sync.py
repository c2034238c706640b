"""data-sync mode: companies (O1), Order objects (O2, O3, O4), duplicates on enable (O5), carts (O6), P5."""

from __future__ import annotations

from connector import names
from tests.connector.conftest import customer, order, product


def test_data_sync_mode(world):
    cap = world.shop("POST", "products", product("Cap", ("Black", "12.00"), ("White", "14.00")))["product"]
    black, white = (v["id"] for v in cap["variants"])
    world.shop("POST", "customers", customer("b2b@example.com", addresses=[{"address1": "1 Rue", "company": "Acme"}]))
    world.shop("POST", "customers", customer("solo@example.com"))
    paid = world.shop("POST", "orders", order(black, "b2b@example.com", financial_status="paid"))["order"]
    guest = world.shop("POST", "orders", order(white, None, financial_status="pending"))["order"]
    checkout = world.shopper().start_checkout({"email": "cart@example.com", "line_items": [
        {"variant_id": black, "quantity": 1}, {"variant_id": white, "quantity": 1}]})
    # REST: the order -> cart link (hs_external_cart_id) needs the checkout token, which only REST and
    # webhooks carry (tests/connector/test_checkout_keys.py: checkouts keyed across the two APIs)
    connector = world.connector(world.config([world.store(shopify_api="rest")], mode="data-sync"))
    summary = connector.sync()
    assert summary.errors == 0, summary.text()

    # S1: the Order pipeline with HubSpot's default ids
    assert any(p["id"] == names.ORDER_PIPELINE_ID for p in world.hubspot.pipelines("orders"))
    # O1: only the customer with a company name makes a company, associated with its contact
    companies = world.by("companies", "name")
    assert list(companies) == ["Acme"]
    b2b = world.by("contacts", "email")["b2b@example.com"]["id"]
    assert world.assoc("contacts", [b2b], "companies").get(b2b) == [companies["Acme"]["id"]]
    # O2/O3: orders keyed by store + id, staged from their Shopify status, contact only with an email
    orders = world.by("orders", "hs_external_order_id", "hs_pipeline", "hs_pipeline_stage", "hs_source_store",
                      "hs_order_name")
    assert set(orders) == {str(paid["id"]), str(guest["id"])}
    assert orders[str(paid["id"])]["properties"]["hs_pipeline_stage"] == names.ORDER_STAGE_PROCESSED
    assert orders[str(guest["id"])]["properties"]["hs_pipeline_stage"] == names.ORDER_STAGE_OPEN
    assert orders[str(paid["id"])]["properties"]["hs_source_store"] == "harness-shop"
    paid_id, guest_id = orders[str(paid["id"])]["id"], orders[str(guest["id"])]["id"]
    assert world.assoc("orders", [paid_id], "contacts").get(paid_id) == [b2b]
    assert not world.assoc("orders", [guest_id], "contacts").get(guest_id)
    assert len(world.assoc("orders", [paid_id], "line_items").get(paid_id, [])) == 1
    assert world.records("deals") == []                                  # no deals in this mode
    # P5/data-sync products: no ip__shopify__ fields, matched by name
    assert set(world.by("products", "name")) == {"Cap"}

    # O6: the abandoned checkout is a cart with its contact and line items; a removed line goes
    carts = world.by("carts", "hs_external_cart_id", "hs_cart_url")
    cart = carts[checkout["token"]]
    assert cart["properties"]["hs_cart_url"] == checkout["abandoned_checkout_url"]
    assert world.assoc("carts", [cart["id"]], "contacts").get(cart["id"])
    assert len(world.assoc("carts", [cart["id"]], "line_items")[cart["id"]]) == 2
    world.advance(minutes=1)
    world.shopper().update(checkout["token"], {"line_items": [
        {"variant_id": black, "quantity": 1}]})
    connector.sync()
    assert len(world.assoc("carts", [cart["id"]], "line_items")[cart["id"]]) == 1

    # O2: a completed checkout's order is associated with its cart
    world.advance(minutes=1)
    world.shopper().complete(checkout["token"])
    connector.sync()
    done = world.by("orders", "hs_external_cart_id")[checkout["token"]]
    assert world.assoc("orders", [done["id"]], "carts").get(done["id"]) == [cart["id"]]

    # O4: a HubSpot-side edit of an order is overwritten at its next sync
    world.hubspot.request("PATCH", f"/crm/v3/objects/orders/{paid_id}",
                          json={"properties": {"hs_pipeline_stage": names.ORDER_STAGE_CANCELLED}})
    world.advance(minutes=1)
    world.shop("PUT", f"orders/{paid['id']}", {"order": {"id": paid["id"], "note": "gift"}})
    connector.sync()
    again = world.hubspot.batch_read("orders", [paid_id], ["hs_pipeline_stage", "hs_order_note"])[0]["properties"]
    assert again["hs_pipeline_stage"] == names.ORDER_STAGE_PROCESSED and again["hs_order_note"] == "gift"

    # O5: turning order sync off and on sends every order again; the duplicates are reported
    before = len(world.records("orders"))
    connector.config.stores[0].objects["orders"] = False
    connector.sync()
    connector.config.stores[0].objects["orders"] = True
    summary = connector.sync()
    assert summary.duplicates == before
    assert len(world.records("orders")) == 2 * before
