"""The dashboard in real headless Chromium: the eight reports render with connector.reporting.figures' figures."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from connector.reporting.figures import compute_all
from connector.reporting.loader import load
from tests.demo.conftest import DemoWorld
from tests.demo.figures import expected, parse

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")
FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage")


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    profile = tmp_path / "profile"
    return subprocess.run([CHROMIUM or "chromium", *FLAGS, f"--user-data-dir={profile}", *args],
                          capture_output=True, text=True, timeout=120, check=False)


def test_eight_reports_render_with_the_right_figures(world: DemoWorld, tmp_path: Path) -> None:
    url = world.dashboard.url + "/"
    dom = chromium(tmp_path, "--dump-dom", url)
    assert dom.returncode == 0, dom.stderr[-2000:]
    page = parse(dom.stdout)
    assert page.reports == [f"R{i}" for i in range(1, 9)]
    assert all(page.svgs.get(f"R{i}") for i in range(1, 9))
    now = world.mocks.clock.now()
    truth = compute_all(load(world.run.connector.hubspot, now), "this_month", now, world.config)
    assert {key: value for key, (value, _) in page.figures.items()} == expected(truth)
    assert page.figures[("R1", "count")][1] == str(truth["reports"]["R1"]["count"])


def test_screenshot_is_a_png(world: DemoWorld, tmp_path: Path) -> None:
    shot = tmp_path / "dashboard.png"
    result = chromium(tmp_path, f"--screenshot={shot}", "--window-size=1280,2000", world.dashboard.url + "/")
    assert result.returncode == 0, result.stderr[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
