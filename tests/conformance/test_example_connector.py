"""Done-when 2: examples/shopsync (its own HubSpot names, plain requests) passes the portable core
through its profile; without the profile a deal expectation says what it searched."""

import pytest

from scenarios.loader import load_file
from tests.conformance.support import LIBRARY, example_profile, example_program, run, selected_portable


@pytest.mark.parametrize("path", selected_portable(), ids=lambda p: p.stem)
def test_the_example_connector_passes_through_its_profile(path, target):
    outcome = run(path, target, example_program(), example_profile())
    assert outcome.status == "passed", outcome.describe()


def test_without_its_profile_a_deal_is_not_found_and_the_search_is_shown(target):
    outcome = run(LIBRARY / "deals" / "checkout_syncs_as_pending.yaml", target, example_program())
    text = outcome.describe()
    assert outcome.status == "failed" and "deal cart" in text and "0 found" in text
    assert "searched: POST /crm/v3/objects/deals/search ip__ecomm_bridge__source_store_id EQ 'harness-shop'" in text
    assert "profile 'native'" in text


def test_the_example_does_not_import_the_reference_connector():
    source = (LIBRARY.parent / "examples" / "shopsync" / "shopsync.py").read_text()
    imports = [line for line in source.splitlines() if line.startswith(("import ", "from "))]
    assert not [line for line in imports if "connector" in line or "scenarios" in line or "mocks" in line], imports
    assert "portable" in load_file(LIBRARY / "deals" / "checkout_syncs_as_pending.yaml").tags
