"""One deal per checkout whichever API saw it first (engine/checkout_ids.py): GraphQL has no checkout
token, webhooks (REST-shaped) carry it; the key first used for a checkout id is kept (D5)."""

from __future__ import annotations

from connector import names
from tests.connector.conftest import product


def deals(world) -> dict[str, dict]:
    return world.by("deals", names.DEAL_KEY, "dealstage", "amount")


def test_a_checkout_first_read_by_a_graphql_pass_keeps_its_deal_through_webhooks_and_its_order(world):
    tee = world.shop("POST", "products", product("Tee", ("S", "20.00")))["product"]["variants"][0]["id"]
    cart = world.shopper().start_checkout({"email": "ada@example.com", "line_items": [{"variant_id": tee,
                                                                                      "quantity": 1}]})
    connector = world.connector()
    assert connector.sync().errors == 0  # initial import through GraphQL: no token, keyed by the id
    assert list(deals(world)) == [f"harness-shop:checkout:{cart['id']}"]
    connector.config.webhook_base_url = world.receiver(connector)
    connector.setup()
    world.advance(minutes=5)
    world.shopper().update(cart["token"], {"line_items": [{"variant_id": tee, "quantity": 2}]})
    world.deliver()  # checkouts/update: REST-shaped, with the token, applied to the same deal
    assert {k: v["properties"]["amount"] for k, v in deals(world).items()} == {
        f"harness-shop:checkout:{cart['id']}": "40.00"}
    world.advance(minutes=5)
    world.shopper().complete(cart["token"])
    world.deliver()  # orders/create names the checkout by id and token: the same deal moves on (D5)
    assert len(deals(world)) == 1
    assert connector.sync().errors == 0 and len(deals(world)) == 1  # and a pass changes nothing


def test_a_checkout_first_seen_by_webhook_is_not_doubled_by_a_graphql_pass(world):
    connector = world.connector()
    connector.config.webhook_base_url = world.receiver(connector)
    connector.sync()
    tee = world.shop("POST", "products", product("Tee", ("S", "20.00")))["product"]["variants"][0]["id"]
    cart = world.shopper().start_checkout({"email": "bo@example.com", "line_items": [{"variant_id": tee,
                                                                                     "quantity": 1}]})
    world.deliver()
    assert list(deals(world)) == [f"harness-shop:checkout:{cart['token']}"]
    world.advance(minutes=2)
    summary = connector.sync()  # the pass reads it through GraphQL (no token): mapped to the token key
    assert summary.errors == 0, summary.text()
    assert list(deals(world)) == [f"harness-shop:checkout:{cart['token']}"]
