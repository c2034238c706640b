"""Building Deals and Contacts from HubSpot API records (pure)."""

from decimal import Decimal

from connector import names
from connector.reporting.model import (
    build_dataset,
    contact_from_record,
    deal_from_record,
    find_ecommerce_pipeline,
)
from tests.reports.factory import at

ECOM = {"id": "777", "label": "Ecommerce Pipeline",
        "stages": [{"id": s, "label": label} for s, label, _ in names.ECOMMERCE_STAGES]}
SALES = {"id": "default", "label": "Sales", "stages": [{"id": "closedwon", "label": "Closed Won"}]}


def test_deal_record_fields_and_stage_times_prefer_v2():
    record = {"id": "5", "properties": {
        "dealstage": "processed", "pipeline": "777", "amount": "19.90", "deal_currency_code": "eur",
        "createdate": "2024-05-01T10:00:00.000Z", "closedate": "2024-05-02T00:00:00Z",
        names.ECOMM_SYNCED: "true",
        "hs_date_entered_checkout_abandoned": "2024-05-01T11:00:00Z",
        "hs_v2_date_entered_checkout_abandoned": "2024-05-01T12:00:00Z",
        "hs_date_entered_processed": "1714608000000",  # epoch milliseconds = 2024-05-02T00:00:00Z
        "hs_date_exited_checkout_abandoned": "2024-05-02T00:00:00Z",
    }}
    deal = deal_from_record(record, contact_id="9")
    assert (deal.id, deal.stage, deal.amount, deal.currency) == ("5", "processed", Decimal("19.90"), "EUR")
    assert deal.createdate == at("2024-05-01T10:00:00") and deal.closedate == at("2024-05-02T00:00:00")
    assert deal.entered == {"checkout_abandoned": at("2024-05-01T12:00:00"), "processed": at("2024-05-02T00:00:00")}
    assert deal.exited == {"checkout_abandoned": at("2024-05-02T00:00:00")}
    assert deal.contact_id == "9" and deal.ecomm_synced and deal.pipeline == "777"


def test_missing_values_default_safely():
    deal = deal_from_record({"id": "6", "properties": {"amount": None, "dealstage": "", "closedate": ""}},
                            default_currency="GBP")
    assert deal.amount == 0 and deal.currency == "GBP" and deal.stage is None and deal.closedate is None
    assert not deal.ecomm_synced


def test_contact_record():
    c = contact_from_record({"id": "9", "properties": {"email": " a@b.co ", names.SOURCE: "PAID_SEARCH"}})
    assert (c.id, c.email, c.source) == ("9", "a@b.co", "PAID_SEARCH")
    assert contact_from_record({"id": "1", "properties": {"email": ""}}).email is None


def test_ecommerce_pipeline_is_the_one_carrying_the_six_stage_ids():
    assert find_ecommerce_pipeline([SALES, ECOM])["id"] == "777"
    partial = {"id": "x", "stages": ECOM["stages"][:5]}
    assert find_ecommerce_pipeline([SALES, partial]) is None


def test_build_dataset_links_known_contacts_only():
    deals = [{"id": "2", "properties": {"pipeline": "777"}}, {"id": "10", "properties": {"pipeline": "777"}}]
    contacts = [{"id": "30", "properties": {"email": "x@y.z"}}, {"id": "4", "properties": {"email": "w@y.z"}}]
    links = {"2": ["30", "4"], "10": ["999"]}
    data = build_dataset(deals, contacts, links, [SALES, ECOM])
    assert data.pipeline_id == "777"
    assert [(d.id, d.contact_id) for d in data.deals] == [("2", "4"), ("10", None)]
