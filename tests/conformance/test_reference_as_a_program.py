"""Done-when 1: the reference connector run as an external program (cmd: + serve: through its own
CLI, ``python -m connector step``) passes the portable core — no in-process shortcut."""

import pytest

from tests.conformance.support import reference_program, run, selected_portable


@pytest.mark.parametrize("path", selected_portable(), ids=lambda p: p.stem)
def test_the_reference_connector_as_a_program_passes(path, target):
    outcome = run(path, target, reference_program())
    assert outcome.status == "passed", outcome.describe()
