"""The README reads in five minutes and starts with how to test your own connector; its links hold."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text()
FIXED_ENV = ("SHOPIFY_URL", "SHOPIFY_TOKEN", "SHOPIFY_API_VERSION", "SHOPIFY_WEBHOOK_SECRET", "SHOPIFY_STORE",
             "HUBSPOT_URL", "HUBSPOT_TOKEN", "HUBSPOT_CLIENT_SECRET", "SHOPHUB_NOW", "SHOPHUB_STATE_DIR",
             "SHOPHUB_STEP")


def section(title: str) -> str:
    start = README.index(f"## {title}\n")
    end = README.find("\n## ", start + 1)
    return README[start:end if end > 0 else None]


def test_readme_is_short_and_opens_with_testing_your_own_connector():
    assert len(README.splitlines()) <= 200
    headings = re.findall(r"^## (.+)$", README, re.M)
    assert headings[0] == "Test your own connector" and "Quick start" in headings
    own = section("Test your own connector")
    assert "make mocks" in own and "--connector cmd:" in own and "--tags portable" in own and "--report" in own
    assert all(name in own for name in FIXED_ENV)
    assert "make test" in README and "make demo" in README


def test_every_local_link_in_readme_and_harness_docs_exists():
    for doc in (ROOT / "README.md", ROOT / "docs" / "harness.md"):
        for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", doc.read_text()):
            assert (doc.parent / target).exists(), f"{doc.name} links to missing {target}"


def test_the_readme_mocks_command_takes_fixed_ports():
    command = re.search(r'make mocks ARGS="([^"]+)"', section("Test your own connector")).group(1).split()
    helptext = subprocess.run([sys.executable, "-m", "mocks", "--help"], capture_output=True, text=True,
                              cwd=ROOT, timeout=60).stdout
    assert all(flag in helptext for flag in command if flag.startswith("--"))
