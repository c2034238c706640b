"""``python -m scenarios run FILE… [--target mocks|live|sandbox] [-v]``: run scenario files.

Prints each scenario (and with -v each step), a clear diff for a failure; exit 0 when every
scenario passed or was skipped, 1 otherwise (2 for a file that cannot be read).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from scenarios.errors import ScenarioError
from scenarios.loader import load_file
from scenarios.runner import run_scenario
from scenarios.targets import TARGETS, make_target

ALWAYS_SHOWN = ("left out", "clean-up")   # what a sandbox run did not check, or could not delete


def _files(paths: Sequence[str]) -> list[Path]:
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        found.extend(sorted(path.rglob("*.yaml")) if path.is_dir() else [path])
    return found


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scenarios", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="run scenario files (or directories of them)")
    run.add_argument("files", nargs="+")
    run.add_argument("--target", choices=TARGETS, default="mocks")
    run.add_argument("-v", "--verbose", action="store_true", help="print every step")
    args = parser.parse_args(argv)

    try:
        scenarios = [load_file(f) for f in _files(args.files)]
    except (ScenarioError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    target = make_target(args.target)
    if getattr(target, "run_tag", ""):
        print(f"run tag: {target.run_tag} (each scenario run: {target.run_tag}s<n>)", flush=True)
    failed = 0
    try:
        for scenario in scenarios:
            print(f"▶ {scenario.file}: {scenario.name}  [{', '.join(scenario.rules)}]", flush=True)

            def on_step(step, status):  # noqa: ANN001, ANN202
                if args.verbose or status not in ("ok",):
                    print(f"    {step.number:>2}. {step.title()}  … {status}", flush=True)

            outcome = run_scenario(scenario, target, on_step=on_step)
            if outcome.status == "failed":
                failed += 1
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
    print(f"{len(scenarios) - failed} of {len(scenarios)} scenario(s) passed or skipped; {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
