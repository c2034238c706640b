"""Run YAML scenarios against the Shopify and HubSpot mocks and a connector under test.

Each scenario prints a line (with -v every step) and a failure shows its step with expected and
actual values. Exit status: 0 when every selected scenario passed or was skipped, 1 when one
failed, 2 for a file, profile or option that cannot be used.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from scenarios.connectors import HELP as CONNECTOR_HELP
from scenarios.connectors import ConnectorSpecError, faketime, parse_connector
from scenarios.errors import ScenarioError
from scenarios.loader import load_file
from scenarios.profile import ProfileError, load_profile
from scenarios.runner import run_scenario
from scenarios.selection import names, selected
from scenarios.targets import TARGETS, make_target

ALWAYS_SHOWN = ("left out", "clean-up")   # what a sandbox run did not check, or could not delete
EXAMPLES = """examples:
  python -m scenarios run scenarios --tags portable
  python -m scenarios run scenarios --tags portable --connector 'cmd:python my_sync.py' \\
      --connector 'serve:python my_sync.py' --profile my_profile.yaml --report conformance.md
  python -m scenarios run scenarios/deals --rules D4,D5 -v
"""


def _files(paths: Sequence[str]) -> list[Path]:
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        found.extend(sorted([*path.rglob("*.yaml"), *path.rglob("*.yml")]) if path.is_dir() else [path])
    return found


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m scenarios", description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=EXAMPLES)
    sub = parser.add_subparsers(dest="command", required=True, metavar="run")
    run = sub.add_parser("run", help="run scenario files (or directories of them)",
                         description="Run scenario files (or every *.yaml under a directory) against the\n"
                                     "mocks and a connector; say per scenario whether it passed.",
                         formatter_class=argparse.RawDescriptionHelpFormatter, epilog=EXAMPLES)
    run.add_argument("files", nargs="+", metavar="PATH", help="scenario files or directories of them")
    run.add_argument("--target", choices=TARGETS, default="mocks",
                     help="mocks: in-process mock servers (default); live: mock processes; sandbox: the real "
                          "APIs from SHOPIFY_STORE/SHOPIFY_TOKEN/HUBSPOT_TOKEN")
    run.add_argument("--connector", action="append", metavar="SPEC", help=CONNECTOR_HELP)
    run.add_argument("--profile", metavar="FILE.yaml",
                     help="the connector's HubSpot names (store/order/token properties, stages); "
                          "default: HubSpot's native names, as the reference connector writes them")
    run.add_argument("--tags", action="append", metavar="TAG[,TAG]",
                     help="only scenarios with one of these tags (portable, reference)")
    run.add_argument("--rules", action="append", metavar="ID[,ID]",
                     help="only scenarios that name one of these rule ids (C1,D4)")
    run.add_argument("--report", metavar="FILE.md", help="write a Markdown conformance report per rule id")
    run.add_argument("--junit", metavar="FILE.xml", help="write JUnit XML: a suite per rule id")
    run.add_argument("-v", "--verbose", action="store_true", help="print every step")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        connector = parse_connector(args.connector)
        profile = load_profile(args.profile)
        tags, rules = names(args.tags), names(args.rules)
        scenarios = [s for s in (load_file(f) for f in _files(args.files)) if selected(s, tags, rules)]
    except (ScenarioError, OSError, ProfileError, ConnectorSpecError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if connector.kind == "cmd" and faketime.library() is None:
        print(f"note: {faketime.NOT_INSTALLED}", flush=True)
    target = make_target(args.target)
    if getattr(target, "run_tag", ""):
        print(f"run tag: {target.run_tag} (each scenario run: {target.run_tag}s<n>)", flush=True)
    outcomes, times = [], []
    try:
        for scenario in scenarios:
            print(f"▶ {scenario.file}: {scenario.name}  [{', '.join(scenario.rules)}]", flush=True)

            def on_step(step, status):  # noqa: ANN001, ANN202
                if args.verbose or status not in ("ok",):
                    print(f"    {step.number:>2}. {step.title()}  … {status}", flush=True)

            started = time.monotonic()
            outcome = run_scenario(scenario, target, on_step=on_step, connector=connector, profile=profile)
            outcomes.append(outcome)
            times.append(time.monotonic() - started)
            if outcome.status == "failed":
                print("  ✗ FAILED\n" + "\n".join("    " + line for line in outcome.describe().splitlines()))
            elif outcome.status == "skipped":
                print(f"  – skipped: {outcome.message}")
            else:
                print("  ✓ passed")
            for note in outcome.notes:
                if args.verbose or note.startswith(ALWAYS_SHOWN):
                    print(f"    note: {note}")
    finally:
        target.close()
    _write_reports(args, outcomes, times, connector.describe(), profile.name)
    failed = sum(o.status == "failed" for o in outcomes)
    print(f"{len(outcomes) - failed} of {len(outcomes)} scenario(s) passed or skipped; {failed} failed")
    return 1 if failed else 0


def _write_reports(args: argparse.Namespace, outcomes: list, times: list[float], connector: str,
                   profile: str) -> None:
    from scenarios import conformance
    if args.report:
        Path(args.report).write_text(conformance.markdown(outcomes, connector, profile), encoding="utf-8")
        print(f"report: {args.report}")
    if args.junit:
        Path(args.junit).write_bytes(conformance.junit(outcomes, connector, times))
        print(f"junit: {args.junit}")


if __name__ == "__main__":
    sys.exit(main())
