"""Wall time of the scenario suite (``pytest scenarios``) with one worker and with ``-n auto``."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_OUTCOME = re.compile(r"(\d+) (passed|failed|errors?|skipped|xfailed|xpassed|deselected)")


def parse_outcomes(tail: str) -> dict[str, int]:
    """``{"passed": 12, "failed": 1}`` from pytest's last summary line."""
    found: dict[str, int] = {}
    for line in reversed(tail.strip().splitlines()):
        matches = _OUTCOME.findall(line)
        if matches:
            for count, word in matches:
                found["errors" if word.startswith("error") else word] = int(count)
            break
    return found


def run_suite(workers: str, timeout_s: float = 600.0) -> dict:
    """Run ``pytest scenarios -q -n WORKERS`` from the project root and time it."""
    command = [sys.executable, "-m", "pytest", "scenarios", "-q", "-n", workers]
    start = time.perf_counter()
    try:
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=timeout_s)
    except subprocess.TimeoutExpired:
        return {"workers": workers, "wall_s": time.perf_counter() - start, "exit_code": None,
                "outcomes": {}, "note": f"timed out after {timeout_s:.0f} s"}
    wall = time.perf_counter() - start
    outcomes = parse_outcomes(done.stdout)
    note = None
    if done.returncode not in (0, 5):
        note = (done.stdout.strip().splitlines() or done.stderr.strip().splitlines() or ["?"])[-1][:200]
    return {"workers": workers, "wall_s": wall, "exit_code": done.returncode, "outcomes": outcomes, "note": note}


def bench_suite(worker_settings: tuple[str, ...] = ("1", "auto")) -> dict:
    """One timed run per worker setting."""
    return {"runs": [run_suite(w) for w in worker_settings]}
