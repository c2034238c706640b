"""Done-when 2 (bugs): copies of the example with one bug each fail the scenario that names the
broken rule, with a message that says what was expected."""

import pytest

from scenarios.loader import load_file
from tests.conformance.support import LIBRARY, example_profile, example_program, run

BUGS = [
    # bug, rule, scenario, what the failure must say
    ("case-sensitive-email", "C1", "contacts/duplicate_emails_by_case_make_one_contact",
     ["deal cart", "contact:", "expected: 'ada@example.com'", "actual:   absent (null)"]),
    ("recreate-deleted-contact", "C5", "contacts/deleted_in_hubspot_stays_deleted",
     ["contact ada@example.com", "expected: absent", "1 found"]),
    ("abandon-at-23h", "D4", "deals/checkout_still_pending_at_23h59m",
     ["deal cart", "dealstage:", "expected: checkout_pending (profile: 'Pending'", "'Abandoned'"]),
    ("resurrect-deleted-order", "D7", "deals/delayed_webhook_does_not_resurrect_deleted_order",
     ["deal o1", "expected: absent", "1 found", "expected: 0"]),
]


@pytest.mark.parametrize(("bug", "rule", "name", "says"), BUGS, ids=[b[0] for b in BUGS])
def test_a_bug_fails_the_scenario_naming_its_rule(bug, rule, name, says, target):
    path = LIBRARY / f"{name}.yaml"
    assert rule in load_file(path).rules and "portable" in load_file(path).tags
    outcome = run(path, target, example_program(f"SHOPSYNC_BUG={bug}"), example_profile())
    text = outcome.describe()
    assert outcome.status == "failed", f"{bug} was not caught"
    assert outcome.step is not None and outcome.step.kind == "expect", text
    for fragment in says:
        assert fragment in text, f"{fragment!r} not in:\n{text}"
