"""What the conformance tests share: the portable core, the connectors under test, one run helper."""

from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path

from scenarios.connectors import ConnectorSpec, parse_connector
from scenarios.loader import load_file
from scenarios.model import Scenario
from scenarios.profile import Profile, load_profile
from scenarios.runner import Outcome, run_scenario

ROOT = Path(__file__).resolve().parents[2]
LIBRARY = ROOT / "scenarios"
EXAMPLE = ROOT / "examples" / "shopsync" / "shopsync.py"
EXAMPLE_PROFILE = ROOT / "examples" / "shopsync" / "profile.yaml"
PYTHON = shlex.quote(sys.executable)

# `make test` runs these portable scenarios against each external connector (one per rule family the
# issue names: dedup with the deal's contact, tombstones, 23h59m/24h, a delayed webhook after a
# deletion, signatures, crash/restart); `make conformance` (SHOPHUB_CONFORMANCE=full) runs them all.
SUBSET = ("duplicate_emails_by_case_make_one_contact", "deleted_in_hubspot_stays_deleted",
          "checkout_still_pending_at_23h59m", "delayed_webhook_does_not_resurrect_deleted_order",
          "bad_webhook_signature_is_rejected", "crash_mid_import_converges",
          "order_becomes_deal_with_contact_and_line_items")


def portable() -> list[Path]:
    """Every scenario of the library tagged portable."""
    return sorted(p for p in LIBRARY.rglob("*.yaml") if "portable" in load_file(p).tags)


def selected_portable() -> list[Path]:
    """The full portable core with SHOPHUB_CONFORMANCE=full, else the representative subset."""
    paths = portable()
    return paths if os.environ.get("SHOPHUB_CONFORMANCE") == "full" else [p for p in paths if p.stem in SUBSET]


def reference_program() -> ConnectorSpec:
    """The reference connector as external processes, through its own CLI."""
    command = f"{PYTHON} -m connector step"
    return parse_connector([f"cmd:{command}", f"serve:{command}"])


def example_program(env: str = "") -> ConnectorSpec:
    """examples/shopsync as external processes (``env``: e.g. ``SHOPSYNC_BUG=abandon-at-23h``)."""
    command = f"{env} {PYTHON} {shlex.quote(str(EXAMPLE))}".strip()
    return parse_connector([f"cmd:{command}", f"serve:{command}"])


def example_profile() -> Profile:
    return load_profile(EXAMPLE_PROFILE)


def run(path: Path | Scenario, target: object, connector: ConnectorSpec, profile: Profile | None = None) -> Outcome:
    scenario = path if isinstance(path, Scenario) else load_file(path)
    return run_scenario(scenario, target, connector=connector, profile=profile)
