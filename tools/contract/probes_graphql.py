"""Probes of the GraphQL Admin endpoint: the connector's own documents (connector/shopify_gql/queries.py)
sent to a real store and to a mock, and the drift between the answers.

A document the real API refuses (an ``errors`` list: a field it does not have, an access it does not
grant) is serious drift; so is an answer without ``extensions.cost.throttleStatus`` (the connector paces
on it). Field paths only one side has are reported like the REST probes' (an empty list on one side
hides its fields: a store without abandoned checkouts shows them as ``only-mock``). The probe makes a
tagged product and deletes it first (so the event log has a deletion to show, on both sides), and
makes one webhook subscription, to a tagged address, and deletes it before it returns.
"""

from __future__ import annotations

from typing import Any

from connector.shopify_gql import queries
from tools.contract.drift import Call, Drift, shape
from tools.contract.probes import SHOPIFY_API, Api

GRAPHQL = f"{SHOPIFY_API}/graphql.json"
PAGE = {"first": 3, "after": None}
# step -> (document, variables): every read the connector makes
READS: dict[str, tuple[str, dict]] = {
    "graphql shop": (queries.SHOP, {}),
    "graphql customers page": (queries.page_query("customers"), {**PAGE, "sortKey": "ID", "query": None}),
    "graphql products page": (queries.page_query("products"), {**PAGE, "sortKey": "ID", "query": None}),
    "graphql orders page": (queries.page_query("orders"), {**PAGE, "sortKey": "ID", "query": None}),
    "graphql abandoned checkouts page": (queries.page_query("checkouts"), {**PAGE, "sortKey": "ID", "query": None}),
    "graphql customers updated since": (queries.page_query("customers"),
                                        {**PAGE, "sortKey": "ID", "query": "updated_at:>='2026-01-01T00:00:00Z'"}),
    "graphql deletion events": (queries.EVENTS, {"first": 3, "after": None,
                                                  "query": "action:destroy subject_type:PRODUCT"}),
    "graphql nodes": (queries.nodes_query("products"), {"ids": ["gid://shopify/Product/1"]}),
    "graphql webhook subscriptions": (queries.WEBHOOKS, {"first": 3, "after": None, "uri": None}),
    "graphql script tags": (queries.SCRIPT_TAGS, {"src": None}),
}


def _post(api: Api, step: str, document: str, variables: dict) -> Call:
    return api.call(step, "POST", GRAPHQL, GRAPHQL, {"query": document, "variables": variables})


PRODUCT_CREATE = """mutation($product: ProductCreateInput!) {
  productCreate(product: $product) { product { id } userErrors { field message } } }"""
PRODUCT_DELETE = """mutation($input: ProductDeleteInput!) {
  productDelete(input: $input) { deletedProductId userErrors { field message } } }"""


def graphql_probe(api: Api, tag: str) -> list[Call]:
    """A tagged product made and deleted, every read document, then a webhook subscription made and
    deleted (``uri`` carries the tag)."""
    made = _post(api, "graphql productCreate", PRODUCT_CREATE, {"product": {"title": f"Probe {tag}", "tags": [tag]}})
    product = ((((made.body or {}).get("data") or {}).get("productCreate") or {}).get("product") or {}).get("id")
    if product:
        _post(api, "graphql productDelete", PRODUCT_DELETE, {"input": {"id": product}})
    for step, (document, variables) in READS.items():
        _post(api, step, document, variables)
    made = _post(api, "graphql webhookSubscriptionCreate", queries.WEBHOOK_CREATE, {
        "topic": "CUSTOMERS_UPDATE", "webhookSubscription": {"uri": f"https://{tag}.example.com/hooks",
                                                             "format": "JSON"}})
    payload = ((made.body or {}).get("data") or {}).get("webhookSubscriptionCreate") or {}
    ident = (payload.get("webhookSubscription") or {}).get("id")
    if ident:
        _post(api, "graphql webhookSubscriptionDelete", queries.WEBHOOK_DELETE, {"id": ident})
    return api.calls


def graphql_drift(real: Call, mock: Call | None) -> list[Drift]:
    """Drift of one GraphQL step: the real answer's errors and cost report, then its shape against the mock's."""
    endpoint = f"POST {GRAPHQL} ({real.step})"
    out: list[Drift] = []
    body: Any = real.body if isinstance(real.body, dict) else {}
    if real.status != 200:
        return [Drift(real.service, endpoint, "(status)", "status", str(mock.status if mock else "-"),
                      str(real.status))]
    for error in body.get("errors") or []:
        message = error.get("message") if isinstance(error, dict) else str(error)
        out.append(Drift(real.service, endpoint, "(errors)", "schema", "answered", str(message)[:300]))
    if not ((body.get("extensions") or {}).get("cost") or {}).get("throttleStatus"):
        out.append(Drift(real.service, endpoint, "extensions.cost.throttleStatus", "schema", "present", "missing"))
    if mock is None or not isinstance(mock.body, dict):
        return out
    mine, theirs = shape(mock.body.get("data")), shape(body.get("data"))
    for field in sorted(set(mine) | set(theirs)):
        if field not in mine:
            out.append(Drift(real.service, endpoint, field, "only-real", "-", "|".join(sorted(theirs[field]))))
        elif field not in theirs:
            out.append(Drift(real.service, endpoint, field, "only-mock", "|".join(sorted(mine[field])), "-"))
        elif (mine[field] - {"null"}) and (theirs[field] - {"null"}) and not (mine[field] & theirs[field]):
            out.append(Drift(real.service, endpoint, field, "type", "|".join(sorted(mine[field])),
                             "|".join(sorted(theirs[field]))))
    return out
