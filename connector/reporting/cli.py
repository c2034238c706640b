"""CLI commands ``report`` (R1-R8) and ``workflows`` (W1-W3 enrollments).

``register(subparsers)`` adds both to the connector's ``python -m connector`` parser; each sets
``func(args) -> int`` (exit status). Bad configuration prints one line on stderr and returns 2;
a failed HubSpot read prints one line and returns 1. Never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, TextIO

from connector.clients.hubspot import HubSpotClient
from connector.clients.hubspot_paths import DEFAULT_VERSION, VERSIONS
from connector.errors import ConfigError as ConnectorConfigError
from connector.reporting.config import (
    DEFAULT_CURRENCY,
    DEFAULT_GOAL,
    DEFAULT_REENGAGE_DAYS,
    ConfigError,
    ReportConfig,
    parse_goal,
    parse_won_stages,
)
from connector.reporting.figures import compute_all
from connector.reporting.loader import load
from connector.reporting.periods import PeriodError, parse_period
from connector.reporting.text import reports_text, workflows_text
from connector.workflows import compute_workflows


def _client(url: str, token: str, api_version: str = DEFAULT_VERSION) -> Any:
    """The connector's HubSpotClient (retries, pacing) on ``api_version``'s paths."""
    return HubSpotClient(url, token, api_version=api_version)


def _now(text: str | None) -> datetime:
    if not text:
        from connector.clock import SystemClock
        return SystemClock().now()
    from connector.checks import check_now
    return check_now("--now", text)  # ISO 8601 between 1970 and 9000, or one ConfigError line


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--hubspot", metavar="URL", help="HubSpot API base URL (env HUBSPOT_URL)")
    parser.add_argument("--hubspot-token", metavar="T", help="private-app token (env HUBSPOT_TOKEN)")
    parser.add_argument("--hubspot-api-version", choices=VERSIONS,
                        help="2026-09 (default), 2026-03 or v3 (legacy paths); env HUBSPOT_API_VERSION")
    parser.add_argument("--json", action="store_true", help="print one JSON document instead of tables")
    parser.add_argument("--now", metavar="ISO", help="the clock's now (default: the system clock)")
    parser.add_argument("--won-stages", metavar="a,b,c",
                        help="stage ids counted as won (default checkout_completed,processed,shipped)")
    parser.add_argument("--currency", metavar="CUR", default=DEFAULT_CURRENCY,
                        help=f"currency of deals with no deal_currency_code (default {DEFAULT_CURRENCY})")


def register(subparsers: Any) -> None:
    """Add the ``report`` and ``workflows`` commands to an argparse subparsers object."""
    report = subparsers.add_parser("report", help="print the eight ecommerce reports R1-R8")
    _common(report)
    report.add_argument("--period", default="this_month",
                        help="this_month (default), last_month, all or YYYY-MM-DD..YYYY-MM-DD (UTC, inclusive)")
    report.add_argument("--goal", metavar="AMOUNT", help=f"R6 monthly goal (default {DEFAULT_GOAL})")
    report.add_argument("--goal-currency", metavar="CUR", help="currency of the goal (default: --currency)")
    report.set_defaults(func=run_report)

    flows = subparsers.add_parser("workflows", help="print W1-W3 workflow enrollments")
    _common(flows)
    flows.add_argument("--reengage-days", metavar="N",
                       help=f"W3: days since the last won deal (default {DEFAULT_REENGAGE_DAYS})")
    flows.set_defaults(func=run_workflows)


def _config(args: argparse.Namespace) -> ReportConfig:
    options: dict[str, Any] = {"default_currency": (args.currency or DEFAULT_CURRENCY).strip().upper()}
    if args.won_stages is not None:
        options["won_stages"] = parse_won_stages(args.won_stages)
    if getattr(args, "goal", None) is not None:
        options["goal"] = parse_goal(args.goal)
    if getattr(args, "goal_currency", None):
        options["goal_currency"] = args.goal_currency.strip().upper()
    days = getattr(args, "reengage_days", None)
    if days is not None:
        if not days.strip().isdigit():
            raise ConfigError(f"--reengage-days must be a whole number of days, not {days!r}")
        options["reengage_days"] = int(days)
    return ReportConfig(**options)


def _target(args: argparse.Namespace) -> tuple[str, str]:
    url = args.hubspot or os.environ.get("HUBSPOT_URL")
    token = args.hubspot_token or os.environ.get("HUBSPOT_TOKEN")
    if not url:
        raise ConfigError("no HubSpot URL: pass --hubspot URL or set HUBSPOT_URL")
    if not token:
        raise ConfigError("no HubSpot token: pass --hubspot-token T or set HUBSPOT_TOKEN")
    from connector.checks import check_token, check_url
    return check_url("--hubspot", url), check_token("--hubspot-token", token)


def _run(args: argparse.Namespace, compute: Callable[..., dict], render: Callable[[dict], str],
         out: TextIO, err: TextIO) -> int:
    try:
        url, token = _target(args)
        config = _config(args)
        now = _now(args.now)
        period = parse_period(args.period, now) if hasattr(args, "period") else None
    except (ConfigError, ConnectorConfigError, PeriodError) as exc:
        print(f"error: {exc}", file=err)
        return 2
    try:
        version = getattr(args, "hubspot_api_version", None) or os.environ.get("HUBSPOT_API_VERSION") \
            or DEFAULT_VERSION
        if version not in VERSIONS:
            print(f"error: HUBSPOT_API_VERSION must be one of {', '.join(VERSIONS)}, not {version!r}", file=err)
            return 2
        dataset = load(_client(url, token, version), now, default_currency=config.default_currency)
    except Exception as exc:  # noqa: BLE001 - a CLI reports any failed read in one line
        print(f"error: reading HubSpot at {url} failed: {' '.join(str(exc).split())[:500]}", file=err)
        return 1
    if dataset.pipeline_id == "":
        print("warning: no Ecommerce pipeline (stages checkout_abandoned..cancelled) in this account", file=err)
    doc = compute(dataset, period, now, config) if period is not None else compute(dataset, now, config)
    out.write(json.dumps(doc, indent=2) + "\n" if args.json else render(doc))
    return 0


def run_report(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """``report``: load, compute R1-R8, print tables or JSON; returns the exit status."""
    return _run(args, compute_all, reports_text, out or sys.stdout, err or sys.stderr)


def run_workflows(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """``workflows``: load, compute W1-W3 enrollments, print tables or JSON; returns the exit status."""
    return _run(args, compute_workflows, workflows_text, out or sys.stdout, err or sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Standalone entry point: ``python -m connector.reporting.cli report|workflows ...``."""
    parser = argparse.ArgumentParser(prog="connector")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
