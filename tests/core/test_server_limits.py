"""Answers the HTTP layer gives before a mock's routes run (issue 15) are in the service's shape: a
chunked body over the size limit is a 413 (not silently cut), a request line too long is a 414."""

from __future__ import annotations

import pytest
import requests

from mocks.core.server import serve
from tests.fidelity.targets import TARGETS, Target

PATHS = {"shopify": "/admin/api/2024-10/customers.json", "hubspot": "/crm/v3/objects/contacts"}


def _shaped(target: Target, response: requests.Response) -> bool:
    body = response.json()
    if target.name == "hubspot":
        return body.get("status") == "error" and bool(body.get("correlationId"))
    return "errors" in body


@pytest.mark.parametrize("target", TARGETS, ids=lambda t: t.name)
def test_limits_before_the_routes_answer_in_the_services_shape(target: Target):
    app = target.make_app()
    limit = app.config["MAX_CONTENT_LENGTH"]
    with serve(app) as handle:
        url = handle.url + PATHS[target.name]

        def chunks():
            yield b'{"properties": {"note": "'
            for _ in range(limit // 65536 + 2):
                yield b"x" * 65536
            yield b'"}}'

        big = requests.post(url, data=chunks(), timeout=30,
                            headers={**target.good_headers(), "Content-Type": "application/json"})
        assert big.status_code == 413 and _shaped(target, big), big.text[:200]
        small = requests.post(url, data=iter([b'{"properties": ', b"{}}"]), timeout=30,
                              headers={**target.good_headers(), "Content-Type": "application/json"})
        assert small.status_code not in (411, 413) and small.status_code < 500, small.text[:200]
        long = requests.get(url + "?q=" + "a" * 70_000, headers=target.good_headers(), timeout=30)
        assert long.status_code == 414 and _shaped(target, long), long.text[:200]


@pytest.mark.parametrize("target", TARGETS, ids=lambda t: t.name)
def test_a_path_with_an_empty_segment_is_the_services_404_not_a_redirect(target: Target):
    client = target.make_app().test_client()
    path = PATHS[target.name].replace("/", "//", 2).replace("//", "/", 1)   # one empty segment inside
    response = client.get(path, headers=target.good_headers())
    assert response.status_code == 404 and response.is_json, (path, response.status_code)
    assert client.get(PATHS[target.name], headers=target.good_headers()).status_code == 200
