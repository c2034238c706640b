"""App webhooks: API, batching, signatures (verified with the SDK's helper), retries and faults."""

from __future__ import annotations

import json

import pytest
from flask import Flask, request
from hubspot import HubSpot
from hubspot.utils.signature import Signature
from hubspot.webhooks import SettingsChangeRequest, SubscriptionCreateRequest

from mocks.core.clock import Clock
from mocks.core.server import serve
from mocks.hubspot import DEFAULT_TOKEN, HubSpotConfig, create_app
from mocks.hubspot.app import DEFAULT_APP_ID, DEFAULT_CLIENT_SECRET, DEFAULT_DEVELOPER_KEY

AUTH = {"Authorization": f"Bearer {DEFAULT_TOKEN}"}


class Receiver:
    """An injected transport: records each POST and answers with the queued statuses (then 200)."""

    def __init__(self, statuses=()):
        self.statuses, self.posts = list(statuses), []

    def __call__(self, url, body, headers, timeout):
        self.posts.append((url, body, headers))
        return self.statuses.pop(0) if self.statuses else 200

    def events(self) -> list[dict]:
        return [e for _, body, _ in self.posts for e in json.loads(body)]


def make(receiver: Receiver, clock: Clock | None = None):
    clock = clock or Clock.simulated("2024-03-01T10:00:00Z")
    app = create_app(HubSpotConfig(clock=clock, rate_limit=False, webhook_transport=receiver))
    web = app.test_client()
    assert web.post("/__admin/webhooks/settings", json={"targetUrl": "http://receiver.test/hook"}).status_code == 200
    return app, web, clock


def deliver(web) -> dict:
    return web.post("/__admin/webhooks/deliver").get_json()


def test_events_are_batched_arrays_with_hubspot_fields():
    receiver = Receiver()
    app, web, clock = make(receiver)
    made = web.post("/crm/v3/objects/contacts", json={"properties": {"email": "w@example.com"}}, headers=AUTH)
    contact_id = int(made.get_json()["id"])
    assert receiver.posts == []  # nothing leaves before deliver on a simulated clock
    assert deliver(web)["count"] == 2  # creation, then the propertyChange of email
    creation = [e for e in receiver.events() if e["subscriptionType"] == "contact.creation"][0]
    change = [e for e in receiver.events() if e["subscriptionType"] == "contact.propertyChange"][0]
    assert creation["objectId"] == contact_id and creation["portalId"] == 62515
    assert creation["appId"] == DEFAULT_APP_ID and creation["attemptNumber"] == 0
    assert creation["occurredAt"] == int(clock.timestamp() * 1000) and creation["changeSource"] == "INTEGRATION"
    assert (change["propertyName"], change["propertyValue"]) == ("email", "w@example.com")
    assert {"eventId", "subscriptionId"} <= set(change)
    web.delete(f"/crm/v3/objects/contacts/{contact_id}", headers=AUTH)
    deliver(web)
    assert receiver.events()[-1]["subscriptionType"] == "contact.deletion"


def test_at_most_100_events_per_post():
    receiver = Receiver()
    app, web, _ = make(receiver)
    store = app.extensions["store"]
    from mocks.hubspot.objecttypes import OBJECT_TYPES
    for i in range(150):
        store.create(OBJECT_TYPES["products"], {"name": f"p{i}"})
    deliver(web)
    creation_posts = [json.loads(body) for _, body, _ in receiver.posts
                      if json.loads(body)[0]["subscriptionType"] == "product.creation"]
    assert [len(p) for p in creation_posts] == [100, 50]


def test_signatures_verify_with_the_sdk_helper():
    received = []
    hook = Flask("receiver")

    @hook.post("/hook")
    def receive():
        received.append((request.url, request.get_data(as_text=True), dict(request.headers)))
        return "", 204

    with serve(hook) as receiver_server:
        clock = Clock.simulated(Clock().now())  # the SDK checks the timestamp against the wall clock
        app = create_app(HubSpotConfig(clock=clock, rate_limit=False))
        web = app.test_client()
        target = f"{receiver_server.url}/hook?portal=62515"
        web.post("/__admin/webhooks/settings", json={"targetUrl": target})
        web.post("/crm/v3/objects/companies", json={"properties": {"name": "ACME"}}, headers=AUTH)
        assert all(r["ok"] for r in deliver(web)["delivered"])
    url, body, headers = received[0]
    assert headers["X-Hubspot-Signature-Version"] == "v1"
    assert Signature.is_valid(signature=headers["X-Hubspot-Signature-V3"], client_secret=DEFAULT_CLIENT_SECRET,
                              request_body=body, http_uri=target, http_method="POST", signature_version="v3",
                              timestamp=headers["X-Hubspot-Request-Timestamp"])
    assert Signature.is_valid(signature=headers["X-Hubspot-Signature"], client_secret=DEFAULT_CLIENT_SECRET,
                              request_body=body, signature_version="v1")
    assert not Signature.is_valid(signature=headers["X-Hubspot-Signature-V3"], client_secret="wrong",
                                  request_body=body, http_uri=target, signature_version="v3",
                                  timestamp=headers["X-Hubspot-Request-Timestamp"])


def test_failed_deliveries_are_retried_on_the_clock_with_attempt_numbers():
    receiver = Receiver([500, 0])
    app, web, clock = make(receiver)
    web.post("/crm/v3/objects/deals", json={"properties": {"dealname": "r"}}, headers=AUTH)
    first = deliver(web)["delivered"]
    assert {r["status"] for r in first} == {500, 0}
    clock.advance(59)
    assert deliver(web)["count"] == 0
    clock.advance(1)
    retried = deliver(web)["delivered"]
    assert all(r["ok"] and r["attempt"] == 2 for r in retried)
    assert {e["attemptNumber"] for e in json.loads(receiver.posts[-1][1])} == {1}


def test_gives_up_after_ten_retries_over_a_day():
    receiver = Receiver([500] * 40)
    app, web, clock = make(receiver)
    web.post("/crm/v3/objects/products", json={"properties": {"name": "x"}}, headers=AUTH)
    attempts = 0
    for _ in range(40):  # 40 hours: every retry falls due
        attempts += deliver(web)["count"]
        clock.advance(3600)
    per_batch = attempts / 2  # the creation batch and the propertyChange batch
    assert per_batch == 11  # first attempt plus 10 retries
    assert app.extensions["webhooks"].outbox.stats["given_up"] == 2


@pytest.mark.parametrize("action,extra,expected_posts", [
    ("drop", {}, 0), ("duplicate", {}, 2), ("delay", {"delay_seconds": 600}, 0), ("reorder", {}, 1)])
def test_webhook_faults(action, extra, expected_posts):
    receiver = Receiver()
    app, web, clock = make(receiver)
    rule = {"target": "webhook", "topic": "line_item.creation", "action": action, "times": 1, **extra}
    assert web.post("/__admin/faults", json=rule).status_code == 201
    web.post("/crm/v3/objects/line_items", json={"properties": {"name": "li"}}, headers=AUTH)
    deliver(web)
    creations = [p for p in receiver.posts if b"line_item.creation" in p[1]]
    assert len(creations) == expected_posts
    if action == "delay":
        clock.advance(600)
        deliver(web)
        assert len([p for p in receiver.posts if b"line_item.creation" in p[1]]) == 1


def test_webhooks_api_with_developer_key(server):
    dev = HubSpot(api_key=DEFAULT_DEVELOPER_KEY, host=server.url)
    settings = dev.webhooks.settings_api.configure(
        DEFAULT_APP_ID, SettingsChangeRequest(target_url="https://example.com/hook",
                                              throttling={"maxConcurrentRequests": 5}))
    assert settings.target_url == "https://example.com/hook"
    sub = dev.webhooks.subscriptions_api.create(DEFAULT_APP_ID, SubscriptionCreateRequest(
        event_type="deal.propertyChange", property_name="dealstage", active=True))
    assert sub is not None and sub.property_name == "dealstage"
    assert [s.id for s in dev.webhooks.subscriptions_api.get_all(DEFAULT_APP_ID).results] == [sub.id]
    wrong = HubSpot(api_key="nope", host=server.url)
    from hubspot.webhooks.exceptions import UnauthorizedException
    with pytest.raises(UnauthorizedException):
        wrong.webhooks.settings_api.get_all(DEFAULT_APP_ID)


def test_property_change_subscription_filters_by_property():
    receiver = Receiver()
    clock = Clock.simulated("2024-03-01T10:00:00Z")
    app = create_app(HubSpotConfig(clock=clock, rate_limit=False, webhook_transport=receiver))
    web = app.test_client()
    key = f"?hapikey={DEFAULT_DEVELOPER_KEY}"
    web.put(f"/webhooks/v3/{DEFAULT_APP_ID}/settings{key}", json={"targetUrl": "http://r.test/h"})
    web.post(f"/webhooks/v3/{DEFAULT_APP_ID}/subscriptions{key}",
             json={"eventType": "deal.propertyChange", "propertyName": "dealstage"})
    deal = web.post("/crm/v3/objects/deals", json={"properties": {"dealname": "n", "dealstage": "qualifiedtobuy"}},
                    headers=AUTH).get_json()
    web.patch(f"/crm/v3/objects/deals/{deal['id']}", json={"properties": {"dealstage": "closedwon",
                                                                          "amount": "5"}}, headers=AUTH)
    deliver(web)
    assert [(e["propertyName"], e["propertyValue"]) for e in receiver.events()] == [
        ("dealstage", "qualifiedtobuy"), ("dealstage", "closedwon")]
