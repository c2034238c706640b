"""W1-W3 enrollment on hand-built data, on the clock ``now``."""

from connector.reporting.config import ReportConfig
from connector.workflows import compute_workflows, w1_new_customer, w2_abandoned_cart, w3_reengagement
from tests.reports.factory import at, contact, dataset, deal

NOW = at("2024-05-15T12:00:00")
CONFIG = ReportConfig()


def _brief(enrollments):
    return [(e.object_id, e.contact_id, e.enrolled_at, e.unenrolled_at) for e in enrollments]


def test_w1_enrolls_each_contacts_first_won_deal_once_at_its_won_time():
    data = dataset([
        deal("1", "cancelled", "5", closed="2024-05-01T00:00:00", contact="A"),  # cancelled: not won
        deal("2", "processed", "5", closed="2024-05-02T00:00:00", contact="A",
             entered={"checkout_completed": "2024-05-02T09:00:00", "processed": "2024-05-02T10:00:00"}),
        deal("3", "shipped", "5", closed="2024-05-05T00:00:00", contact="A"),  # second win: no enrollment
        deal("4", "processed", "5", closed="2024-05-16T00:00:00", contact="B"),  # won after now
        deal("5", "processed", "5", closed="2024-05-03T00:00:00"),  # guest: nobody to enroll
    ], [contact("A"), contact("B")])
    assert _brief(w1_new_customer(data, NOW, CONFIG)) == [("2", "A", at("2024-05-02T09:00:00"), None)]
    assert _brief(w1_new_customer(data, at("2024-05-16T00:00:00"), CONFIG))[1][:3] == (
        "4", "B", at("2024-05-16T00:00:00"))


def test_w1_follows_the_configured_won_stages():
    data = dataset([
        deal("1", "checkout_completed", "5", closed="2024-05-01T00:00:00", contact="A"),
        deal("2", "shipped", "5", closed="2024-05-04T00:00:00", contact="A"),
    ], [contact("A")])
    assert [e.object_id for e in w1_new_customer(data, NOW, CONFIG)] == ["1"]
    strict = ReportConfig(won_stages=frozenset({"processed", "shipped"}))
    assert [e.object_id for e in w1_new_customer(data, NOW, strict)] == ["2"]


def test_w2_enrolls_abandoned_deals_with_an_emailed_contact_and_unenrolls_when_won():
    data = dataset([
        deal("1", "checkout_abandoned", "5", contact="A", entered={"checkout_abandoned": "2024-05-02T00:00:00"}),
        deal("2", "processed", "5", contact="A", entered={"checkout_abandoned": "2024-05-03T00:00:00",
                                                          "processed": "2024-05-04T08:00:00"}),
        deal("3", "cancelled", "5", contact="A", entered={"checkout_abandoned": "2024-05-05T00:00:00",
                                                          "cancelled": "2024-05-06T00:00:00"}),
        deal("4", "checkout_abandoned", "5", entered={"checkout_abandoned": "2024-05-02T00:00:00"}),  # guest
        deal("5", "checkout_abandoned", "5", contact="N", entered={"checkout_abandoned": "2024-05-02T00:00:00"}),
        deal("6", "checkout_abandoned", "5", contact="A", entered={"checkout_abandoned": "2024-05-15T12:00:01"}),
        deal("7", "checkout_pending", "5", contact="A"),
    ], [contact("A"), contact("N", email="")])
    flows = w2_abandoned_cart(data, NOW, CONFIG)
    assert _brief(flows) == [
        ("1", "A", at("2024-05-02T00:00:00"), None),
        ("2", "A", at("2024-05-03T00:00:00"), at("2024-05-04T08:00:00")),
        ("3", "A", at("2024-05-05T00:00:00"), None),  # cancelled is not won: stays enrolled
    ]
    assert flows[1].unenroll_reason == "deal won (stage processed)"


def test_w2_unenrollment_waits_for_the_won_time():
    data = dataset([deal("2", "processed", "5", contact="A", entered={
        "checkout_abandoned": "2024-05-03T00:00:00", "processed": "2024-05-04T08:00:00"})], [contact("A")])
    assert w2_abandoned_cart(data, at("2024-05-04T07:59:59"), CONFIG)[0].unenrolled_at is None


def test_w3_enrolls_contacts_whose_last_win_is_more_than_n_days_old():
    data = dataset([
        deal("1", "processed", "5", closed="2024-02-14T11:59:59", contact="A"),  # 90 days + 1 s before now
        deal("2", "processed", "5", closed="2024-02-15T12:00:00", contact="B"),  # exactly 90 days: not more
        deal("3", "processed", "5", closed="2023-01-01T00:00:00", contact="C"),
        deal("4", "shipped", "5", closed="2024-05-01T00:00:00", contact="C"),  # C bought recently
        deal("5", "cancelled", "5", closed="2024-05-01T00:00:00", contact="D"),
        deal("6", "processed", "5", closed="2024-01-01T00:00:00", contact="D"),  # cancel is no purchase
    ], [contact(c) for c in "ABCD"])
    flows = w3_reengagement(data, NOW, CONFIG)
    assert [(e.object_type, e.object_id, e.enrolled_at) for e in flows] == [
        ("contact", "D", at("2024-03-31T00:00:00")),
        ("contact", "A", at("2024-05-14T11:59:59")),
    ]
    short = w3_reengagement(data, NOW, ReportConfig(reengage_days=10))
    assert [e.object_id for e in short] == ["D", "A", "B", "C"]


def test_compute_workflows_is_json_ready():
    data = dataset([deal("1", "processed", "5", closed="2024-01-01T00:00:00", contact="A",
                         entered={"checkout_abandoned": "2023-12-31T00:00:00", "processed": "2024-01-01T00:00:00"})],
                   [contact("A")])
    doc = compute_workflows(data, NOW, ReportConfig(reengage_days=30))
    assert doc["reengage_days"] == 30
    assert doc["workflows"]["W1"]["enrollments"][0]["enrolled_at"] == "2024-01-01T00:00:00Z"
    assert doc["workflows"]["W2"]["enrolled"] == 1 and doc["workflows"]["W2"]["active"] == 0
    assert doc["workflows"]["W3"]["enrollments"][0]["enrolled_at"] == "2024-01-31T00:00:00Z"
