"""Auth, scopes, rate limits on a simulated clock, and HubSpot's error shapes for bad input."""

from __future__ import annotations

import pytest

from mocks.hubspot import DEFAULT_TOKEN, HubSpotConfig, create_app
from mocks.hubspot.auth import all_scopes

AUTH = {"Authorization": f"Bearer {DEFAULT_TOKEN}"}


def make(clock, **kwargs):
    return create_app(HubSpotConfig(clock=clock, **kwargs)).test_client()


def test_rate_limit_headers_and_ten_second_window(clock):
    web = make(clock, tier="free")
    first = web.get("/crm/v3/objects/contacts", headers=AUTH)
    assert first.headers["X-HubSpot-RateLimit-Max"] == "100"
    assert first.headers["X-HubSpot-RateLimit-Remaining"] == "99"
    assert first.headers["X-HubSpot-RateLimit-Interval-Milliseconds"] == "10000"
    assert first.headers["X-HubSpot-RateLimit-Daily"] == "250000"
    assert first.headers["X-HubSpot-RateLimit-Daily-Remaining"] == "249999"
    for _ in range(99):
        assert web.get("/crm/v3/objects/contacts", headers=AUTH).status_code == 200
    clock.advance(4)
    refused = web.get("/crm/v3/objects/contacts", headers=AUTH)
    assert refused.status_code == 429
    assert refused.get_json()["policyName"] == "TEN_SECONDLY_ROLLING"
    assert refused.get_json()["errorType"] == "RATE_LIMIT"
    assert refused.get_json()["message"] == "You have reached your ten_secondly_rolling limit."
    assert refused.headers["Retry-After"] == "6"
    clock.advance(6)
    assert web.get("/crm/v3/objects/contacts", headers=AUTH).status_code == 200


def test_professional_tier_is_the_default(clock):
    response = make(clock).get("/crm/v3/objects/contacts", headers=AUTH)
    assert response.headers["X-HubSpot-RateLimit-Max"] == "190"
    assert response.headers["X-HubSpot-RateLimit-Daily"] == "650000"


def test_daily_limit(clock):
    app = create_app(HubSpotConfig(clock=clock))
    app_limits = app.test_client()
    app.extensions["rate_limits"].daily.limit = 2  # a tiny quota: the policy is the same at 650,000
    assert app_limits.get("/crm/v3/objects/contacts", headers=AUTH).status_code == 200
    assert app_limits.get("/crm/v3/objects/contacts", headers=AUTH).status_code == 200
    refused = app_limits.get("/crm/v3/objects/contacts", headers=AUTH)
    assert refused.status_code == 429 and refused.get_json()["policyName"] == "DAILY"
    assert refused.get_json()["message"] == "You have reached your daily limit."
    clock.advance(24 * 3600)
    assert app_limits.get("/crm/v3/objects/contacts", headers=AUTH).status_code == 200


def test_search_has_its_own_per_second_limit_and_no_headers(clock):
    web = make(clock)
    for _ in range(5):
        ok = web.post("/crm/v3/objects/contacts/search", json={}, headers=AUTH)
        assert ok.status_code == 200 and "X-HubSpot-RateLimit-Max" not in ok.headers
    refused = web.post("/crm/v3/objects/contacts/search", json={}, headers=AUTH)
    assert refused.status_code == 429 and refused.get_json()["message"] == "You have reached your secondly limit."
    clock.advance(1)
    assert web.post("/crm/v3/objects/contacts/search", json={}, headers=AUTH).status_code == 200


def test_rate_limit_can_be_turned_off(clock):
    web = make(clock, rate_limit=False, tier="free")
    for _ in range(120):
        response = web.get("/crm/v3/objects/contacts", headers=AUTH)
    assert response.status_code == 200 and "X-HubSpot-RateLimit-Max" not in response.headers


def test_missing_token_and_missing_scope(clock):
    web = make(clock, tokens={"pat-read": {"crm.objects.contacts.read"}})
    missing = web.get("/crm/v3/objects/contacts")
    assert missing.status_code == 401 and missing.get_json()["category"] == "INVALID_AUTHENTICATION"
    read = {"Authorization": "Bearer pat-read"}
    assert web.get("/crm/v3/objects/contacts", headers=read).status_code == 200
    forbidden = web.get("/crm/v3/objects/deals", headers=read)
    assert forbidden.status_code == 403
    body = forbidden.get_json()
    assert body["category"] == "MISSING_SCOPES"
    assert body["errors"][0]["context"]["requiredGranularScopes"] == ["crm.objects.deals.read"]
    assert web.post("/crm/v3/objects/contacts", json={"properties": {}}, headers=read).status_code == 403
    assert "crm.objects.orders.write" in all_scopes()


@pytest.mark.parametrize("method,path,kwargs,status,category", [
    ("post", "/crm/v3/objects/contacts", {"data": "{not json", "content_type": "application/json"}, 400,
     "VALIDATION_ERROR"),
    ("post", "/crm/v3/objects/contacts", {"json": {}}, 400, "VALIDATION_ERROR"),
    ("post", "/crm/v3/objects/contacts", {"data": "email=x", "content_type": "text/plain"}, 415,
     "VALIDATION_ERROR"),
    ("get", "/crm/v3/objects/contacts/999999", {}, 404, "OBJECT_NOT_FOUND"),
    ("get", "/crm/v3/objects/widgets", {}, 400, "VALIDATION_ERROR"),
    ("get", "/crm/v3/nothing/here", {}, 404, "OBJECT_NOT_FOUND"),
    ("put", "/crm/v3/objects/contacts", {"json": {}}, 405, "VALIDATION_ERROR"),
    ("post", "/crm/v3/objects/contacts/merge", {"json": {}}, 501, "NOT_IMPLEMENTED"),
    ("patch", "/crm/v3/objects/contacts/1", {"json": {"properties": []}}, 400, "VALIDATION_ERROR"),  # binding first
])
def test_bad_input_gets_hubspot_shaped_errors(clock, method, path, kwargs, status, category):
    response = getattr(make(clock), method)(path, headers=AUTH, **kwargs)
    assert response.status_code == status
    body = response.get_json()
    assert body["status"] == "error" and body["category"] == category and body["correlationId"]
    assert response.headers["X-HubSpot-Correlation-Id"]


def test_unexpected_exceptions_still_answer_in_hubspot_shape(clock):
    app = create_app(HubSpotConfig(clock=clock))

    def boom():
        raise RuntimeError("kaboom")

    app.add_url_rule("/crm/v3/objects/contacts/boom/now", "boom", boom)
    response = app.test_client().get("/crm/v3/objects/contacts/boom/now", headers=AUTH)
    assert response.status_code == 500
    assert response.get_json()["category"] == "INTERNAL_ERROR" and "kaboom" not in response.get_data(as_text=True)


def test_admin_state_groups_objects_with_associations(clock):
    web = make(clock)
    person = web.post("/crm/v3/objects/contacts", json={"properties": {"email": "s@example.com"}}, headers=AUTH)
    web.post("/crm/v3/objects/deals", headers=AUTH, json={"properties": {"dealname": "d"}, "associations": [
        {"to": {"id": person.get_json()["id"]},
         "types": [{"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 3}]}]})
    state = web.get("/__admin/state").get_json()
    assert len(state["objects"]["contacts"]["records"]) == 1 and len(state["objects"]["deals"]["records"]) == 1
    assert {(a["fromType"], a["toType"]) for a in state["associations"]} == {("deals", "contacts"),
                                                                            ("contacts", "deals")}
    assert state["pipelines"]["deals"] == 1 and state["properties"]["contacts"] > 10
    assert web.post("/__admin/reset").status_code == 200
    assert web.get("/__admin/state").get_json()["objects"]["contacts"]["records"] == []


def test_api_addon_raises_the_burst_to_250_and_the_day_by_a_million(clock):
    web = make(clock, tier="enterprise", api_addon=True)
    response = web.get("/crm/v3/objects/contacts", headers=AUTH)
    assert response.headers["X-HubSpot-RateLimit-Max"] == "250"
    assert response.headers["X-HubSpot-RateLimit-Daily"] == "2000000"
    dated = web.get("/crm/objects/2026-09/contacts", headers=AUTH)
    assert int(dated.headers["X-HubSpot-RateLimit-Remaining"]) == 248  # one window for every version


@pytest.mark.parametrize("tier,burst,daily", [("free", 100, 250_000), ("starter", 100, 250_000),
                                              ("professional", 190, 650_000), ("enterprise", 190, 1_000_000)])
def test_2026_limits_per_tier(clock, tier, burst, daily):
    response = make(clock, tier=tier).get("/crm/v3/objects/contacts", headers=AUTH)
    assert (int(response.headers["X-HubSpot-RateLimit-Max"]), int(response.headers["X-HubSpot-RateLimit-Daily"])
            ) == (burst, daily)
