"""``pytest --report FILE.md --junit FILE.xml``: the conformance report of a pytest run.

The controller (with xdist, the process that hears every worker's reports) keeps each scenario
item's result and writes the same files as ``python -m scenarios run --report/--junit``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from scenarios.loader import load_file
from scenarios.runner import Outcome

STATUS = {"passed": "passed", "failed": "failed", "skipped": "skipped"}


class ConformanceReporter:
    """Collects scenario results (``pytest_runtest_logreport``) and writes the report at the end."""

    def __init__(self, config: pytest.Config, markdown: str | None, junit: str | None) -> None:
        self.config, self.markdown, self.junit = config, markdown, junit
        self.results: dict[str, tuple[str, str, float]] = {}   # scenario file -> status, text, seconds

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        file = dict(report.user_properties).get("scenario_file")
        if file is None:
            return
        if report.when == "call" or report.outcome != "passed":
            text = _skip_reason(report) if report.outcome == "skipped" else report.longreprtext
            earlier = self.results.get(file)
            if earlier is None or earlier[0] == "passed":
                self.results[file] = (STATUS[report.outcome], text, report.duration)

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        from scenarios import conformance
        from scenarios.plugin import under_test
        outcomes, times = [], []
        for file, (status, text, seconds) in self.results.items():
            path = Path(file)
            try:
                scenario = load_file(os.path.relpath(path) if path.is_relative_to(Path.cwd()) else path)
            except Exception:  # noqa: BLE001 - a file that did not load has no rules to report
                continue
            outcomes.append(Outcome(scenario, status, None, text))
            times.append(seconds)
        connector, profile = under_test(self.config)
        if self.markdown:
            Path(self.markdown).write_text(conformance.markdown(outcomes, connector.describe(), profile.name),
                                           encoding="utf-8")
        if self.junit:
            Path(self.junit).write_bytes(conformance.junit(outcomes, connector.describe(), times))


def _skip_reason(report: Any) -> str:
    longrepr = report.longrepr
    return str(longrepr[2]).removeprefix("Skipped: ") if isinstance(longrepr, tuple) else str(longrepr)
