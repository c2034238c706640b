"""The production server (cheroot): port 0 reports the real port; ``python -m`` serves on it."""

from __future__ import annotations

import threading

import requests
from flask import Flask

from mocks.core.production import bound_url, make_server
from tests.fidelity.process import mock_process


def test_port_zero_binds_a_free_port_and_serves_keep_alive():
    app = Flask("tiny")
    app.add_url_rule("/ping", "ping", lambda: {"ok": True})
    server = make_server(app, "127.0.0.1", 0, threads=2)
    thread = threading.Thread(target=server.serve, daemon=True)
    thread.start()
    try:
        url = bound_url(server)
        assert url.startswith("http://127.0.0.1:") and not url.endswith(":0")
        with requests.Session() as session:
            answers = [session.get(f"{url}/ping", timeout=10) for _ in range(3)]
        assert [a.json() for a in answers] == [{"ok": True}] * 3
        assert answers[0].headers["Server"] == "shophub-mock"
    finally:
        server.stop()
        thread.join(5)


def test_python_m_mocks_serve_on_the_production_server():
    for module in ("mocks.hubspot", "mocks.shopify"):
        with mock_process(module, "--rate-limit", "off") as url:
            answer = requests.get(f"{url}/openapi.json", timeout=10)
            assert answer.status_code == 200
            assert answer.headers["Server"] == "shophub-mock"
