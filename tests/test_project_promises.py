"""Promises the project makes to its users, checked on every run."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CODE_DIRS = ("mocks", "connector", "scenarios", "demo", "bench")
WALL_CLOCK = re.compile(r"datetime\.(now|utcnow)\(|time\.time\(\)|date\.today\(")


def python_files():
    for name in CODE_DIRS:
        folder = ROOT / name
        if folder.is_dir():
            yield from folder.rglob("*.py")


def test_time_is_a_parameter_no_wall_clock_reads_outside_a_clock():
    offenders = []
    for path in python_files():
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if WALL_CLOCK.search(line) and "clock" not in line.lower():
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert offenders == [], "read the injected Clock instead:\n" + "\n".join(offenders)


def test_nothing_reads_the_development_spec_folder():
    offenders = [str(p.relative_to(ROOT)) for p in python_files() if "../shared" in p.read_text()]
    offenders += [str(p.relative_to(ROOT)) for p in (ROOT / "tests").rglob("*.py")
                  if p.name != Path(__file__).name and "../shared" in p.read_text()]
    assert offenders == []


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text()
    assert "make test" in readme and "make demo" in readme
    ci = (ROOT / ".ci" / "run").read_text()
    assert "make test" in ci


def test_makefile_builds_its_own_venv_for_every_command():
    makefile = (ROOT / "Makefile").read_text()
    for target in ("test", "demo", "bench"):
        assert re.search(rf"^{target}: \$\(STAMP\)", makefile, re.M), target
