"""What can go wrong with a scenario: a bad file, a failed expectation, a step that skips it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Mark:
    """Where a node sits in a scenario file (1-based line)."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


class ScenarioError(Exception):
    """A scenario file that cannot run: the message starts with ``file:line:``."""

    def __init__(self, mark: Mark | None, message: str) -> None:
        self.mark, self.message = mark, message
        super().__init__(f"{mark}: {message}" if mark else message)


@dataclass(frozen=True)
class Mismatch:
    """One expected value that was not there: ``subject``/``field`` name it, the rest shows it."""

    subject: str
    field: str
    expected: Any
    actual: Any
    note: str = ""
    mark: Mark | None = None


@dataclass
class StepFailed(Exception):
    """An expectation did not hold (or a step could not do its job)."""

    message: str
    mismatches: list[Mismatch] = field(default_factory=list)

    def __str__(self) -> str:
        return self.message


class ScenarioSkipped(Exception):
    """The target cannot run this scenario (e.g. a sandbox cannot advance time)."""
