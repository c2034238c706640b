"""Where a scenario runs: in-process mocks, mock processes over HTTP, or real sandboxes."""

from __future__ import annotations

TARGETS = ("mocks", "live", "sandbox")


def make_target(name: str, **options: object):  # noqa: ANN201 - one of three target classes
    """A started target by name (``mocks``, ``live`` or ``sandbox``); close() it when done."""
    if name == "mocks":
        from scenarios.targets.inprocess import MocksTarget
        return MocksTarget()
    if name == "live":
        from scenarios.targets.live import LiveTarget
        return LiveTarget()
    if name == "sandbox":
        from scenarios.targets.sandbox import SandboxTarget
        return SandboxTarget.from_env(**options)
    raise ValueError(f"unknown target {name!r}; use one of {', '.join(TARGETS)}")
