"""The connector under test: ``reference`` (in-process), ``python:MODULE:FACTORY``, ``cmd:`` (+ ``serve:``)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from scenarios.connectors.spec import HELP, ConnectorSpec, ConnectorSpecError, parse_connector

if TYPE_CHECKING:
    from scenarios.model import Scenario
    from scenarios.targets.base import Session

__all__ = ["HELP", "ConnectorSpec", "ConnectorSpecError", "cannot_run", "make_connector", "parse_connector"]


def make_connector(spec: ConnectorSpec, session: Session, state_dir: Path, port: int) -> Any:
    """A started adapter with ``setup``/``sync``/``tick``/``arm_crash``/``close`` for a non-reference spec."""
    if spec.kind == "python":
        from scenarios.connectors.python import PythonConnector
        return PythonConnector(spec, session, str(state_dir))
    from scenarios.connectors.external import CommandConnector
    return CommandConnector(spec, session, state_dir, port)


def cannot_run(spec: ConnectorSpec, scenario: Scenario) -> str:
    """Why this connector cannot run a scenario at all ("" if it can): the fixed interface has one
    store, and a scenario that posts webhooks to the receiver (or makes Shopify drop, delay or
    repeat them) needs one."""
    if spec.kind == "reference":
        return ""
    if len(scenario.stores) > 1:
        return (f"{spec.kind}: connectors get one store (SHOPIFY_STORE); this scenario needs "
                + ", ".join(scenario.stores))
    if spec.kind == "cmd" and not spec.serve:
        step = next((s for s in scenario.all_steps if s.kind == "send webhook"
                     or s.kind == "fault" and isinstance(s.arg, dict) and "webhook" in s.arg), None)
        if step is not None:
            return f"step {step.number} ({step.kind}) needs a webhook receiver: add --connector serve:COMMAND"
    return ""
