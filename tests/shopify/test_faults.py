"""Request faults from the core FaultSet apply to the Shopify mock's real paths."""

from __future__ import annotations

import pytest
import requests


def test_respond_fault_then_normal_service(mock):
    mock.admin("POST", "/faults", json={"method": "GET", "path": "/admin/api/*/customers.json",
                                        "action": "respond", "status": 503,
                                        "body": {"errors": "Service Unavailable"}, "times": 1})
    r = mock.get("/customers.json")
    assert (r.status_code, r.json()) == (503, {"errors": "Service Unavailable"})
    assert "X-Shopify-Shop-Api-Call-Limit" in r.headers
    assert mock.get("/customers.json").status_code == 200


def test_respond_fault_can_fake_a_throttle(mock):
    mock.admin("POST", "/faults", json={"path": "/admin/api/*/orders.json", "action": "respond", "status": 429,
                                        "body": {"errors": "Exceeded 2 calls per second for api client."},
                                        "headers": {"Retry-After": "2.0",
                                                    "X-Shopify-Shop-Api-Call-Limit": "40/40"}, "times": 1})
    r = mock.get("/orders.json")
    assert r.status_code == 429 and r.headers["X-Shopify-Shop-Api-Call-Limit"] == "40/40"


def test_delay_fault_is_a_slow_answer(mock):
    mock.admin("POST", "/faults", json={"path": "/admin/api/*/shop.json", "action": "delay", "delay_ms": 400,
                                        "times": 1})
    with pytest.raises(requests.Timeout):
        requests.get(mock.api + "/shop.json", headers=mock.headers(), timeout=0.1)
    assert mock.get("/shop.json").ok


def test_drop_fault_closes_the_connection(mock):
    mock.admin("POST", "/faults", json={"path": "/admin/api/*/shop.json", "action": "drop", "times": 1})
    with pytest.raises(requests.ConnectionError):
        requests.get(mock.api + "/shop.json", headers=mock.headers(), timeout=5)
    assert mock.get("/shop.json").ok
    journal = mock.admin("GET", "/requests?path=/shop.json").json()["requests"]
    assert [e["fault"] for e in journal] == ["drop", None]
