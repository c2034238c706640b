"""API versions: the supported set, silent fall-forward, malformed versions, deprecated REST resources."""

from __future__ import annotations

import requests

from mocks.shopify.versions import OLDEST, SUPPORTED, is_version, resolve

from .conftest import Mock

FALLS_FORWARD = ("2024-10", "2019-04", "2025-07", "2025-10", "2099-01")


def _get(mock: Mock, version: str, path: str = "/shop.json", token: str | None = None) -> requests.Response:
    return requests.get(f"{mock.url}/admin/api/{version}{path}", headers=mock.headers(token), timeout=10)


def test_the_supported_set_is_2026_01_to_the_2027_01_candidate_and_unstable():
    assert SUPPORTED == ("2026-01", "2026-04", "2026-07", "2026-10", "2027-01", "unstable")
    assert OLDEST == "2026-01"
    assert [resolve(v) for v in SUPPORTED] == list(SUPPORTED)
    assert [resolve(v) for v in FALLS_FORWARD] == [OLDEST] * len(FALLS_FORWARD)
    assert [is_version(v) for v in ("2024-13", "2024-1", "latest", "v1", "2024-10 ", "")] == [False] * 6


def test_a_supported_version_answers_as_itself(mock):
    for version in SUPPORTED:
        r = _get(mock, version)
        assert r.status_code == 200 and r.headers["X-Shopify-API-Version"] == version


def test_an_old_or_unknown_quarterly_version_falls_forward_silently(mock):
    """2024-10 callers keep working: same answer as 2026-01, and the header names 2026-01."""
    for version in FALLS_FORWARD:
        r = _get(mock, version, "/customers/count.json")
        assert r.status_code == 200 and r.headers["X-Shopify-API-Version"] == "2026-01"
        created = requests.post(f"{mock.url}/admin/api/{version}/customers.json", headers=mock.headers(),
                                json={"customer": {"email": f"{version}@example.com"}}, timeout=10)
        assert created.status_code == 201 and created.headers["X-Shopify-API-Version"] == "2026-01"
        assert mock.get(f"/customers/{created.json()['customer']['id']}.json").status_code == 200
    assert mock.get("/customers/count.json").json() == {"count": len(FALLS_FORWARD)}


def test_a_request_without_a_version_is_served_by_the_oldest_supported_one(mock):
    r = requests.get(f"{mock.url}/admin/customers/count.json", headers=mock.headers(), timeout=10)
    assert (r.status_code, r.json(), r.headers["X-Shopify-API-Version"]) == (200, {"count": 0}, "2026-01")
    made = requests.post(f"{mock.url}/admin/customers.json", json={"customer": {"email": "nov@example.com"}},
                         headers=mock.headers(), timeout=10)
    assert made.status_code == 201 and mock.get("/customers/count.json").json() == {"count": 1}
    assert requests.get(f"{mock.url}/admin/shop.json", timeout=10).status_code == 401


def test_a_malformed_version_is_not_found(mock):
    for version in ("2024-13", "latest", "2024-1", "v1"):
        r = _get(mock, version)
        assert (r.status_code, r.json()) == (404, {"errors": "Not Found"}), version


def test_the_version_gate_covers_every_admin_api_path_including_graphql(mock):
    """GraphQL falls forward like REST: a 2024-10 caller is answered by 2026-01, and says so."""
    r = requests.post(f"{mock.url}/admin/api/2024-10/graphql.json", json={"query": "{shop{name}}"},
                      headers=mock.headers(), timeout=10)
    assert r.status_code == 200 and r.headers["X-Shopify-API-Version"] == "2026-01"
    assert r.json()["data"]["shop"]["name"] and "cost" in r.json()["extensions"]
    current = requests.post(f"{mock.url}/admin/api/2026-10/graphql.json", json={"query": "{shop{name}}"},
                            headers=mock.headers(), timeout=10)
    assert current.headers["X-Shopify-API-Version"] == "2026-10" and current.json()["data"] == r.json()["data"]
    bad = requests.post(f"{mock.url}/admin/api/2024-10/graphql.json", json={"query": "{shop{name}}"},
                        headers=mock.headers("shpat_nobody"), timeout=10)
    assert bad.status_code == 401 and bad.headers["X-Shopify-API-Version"] == "2026-01"


def test_products_and_variants_are_deprecated_on_rest_with_a_reason(mock):
    reason = "https://shopify.dev/docs/api/admin/migrate/new-product-model"
    for version in ("2026-01", "2026-10", "2024-10"):
        r = _get(mock, version, "/products.json")
        assert r.status_code == 200 and r.headers["X-Shopify-API-Deprecated-Reason"] == reason
    made = mock.post("/products.json", {"product": {"title": "Mug"}})
    assert made.headers["X-Shopify-API-Deprecated-Reason"] == reason
    assert "X-Shopify-API-Deprecated-Reason" not in mock.get("/customers.json").headers
    assert "X-Shopify-API-Deprecated-Reason" not in mock.get("/orders.json").headers


def test_rest_neither_writes_nor_returns_more_than_100_variants(mock):
    variants = [{"option1": f"Size {n}", "price": "1.00"} for n in range(101)]
    r = mock.post("/products.json", {"product": {"title": "Big", "variants": variants}})
    assert (r.status_code, r.json()) == (422, {"errors": {"base": ["Exceeded maximum number of variants allowed"]}})
    ok = mock.post("/products.json", {"product": {"title": "Big", "variants": variants[:100]}})
    assert ok.status_code == 201 and len(ok.json()["product"]["variants"]) == 100
    pid = ok.json()["product"]["id"]
    too_many = mock.put(f"/products/{pid}.json", {"product": {"variants": variants}})
    assert too_many.status_code == 422
    # A product given more variants another way (GraphQL productSet allows 2048) shows its first 100.
    with mock.store.lock:
        shop = mock.store.shop("harness-shop")
        shop.update_product(pid, {"variants": [{"id": v["id"]} for v in ok.json()["product"]["variants"]]
                                  + [{"option1": "Size 100", "price": "1.00"}, {"option1": "Size 101", "price": "1.00"}]})
        assert len(shop.product(pid).variants) == 102
    shown = mock.get(f"/products/{pid}.json").json()["product"]["variants"]
    assert len(shown) == 100 and [v["option1"] for v in shown[:2]] == ["Size 0", "Size 1"]
    assert len(mock.get("/products.json").json()["products"][0]["variants"]) == 100
