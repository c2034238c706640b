"""The live and sandbox targets, each against mock processes started with ``python -m mocks`` (MockPair.spawn)."""

import pytest

from mocks.harness import AdminClient, MockPair
from scenarios.loader import load_file, load_text
from scenarios.runner import run_scenario
from scenarios.targets.live import LiveTarget
from scenarios.targets.sandbox import SandboxTarget

TIMING = """\
name: A checkout is abandoned at 24h (live clock through /__admin/clock)
rules: [D4]
given:
  - create product: {title: Tee, price: 20}
    as: tee
steps:
  - connect
  - create checkout: {email: bo@example.com, lines: [{product: tee}]}
    as: cart
  - deliver webhooks
  - advance: 23h59m
  - run timers
  - expect:
      deal cart: {dealstage: checkout_pending}
  - advance: 1m
  - run timers
  - expect:
      deal cart: {dealstage: checkout_abandoned, contact: bo@example.com}
"""


@pytest.fixture(scope="module")
def live():
    with LiveTarget() as target:
        yield target


def test_live_target_drives_the_clock_of_both_mock_processes(live):
    outcome = run_scenario(load_text(TIMING, "timing.yaml"), live)
    assert outcome.status == "passed", outcome.describe()


def test_live_target_reports_a_wrong_expectation(live):
    outcome = run_scenario(load_text(TIMING.replace("dealstage: checkout_pending", "dealstage: shipped"),
                                     "timing.yaml"), live)
    assert outcome.status == "failed" and "expected: 'shipped'" in outcome.describe()
    assert "actual:   'checkout_pending'" in outcome.describe()


@pytest.fixture(scope="module")
def sandbox():
    """A "sandbox" that is really a second pair of mock processes on the real clock."""
    with MockPair.spawn(mode="running", rate_limit=False) as pair:
        env = {**pair.env(), "SHOPIFY_STORE": pair.credentials.shopify_store}
        yield SandboxTarget.from_env(env, run_tag="t1")


def test_sandbox_runs_a_scenario_with_tagged_records(sandbox, request):
    library = request.config.rootpath / "scenarios"
    outcome = run_scenario(load_file(library / "contacts" / "contact_fields_synced.yaml"), sandbox)
    assert outcome.status == "passed", outcome.describe()
    # A file run again on other targets: each scenario run has its own tag (emails and phones would
    # collide on Shopify otherwise), and every run deletes what it made.
    scenario = load_file(library / "contacts" / "initial_import_source_is_offline.yaml")
    for tag in ("t2", "t3"):
        again = SandboxTarget(sandbox.store, sandbox.shopify_url, sandbox.shopify_token, sandbox.hubspot_url,
                              sandbox.hubspot_token, run_tag=tag)
        outcome = run_scenario(scenario, again)
        assert outcome.status == "passed", outcome.describe()


def test_sandbox_skips_scenarios_that_need_the_clock_or_two_stores(sandbox, request):
    library = request.config.rootpath / "scenarios"
    timing = run_scenario(load_text(TIMING, "timing.yaml"), sandbox)
    # Its first step a sandbox cannot run is the shopper's checkout (no app can create one on a real
    # store since the Checkout API was shut off); the clock step comes after it.
    assert timing.status == "skipped" and "(create checkout:" in timing.message
    untimed = run_scenario(load_text(TIMING.replace("create checkout", "create order").replace(
        "deal cart: {dealstage: checkout_pending}", "deal cart: {}"), "timing.yaml"), sandbox)
    assert untimed.status == "skipped" and "advance: 23h59m" in untimed.message
    stores = run_scenario(load_file(library / "multistore" / "same_email_in_two_stores_is_one_contact.yaml"), sandbox)
    assert stores.status == "skipped" and "one store" in stores.message


FAILING = """\
name: A failing sandbox run still deletes what it made
rules: [C8]
given:
  - create product: {title: Tee, price: 20}
    as: tee
  - create customer: {email: ada@example.com, first_name: Ada, phone: "+16135550101"}
    as: ada
  - create customer: {email: bo@example.com, first_name: Bo}
steps:
  - create order: {customer: ada, lines: [{product: tee}]}
    as: o1
  - create order: {email: bo@example.com, lines: [{product: tee}]}
  - sync
  - expect:
      counts: {contacts: 2, deals: 2, products: 1}
      deal o1: {dealname: "#1001", line_items: [{name: Tee}]}
      contact ada@example.com: {phone: "+16135550101", firstname: Augusta}
"""


def _live(url: str) -> list[str]:
    admin = AdminClient(url)
    state = admin.state()
    admin.close()
    live = [f"{kind}: {r}" for shop in (state.get("shops") or {}).values()
            for kind in ("customers", "products", "orders", "webhooks", "script_tags") for r in shop.get(kind) or []]
    live += [f"open checkout: {c}" for shop in (state.get("shops") or {}).values() for c in shop.get("checkouts") or []
             if not c.get("completed_at") and (c.get("email") or c.get("line_items"))]
    return live + [f"{t}: {r}" for t, g in (state.get("objects") or {}).items() for r in g.get("records") or []]


def test_a_failed_sandbox_run_is_cleaned_up_and_only_its_own_records_count(sandbox):
    outcome = run_scenario(load_text(FAILING, "failing.yaml"), sandbox)
    # Only the readable values differ: counts are this run's records, "#1001" is its first order,
    # "Tee" its tagged product, the phone its tagged phone; the one wrong expectation is reported.
    assert outcome.status == "failed", outcome.describe()
    assert [(m.subject, m.field) for m in outcome.mismatches] == [("contact ada@example.com", "firstname")]
    assert _live(sandbox.shopify_url) == [] and _live(sandbox.hubspot_url) == []


def test_sandbox_skips_an_expectation_a_shared_account_cannot_meet(sandbox, request):
    library = request.config.rootpath / "scenarios"
    outcome = run_scenario(load_file(library / "setup" / "pipeline_and_properties_created_once.yaml"), sandbox)
    assert outcome.status == "skipped" and "needs a HubSpot account the connector never set up" in outcome.message


def test_sandbox_needs_credentials():
    with pytest.raises(RuntimeError, match="SHOPIFY_TOKEN, HUBSPOT_TOKEN"):
        SandboxTarget.from_env({"SHOPIFY_STORE": "x"})
