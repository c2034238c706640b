"""pytest plugin: every scenario YAML is a test (pytest's documented YAML-collection pattern).

Collected: every ``*.yaml`` of the library (``scenarios/``) and, from any path given on the command
line (``pytest my_scenarios/``), every ``*.yaml``/``*.yml`` with a top-level ``steps:``. Each pytest
process (so each xdist worker) starts its own target once — in-process mock servers on port 0 by
default — and every scenario begins with a reset and a fresh connector state.
``--scenario-target live|sandbox`` runs the same files against mock processes or real sandboxes;
``--connector``, ``--profile``, ``--tags`` and ``--rules`` work as on ``python -m scenarios run``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from scenarios.connectors import HELP as CONNECTOR_HELP
from scenarios.connectors import ConnectorSpec, parse_connector
from scenarios.errors import ScenarioError
from scenarios.loader import load_file
from scenarios.profile import Profile, load_profile
from scenarios.runner import Outcome, run_scenario
from scenarios.selection import names, selected
from scenarios.targets import TARGETS, make_target

LIBRARY = Path(__file__).resolve().parent
TARGET_KEY = pytest.StashKey[Any]()
UNDER_TEST_KEY = pytest.StashKey[tuple[ConnectorSpec, Profile]]()
SCENARIO_HEAD = re.compile(r"^steps\s*:", re.M)


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("scenarios", "YAML scenarios")
    group.addoption("--scenario-target", choices=TARGETS, default="mocks",
                    help="where YAML scenarios run: in-process mocks (default), mock processes, or sandboxes")
    group.addoption("--connector", action="append", metavar="SPEC", help=CONNECTOR_HELP)
    group.addoption("--profile", metavar="FILE.yaml", help="the connector's HubSpot names (default: native)")
    group.addoption("--tags", action="append", metavar="TAG[,TAG]", help="only scenarios with one of these tags")
    group.addoption("--rules", action="append", metavar="ID[,ID]", help="only scenarios naming one of these rules")
    group.addoption("--report", metavar="FILE.md", help="write a Markdown conformance report per rule id")
    group.addoption("--junit", metavar="FILE.xml", help="write JUnit XML with a suite per rule id")


def under_test(config: pytest.Config) -> tuple[ConnectorSpec, Profile]:
    """The ``--connector`` and ``--profile`` of this run (read once)."""
    found = config.stash.get(UNDER_TEST_KEY, None)
    if found is None:
        try:
            found = (parse_connector(config.getoption("--connector")), load_profile(config.getoption("--profile")))
        except ValueError as error:
            raise pytest.UsageError(str(error)) from None
        config.stash[UNDER_TEST_KEY] = found
    return found


def pytest_configure(config: pytest.Config) -> None:
    under_test(config)   # a bad --connector or --profile stops the run at once
    markdown, junit = config.getoption("--report"), config.getoption("--junit")
    if (markdown or junit) and not hasattr(config, "workerinput"):   # the controller writes the report
        from scenarios.pytest_report import ConformanceReporter
        config.pluginmanager.register(ConformanceReporter(config, markdown, junit), "scenarios-conformance-report")


def pytest_report_header(config: pytest.Config) -> list[str]:
    """Which connector the YAML scenarios test, and (once) whether faketime is there for it."""
    connector, profile = under_test(config)
    if connector.kind == "reference" and profile.native:
        return []
    lines = [f"scenarios: connector {connector.describe()}, profile {profile.name}"]
    if connector.kind == "cmd":
        from scenarios.connectors import faketime
        lines.append("scenarios: " + (f"faketime {faketime.library()}" if faketime.library() else faketime.NOT_INSTALLED))
    return lines


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    tags, rules = names(config.getoption("--tags")), names(config.getoption("--rules"))
    if not tags and not rules:
        return
    keep, drop = [], []
    for item in items:
        scenario = getattr(item, "scenario", None)
        (keep if scenario is None or selected(scenario, tags, rules) else drop).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


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
    connector, profile = under_test(pytestconfig)
    return lambda scenario, **kw: run_scenario(scenario, scenario_target(pytestconfig),
                                               **{"connector": connector, "profile": profile, **kw})


def _given_paths(config: pytest.Config) -> list[Path]:
    """The paths named on the command line (not testpaths or the directory pytest defaults to)."""
    if config.args_source != pytest.Config.ArgsSource.ARGS:
        return []
    paths = [Path(str(arg).split("::")[0]).resolve() for arg in config.args]
    return [p for p in paths if p.exists()]


def pytest_collect_file(parent: pytest.Collector, file_path: Path) -> pytest.Collector | None:
    if file_path.suffix not in (".yaml", ".yml"):
        return None
    resolved = file_path.resolve()
    if resolved.is_relative_to(LIBRARY):
        return YamlFile.from_parent(parent, path=file_path)
    given = _given_paths(parent.config)
    tests_dir = Path(parent.config.rootpath).resolve() / "tests"
    if resolved.is_relative_to(tests_dir) and resolved not in given:
        return None   # the project's own test data (deliberately failing scenarios) is run by its tests
    if any(resolved == p or resolved.is_relative_to(p) for p in given):
        try:
            head = resolved.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None
        if SCENARIO_HEAD.search(head):
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
        self.user_properties.append(("scenario_file", str(self.path)))

    def runtest(self) -> None:
        connector, profile = under_test(self.config)
        outcome = run_scenario(self.scenario, scenario_target(self.config), connector=connector, profile=profile)
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
