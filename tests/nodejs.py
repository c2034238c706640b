"""Official Node clients for tests: installed once per machine into ``.node/`` (gitignored), skipped without node.

Tests that drive an official Node client call :func:`node_project` with the npm packages they need and run a
script with :func:`run_node`. The install is shared by every pytest-xdist worker (a file lock serialises it) and
kept between runs, so only the first run on a fresh machine pays for ``npm install``.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent / ".node"


def node_project(*packages: str) -> Path:
    """A directory whose ``node_modules`` holds ``packages`` (npm specs such as ``@hubspot/api-client@14``).

    Skips the calling test when node or npm is missing, or when the registry cannot be reached.
    """
    node, npm = shutil.which("node"), shutil.which("npm")
    if not node or not npm:
        pytest.skip("node and npm are not installed: the official Node client test is skipped")
    key = hashlib.sha256(json.dumps(sorted(packages)).encode()).hexdigest()[:12]
    project = ROOT / key
    project.mkdir(parents=True, exist_ok=True)
    done = project / ".installed"
    with open(project / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            (project / "package.json").write_text(json.dumps({"name": f"shophub-node-{key}", "private": True}))
            result = subprocess.run(
                [npm, "install", "--no-audit", "--no-fund", "--loglevel=error", *packages],
                cwd=project, capture_output=True, text=True, timeout=300,
            )
            if result.returncode != 0:
                pytest.skip(f"npm install {' '.join(packages)} failed: {result.stderr.strip()[-400:]}")
            done.write_text("\n".join(packages))
    return project


def run_node(project: Path, script: str, env: dict[str, str] | None = None, timeout: float = 60) -> dict:
    """Run ``script`` (an ES module) in ``project``; it must print one JSON document last. Returns it."""
    path = project / f"script-{hashlib.sha256(script.encode()).hexdigest()[:12]}.mjs"
    path.write_text(script)


    result = subprocess.run(
        [shutil.which("node") or "node", str(path)], cwd=project, capture_output=True, text=True,
        timeout=timeout, env={**os.environ, **(env or {})},
    )
    assert result.returncode == 0, f"node failed ({result.returncode}):\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}"
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert lines, f"node printed nothing:\n{result.stderr[-2000:]}"
    return json.loads(lines[-1])
