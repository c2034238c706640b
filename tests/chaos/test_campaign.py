"""The short fault campaign (``make test``): a small store, every fault kind, three connector kills;
HubSpot must end exactly as in the fault-free run. ``make chaos`` runs the full one."""

from __future__ import annotations

from tools.chaos.campaign import FaultPlan, run_campaign
from tools.chaos.report import report_lines
from tools.chaos.shop import ShopPlan

REQUEST_KINDS = ("request:respond:429", "request:respond:500", "request:respond:503", "request:delay",
                 "request:drop")
WEBHOOK_KINDS = ("webhook:duplicate", "webhook:delay", "webhook:reorder", "webhook:drop")


def test_short_campaign_ends_exactly_like_the_fault_free_run():
    plan = FaultPlan(seed=7, crashes=3)
    report = run_campaign(ShopPlan(), plan)
    text = "\n".join(report_lines(report))
    print(text)
    counts = report.faulty.fault_counts
    for kind in REQUEST_KINDS:
        assert counts[f"shopify {kind}"] + counts[f"hubspot {kind}"] > 0, f"no {kind} injected\n{text}"
    for kind in WEBHOOK_KINDS:
        assert counts[f"shopify {kind}"] > 0, f"no {kind} injected\n{text}"
    # Kills fire after a random number of writes; a phase with fewer writes may end before its kill.
    assert 2 <= report.faulty.crashes <= plan.crashes, text
    assert sum(report.faulty.retries.values()) > 0, text
    assert report.records_compared > 40 and report.associations_compared > 40, text
    assert report.differences == [], text
    hostile = report.faulty.hostile
    assert hostile == {"late delivery refused": 1, "foreign delivery refused": 3, "state swap refused": 3}, hostile
