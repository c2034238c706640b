"""The conformance report: per rule id, pass / fail / skip, with the failing step.

``--report FILE.md`` (a Markdown table per rule, then each failure in full) and ``--junit FILE.xml``
(one ``<testsuite>`` per rule id, one ``<testcase>`` per scenario that names it) from the outcomes
of one run. A rule fails when any of its scenarios failed, passes when at least one passed and none
failed, and is skipped otherwise.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from scenarios.runner import Outcome


@dataclass(frozen=True)
class RuleResult:
    """One rule id and the outcomes of the scenarios that name it."""

    rule: str
    outcomes: tuple[Outcome, ...]

    @property
    def status(self) -> str:
        statuses = {o.status for o in self.outcomes}
        if "failed" in statuses:
            return "fail"
        return "pass" if "passed" in statuses else "skip"


def rule_results(outcomes: Sequence[Outcome]) -> list[RuleResult]:
    """Every rule id named by a scenario that ran, in first-seen order."""
    by_rule: dict[str, list[Outcome]] = {}
    for outcome in outcomes:
        for rule in outcome.scenario.rules:
            by_rule.setdefault(rule, []).append(outcome)
    return [RuleResult(rule, tuple(found)) for rule, found in by_rule.items()]


def where_failed(outcome: Outcome) -> str:
    """``step 7 (expect) at file:line`` for a failure; the skip reason for a skip; "" otherwise."""
    if outcome.status == "failed" and outcome.step is not None:
        return f"step {outcome.step.number} ({outcome.step.kind}) at {outcome.step.mark}: {outcome.message}"
    if outcome.status in ("failed", "skipped"):
        return outcome.message
    return ""


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def markdown(outcomes: Sequence[Outcome], connector: str, profile: str) -> str:
    """The whole report as Markdown."""
    results = rule_results(outcomes)
    counts = {s: sum(1 for o in outcomes if o.status == s) for s in ("passed", "failed", "skipped")}
    lines = [f"# Conformance report — connector `{connector}`, profile `{profile}`", "",
             f"{len(outcomes)} scenario(s): {counts['passed']} passed, {counts['failed']} failed, "
             f"{counts['skipped']} skipped; {len(results)} rule id(s): "
             f"{sum(r.status == 'pass' for r in results)} pass, {sum(r.status == 'fail' for r in results)} fail, "
             f"{sum(r.status == 'skip' for r in results)} skip.", "",
             "| rule | result | scenario | outcome | failing step / reason |", "|---|---|---|---|---|"]
    for result in results:
        for index, outcome in enumerate(result.outcomes):
            rule, status = (result.rule, result.status.upper()) if index == 0 else ("", "")
            lines.append(f"| {rule} | {status} | `{outcome.scenario.file}` | {outcome.status} | "
                         f"{_cell(where_failed(outcome))} |")
    failures = [o for o in outcomes if o.status == "failed"]
    if failures:
        lines += ["", "## Failures"]
        for outcome in failures:
            lines += ["", f"### `{outcome.scenario.file}` [{', '.join(outcome.scenario.rules)}]", "", "```",
                      outcome.describe(), "```"]
    return "\n".join(lines) + "\n"


def junit(outcomes: Sequence[Outcome], connector: str, times: Iterable[float] | None = None) -> bytes:
    """JUnit XML: a suite per rule id, a case per scenario naming it (a scenario with two rules
    appears in both suites)."""
    durations = dict(zip((id(o) for o in outcomes), times or (), strict=False))
    root = ET.Element("testsuites", name=f"shophub conformance ({connector})")
    for result in rule_results(outcomes):
        suite = ET.SubElement(root, "testsuite", name=result.rule, tests=str(len(result.outcomes)),
                              failures=str(sum(o.status == "failed" for o in result.outcomes)),
                              skipped=str(sum(o.status == "skipped" for o in result.outcomes)))
        for outcome in result.outcomes:
            case = ET.SubElement(suite, "testcase", classname=f"rule.{result.rule}",
                                 name=Path(outcome.scenario.file).stem, file=outcome.scenario.file,
                                 time=f"{durations.get(id(outcome), 0.0):.3f}")
            if outcome.status == "failed":
                ET.SubElement(case, "failure", message=where_failed(outcome)).text = outcome.describe()
            elif outcome.status == "skipped":
                ET.SubElement(case, "skipped", message=outcome.message)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
