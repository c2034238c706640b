"""Run a child process to completion and measure its own peak memory.

Peak RSS is the child's ``VmHWM`` (the high-water mark of its own address space), read from
``/proc/<pid>/status`` every 20 ms while it runs. ``ru_maxrss`` from ``wait4`` is not used when
``/proc`` is available: Linux folds the RSS of the address space a child had before ``exec`` —
with ``vfork``, the *parent's* — into it, so a bench process holding a large seeded store would
inflate the connector's number.
"""

from __future__ import annotations

import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POLL_S = 0.02


@dataclass
class ChildRun:
    """What one child process did: exit code, wall time, its own peak RSS, its output."""

    returncode: int
    wall_s: float
    peak_rss_kib: int
    stdout: str
    stderr: str
    timed_out: bool = False


def vm_hwm_kib(pid: int) -> int | None:
    """The process's peak resident set (``VmHWM``) in KiB, or ``None`` if it cannot be read."""
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return None


def run_child(command: list[str], workdir: Path, timeout_s: float = 1800.0, env: dict | None = None) -> ChildRun:
    """Run ``command`` from the project root, polling its peak RSS until it exits (or is killed at
    ``timeout_s``). Output goes to files in ``workdir``."""
    out_path, err_path = workdir / "child.stdout", workdir / "child.stderr"
    peak = 0
    timed_out = False
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=err, env=env)
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            peak = max(peak, vm_hwm_kib(process.pid) or 0)
            if time.perf_counter() - start > timeout_s and not timed_out:
                process.kill()
                timed_out = True
            time.sleep(POLL_S)
        wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)  # already reaped: tell subprocess so
    return ChildRun(process.returncode, wall, peak or int(usage.ru_maxrss), out_path.read_text(errors="replace"),
                    err_path.read_text(errors="replace"), timed_out=timed_out)
