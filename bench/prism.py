"""Prism (``@stoplight/prism-cli``, stateless, Node) serving a mock's own ``/openapi.json``.

Installed once with npm into ``.node/prism`` (gitignored); absent node or npm, or a failed install,
the caller gets a :class:`PrismUnavailable` saying why and the comparison row is skipped.
"""

from __future__ import annotations

import fcntl
import json
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from mocks.harness.pair import stop_process

PACKAGE = "@stoplight/prism-cli@5"
ROOT = Path(__file__).resolve().parent.parent / ".node" / "prism"


class PrismUnavailable(RuntimeError):
    """Prism cannot run here (the message says why)."""


def install() -> Path:
    """The prism executable, installing it first if needed."""
    if not shutil.which("node") or not shutil.which("npm"):
        raise PrismUnavailable("node and npm are not installed: Prism not measured")
    ROOT.mkdir(parents=True, exist_ok=True)
    binary = ROOT / "node_modules" / ".bin" / "prism"
    with open(ROOT / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not binary.exists():
            (ROOT / "package.json").write_text(json.dumps({"name": "shophub-prism", "private": True}))
            result = subprocess.run([shutil.which("npm") or "npm", "install", "--no-audit", "--no-fund",
                                     "--loglevel=error", PACKAGE], cwd=ROOT, capture_output=True, text=True,
                                    timeout=600)
            if result.returncode != 0 or not binary.exists():
                raise PrismUnavailable(f"npm install {PACKAGE} failed: {result.stderr.strip()[-300:]}")
    return binary


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def prism_serving(document: dict, start_timeout_s: float = 60.0) -> Iterator[str]:
    """Run ``prism mock`` on ``document`` (an OpenAPI dict) on a free port; yields its base URL."""
    binary = install()
    port = _free_port()
    with tempfile.TemporaryDirectory() as tmp:
        spec = Path(tmp) / "openapi.json"
        spec.write_text(json.dumps(document))
        process = subprocess.Popen([str(binary), "mock", "-h", "127.0.0.1", "-p", str(port), str(spec)],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=tmp)
        try:
            deadline = time.monotonic() + start_timeout_s
            while True:
                if process.poll() is not None:
                    raise PrismUnavailable(f"prism exited with {process.returncode} before listening")
                try:
                    with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                        break
                except OSError:
                    if time.monotonic() > deadline:
                        raise PrismUnavailable(f"prism did not listen within {start_timeout_s:.0f} s") from None
                    time.sleep(0.2)
            yield f"http://127.0.0.1:{port}"
        finally:
            stop_process(process)
