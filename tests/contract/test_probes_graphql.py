"""The GraphQL probes' drift: what a real answer must have (no errors, a cost report) and shape drift."""

from __future__ import annotations

from tools.contract.drift import Call
from tools.contract.probes_graphql import GRAPHQL, READS, graphql_drift

COST = {"cost": {"requestedQueryCost": 4, "throttleStatus": {"maximumAvailable": 2000.0,
                                                             "currentlyAvailable": 1996, "restoreRate": 100.0}}}


def call(body: dict, status: int = 200) -> Call:
    return Call("shopify", "graphql shop", "POST", GRAPHQL, status, body)


def test_a_refused_document_and_a_missing_cost_report_are_serious_drift():
    real = call({"errors": [{"message": "Field 'ianaTimezone' doesn't exist on type 'Shop'"}]})
    kinds = {(d.field, d.kind) for d in graphql_drift(real, call({"data": {"shop": {"id": "1"}}, "extensions": COST}))}
    assert ("(errors)", "schema") in kinds and ("extensions.cost.throttleStatus", "schema") in kinds


def test_fields_only_one_side_has_and_type_changes_are_reported():
    mock = call({"data": {"shop": {"id": "gid://shopify/Shop/1", "name": "A"}}, "extensions": COST})
    real = call({"data": {"shop": {"id": "gid://shopify/Shop/1", "name": 5, "plan": "x"}}, "extensions": COST})
    drifts = {(d.field, d.kind) for d in graphql_drift(real, mock)}
    assert drifts == {("shop.name", "type"), ("shop.plan", "only-real")}
    assert graphql_drift(mock, mock) == []


def test_the_probe_sends_every_read_the_connector_makes():
    documents = "\n".join(document for document, _ in READS.values())
    for root in ("shop", "customers(", "products(", "orders(", "abandonedCheckouts(", "events(", "nodes(",
                 "webhookSubscriptions("):
        assert root in documents, root
