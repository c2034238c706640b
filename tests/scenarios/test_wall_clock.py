"""Time is a parameter: scenarios/ never reads the wall clock (except a line that says clock)."""

import re
from pathlib import Path

import scenarios

FORBIDDEN = re.compile(r"datetime\.now\(|datetime\.utcnow\(|time\.time\(\)|date\.today\(")


def test_no_wall_clock_reads_in_scenarios():
    root = Path(scenarios.__file__).parent
    offenders = [f"{path.relative_to(root.parent)}:{number}"
                 for path in root.rglob("*.py")
                 for number, line in enumerate(path.read_text().splitlines(), 1)
                 if FORBIDDEN.search(line) and "clock" not in line.lower()]
    assert offenders == []
