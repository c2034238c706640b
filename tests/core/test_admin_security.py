"""The admin surface of both mocks (issue 15): only loopback (or configured) Host names, no cross-site
or cross-origin calls, JSON-only writes; clock, reset and fault inputs refused with a 400 that changes
nothing; JSON nested too deeply is each service's 400, never a 500."""

from __future__ import annotations

import json

import pytest

from mocks.core.admin_guard import host_name, is_loopback
from mocks.core.nesting import too_deep
from tests.fidelity.targets import TARGETS, Target

ids = {"ids": lambda t: t.name}


@pytest.mark.parametrize("target", TARGETS, **ids)
@pytest.mark.parametrize("host", ["evil.example", "evil.example:8080", "127.0.0.1.evil.example", "10.0.0.7",
                                  "localhost.evil.example"])
def test_the_admin_surface_refuses_a_foreign_host(target: Target, host: str):
    client = target.make_app().test_client()
    for method, path in (("GET", "/__admin/state"), ("POST", "/__admin/reset")):
        response = client.open(path, method=method, headers={"Host": host}, json={})
        assert response.status_code == 403, (host, path, response.status_code)


@pytest.mark.parametrize("target", TARGETS, **ids)
@pytest.mark.parametrize("host", ["localhost", "localhost:9000", "127.0.0.1:5000", "[::1]:80", "app.localhost"])
def test_the_admin_surface_serves_loopback_hosts(target: Target, host: str):
    client = target.make_app().test_client()
    assert client.get("/__admin/clock", headers={"Host": host}).status_code == 200


def test_configured_admin_hosts_are_served(monkeypatch):
    monkeypatch.setenv("SHOPHUB_ADMIN_HOSTS", "mocks.internal, other.internal")
    for target in TARGETS:
        client = target.make_app().test_client()
        assert client.get("/__admin/clock", headers={"Host": "mocks.internal:8080"}).status_code == 200
        assert client.get("/__admin/clock", headers={"Host": "elsewhere.internal"}).status_code == 403


@pytest.mark.parametrize("target", TARGETS, **ids)
def test_a_cross_site_simple_post_cannot_reset_the_store(target: Target):
    client = target.make_app().test_client()
    client.post("/__admin/clock", json={"advance": 60})
    before = client.get("/__admin/clock").get_json()
    attempts = {
        "form from another origin": dict(data={"now": "2030-01-01T00:00:00Z"},
                                         headers={"Origin": "https://evil.example"}),
        "text/plain without Origin": dict(data='{"now": "2030-01-01T00:00:00Z"}',
                                          headers={"Content-Type": "text/plain"}),
        "JSON marked cross-site": dict(json={"now": "2030-01-01T00:00:00Z"},
                                       headers={"Sec-Fetch-Site": "cross-site"}),
        "null origin": dict(json={"now": "2030-01-01T00:00:00Z"}, headers={"Origin": "null"}),
    }
    for label, kwargs in attempts.items():
        response = client.post("/__admin/reset", **kwargs)
        assert response.status_code in (403, 415), (label, response.status_code)
        assert response.get_json()["error"], label
    assert client.get("/__admin/clock").get_json() == before, "a refused call reset the clock"
    same = client.post("/__admin/clock", json={"advance": 1}, headers={"Origin": "http://localhost",
                                                                       "Sec-Fetch-Site": "same-origin"})
    assert same.status_code == 200, "a same-origin JSON call is served"


@pytest.mark.parametrize("target", TARGETS, **ids)
def test_a_refused_clock_call_changes_nothing(target: Target):
    client = target.make_app().test_client()
    before = client.get("/__admin/clock").get_json()
    bad = [{"now": "2030-01-01T00:00:00Z", "advance": "soon"}, {"now": "0001-01-01T00:00:00Z"},
           {"now": "9999-12-31T23:59:59Z"}, {"now": 12}, {"now": "2030-01-01T00:00:00Z", "advance": -1},
           {"advance": "nan"}, {"advance": "inf"}, {"advance": 1e300}, {"advance": True}, {"advance": [1]},
           {"now": "2030-13-45"}, {"now": None}]
    for body in bad:
        response = client.post("/__admin/clock", json=body)
        assert response.status_code == 400, (body, response.status_code)
        assert client.get("/__admin/clock").get_json() == before, f"{body} moved the clock"
    response = client.post("/__admin/reset", json={"now": "0001-01-01T00:00:00Z"})
    assert response.status_code == 400 and client.get("/__admin/clock").get_json() == before


BAD_RULES = [
    {"action": "respond", "delay_seconds": "soon"}, {"action": "respond", "seed": {"a": 1}},
    {"action": "respond", "status": True}, {"action": "respond", "times": True},
    {"action": "respond", "headers": {"X-Test": "a\r\nSet-Cookie: evil=1"}},
    {"action": "respond", "headers": {"X-Test": "line\nbreak"}}, {"action": "respond", "headers": {"Bad Name": "x"}},
    {"action": "respond", "headers": {"X-Test": "\u20ac"}}, {"action": "respond", "headers": {"X-Test": {"a": 1}}},
    {"action": "respond", "path": ["a"]}, {"action": "respond", "method": 7}, {"action": "respond", "path": ""},
    {"action": "respond", "delay_seconds": -1}, {"action": "respond", "delay_seconds": 1e308},
    {"action": "respond", "unknown": 1}, {"rules": "nope"}, [1], "text", 5,
    {"target": "webhook", "action": "delay", "delay_seconds": "nan"},
]


@pytest.mark.parametrize("target", TARGETS, **ids)
def test_a_bad_fault_rule_is_a_400_with_a_reason_and_adds_nothing(target: Target):
    client = target.make_app().test_client()
    for rule in BAD_RULES:
        response = client.post("/__admin/faults", data=json.dumps(rule), content_type="application/json")
        assert response.status_code == 400, (rule, response.status_code, response.data[:200])
        assert response.get_json()["error"], rule
    assert client.get("/__admin/faults").get_json()["rules"] == []


@pytest.mark.parametrize("target", TARGETS, **ids)
def test_a_fault_with_a_good_header_is_served_with_it(target: Target):
    client = target.make_app().test_client()
    rule = {"path": "/nowhere", "action": "respond", "status": 429, "headers": {"Retry-After": 3}}
    assert client.post("/__admin/faults", json=rule).status_code == 201
    response = client.get("/nowhere")
    assert response.status_code == 429 and response.headers["Retry-After"] == "3"


def _is_400_shape(target: Target, response) -> bool:
    body = response.get_json(silent=True)
    if target.name == "hubspot":
        return (isinstance(body, dict) and body.get("status") == "error"
                and body.get("category") == "VALIDATION_ERROR" and bool(body.get("correlationId")))
    return isinstance(body, dict) and "errors" in body


@pytest.mark.parametrize("target", TARGETS, **ids)
@pytest.mark.parametrize("depth", [101, 5000, 200_000])
def test_deeply_nested_json_is_the_services_400(target: Target, depth: int):
    client = target.make_app().test_client()
    path = "/admin/api/2024-10/customers.json" if target.name == "shopify" else "/crm/v3/objects/contacts"
    body = '{"customer": ' + "[" * depth + "]" * depth + "}"
    response = client.post(path, data=body, content_type="application/json", headers=target.good_headers())
    assert response.status_code == 400 and _is_400_shape(target, response), (response.status_code,
                                                                             response.data[:300])


def test_nesting_counts_brackets_outside_strings_only():
    assert not too_deep(b'{"a": "' + b"[" * 500 + b'"}', 100)
    assert not too_deep(b'["\\"[[[[", ' + b"[" * 99 + b"]" * 99 + b"]", 100)
    assert too_deep(b"[" * 101 + b"]" * 101, 100)


def test_host_names_and_loopback():
    assert host_name("[::1]:80") == "::1" and host_name("LocalHost:5000") == "localhost"
    assert is_loopback("127.8.9.10") and is_loopback("::1") and not is_loopback("10.0.0.1")
    assert not is_loopback("localhost.evil.example")


@pytest.mark.parametrize("target", TARGETS, **ids)
def test_a_refused_clock_call_leaves_a_real_clock_running(target: Target):
    from mocks.core.clock import Clock

    clock = Clock()
    client = target.make_app(clock=clock).test_client()
    for body in ({"now": "2030-01-01T00:00:00Z", "advance": "soon"}, {"now": "0001-01-01T00:00:00Z"},
                 {"advance": -5}, {"now": "2030-01-01T00:00:00Z", "advance": "inf"}):
        assert client.post("/__admin/clock", json=body).status_code == 400, body
        assert not clock.is_simulated, f"{body} froze the real clock"
