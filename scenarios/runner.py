"""Run one scenario on a target session, step by step, and say how it went."""

from __future__ import annotations

import traceback
from collections.abc import Callable
from dataclasses import dataclass, field

from scenarios.connectors import ConnectorSpec, cannot_run
from scenarios.errors import Mismatch, StepFailed
from scenarios.model import Scenario, Step, StepKind
from scenarios.profile import Profile
from scenarios.report import format_failure
from scenarios.world import World


@dataclass
class Outcome:
    """``status`` is passed, failed or skipped; a failure names its step and the differences."""

    scenario: Scenario
    status: str
    step: Step | None = None
    message: str = ""
    mismatches: list[Mismatch] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.status != "failed"

    def describe(self) -> str:
        if self.status == "failed" and self.step is not None:
            return format_failure(self.scenario, self.step, self.message, self.mismatches)
        return f"{self.status}: {self.scenario.name}" + (f" ({self.message})" if self.message else "")


def sandbox_blocker(scenario: Scenario, registry: dict[str, StepKind]) -> Step | None:
    """The first step a sandbox cannot run and the scenario cannot do without, if any."""
    return next((s for s in scenario.all_steps if registry[s.kind].sandbox == "scenario"), None)


def _crashed(error: BaseException) -> bool:
    return type(error).__name__ == "ConnectorCrashed"


def run_steps(scenario: Scenario, world: World, registry: dict[str, StepKind],
              on_step: Callable[[Step, str], None] | None = None) -> Outcome:
    """Every step in order; stops at the first failure. An armed crash is expected, not a failure."""
    report = on_step or (lambda _s, _t: None)
    for step in scenario.all_steps:
        kind = registry[step.kind]
        if kind.sandbox == "skip" and not world.session.admin_enabled:
            report(step, "skipped (mock only)")
            continue
        try:
            kind.run(world, step)
        except StepFailed as error:
            report(step, "FAILED")
            return Outcome(scenario, "failed", step, error.message, error.mismatches, world.notes)
        except Exception as error:  # noqa: BLE001 - any error is reported against its step
            if world.crash_armed and _crashed(error):
                world.crashed, world.crash_armed = True, False
                world.note(f"step {step.number}: the connector crashed as armed")
                report(step, "ok (connector crashed as armed)")
                continue
            report(step, "ERROR")
            detail = "".join(traceback.format_exception_only(type(error), error)).strip()
            return Outcome(scenario, "failed", step, f"error: {detail}", [], world.notes)
        report(step, "ok")
    return Outcome(scenario, "passed", notes=world.notes)


def run_scenario(scenario: Scenario, target: object, registry: dict[str, StepKind] | None = None,
                 on_step: Callable[[Step, str], None] | None = None, *,
                 connector: ConnectorSpec | None = None, profile: Profile | None = None) -> Outcome:
    """Begin a session for ``scenario`` on ``target``, run it with the connector under test
    (default: the reference connector) read through ``profile``, and always close the session."""
    connector = connector or ConnectorSpec()
    reason = cannot_run(connector, scenario)
    if reason:
        return Outcome(scenario, "skipped", None, reason)
    if registry is None:
        from scenarios.registry import step_registry
        registry = dict(step_registry())
    if getattr(target, "name", "") == "sandbox":
        blocker = sandbox_blocker(scenario, registry)
        if blocker is not None:
            return Outcome(scenario, "skipped", blocker,
                           f"a sandbox cannot run step {blocker.number} ({blocker.title()}) at {blocker.mark}")
        reason = target.cannot_run(scenario)  # type: ignore[attr-defined]
        if reason:
            return Outcome(scenario, "skipped", None, reason)
    session = target.begin(scenario)  # type: ignore[attr-defined]
    session.under_test, session.profile = connector, profile or Profile()
    outcome: Outcome | None = None
    try:
        outcome = run_steps(scenario, World(scenario, session), registry, on_step)
        return outcome
    finally:
        try:
            _clean_up(session, outcome)
        finally:
            session.close()


def _clean_up(session: object, outcome: Outcome | None) -> None:
    """A sandbox run deletes what it made, whatever happened; a record left behind fails the run."""
    cleanup = getattr(session, "cleanup", None)
    if cleanup is None:
        return
    session.stop_connector()  # type: ignore[attr-defined]  # nothing may write while we delete
    left, notes = cleanup()
    if outcome is None:
        return
    outcome.notes.extend(f"clean-up: {note}" for note in notes)
    if left and outcome.status != "failed":
        outcome.status = "failed"
        outcome.message = f"records left behind in the sandbox (run tag {session.run_tag}): " + "; ".join(left)  # type: ignore[attr-defined]
    elif left:
        outcome.notes.append("clean-up left behind: " + "; ".join(left))
