"""Say which sandbox variable is missing at the end of every contract run (``make contract``)."""

from __future__ import annotations

import os

import pytest

from tests.contract.sandbox import missing


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    names = missing(os.environ)
    if names and any("contract" in str(arg) for arg in terminalreporter.config.args):
        terminalreporter.write_line(
            f"contract: sandbox tests skipped, missing {', '.join(names)} (docs/fidelity.md 'Sandbox setup'); "
            "the same code path ran against second mock processes")
