"""The runner on a fake target: order of steps, failures with their diff, crashes, sandbox skips."""

from dataclasses import dataclass, field

from scenarios.errors import Mismatch, StepFailed
from scenarios.loader import load_text
from scenarios.model import StepKind
from scenarios.runner import run_scenario


class ConnectorCrashed(Exception):
    """Stands in for connector.errors.ConnectorCrashed (matched by name)."""


@dataclass
class FakeSession:
    target: str = "fake"
    admin_enabled: bool = True
    run_tag: str = ""
    log: list = field(default_factory=list)
    closed: bool = False

    def close(self):
        self.closed = True


@dataclass
class FakeTarget:
    name: str = "fake"
    sessions: list = field(default_factory=list)

    def begin(self, scenario):
        session = FakeSession(target=self.name, admin_enabled=self.name != "sandbox")
        self.sessions.append(session)
        return session

    def cannot_run(self, scenario):
        return ""


def record(world, step):
    world.session.log.append(step.arg)


def check(world, step):
    if step.arg != "good":
        raise StepFailed("1 expectation(s) not met",
                         [Mismatch("contact ada@example.com", "firstname", "'Ada'", "Augusta")])


def crash(world, step):
    raise ConnectorCrashed("after write #3")


def arm(world, step):
    world.crash_armed = True


REGISTRY = {k.name: k for k in (
    StepKind("do", record), StepKind("check", check), StepKind("crash", crash, arg="none"),
    StepKind("arm", arm, arg="none"), StepKind("wait", record, sandbox="scenario"),
    StepKind("inspect", record, sandbox="skip"),
)}


def scenario(steps: str):
    return load_text(f"name: fake\nrules: [C1]\nsteps:\n{steps}", "fake.yaml", REGISTRY)


def test_steps_run_in_order_and_the_session_closes():
    target = FakeTarget()
    outcome = run_scenario(scenario("  - do: 1\n  - do: 2\n  - check: good\n"), target, REGISTRY)
    assert outcome.status == "passed"
    assert target.sessions[0].log == [1, 2] and target.sessions[0].closed


def test_a_failure_names_the_step_and_shows_expected_and_actual():
    target = FakeTarget()
    outcome = run_scenario(scenario("  - do: 1\n  - check: bad\n  - do: 3\n"), target, REGISTRY)
    assert outcome.status == "failed" and outcome.step.number == 2
    assert target.sessions[0].log == [1]  # nothing after the failure ran
    text = outcome.describe()
    assert "step 2 at fake.yaml:5: check: bad" in text
    assert "contact ada@example.com" in text and "firstname:" in text
    assert "expected: 'Ada'" in text and "actual:   'Augusta'" in text


def test_an_unexpected_error_fails_its_step():
    outcome = run_scenario(scenario("  - crash\n"), FakeTarget(), REGISTRY)
    assert outcome.status == "failed" and "ConnectorCrashed: after write #3" in outcome.describe()


def test_an_armed_crash_is_expected():
    outcome = run_scenario(scenario("  - arm\n  - crash\n  - do: after\n"), FakeTarget(), REGISTRY)
    assert outcome.status == "passed" and any("crashed as armed" in n for n in outcome.notes)


def test_sandbox_skips_a_scenario_that_needs_a_mock_only_step():
    target = FakeTarget(name="sandbox")
    outcome = run_scenario(scenario("  - do: 1\n  - wait: 24h\n"), target, REGISTRY)
    assert outcome.status == "skipped" and "step 2" in outcome.message and not target.sessions


def test_sandbox_leaves_out_inspection_steps():
    target = FakeTarget(name="sandbox")
    outcome = run_scenario(scenario("  - inspect: journal\n  - do: 1\n"), target, REGISTRY)
    assert outcome.status == "passed" and target.sessions[0].log == [1]
