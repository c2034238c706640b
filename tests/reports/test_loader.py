"""Loading through the HubSpot API: the search-cap split, then the whole read path over HTTP."""

from decimal import Decimal

import pytest

from connector.clients.hubspot import HubSpotClient
from connector.reporting.api import ApiReader
from connector.reporting.config import ReportConfig
from connector.reporting.figures import compute_all
from connector.reporting.loader import load, search_all
from connector.workflows import compute_workflows
from mocks.core.server import serve
from tests.reports import seed
from tests.reports.factory import at
from tests.reports.hubspot_stub import TOKEN, create_stub


class CappedSearch:
    """Search over numbered records in id order that fails past ``cap`` results, like HubSpot."""

    def __init__(self, count: int, cap: int) -> None:
        self.ids = [str(n) for n in range(1, count + 1)]
        self.cap = cap
        self.searches = 0

    def search(self, object_type, *, filter_groups=(), properties=(), sorts=None):
        self.searches += 1
        above = [int(f["value"]) for g in filter_groups for f in g["filters"] if f["propertyName"] == "hs_object_id"]
        for served, record_id in enumerate(i for i in self.ids if int(i) > max(above, default=0)):
            if served >= self.cap:
                raise AssertionError("read past the search cap")
            yield {"id": record_id}


@pytest.mark.parametrize("count", [0, 3, 4, 5, 9])
def test_search_all_restarts_above_the_last_id_at_the_cap(count):
    client = CappedSearch(count, cap=4)
    assert [r["id"] for r in search_all(client, "deals", [], [], cap=4)] == client.ids
    assert client.searches == count // 4 + 1


@pytest.fixture(params=["connector-client", "own-reader"])
def loaded(request):
    app = create_stub(seed.PIPELINES, seed.DEALS, seed.CONTACTS, seed.DEAL_CONTACTS, cap=4)
    with serve(app) as server:
        if request.param == "connector-client":
            client = HubSpotClient(server.url, TOKEN, sleep=lambda s: None)
        else:
            client = ApiReader(server.url, TOKEN, sleep=lambda s: None)
        yield load(client, at("2024-05-15T12:00:00"), search_cap=4)


def test_load_reads_only_ecommerce_pipeline_deals_with_their_contacts(loaded):
    assert loaded.pipeline_id == seed.ECOM_PIPELINE
    assert [d.id for d in loaded.deals] == ["1", "2", "3", "4", "5", "6", "7", "9", "11"]  # 8 is in Sales
    by_id = {d.id: d for d in loaded.deals}
    assert by_id["4"].contact_id == "102" and by_id["6"].contact_id is None
    assert by_id["4"].entered["checkout_abandoned"] == at("2024-05-06T00:00:00")
    assert loaded.contacts["103"].email is None and loaded.contacts["102"].source == "OFFLINE"


def test_reports_from_the_api_match_the_hand_worked_figures(loaded):
    doc = compute_all(loaded, "this_month", at("2024-05-15T12:00:00"), ReportConfig(goal=Decimal("100")))
    r = doc["reports"]
    stages = {s["stage"]: (s["count"], s["amount"]) for s in r["R1"]["stages"]}
    assert stages["processed"] == (3, {"EUR": "40.00", "USD": "40.00"})
    assert (r["R1"]["count"], r["R1"]["amount"]) == (6, {"EUR": "55.00", "USD": "95.00"})
    assert (r["R2"]["count"], r["R2"]["amount"]) == (3, {"EUR": "40.00", "USD": "40.00"})
    assert (r["R3"]["new"]["amount"], r["R3"]["existing"]["amount"], r["R3"]["no_contact"]["amount"]) == (
        {"EUR": "40.00"}, {"USD": "30.00"}, {"USD": "10.00"})
    assert [(s["source"], s["amount"]) for s in r["R4"]["sources"]] == [
        ("OFFLINE", {"EUR": "40.00"}), ("ORGANIC_SEARCH", {"USD": "50.00"}),
        ("PAID_SOCIAL", {"USD": "12.00"}), ("Unknown", {"USD": "10.00"})]
    assert (r["R6"]["won"], r["R6"]["progress"], r["R6"]["remaining"]) == (
        {"EUR": "40.00", "USD": "40.00"}, "0.4000", "60.00")
    assert (r["R7"]["this_month_contacts"], r["R7"]["last_month_contacts"]) == (["102"], ["101"])
    assert (r["R8"]["abandoned"]["count"], r["R8"]["recovered"]["count"], r["R8"]["rate"]) == (3, 1, "0.3333")


def test_workflows_from_the_api(loaded):
    flows = compute_workflows(loaded, at("2024-05-15T12:00:00"))["workflows"]
    assert [(e["object_id"], e["enrolled_at"]) for e in flows["W1"]["enrollments"]] == [
        ("11", "2024-01-05T00:00:00Z"), ("2", "2024-04-11T00:00:00Z"), ("4", "2024-05-07T00:00:00Z")]
    assert [(e["object_id"], e["unenrolled_at"]) for e in flows["W2"]["enrollments"]] == [
        ("3", None), ("4", "2024-05-07T00:00:00Z")]  # deal 5's contact has no email
    assert [(e["object_id"], e["enrolled_at"]) for e in flows["W3"]["enrollments"]] == [
        ("103", "2024-04-04T00:00:00Z")]


def test_an_account_without_the_ecommerce_pipeline_gives_an_empty_dataset():
    app = create_stub(seed.PIPELINES[:1], seed.DEALS, seed.CONTACTS, seed.DEAL_CONTACTS)
    with serve(app) as server:
        data = load(ApiReader(server.url, TOKEN))
    assert data.deals == () and data.pipeline_id == ""
