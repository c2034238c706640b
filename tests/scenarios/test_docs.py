"""docs/scenarios.md documents every step kind and expectation subject the registry knows."""

from pathlib import Path

from scenarios.expectations import subject_registry
from scenarios.registry import step_registry

DOC = Path(__file__).resolve().parents[2] / "docs" / "scenarios.md"


def test_every_step_and_subject_is_documented():
    text = DOC.read_text(encoding="utf-8")
    missing = [name for name in [*step_registry(), *subject_registry()] if f"`{name}" not in text]
    assert not missing, f"not in docs/scenarios.md: {missing}"
