"""Security of the mocks: every real route needs a credential, bodies have a size limit, and
``/__admin`` can be switched off when a mock is exposed beyond localhost."""

from __future__ import annotations

import pytest
import requests
from flask.testing import FlaskClient

from tests.fidelity.process import mock_process
from tests.fidelity.routes import Route, routes
from tests.fidelity.targets import HUBSPOT, SHOPIFY, TARGETS, Target

ADMIN_PATHS = (("GET", "/__admin/state"), ("POST", "/__admin/reset"), ("GET", "/__admin/faults"),
               ("POST", "/__admin/faults"), ("GET", "/__admin/requests"), ("GET", "/__admin/clock"))
# A cheap authenticated read and a write per mock (the write gets the oversized body).
READ_ROUTE = {"shopify": "/admin/api/2024-10/customers.json", "hubspot": "/crm/v3/objects/contacts"}
WRITE_ROUTE = {"shopify": "/admin/api/2024-10/customers.json", "hubspot": "/crm/v3/objects/contacts"}


def _spec(target: Target) -> dict:
    response = target.make_app().test_client().get("/openapi.json")
    assert response.status_code == 200, f"{target.name}: /openapi.json answered {response.status_code}"
    return response.get_json()


def _secured(target: Target) -> list[Route]:
    """Every route that must refuse a stranger: every route the spec secures."""
    found = [r for r in routes(_spec(target)) if r.credential != "none"]
    assert found, f"{target.name}: /openapi.json names no route that needs a credential"
    return found


def _refusals(target: Target, client: FlaskClient, route: Route) -> list[str]:
    """What is wrong with the answers to no credential and a wrong one (empty: both were the real 401)."""
    body = {} if route.method in ("POST", "PUT", "PATCH") else None
    attempts = {"no credential": ({}, {}),
                "wrong credential": ((target.bad_headers(), {}) if route.credential == "header"
                                     else ({}, target.bad_query()))}
    problems = []
    for label, (headers, query) in attempts.items():
        response = client.open(route.path, method=route.method, headers=headers, query_string=query, json=body)
        payload = response.get_json(silent=True)
        if not target.is_401(response.status_code, payload):
            problems.append(f"{route.label} with {label}: {response.status_code} {payload!r}"[:300])
    return problems


@pytest.mark.parametrize("target", TARGETS, ids=lambda t: t.name)
def test_every_real_route_refuses_a_missing_or_wrong_credential(target: Target):
    client = target.make_app().test_client()
    problems = [p for route in _secured(target) for p in _refusals(target, client, route)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("target", TARGETS, ids=lambda t: t.name)
def test_a_body_over_the_size_limit_is_refused_with_413(target: Target):
    app = target.make_app()
    limit = app.config["MAX_CONTENT_LENGTH"]
    assert limit and limit <= 64 * 1024 * 1024, "a mock must cap request bodies"
    big = b'{"padding": "' + b"x" * limit + b'"}'
    response = app.test_client().post(WRITE_ROUTE[target.name], data=big, headers={
        **target.good_headers(), "Content-Type": "application/json"})
    assert response.status_code == 413, response.data[:300]
    assert response.get_json(silent=True) is not None, "the 413 is the mock's JSON error, not an HTML page"


@pytest.mark.parametrize("target", TARGETS, ids=lambda t: t.name)
def test_admin_disabled_by_config_is_404_and_real_routes_still_work(target: Target):
    client = target.make_app(admin=False).test_client()
    for method, path in ADMIN_PATHS:
        assert client.open(path, method=method, json={}).status_code == 404, f"{method} {path}"
    response = client.get(READ_ROUTE[target.name], headers=target.good_headers())
    assert response.status_code == 200, response.data[:300]
    enabled = target.make_app().test_client()
    assert enabled.get("/__admin/state").status_code == 200


@pytest.mark.parametrize("target", [SHOPIFY, HUBSPOT], ids=lambda t: t.name)
def test_no_admin_flag_on_the_command_line_disables_admin(target: Target):
    with mock_process(f"mocks.{target.name}", "--no-admin") as url:
        assert requests.get(f"{url}/__admin/state", timeout=10).status_code == 404
        assert requests.post(f"{url}/__admin/reset", json={}, timeout=10).status_code == 404
        real = requests.get(url + READ_ROUTE[target.name], headers=target.good_headers(), timeout=10)
        assert real.status_code == 200, real.text[:300]
