"""The admin surface, journal and fault rules, exercised over real HTTP on a port-0 server."""

import pytest
import requests
from flask import Flask, jsonify

from mocks.core import Clock, MockContext, install, serve


def make_app() -> Flask:
    app = Flask(__name__)
    store: dict = {"items": []}
    ctx = MockContext(name="t", clock=Clock.simulated("2024-01-01T00:00:00Z"),
                      reset=lambda: store["items"].clear(), state=lambda: {"items": list(store["items"])})
    install(app, ctx)

    @app.post("/items")
    def add():
        store["items"].append(len(store["items"]) + 1)
        return jsonify({"id": len(store["items"])}), 201

    @app.get("/items")
    def items():
        return jsonify({"items": store["items"]})

    return app


@pytest.fixture()
def server():
    handle = serve(make_app())
    yield handle
    handle.shutdown()


def test_port_zero_reports_the_real_port(server):
    assert server.port > 0 and server.url.endswith(f":{server.port}")
    assert requests.get(server.url + "/items", timeout=5).json() == {"items": []}


def test_clock_endpoints(server):
    assert requests.get(server.url + "/__admin/clock").json()["now"] == "2024-01-01T00:00:00.000Z"
    r = requests.post(server.url + "/__admin/clock", json={"advance": 86400})
    assert r.json()["now"] == "2024-01-02T00:00:00.000Z"
    r = requests.post(server.url + "/__admin/clock", json={"now": "2024-06-01T12:00:00Z"})
    assert r.json()["now"] == "2024-06-01T12:00:00.000Z"
    assert requests.post(server.url + "/__admin/clock", json={"advance": "soon"}).status_code == 400
    assert requests.post(server.url + "/__admin/clock", json={}).status_code == 400
    assert requests.post(server.url + "/__admin/clock", json={"advance": -5}).status_code == 400


def test_clock_mode_switch(server):
    assert requests.get(server.url + "/__admin/clock").json()["mode"] == "frozen"
    r = requests.post(server.url + "/__admin/clock", json={"mode": "running"})
    assert r.status_code == 200 and r.json()["mode"] == "running" and r.json()["simulated"] is False
    r = requests.post(server.url + "/__admin/clock", json={"advance": 60, "mode": "frozen"})
    assert r.json()["mode"] == "frozen"
    bad = requests.post(server.url + "/__admin/clock", json={"mode": "sideways"})
    assert bad.status_code == 400 and "frozen, running" in bad.json()["error"]


def test_journal_state_and_reset(server):
    requests.post(server.url + "/items")
    requests.get(server.url + "/items?x=1")
    journal = requests.get(server.url + "/__admin/requests").json()
    assert [(e["method"], e["path"], e["status"]) for e in journal["requests"]] == [
        ("POST", "/items", 201), ("GET", "/items", 200)]
    assert journal["requests"][1]["query"] == "x=1"
    assert requests.get(server.url + "/__admin/requests?method=POST").json()["total"] == 1
    assert requests.get(server.url + "/__admin/state").json() == {"items": [1]}
    requests.post(server.url + "/__admin/reset", json={"now": "2030-01-01T00:00:00Z"})
    assert requests.get(server.url + "/__admin/state").json() == {"items": []}
    assert requests.get(server.url + "/__admin/requests").json()["total"] == 0
    assert requests.get(server.url + "/__admin/clock").json()["now"].startswith("2030-01-01")


def test_respond_fault_for_next_n_calls(server):
    rule = {"method": "GET", "path": "/item*", "action": "respond", "status": 503,
            "body": {"message": "down"}, "headers": {"Retry-After": "2"}, "times": 2}
    assert requests.post(server.url + "/__admin/faults", json=rule).status_code == 201
    first = requests.get(server.url + "/items")
    assert first.status_code == 503 and first.json() == {"message": "down"}
    assert first.headers["Retry-After"] == "2"
    assert requests.get(server.url + "/items").status_code == 503
    assert requests.get(server.url + "/items").status_code == 200
    assert requests.post(server.url + "/items").status_code == 201  # method did not match
    listed = requests.get(server.url + "/__admin/faults").json()
    assert listed["rules"][0]["fired"] == 2 and listed["counts"] == {"request:respond:503": 2}


def test_probability_faults_are_seeded_and_repeatable(server):
    def run() -> list[int]:
        requests.post(server.url + "/__admin/reset")
        requests.post(server.url + "/__admin/faults",
                      json={"path": "/items", "action": "respond", "status": 500, "probability": 0.5, "seed": 3})
        return [requests.get(server.url + "/items").status_code for _ in range(20)]
    first, second = run(), run()
    assert first == second and 500 in first and 200 in first


def test_drop_fault_closes_the_connection(server):
    requests.post(server.url + "/__admin/faults", json={"path": "/items", "action": "drop", "times": 1})
    with pytest.raises(requests.ConnectionError):
        requests.get(server.url + "/items", timeout=5)
    assert requests.get(server.url + "/items", timeout=5).status_code == 200


def test_delay_fault_is_a_slow_answer(server):
    requests.post(server.url + "/__admin/faults", json={"path": "/items", "action": "delay", "delay_ms": 400})
    with pytest.raises(requests.Timeout):
        requests.get(server.url + "/items", timeout=0.1)


@pytest.mark.parametrize("rule", [
    {"action": "explode"}, {"action": "respond", "status": 42}, {"action": "respond", "times": 0},
    {"action": "delay", "delay_ms": 10**9}, {"target": "webhook", "action": "respond"}, ["not a rule"],
])
def test_bad_fault_rules_are_refused(server, rule):
    r = requests.post(server.url + "/__admin/faults", json=rule)
    assert r.status_code == 400 and "error" in r.json()


def test_admin_can_be_disabled():
    app = Flask(__name__)
    install(app, MockContext(name="t", clock=Clock(), reset=lambda: None, state=dict, admin_enabled=False))
    assert app.test_client().get("/__admin/clock").status_code == 404


def test_oversized_body_is_refused_with_413():
    app = Flask(__name__)
    install(app, MockContext(name="t", clock=Clock(), reset=lambda: None, state=dict, max_body=100))

    @app.post("/x")
    def x():
        from flask import request
        return {"n": len(request.get_data())}

    assert app.test_client().post("/x", data=b"a" * 101).status_code == 413
    assert app.test_client().post("/x", data=b"a" * 10).status_code == 200
