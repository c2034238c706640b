"""--report FILE.md and --junit FILE.xml: per rule id pass/fail/skip with the failing step; exit codes."""

import subprocess
import sys
import xml.etree.ElementTree as ET

from scenarios.__main__ import main
from tests.conformance.support import LIBRARY

FAILING = """name: Five contacts where there is one
rules: [C1, team-rule-7]
tags: [portable]
given:
  - create customer: {email: ada@example.com}
steps:
  - sync
  - expect:
      counts: {contacts: 5}
"""


def test_report_and_junit_per_rule(tmp_path, capsys):
    failing = tmp_path / "five.yaml"
    failing.write_text(FAILING)
    report, junit = tmp_path / "r.md", tmp_path / "r.xml"
    passing = LIBRARY / "contacts" / "checkout_person_becomes_contact.yaml"     # C1, C2
    skipped = LIBRARY / "multistore" / "same_order_number_in_two_stores_two_deals.yaml"  # S2: two stores
    code = main(["run", str(failing), str(passing), str(skipped), "--connector", "cmd:false",
                 "--report", str(report), "--junit", str(junit)])
    assert code == 1
    text = report.read_text()
    assert "| C1 | FAIL |" in text and "| team-rule-7 | FAIL |" in text and "| S2 | SKIP |" in text
    assert f"step 7 (expect) at {failing}:8" not in text   # cmd:false fails earlier: at the sync step
    assert f"step 2 (sync) at {failing}:7: cmd: sync exited with status 1" in text
    assert "connector `cmd:false`" in text and "profile `native`" in text
    suites = {s.get("name"): s for s in ET.parse(junit).getroot()}
    assert suites["C1"].get("failures") == "2" and suites["S2"].get("skipped") == "1"
    case = suites["team-rule-7"].find("testcase")
    assert case.get("name") == "five" and "cmd: sync exited with status 1" in case.find("failure").get("message")
    capsys.readouterr()


def test_exit_0_only_when_every_selected_scenario_passes(tmp_path, capsys):
    report = tmp_path / "r.md"
    assert main(["run", str(LIBRARY), "--rules", "C9", "--report", str(report)]) == 0
    assert "| C9 | PASS |" in report.read_text() and "1 scenario(s): 1 passed" in report.read_text()
    assert main(["run", str(LIBRARY), "--tags", "nothing-has-this"]) == 0
    assert "0 of 0 scenario(s)" in capsys.readouterr().out


def test_a_failing_expectation_names_its_step(tmp_path, capsys):
    failing = tmp_path / "five.yaml"
    failing.write_text(FAILING)
    report = tmp_path / "r.md"
    assert main(["run", str(failing), "--report", str(report)]) == 1
    assert f"step 3 (expect) at {failing}:8: 1 expectation(s) not met" in report.read_text()
    capsys.readouterr()


def test_help_describes_every_argument(capsys):
    for argv in (["--help"], ["run", "--help"]):
        try:
            main(argv)
        except SystemExit:
            pass
    out = capsys.readouterr().out
    assert "``" not in out and ":func:" not in out
    for option in ("--connector SPEC", "--profile FILE.yaml", "--tags", "--rules", "--report FILE.md",
                   "--junit FILE.xml", "PATH  "):
        assert option in out, option
    assert "scenario files or directories of them" in out and "python:MODULE:FACTORY" in out


def test_pytest_takes_the_same_filters_and_collects_yaml_from_any_path(tmp_path):
    own = tmp_path / "my_rules"
    own.mkdir()
    (own / "five.yaml").write_text(FAILING)
    (own / "settings.yaml").write_text("not: a scenario\n")   # no steps: not collected
    command = [sys.executable, "-m", "pytest", "-p", "no:xdist", "-p", "no:cacheprovider", "--collect-only", "-q",
               "--tags", "portable", "--rules", "C1,team-rule-7", str(LIBRARY / "contacts"), str(own)]
    out = subprocess.run(command, capture_output=True, text=True, cwd=LIBRARY.parent, timeout=120).stdout
    collected = [line for line in out.splitlines() if "::" in line]
    assert any(line.endswith("five.yaml::five") for line in collected), out
    assert not any("settings" in line for line in collected)
    assert any("duplicate_emails_by_case_make_one_contact" in line for line in collected)
    assert not any("deleted_in_hubspot_stays_deleted" in line for line in collected)   # C5 only: deselected
    assert not any("initial_import_source_is_offline" in line for line in collected)   # reference: deselected


def test_pytest_writes_the_same_report(tmp_path):
    (tmp_path / "five.yaml").write_text(FAILING)
    report, junit = tmp_path / "r.md", tmp_path / "r.xml"
    command = [sys.executable, "-m", "pytest", "-p", "no:xdist", "-p", "no:cacheprovider", "-q",
               str(tmp_path / "five.yaml"), str(LIBRARY / "contacts" / "checkout_person_becomes_contact.yaml"),
               "--report", str(report), "--junit", str(junit)]
    result = subprocess.run(command, capture_output=True, text=True, cwd=LIBRARY.parent, timeout=120)
    assert result.returncode == 1, result.stdout
    text = report.read_text()
    assert "| C1 | FAIL |" in text and "| team-rule-7 | FAIL |" in text and "| C2 | PASS |" in text
    assert "counts" in text and "expected: 5" in text
    suites = {s.get("name"): s for s in ET.parse(junit).getroot()}
    assert suites["C1"].get("tests") == "2" and suites["C1"].get("failures") == "1"
