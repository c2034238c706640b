"""Start a mock as its own process (``python -m mocks.X --port 0 ...``) and stop it again.

The first line a mock prints is ``listening on http://H:P`` (a fixed interface); that is the URL.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from mocks.harness.pair import stop_process

ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT = 30.0


def _first_line(proc: subprocess.Popen, timeout: float) -> str:
    box: list[str] = []
    reader = threading.Thread(target=lambda: box.append(proc.stdout.readline() if proc.stdout else ""),
                              daemon=True)
    reader.start()
    reader.join(timeout)
    return box[0].strip() if box else ""


def mock_process(module: str, *args: str):  # noqa: ANN201 - a context manager of the URL
    """Run ``python -m module --port 0 *args``; yield its base URL; terminate it afterwards."""
    return listening_process(module, "--port", "0", *args)


@contextmanager
def listening_process(module: str, *args: str) -> Iterator[str]:
    """Run ``python -m module *args`` (a server whose first line is ``listening on URL``); yield the URL."""
    proc = subprocess.Popen([sys.executable, "-m", module, *args], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = _first_line(proc, START_TIMEOUT)
        if not line.startswith("listening on "):
            proc.kill()
            _, err = proc.communicate(timeout=10)
            raise RuntimeError(f"{module} did not start: first line {line!r}; stderr: {err[-2000:]}")
        yield line.removeprefix("listening on ").strip()
    finally:
        stop_process(proc)
        if proc.stderr:
            proc.stderr.close()
