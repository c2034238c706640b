"""Simulated time for programs that read the system clock: Debian's libfaketime, where installed.

A ``cmd:``/``serve:`` program runs with ``LD_PRELOAD`` of libfaketime and a timestamp file the
harness rewrites whenever it moves time (``FAKETIME_NO_CACHE`` makes the library re-read it), in UTC:

- a ``cmd:`` step sees the simulated instant, frozen (``YYYY-MM-DD hh:mm:ss``): exactly what
  ``SHOPHUB_NOW`` says, however long the program takes to start — the 23h59m59s step stays one
  second before the 24 h mark on a loaded machine. ``sleep`` then returns at once.
- a ``serve:`` receiver starts at the simulated time and runs on with real time
  (``@YYYY-MM-DD hh:mm:ss``), so its threads and sleeps behave.

Without libfaketime the program sees the real clock and only ``SHOPHUB_NOW`` says the simulated time.
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


def stamp(moment: datetime, running: bool) -> str:
    """A libfaketime timestamp-file line: ``moment`` (UTC), frozen or running on from there."""
    return ("@" if running else "") + moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S") + "\n"


def write_stamp(path: Path, moment: datetime, running: bool) -> None:
    """Point every faked program at ``moment`` (written whole, then renamed: never half a line)."""
    temporary = path.with_suffix(".tmp")
    temporary.write_text(stamp(moment, running), encoding="ascii")
    temporary.replace(path)


def environment(lib: str, stamp_file: Path, inherited: str = "") -> dict[str, str]:
    """The variables that run a program under libfaketime, following ``stamp_file``."""
    return {"LD_PRELOAD": f"{lib} {inherited}".strip(), "FAKETIME_TIMESTAMP_FILE": str(stamp_file),
            "FAKETIME_NO_CACHE": "1", "TZ": "UTC"}
