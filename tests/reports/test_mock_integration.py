"""Reports and workflows read through the public API from the HubSpot mock.

The account is built through the API on a simulated clock, so the mock itself stamps createdate and
the ``hs_(v2_)date_entered_<stage>`` times the reports rely on.
"""

import json

import pytest

from connector import names
from connector.clients.hubspot import HubSpotClient
from connector.reporting.cli import main
from connector.reporting.figures import compute_all
from connector.reporting.loader import load
from connector.workflows import compute_workflows
from mocks.core.clock import Clock
from mocks.core.server import serve
from mocks.hubspot import DEFAULT_TOKEN, HubSpotConfig, create_app
from tests.reports.factory import at

NOW = "2024-05-15T12:00:00Z"


class Account:
    """Drive the mock like the connector would: pipeline, property, contacts, deals, stage moves."""

    def __init__(self, client: HubSpotClient, clock: Clock) -> None:
        self.client, self.clock = client, clock
        stages = [{"id": sid, "label": label, "displayOrder": i, "metadata": {"probability": p}}
                  for i, (sid, label, p) in enumerate(names.ECOMMERCE_STAGES)]
        self.pipeline = self.post("/crm/v3/pipelines/deals", {"label": names.ECOMMERCE_PIPELINE_LABEL,
                                                              "displayOrder": 1, "stages": stages})["id"]
        self.post("/crm/v3/properties/deals/groups", {"name": names.PROPERTY_GROUP, "label": "Ecommerce"})
        self.post("/crm/v3/properties/deals", {
            "name": names.ECOMM_SYNCED, "label": "EComm Synced", "type": "enumeration",
            "fieldType": "booleancheckbox", "groupName": names.PROPERTY_GROUP,
            "options": [{"label": "Yes", "value": "true"}, {"label": "No", "value": "false"}]})

    def post(self, path: str, body: dict) -> dict:
        return self.client.request("POST", path, json=body).json()

    def contact(self, email: str, source: str) -> str:
        return self.post("/crm/v3/objects/contacts", {"properties": {"email": email, names.SOURCE: source}})["id"]

    def deal(self, when: str, stage: str, amount: str, currency: str, contact: str | None = None,
             synced: bool = True, **extra: str) -> str:
        self.clock.set(when)
        props = {"dealname": "order", "pipeline": self.pipeline, "dealstage": stage, "amount": amount,
                 names.DEAL_CURRENCY_CODE: currency, names.ECOMM_SYNCED: "true" if synced else "false", **extra}
        links = [{"to": {"id": contact}, "types": [{"associationCategory": "HUBSPOT_DEFINED",
                                                     "associationTypeId": names.DEAL_TO_CONTACT}]}] if contact else []
        return self.post("/crm/v3/objects/deals", {"properties": props, "associations": links})["id"]

    def move(self, deal_id: str, when: str, stage: str, **extra: str) -> None:
        self.clock.set(when)
        self.client.request("PATCH", f"/crm/v3/objects/deals/{deal_id}",
                            json={"properties": {"dealstage": stage, **extra}})


@pytest.fixture(scope="module")
def mock_account():
    clock = Clock.simulated("2024-04-30T00:00:00Z")
    with serve(create_app(HubSpotConfig(clock=clock, rate_limit=False))) as server:
        account = Account(HubSpotClient(server.url, DEFAULT_TOKEN, sleep=lambda s: None), clock)
        ann, bob = account.contact("ann@example.com", "ORGANIC_SEARCH"), account.contact("bob@example.com", "OFFLINE")
        ids = {
            "april": account.deal("2024-04-30T23:59:59Z", "processed", "100", "USD", ann,
                                  closedate="2024-04-30T23:59:59Z"),
            "recovered": account.deal("2024-05-01T00:00:00Z", "checkout_pending", "20", "EUR", bob),
            "repeat": account.deal("2024-05-03T00:00:00Z", "processed", "30", "USD", ann,
                                   closedate="2024-05-03T00:00:00Z"),
            "guest": account.deal("2024-05-03T00:00:00Z", "checkout_pending", "10", "USD"),
            "foreign": account.deal("2024-05-04T00:00:00Z", "shipped", "7", "USD", ann, synced=False,
                                    closedate="2024-05-04T00:00:00Z"),
        }
        account.move(ids["recovered"], "2024-05-02T00:00:00Z", "checkout_abandoned")
        account.move(ids["recovered"], "2024-05-02T06:00:00Z", "processed", closedate="2024-05-02T06:00:00Z")
        account.move(ids["guest"], "2024-05-04T00:00:00Z", "checkout_abandoned")
        account.move(ids["guest"], "2024-05-05T00:00:00Z", "cancelled")
        clock.set(NOW)
        yield server.url, account.client, ids, {"ann": ann, "bob": bob}


def test_reports_read_from_the_mock(mock_account):
    _, client, ids, people = mock_account
    r = compute_all(load(client, at("2024-05-15T12:00:00")), "this_month", at("2024-05-15T12:00:00"))["reports"]
    stages = {s["stage"]: (s["count"], s["amount"]) for s in r["R1"]["stages"]}
    assert stages["processed"] == (2, {"EUR": "20.00", "USD": "30.00"})
    assert stages["cancelled"] == (1, {"USD": "10.00"}) and r["R1"]["count"] == 3
    assert [(d["day"], d["amount"]) for d in r["R2"]["days"]] == [
        ("2024-05-02", {"EUR": "20.00"}), ("2024-05-03", {"USD": "30.00"})]
    assert (r["R3"]["new"]["amount"], r["R3"]["existing"]["amount"]) == ({"EUR": "20.00"}, {"USD": "30.00"})
    assert [(s["source"], s["amount"]) for s in r["R4"]["sources"]] == [
        ("OFFLINE", {"EUR": "20.00"}), ("ORGANIC_SEARCH", {"USD": "130.00"})]
    assert (r["R7"]["this_month_contacts"], r["R7"]["last_month_contacts"]) == ([people["bob"]], [people["ann"]])
    assert (r["R8"]["abandoned"]["amount"], r["R8"]["recovered_ids"], r["R8"]["rate"]) == (
        {"EUR": "20.00", "USD": "10.00"}, [ids["recovered"]], "0.5000")


def test_workflows_read_from_the_mock(mock_account):
    _, client, ids, people = mock_account
    flows = compute_workflows(load(client), at("2024-05-15T12:00:00"))["workflows"]
    assert [(e["object_id"], e["enrolled_at"]) for e in flows["W1"]["enrollments"]] == [
        (ids["april"], "2024-04-30T23:59:59Z"), (ids["recovered"], "2024-05-02T06:00:00Z")]
    assert [(e["object_id"], e["contact_id"], e["enrolled_at"], e["unenrolled_at"])
            for e in flows["W2"]["enrollments"]] == [
        (ids["recovered"], people["bob"], "2024-05-02T00:00:00Z", "2024-05-02T06:00:00Z")]  # guest: no email


def test_cli_json_against_the_mock(mock_account, capsys):
    url = mock_account[0]
    assert main(["report", "--hubspot", url, "--hubspot-token", DEFAULT_TOKEN, "--json", "--now", NOW,
                 "--period", "last_month"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["reports"]["R2"]["amount"] == {"USD": "100.00"}  # April: the last-second deal
