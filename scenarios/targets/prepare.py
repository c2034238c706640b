"""Setting both mocks up for one scenario: a clean slate, its stores, and HubSpot's app webhooks."""

from __future__ import annotations

from scenarios.errors import StepFailed
from scenarios.targets.base import DEFAULT_STORE, Session, store_token

HUBSPOT_APP_ID = 1160452
HUBSPOT_DEVELOPER_KEY = "harness-developer-key"
HUBSPOT_EVENTS = ("contact.deletion",)   # C5: the connector tombstones contacts deleted in HubSpot


def prepare_mocks(session: Session, reset_body: dict | None = None) -> None:
    """Reset both mocks, add the scenario's extra stores, point HubSpot's app webhooks at the receiver."""
    for side in ("shopify", "hubspot"):
        session.admin(side).call("POST", "/reset", json_body=reset_body or {})
    for store in session.scenario.stores:
        if store != DEFAULT_STORE:
            session.admin("shopify").call("POST", "/shops", json_body={"name": store, "token": store_token(store)},
                                          ok=(201,))
    if session.endpoints.receiver_url:
        subscribe_hubspot(session)


def subscribe_hubspot(session: Session) -> None:
    """What the app's developer does once in HubSpot's app settings (the public webhooks v3 API)."""
    api, key = session.hubspot, {"hapikey": HUBSPOT_DEVELOPER_KEY}
    base = f"/webhooks/v3/{HUBSPOT_APP_ID}"
    target = f"{session.endpoints.receiver_url}/webhooks/hubspot"
    response = api.raw("PUT", f"{base}/settings", params=key,
                       json_body={"targetUrl": target, "throttling": {"maxConcurrentRequests": 10}})
    if response.status_code >= 300:
        raise StepFailed(f"HubSpot webhook settings: {response.status_code} {response.text[:200]}")
    for event in HUBSPOT_EVENTS:
        api.call("POST", f"{base}/subscriptions", params=key, json_body={"eventType": event, "active": True},
                 ok=(200, 201))
