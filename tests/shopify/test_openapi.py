"""/openapi.json describes what the mock returns: real responses validate against it and every real route is
in it. (Fuzzing every operation is tests/fidelity/test_schemathesis.py.)"""

from __future__ import annotations

import requests
import schemathesis

from mocks.core import Clock
from mocks.shopify import ShopifyConfig, create_app

from .conftest import Receiver


def test_spec_is_served_without_auth_and_documents_auth(mock):
    spec = requests.get(mock.url + "/openapi.json", timeout=10).json()
    assert spec["openapi"].startswith("3.1")
    assert spec["components"]["securitySchemes"]["AccessToken"] == {
        "type": "apiKey", "in": "header", "name": "X-Shopify-Access-Token"}
    links = spec["paths"]["/admin/api/2026-10/customers.json"]["post"]["responses"]["201"]["links"]
    assert {link["operationId"] for link in links.values()} == {"getCustomer", "deleteCustomer"}


def test_real_responses_match_the_spec(mock):
    spec = requests.get(mock.url + "/openapi.json", timeout=10).json()
    schema = schemathesis.openapi.from_dict(spec)
    p = "/admin/api/2026-10"

    def check(path: str, method: str, response: requests.Response) -> None:
        schema[p + path][method].validate_response(response)

    product = mock.post("/products.json", {"product": {"title": "Lamp", "variants": [{"price": "5"}]}})
    check("/products.json", "POST", product)
    variant_id = product.json()["product"]["variants"][0]["id"]
    customer = mock.post("/customers.json", {"customer": {"email": "v@example.com", "addresses": [{"city": "X"}]}})
    check("/customers.json", "POST", customer)
    cid = customer.json()["customer"]["id"]
    order = mock.post("/orders.json", {"order": {"customer": {"id": cid},
                                                 "line_items": [{"variant_id": variant_id, "quantity": 1}]}})
    check("/orders.json", "POST", order)
    oid = order.json()["order"]["id"]
    mock.shopper().start_checkout({"email": "v@example.com", "line_items": [{"variant_id": variant_id}]})
    hook = mock.post("/webhooks.json", {"webhook": {"topic": "orders/create", "address": "https://e.x/h"}})
    check("/webhooks.json", "POST", hook)
    tag = mock.post("/script_tags.json", {"script_tag": {"event": "onload", "src": "https://e.x/a.js"}})
    check("/script_tags.json", "POST", tag)
    gets = [("/shop.json", "/shop.json"), ("/customers.json", "/customers.json"),
            ("/customers/count.json", "/customers/count.json"), ("/customers/{customer_id}.json", f"/customers/{cid}.json"),
            ("/customers/search.json", "/customers/search.json?query=email:v@example.com"),
            ("/customers/{customer_id}/orders.json", f"/customers/{cid}/orders.json"),
            ("/products.json", "/products.json"), ("/orders.json", "/orders.json"),
            ("/orders/{order_id}.json", f"/orders/{oid}.json"), ("/checkouts.json", "/checkouts.json"),
            ("/webhooks.json", "/webhooks.json"), ("/script_tags.json", "/script_tags.json"),
            ("/events.json", "/events.json"), ("/customers/{customer_id}.json", "/customers/999.json")]
    for template, path in gets:
        check(template, "GET", mock.get(path))
    check("/orders/{order_id}/fulfillments.json", "POST", mock.post(f"/orders/{oid}/fulfillments.json", {}))
    check("/orders/{order_id}/cancel.json", "POST", mock.post(f"/orders/{oid}/cancel.json", {}))
    check("/customers.json", "POST", mock.post("/customers.json", {"customer": {"email": "v@example.com"}}))
    check("/customers/{customer_id}.json", "DELETE", mock.delete(f"/customers/{cid}.json"))
    check("/shop.json", "GET", mock.get("/shop.json", token="shpat_wrong"))


def _fuzz_app():
    config = ShopifyConfig(clock=Clock.simulated("2024-03-01T00:00:00Z"), rate_limit=False,
                           webhook_transport=Receiver())
    return create_app(config)


def test_spec_covers_every_registered_real_route():
    app = _fuzz_app()
    spec_paths = {p.replace("{", "<").replace("}", ">") for p in app.test_client().get("/openapi.json").json["paths"]}
    real = {rule.rule.replace("<version>", "2026-10").replace("int:", "") for rule in app.url_map.iter_rules()
            if rule.rule.startswith("/admin/api/<version>") and not rule.endpoint.startswith("shopify_unimplemented")
            and ".shut_off_" not in rule.endpoint}  # the shut-off Checkout API answers 404, like any unknown path
    assert "/admin/api/2026-10/customers/<customer_id>.json" in real
    assert real - spec_paths == set()
