"""The production server (cheroot): port 0 reports the real port; ``python -m`` serves on it."""

from __future__ import annotations

import threading

import requests
from flask import Flask

from mocks.core.production import Lender, bound_url, make_server
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


# -- the pool lends workers to held-up requests (mocks.core.production.Lender) -----------------------------
class _File:
    def __init__(self) -> None:
        self.bytes_read = 0


class _Conn:
    def __init__(self) -> None:
        self.rfile = _File()


class _Worker:
    def __init__(self) -> None:
        self.conn: _Conn | None = None


class _Pool:
    """What the lender reads of cheroot's ThreadPool: its workers, its minimum, grow and shrink."""

    def __init__(self, workers: int = 1) -> None:
        self._threads = [_Worker() for _ in range(workers)]
        self.min = 1
        self.calls: list[tuple[str, int]] = []

    def grow(self, amount: int) -> None:
        self.calls.append(("grow", amount))
        self._threads += [_Worker() for _ in range(amount)]

    def shrink(self, amount: int) -> None:
        self.calls.append(("shrink", amount))


def test_a_request_running_at_two_looks_gets_a_worker_lent_beside_it():
    pool = _Pool()
    lender = Lender(pool, base=1)
    worker = pool._threads[0]
    worker.conn = _Conn()
    worker.conn.rfile.bytes_read = 300
    assert lender.look() == 0 and pool.calls == []      # first seen: it may be a quick request
    assert lender.look() == 1 and pool.calls == [("grow", 1)]
    assert lender.look() == 1 and pool.calls == [("grow", 1)]  # the lent worker is free: nothing more


def test_the_next_request_on_a_keep_alive_connection_is_not_held_up():
    pool = _Pool()
    lender = Lender(pool, base=1)
    worker = pool._threads[0]
    worker.conn = _Conn()
    lender.look()
    worker.conn.rfile.bytes_read += 120                 # the same connection sent its next request
    assert lender.look() == 0 and pool.calls == []
    worker.conn = _Conn()                               # another connection, by chance as many bytes read
    worker.conn.rfile.bytes_read = 120
    assert lender.look() == 0 and pool.calls == []


def test_a_lent_worker_retires_once_no_request_is_held_up():
    pool = _Pool(workers=2)
    lender = Lender(pool, base=1)
    assert lender.look() == 0
    assert pool.calls == [("shrink", 1)]


def test_idle_workers_at_the_minimum_stay():
    pool = _Pool(workers=1)
    lender = Lender(pool, base=1)
    for _ in range(3):
        lender.look()
    assert pool.calls == []


def test_a_held_up_request_does_not_stall_the_next_one_on_the_real_server():
    release, entered = threading.Event(), threading.Event()
    app = Flask("held")

    def held():  # noqa: ANN202 - a view that stands for a delay fault or a slow export
        entered.set()
        release.wait(30)
        return {"held": True}

    app.add_url_rule("/held", "held", held)
    app.add_url_rule("/ping", "ping", lambda: {"ok": True})
    server = make_server(app, "127.0.0.1", 0, threads=1)
    thread = threading.Thread(target=server.serve, daemon=True)
    thread.start()
    url = bound_url(server)
    box: list[requests.Response] = []
    first = threading.Thread(target=lambda: box.append(requests.get(f"{url}/held", timeout=30)), daemon=True)
    try:
        first.start()
        assert entered.wait(10)
        answer = requests.get(f"{url}/ping", timeout=10)  # served by a lent worker while /held waits
        assert answer.json() == {"ok": True} and not box
        release.set()
        first.join(10)
        assert box and box[0].json() == {"held": True}
        pause = threading.Event()                         # never set: a wait between looks at the pool
        for _ in range(200):                              # the lent worker retires (within seconds)
            if len(server.requests._threads) == 1:
                break
            pause.wait(0.05)
        assert len(server.requests._threads) == 1
    finally:
        release.set()
        server.stop()
        thread.join(5)
