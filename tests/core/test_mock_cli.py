"""The mocks' command lines (issue 15): a port outside 0-65535 is a usage error, never a silently
wrapped port (99999 used to listen on 34463) or a traceback; an address that cannot be bound is one
line and exit 2."""

from __future__ import annotations

import pytest

from mocks.core.server import run_forever
from mocks.hubspot.__main__ import main as hubspot_main
from mocks.shopify.__main__ import main as shopify_main


@pytest.mark.parametrize("main", [shopify_main, hubspot_main])
@pytest.mark.parametrize("port", ["99999", "-1", "65536", "1e3", "port"])
def test_a_bad_port_is_a_usage_error(main, port, capsys):
    with pytest.raises(SystemExit) as stop:
        main(["--port", port])
    assert stop.value.code == 2
    assert "--port" in capsys.readouterr().err


def test_an_address_that_cannot_be_bound_is_one_line_and_exit_2(capsys):
    with pytest.raises(SystemExit) as stop:
        run_forever(lambda environ, start: [], "no such host.invalid", 0)
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("cannot listen on"), err
