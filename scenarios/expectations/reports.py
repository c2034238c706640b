"""Expectations on the ecommerce reports (R1–R8) and workflow enrollments (W1–W3).

Both are computed by ``connector.reporting.figures`` / ``connector.workflows`` from what HubSpot holds, read
through its public API at the scenario clock's ``now``; values are checked by path, e.g.
``stages[checkout_abandoned].count: 1`` or ``amount.USD: 30``.
"""

from __future__ import annotations

import re
from typing import Any

from scenarios.errors import Mark, Mismatch, ScenarioError
from scenarios.expectations.base import Subject
from scenarios.expectations.other import check_paths
from scenarios.matchers import Matcher, parse_matcher
from scenarios.model import LoadContext
from scenarios.world import World

REPORT = re.compile(r"^(R[1-8])(?:\s+for\s+(\S+))?$")
WORKFLOW = re.compile(r"^W[1-3]$")


def _paths(value: Any, mark: Mark, what: str) -> dict[str, Matcher]:
    if not isinstance(value, dict) or not value:
        raise ScenarioError(mark, f"{what}: a mapping of path: matcher, e.g. count: 2 or amount.USD: {{approx: 30}}")
    marks = getattr(value, "marks", {})
    return {str(k): parse_matcher(v, marks.get(k, mark)) for k, v in value.items()}


def _parse_report(arg: str, value: Any, mark: Mark, ctx: LoadContext) -> tuple:
    match = REPORT.match(arg.strip())
    if not match:
        raise ScenarioError(mark, f"report {arg!r}: write `report R1` … `report R8`, optionally "
                                  "`for this_month|last_month|all|YYYY-MM-DD..YYYY-MM-DD`")
    return match.group(1), match.group(2) or "this_month", _paths(value, mark, f"report {arg}")


def _dataset(world: World) -> Any:
    from connector.reporting.api import ApiReader
    from connector.reporting.loader import load
    endpoints = world.session.endpoints
    reader = ApiReader(endpoints.hubspot_url, endpoints.hubspot_token, sleep=world.session.api_sleep)
    dataset = load(reader, world.session.clock.now())
    if getattr(world.session, "scoped", False):   # a shared sandbox: this run's deals and contacts only
        from scenarios.scope import scope_dataset
        dataset = scope_dataset(world.session, dataset)
    return dataset


def _check_report(world: World, spec: tuple) -> list[Mismatch]:
    from connector.reporting.figures import compute_all
    report, period, paths = spec
    data = compute_all(_dataset(world), period, world.session.clock.now())["reports"][report]
    return check_paths(f"report {report} ({data.get('title', '')}, {period})", data, paths, world.resolve)


def _parse_workflow(arg: str, value: Any, mark: Mark, ctx: LoadContext) -> tuple:
    if not WORKFLOW.match(arg.strip()):
        raise ScenarioError(mark, f"workflow {arg!r}: write `workflow W1`, `W2` or `W3`")
    return arg.strip(), _paths(value, mark, f"workflow {arg}")


def _check_workflow(world: World, spec: tuple) -> list[Mismatch]:
    from connector.workflows import compute_workflows
    workflow, paths = spec
    dataset = _dataset(world)
    data = dict(compute_workflows(dataset, world.session.clock.now())["workflows"][workflow])
    email = {cid: (c.email or "").lower() for cid, c in dataset.contacts.items()}
    enrollments = data.get("enrollments") or []
    # Emails instead of ids, sorted, so a scenario can name who is enrolled.
    data["contacts"] = sorted(email.get(str(e["contact_id"]), str(e["contact_id"])) for e in enrollments)
    data["active_contacts"] = sorted(email.get(str(e["contact_id"]), str(e["contact_id"])) for e in enrollments
                                     if not e.get("unenrolled_at"))
    fixed = {}
    for path, matcher in paths.items():
        if path in ("contacts", "active_contacts") and matcher.op == "equals" and isinstance(matcher.value, list):
            matcher = Matcher("equals", sorted(str(world.resolve(v)).lower() for v in matcher.value))
        fixed[path] = matcher
    return check_paths(f"workflow {workflow} ({data.get('title', '')})", data, fixed, world.resolve)


SUBJECTS = (
    Subject("report", _parse_report, _check_report,
            help="report R1..R8 [for PERIOD]: {path: matcher} on connector.reporting.figures' JSON"),
    Subject("workflow", _parse_workflow, _check_workflow,
            help="workflow W1..W3: {enrolled, active, contacts: [emails], active_contacts: [emails]}"),
)
