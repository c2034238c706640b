"""Done-when 3: a connector that reads only the system clock (never SHOPHUB_NOW) passes the 24 h
scenarios where faketime is installed — and, as a check that faketime is what makes it pass, the
same connector fails there without it."""

import os

import pytest

from scenarios.connectors import faketime
from scenarios.loader import load_file
from tests.conformance.support import LIBRARY, example_profile, example_program, run

ON_THE_24H_RULE = [p for p in sorted(LIBRARY.rglob("*.yaml"))
                   if "D4" in load_file(p).rules and "portable" in load_file(p).tags]
needs_faketime = pytest.mark.skipif(faketime.library() is None, reason=faketime.NOT_INSTALLED)


@needs_faketime
@pytest.mark.parametrize("path", ON_THE_24H_RULE, ids=lambda p: p.stem)
def test_a_system_clock_connector_passes_the_24h_rule_under_faketime(path, target):
    outcome = run(path, target, example_program("SHOPSYNC_CLOCK=system"), example_profile())
    assert outcome.status == "passed", outcome.describe()


@needs_faketime
def test_without_faketime_the_same_connector_sees_the_real_clock(target, monkeypatch):
    monkeypatch.setitem(os.environ, "SHOPHUB_FAKETIME", "off")
    outcome = run(ON_THE_24H_RULE[0], target, example_program("SHOPSYNC_CLOCK=system"), example_profile())
    assert outcome.status == "failed" and "expected: checkout_pending" in outcome.describe()
