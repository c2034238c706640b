"""pytest plugin: every ``scenarios/**/*.yaml`` is a test (pytest's documented YAML-collection pattern).

Each pytest process (so each xdist worker) starts its own target once — in-process mock servers
on port 0 by default — and every scenario begins with a reset and a fresh connector state.
``--scenario-target live|sandbox`` runs the same files against mock processes or real sandboxes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from scenarios.errors import ScenarioError
from scenarios.loader import load_file
from scenarios.runner import Outcome, run_scenario
from scenarios.targets import TARGETS, make_target

LIBRARY = Path(__file__).resolve().parent
TARGET_KEY = pytest.StashKey[Any]()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--scenario-target", choices=TARGETS, default="mocks",
                     help="where YAML scenarios run: in-process mocks (default), mock processes, or sandboxes")


def scenario_target(config: pytest.Config) -> Any:
    """This process's target, started on first use and closed when pytest ends."""
    target = config.stash.get(TARGET_KEY, None)
    if target is None:
        target = make_target(config.getoption("--scenario-target"))
        config.stash[TARGET_KEY] = target
        config.add_cleanup(target.close)
    return target


@pytest.fixture(scope="session")
def scenario_runner(pytestconfig: pytest.Config):  # noqa: ANN201
    """Run a loaded Scenario on this worker's target: ``scenario_runner(scenario) -> Outcome``."""
    return lambda scenario, **kw: run_scenario(scenario, scenario_target(pytestconfig), **kw)


def pytest_collect_file(parent: pytest.Collector, file_path: Path) -> pytest.Collector | None:
    if file_path.suffix in (".yaml", ".yml") and file_path.resolve().is_relative_to(LIBRARY):
        return YamlFile.from_parent(parent, path=file_path)
    return None


class YamlFile(pytest.File):
    """One scenario file: one test item."""

    def collect(self):  # noqa: ANN201
        scenario = load_file(self.path)
        yield ScenarioItem.from_parent(self, name=self.path.stem, scenario=scenario)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:  # noqa: ARG002
        if isinstance(excinfo.value, ScenarioError):
            return f"scenario file error: {excinfo.value}"
        return super().repr_failure(excinfo)


class ScenarioFailed(Exception):
    """A scenario run that did not pass; carries the outcome for the report."""

    def __init__(self, outcome: Outcome) -> None:
        super().__init__(outcome.describe())
        self.outcome = outcome


class ScenarioItem(pytest.Item):
    """Runs one scenario; a failure shows the step, expected and actual values."""

    def __init__(self, *, scenario: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.scenario = scenario
        for rule in scenario.rules:
            self.user_properties.append(("rule", rule))

    def runtest(self) -> None:
        outcome = run_scenario(self.scenario, scenario_target(self.config))
        if outcome.status == "skipped":
            pytest.skip(outcome.message)
        if outcome.status == "failed":
            raise ScenarioFailed(outcome)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:  # noqa: ARG002
        if isinstance(excinfo.value, ScenarioFailed):
            return excinfo.value.outcome.describe()
        return super().repr_failure(excinfo)

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, self.scenario.mark.line - 1, f"scenario: {self.scenario.name} [{', '.join(self.scenario.rules)}]"
