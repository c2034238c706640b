"""Where the numbers were taken: cores, memory, CPU model, OS and Python version."""

from __future__ import annotations

import os
import platform
import sys
import time
from pathlib import Path


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine() or "unknown"


def _memory_gib() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    except (OSError, ValueError, IndexError):
        pass
    return None


def _usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def machine_info() -> dict:
    """A JSON-ready description of this machine and interpreter."""
    return {
        "cpu_model": _cpu_model(),
        "cores": _usable_cores(),
        "memory_gib": _memory_gib(),
        "os": f"{platform.system()} {platform.release()}",
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "executable": sys.executable,
    }


def run_label() -> str:
    """The UTC date and minute of this run: a label for the results, never used to measure time."""
    return time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())


def describe(info: dict) -> str:
    """One line for the table header."""
    memory = f"{info['memory_gib']} GiB" if info.get("memory_gib") is not None else "? GiB"
    return f"{info['cores']} cores, {memory}, {info['cpu_model']}, {info['os']}, {info['python']}"
