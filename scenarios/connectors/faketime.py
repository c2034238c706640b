"""Simulated time for programs that read the system clock: Debian's libfaketime, where installed.

A ``cmd:``/``serve:`` program runs with ``LD_PRELOAD`` of libfaketime and a timestamp file the
harness rewrites whenever it moves time (``FAKETIME_NO_CACHE`` makes the library re-read it). The
file holds ``@YYYY-MM-DD hh:mm:ss`` in UTC: the program's clock jumps to the simulated time and runs
on with real time from there, so ``sleep`` still sleeps. Without libfaketime the program sees the
real clock and only ``SHOPHUB_NOW`` says the simulated time.
"""

from __future__ import annotations

import glob
import os
from datetime import UTC, datetime
from pathlib import Path

LIBRARY_GLOBS = ("/usr/lib/*/faketime/libfaketime.so.1", "/usr/lib/faketime/libfaketime.so.1",
                 "/usr/local/lib/faketime/libfaketime.so.1", "/usr/lib64/faketime/libfaketime.so.1")
NOT_INSTALLED = ("faketime (libfaketime) is not installed: cmd:/serve: programs see the real clock; "
                 "only SHOPHUB_NOW carries the simulated time (apt-get install faketime)")


def library(env: dict[str, str] | None = None) -> str | None:
    """The libfaketime shared object, if installed (``SHOPHUB_FAKETIME=off`` turns it off)."""
    env = os.environ if env is None else env
    if env.get("SHOPHUB_FAKETIME", "").lower() in ("off", "0", "no"):
        return None
    for pattern in LIBRARY_GLOBS:
        found = sorted(glob.glob(pattern))
        if found:
            return found[0]
    return None


def stamp(moment: datetime) -> str:
    """A libfaketime timestamp-file line: start at ``moment`` (UTC) and run on."""
    return "@" + moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S") + "\n"


def write_stamp(path: Path, moment: datetime) -> None:
    """Point every faked program at ``moment`` (written whole, then renamed: never half a line)."""
    temporary = path.with_suffix(".tmp")
    temporary.write_text(stamp(moment), encoding="ascii")
    temporary.replace(path)


def environment(lib: str, stamp_file: Path, inherited: str = "") -> dict[str, str]:
    """The variables that run a program under libfaketime, following ``stamp_file``."""
    return {"LD_PRELOAD": f"{lib} {inherited}".strip(), "FAKETIME_TIMESTAMP_FILE": str(stamp_file),
            "FAKETIME_NO_CACHE": "1", "TZ": "UTC"}
