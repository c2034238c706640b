"""The campaign's printed report (pure: a CampaignReport in, lines of text out)."""

from __future__ import annotations

from tools.chaos.campaign import CampaignReport


def report_lines(report: CampaignReport, max_differences: int = 40) -> list[str]:
    """Faults injected per kind, retries, crashes, records compared and every difference."""
    faulty, clean = report.faulty, report.clean
    lines = ["fault campaign: the same seeded store synced fault-free and under faults", ""]
    if faulty.token_expiries:
        lines += [f"--expire-tokens: access tokens ended mid-run at the mocks: {faulty.token_expiries}", ""]
    if faulty.churned:
        lines += [f"--webhook-faults: short-lived records (created, edited twice, deleted): {faulty.churned}", ""]
    lines += [
             "faults injected (GET /__admin/faults counts):"]
    lines += [f"  {kind:<38} {count:>5}" for kind, count in sorted(faulty.fault_counts.items())] or ["  none"]
    lines += ["webhook outbox (Shopify):"]
    lines += [f"  {key:<38} {value:>5}" for key, value in sorted(faulty.outbox.items())]
    lines += ["connector kills (restarted on the same state file):"]
    lines += [f"  {phase:<38} {count:>5}" for phase, count in sorted(faulty.crashes_by_phase.items())]
    lines += [f"  {'total':<38} {faulty.crashes:>5}",
              "connector retries (client stats, all connector instances):"]
    lines += [f"  {cause:<38} {count:>5}" for cause, count in sorted(faulty.retries.items())] or ["  none"]
    lines += [f"  {'passes that gave up and were re-run':<38} {faulty.gave_up:>5}",
              f"  {'shop-owner (seeding) retries':<38} {faulty.seeding_retries:>5}",
              f"HTTP calls by the connector: {faulty.calls} under faults, {clean.calls} fault-free",
              f"webhook answers under faults: {dict(sorted(faulty.webhook_answers.items()))}",
              f"what the connector did with them: {dict(sorted(faulty.webhook_outcomes.items()))}",
              "hostile extras (late deliveries after deletes, foreign-shop deliveries, state-file swaps):"]
    lines += [f"  {what:<38} {count:>5}" for what, count in sorted(faulty.hostile.items())] or ["  none"]
    lines += ["",
              f"records compared: {report.records_compared}, associations compared: "
              f"{report.associations_compared}",
              f"differences: {len(report.differences)}"]
    if report.unjudged:
        lines += [f"not judged: {len(report.unjudged)} archived short-lived records one run never created "
                  "(their create reached the connector only after their delete)"]
        lines += ["  " + d.line() for d in report.unjudged[:max_differences]]
    lines += ["  " + d.line() for d in report.differences[:max_differences]]
    if len(report.differences) > max_differences:
        lines.append(f"  ... and {len(report.differences) - max_differences} more")
    return lines
