"""Setting both mocks up for one scenario: a clean slate, its stores, and HubSpot's app webhooks."""

from __future__ import annotations

from mocks.harness import CREDENTIALS
from scenarios.errors import StepFailed
from scenarios.targets.base import Session, store_token

HUBSPOT_EVENTS = ("contact.deletion",)   # C5: the connector tombstones contacts deleted in HubSpot
# O7 (data-sync, two-way): records created in HubSpot, and changes of the default mapped properties
HUBSPOT_CHANGES = (("contact.creation", None), ("company.creation", None), ("product.creation", None),
                   *(("contact.propertyChange", p) for p in ("email", "firstname", "lastname", "phone")),
                   *(("company.propertyChange", p) for p in ("name", "domain")),
                   *(("product.propertyChange", p) for p in ("name", "description")))


def prepare_mocks(session: Session) -> None:
    """Reset both mocks (the one clock set to the scenario's start), add the scenario's extra
    stores, point HubSpot's app webhooks at the receiver."""
    assert session.pair is not None, "prepare_mocks needs the mocks"
    session.pair.admin.reset(now=session.scenario.at)
    sync = getattr(session.clock, "sync", None)   # a LinkedClock copies the mocks' clock
    if sync is not None:
        sync()
    for store in session.scenario.stores:
        if store != CREDENTIALS.shopify_store:
            session.admin("shopify").add_shop(store, store_token(store))
    if session.endpoints.receiver_url:
        subscribe_hubspot(session)


def subscribe_hubspot(session: Session) -> None:
    """What the app's developer does once in HubSpot's app settings (the public webhooks v3 API)."""
    api, key = session.hubspot, {"hapikey": CREDENTIALS.hubspot_developer_key}
    base = f"/webhooks/v3/{CREDENTIALS.hubspot_app_id}"
    target = f"{session.endpoints.receiver_url}/webhooks/hubspot"
    response = api.raw("PUT", f"{base}/settings", params=key,
                       json_body={"targetUrl": target, "throttling": {"maxConcurrentRequests": 10}})
    if response.status_code >= 300:
        raise StepFailed(f"HubSpot webhook settings: {response.status_code} {response.text[:200]}")
    for event in HUBSPOT_EVENTS:
        api.call("POST", f"{base}/subscriptions", params=key, json_body={"eventType": event, "active": True},
                 ok=(200, 201))
    if session.scenario.mode == "data-sync":
        for event, prop in HUBSPOT_CHANGES:
            body = {"eventType": event, "active": True, **({"propertyName": prop} if prop else {})}
            api.call("POST", f"{base}/subscriptions", params=key, json_body=body, ok=(200, 201))
