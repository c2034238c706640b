"""The two-way fault campaign (issue #16): edits on both sides, faults on both mocks, kills after
HubSpot and Shopify writes; both sides must end as in the fault-free run, agree with each other, and
receive no write during the quiet period."""

from __future__ import annotations

from tools.chaos.campaign import FaultPlan
from tools.chaos.twoway import TwoWayPlan, run_twoway_campaign, sides_disagree


def test_two_way_campaign_ends_like_the_fault_free_run_with_no_write_when_quiet():
    clean, faulty, diff = run_twoway_campaign(TwoWayPlan(), FaultPlan(seed=11, crashes=4, max_writes_before_crash=3))
    detail = f"crashes {dict(faulty.crashes)}; faults {dict(faulty.fault_counts)}"
    assert diff == [], detail
    assert sides_disagree(clean.state) == [] and sides_disagree(faulty.state) == [], detail
    assert clean.quiet_writes == [] and faulty.quiet_writes == [], detail
    # the edits really happened on both sides, and the run really met faults and kills
    contacts = clean.state["hubspot contacts"]
    assert contacts["ann.0@twoway.example"]["firstname"] == "Hub0"          # HubSpot edit reached Shopify
    assert contacts["dev.3@twoway.example"]["firstname"] == "Shop3"         # Shopify edit reached HubSpot
    assert contacts["gia.6@twoway.example"]["firstname"] == "Shop6"         # both: the later (Shopify) wins
    assert "made.0@hubspot.example" in clean.state["shopify customers"]
    assert "Hub product 0" in clean.state["shopify products"]
    kills = faulty.crashes
    assert sum(kills.values()) >= 3, detail
    assert any("shopify write" in k for k in kills) and any("hubspot write" in k for k in kills), detail
    counts = faulty.fault_counts
    assert counts["hubspot request:respond:429"] and counts["shopify request:respond:429"], detail
    assert counts["shopify webhook:duplicate"] + counts["shopify webhook:delay"] + counts["shopify webhook:reorder"], detail
