"""A wrong expectation fails with the step, the expected and the actual value (on the real mocks)."""

from pathlib import Path

from scenarios.loader import load_file
from scenarios.plugin import ScenarioFailed, ScenarioItem

DATA = Path(__file__).parent / "data"


def test_a_wrong_expectation_shows_step_expected_and_actual(scenario_runner):
    outcome = scenario_runner(load_file(DATA / "wrong_expectation.yaml"))
    assert outcome.status == "failed"
    text = outcome.describe()
    assert "step 3 at " in text and "wrong_expectation.yaml:10: expect" in text
    assert "contact ada@example.com" in text and "wrong_expectation.yaml:11" in text
    assert "firstname:" in text and "expected: 'Augusta'" in text and "actual:   'Ada'" in text
    assert text.count("expected:") == 1  # lastname matched, so it is not reported


def test_the_pytest_item_reports_the_same_diff(scenario_runner, request):
    outcome = scenario_runner(load_file(DATA / "wrong_expectation.yaml"))
    item = ScenarioItem.from_parent(request.session, name="wrong", scenario=outcome.scenario,
                                    path=DATA / "wrong_expectation.yaml")

    class Info:
        value = ScenarioFailed(outcome)

    assert item.repr_failure(Info()) == outcome.describe()
