"""A cmd: connector that really sleeps on ``Retry-After`` gets through on the scenarios' frozen
clock: the mocks' clock runs while an external step runs, and stands again, at the instant the
step began, afterwards — so the 23h59m59s/24 h scenarios stay exact."""

import json
import shlex
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest

from mocks.core.clock import parse_iso
from scenarios.connectors import parse_connector
from scenarios.loader import load_text
from scenarios.targets.inprocess import MocksTarget
from scenarios.targets.live import LiveTarget
from tests.conformance.support import run

PROGRAM = Path(__file__).with_name("retry_after_program.py")
BOUND = 8.0   # seconds: the program gives up after five waits of about a second each


@pytest.fixture(autouse=True)
def real_sleep(monkeypatch):
    """These programs read no system clock; without faketime their ``sleep`` is a real one (under
    libfaketime's frozen clock a sleep may return at once or never: docs/conformance.md)."""
    monkeypatch.setenv("SHOPHUB_FAKETIME", "off")

FAULTED = """name: A connector waits out two 429s with Retry-After
rules: [my-retry-after]
at: 2024-03-04T09:00:00Z
steps:
  - connect
  - fault: {mock: shopify, method: GET, path: "/admin/api/*/shop.json", status: 429,
            headers: {Retry-After: "1"}, times: 2}
  - sync
  - advance: 23h59m59s
  - run timers
"""


def program(log: Path, burst: int = 1) -> str:
    return f"cmd:{shlex.quote(sys.executable)} {shlex.quote(str(PROGRAM))} {shlex.quote(str(log))} {burst}"


def steps(log: Path) -> dict[str, dict]:
    return {entry["step"]: entry for entry in map(json.loads, log.read_text().splitlines())}


@pytest.fixture(scope="module")
def live():
    with LiveTarget() as target:
        yield target


@pytest.mark.parametrize("where", ["mocks", "live"])
def test_a_program_sleeping_on_retry_after_sees_time_pass_and_the_clock_stays_exact(tmp_path, where, request):
    target = request.getfixturevalue("target" if where == "mocks" else "live")
    log = tmp_path / "log.jsonl"
    started = time.monotonic()
    outcome = run(load_text(FAULTED, "faulted.yaml"), target, parse_connector(program(log)))
    assert outcome.status == "passed", outcome.describe()
    assert time.monotonic() - started < BOUND
    runs = steps(log)
    sync = runs["sync"]
    assert sync["waits"] == [1.0, 1.0]
    # the mocks' clock ran while the program slept on Retry-After …
    ran = parse_iso(sync["clock_after"]) - parse_iso(sync["clock_before"])
    # (both readings are ISO texts in whole milliseconds, each cut down: their difference may show 1 ms less)
    assert ran >= timedelta(seconds=2) - timedelta(milliseconds=1), ran
    # … and the step took no simulated time: the next step is exactly 23h59m59s after the sync began
    assert parse_iso(sync["now"]) == parse_iso(runs["connect"]["now"])
    assert parse_iso(runs["timers"]["now"]) - parse_iso(sync["now"]) == timedelta(hours=23, minutes=59, seconds=59)
    assert target.pair.admin.clock()["mode"] == "frozen"


BURST = """name: A connector past Shopify's REST bucket waits it out
rules: [my-leaky-bucket]
steps:
  - connect
  - sync
"""


@pytest.fixture
def rate_limited():
    with MocksTarget(rate_limit=True) as target:
        yield target


def test_a_program_throttled_by_the_leaky_bucket_does_not_deadlock_on_the_frozen_clock(tmp_path, rate_limited):
    # 45 calls overflow the 40-request bucket; it leaks 2 a second only if the mocks' time moves.
    log = tmp_path / "log.jsonl"
    started = time.monotonic()
    outcome = run(load_text(BURST, "burst.yaml"), rate_limited, parse_connector(program(log, burst=45)))
    assert outcome.status == "passed", outcome.describe()
    assert time.monotonic() - started < BOUND
    assert steps(log)["sync"]["waits"], "the burst was never throttled: the test proves nothing"
    assert rate_limited.pair.admin.clock()["mode"] == "frozen"
