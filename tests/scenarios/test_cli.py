"""``python -m scenarios run``: progress, a diff on failure, and the exit code."""

from pathlib import Path

from scenarios.__main__ import main

DATA = Path(__file__).parent / "data"
LIBRARY = Path(__file__).resolve().parents[2] / "scenarios"


def test_a_failing_scenario_prints_the_diff_and_exits_1(capsys):
    code = main(["run", str(DATA / "wrong_expectation.yaml"), str(LIBRARY / "contacts" / "checkout_person_becomes_contact.yaml")])
    out = capsys.readouterr().out
    assert code == 1
    assert "✗ FAILED" in out and "expected: 'Augusta'" in out and "actual:   'Ada'" in out
    assert "✓ passed" in out and "1 of 2 scenario(s) passed or skipped; 1 failed" in out


def test_verbose_prints_every_step_and_exits_0(capsys):
    code = main(["run", "-v", str(LIBRARY / "contacts" / "checkout_person_becomes_contact.yaml")])
    out = capsys.readouterr().out
    assert code == 0 and "1. create product: {title: Tee, price: 20}" in out and "… ok" in out


def test_a_broken_file_exits_2_naming_its_line(tmp_path, capsys):
    broken = tmp_path / "broken.yaml"
    broken.write_text("name: x\nrules: [C1]\nsteps:\n  - advance: soon\n")
    assert main(["run", str(broken)]) == 2
    assert f"{broken}:4: not a duration" in capsys.readouterr().err
