"""The live and sandbox targets, each against mock processes started with ``python -m mocks.<side>``."""

import pytest

from scenarios.loader import load_file, load_text
from scenarios.runner import run_scenario
from scenarios.targets.live import LiveTarget, start_mock
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
    target = LiveTarget()
    yield target
    target.close()


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
    processes, urls = zip(*(start_mock(m, None) for m in ("mocks.shopify", "mocks.hubspot")), strict=True)
    env = {"SHOPIFY_STORE": "harness-shop", "SHOPIFY_TOKEN": "shpat_harness_default",
           "HUBSPOT_TOKEN": "pat-na1-harness-default", "SHOPIFY_URL": urls[0], "HUBSPOT_URL": urls[1]}
    yield SandboxTarget.from_env(env, run_tag="t1")
    for process in processes:
        process.terminate()
        process.wait(timeout=10)


def test_sandbox_runs_a_scenario_with_tagged_records(sandbox, request):
    library = request.config.rootpath / "scenarios"
    outcome = run_scenario(load_file(library / "contacts" / "contact_fields_synced.yaml"), sandbox)
    assert outcome.status == "passed", outcome.describe()
    # A file run twice: the run tag keeps the second run's records apart from the first's (emails
    # would collide on Shopify otherwise). Phone numbers are not tagged: a sandbox rejects repeats.
    scenario = load_file(library / "contacts" / "initial_import_source_is_offline.yaml")
    for tag in ("t2", "t3"):
        again = SandboxTarget(sandbox.store, sandbox.shopify_url, sandbox.shopify_token, sandbox.hubspot_url,
                              sandbox.hubspot_token, run_tag=tag)
        outcome = run_scenario(scenario, again)
        assert outcome.status == "passed", outcome.describe()


def test_sandbox_skips_scenarios_that_need_the_clock_or_two_stores(sandbox, request):
    library = request.config.rootpath / "scenarios"
    timing = run_scenario(load_text(TIMING, "timing.yaml"), sandbox)
    assert timing.status == "skipped" and "advance: 23h59m" in timing.message
    stores = run_scenario(load_file(library / "multistore" / "same_email_in_two_stores_is_one_contact.yaml"), sandbox)
    assert stores.status == "skipped" and "one store" in stores.message


def test_sandbox_needs_credentials():
    with pytest.raises(RuntimeError, match="SHOPIFY_TOKEN, HUBSPOT_TOKEN"):
        SandboxTarget.from_env({"SHOPIFY_STORE": "x"})
