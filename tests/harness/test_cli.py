"""``python -m mocks``: both mocks on one clock, the fixed first two lines, fixed ports."""

from __future__ import annotations

import io
import socket

import requests

from mocks.__main__ import main


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_prints_both_urls_and_both_mocks_answer_one_clock():
    seen: dict[str, object] = {}
    out = io.StringIO()

    def probe() -> None:
        lines = out.getvalue().splitlines()
        urls = {line.split(" listening on ")[0]: line.split(" listening on ")[1] for line in lines[:2]}
        seen["sides"] = sorted(urls)
        requests.post(urls["shopify"] + "/__admin/clock", json={"advance": 3600}, timeout=10)
        seen["clocks"] = [requests.get(urls[side] + "/__admin/clock", timeout=10).json() for side in urls]

    assert main(["--now", "2024-03-01T09:00:00Z", "--clock", "frozen"], out=out, wait=probe) == 0
    assert seen["sides"] == ["hubspot", "shopify"]
    first, second = seen["clocks"]
    assert first == second == {"now": "2024-03-01T10:00:00.000Z", "mode": "frozen", "simulated": True}


def test_default_clock_runs_and_fixed_ports_are_used():
    shopify_port, hubspot_port = free_port(), free_port()
    out = io.StringIO()
    modes = []

    def probe() -> None:
        modes.append(requests.get(f"http://127.0.0.1:{hubspot_port}/__admin/clock", timeout=10).json()["mode"])

    assert main(["--shopify-port", str(shopify_port), "--hubspot-port", str(hubspot_port)], out=out, wait=probe) == 0
    assert out.getvalue().splitlines()[:2] == [f"shopify listening on http://127.0.0.1:{shopify_port}",
                                               f"hubspot listening on http://127.0.0.1:{hubspot_port}"]
    assert modes == ["running"]


def test_a_port_in_use_is_one_line_and_exit_1(capsys):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["--shopify-port", str(port)], out=io.StringIO(), wait=lambda: None) == 1
    err = capsys.readouterr().err
    assert f"cannot bind 127.0.0.1:{port}" in err and err.count("\n") == 1
