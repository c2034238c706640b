"""App webhooks: settings and subscriptions (developer-key API), event batching, signing and delivery.

Store changes become events at once; at the end of each request (and on ``deliver``) the events are
grouped by subscription type into JSON arrays of at most 100 and handed to the core ``Outbox``, which
POSTs them when due on the clock and retries failures (10 retries spread over about 24 hours).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import itertools
import json
import threading
from typing import TYPE_CHECKING

from flask import Flask, request

from mocks.core.clock import Clock
from mocks.core.outbox import Delivery, Outbox, http_transport
from mocks.hubspot import errors
from mocks.hubspot.errors import ApiError
from mocks.hubspot.store import HubSpotStore
from mocks.hubspot.web import json_object, no_content, respond

if TYPE_CHECKING:
    from mocks.hubspot.app import HubSpotConfig

OBJECT_PREFIX = {"contacts": "contact", "companies": "company", "deals": "deal", "products": "product",
                 "line_items": "line_item"}
EMITTED = ("creation", "deletion", "propertyChange")
ACCEPTED = {f"{p}.{k}" for p in OBJECT_PREFIX.values()
            for k in ("creation", "deletion", "propertyChange", "associationChange", "merge", "restore")
            } - {"product.associationChange"}
UNSUBSCRIBABLE = {"hs_lastmodifieddate", "num_unique_conversion_events", "lastmodifieddate"}
RETRY_DELAYS = [60, 120, 300, 600, 1200, 2400, 4800, 9600, 19200, 48120]  # 10 retries, 86,400 s in all
BATCH_SIZE = 100
WILDCARD = "*"  # mock-only propertyName (admin shortcut): every property
_URI_DECODE = {"%3A": ":", "%2F": "/", "%3F": "?", "%40": "@", "%21": "!", "%24": "$", "%27": "'", "%28": "(",
               "%29": ")", "%2A": "*", "%2C": ",", "%3B": ";"}


def signing_uri(url: str) -> str:
    """The URI as HubSpot signs it (v3): these escapes decoded, everything else as is."""
    for escaped, char in _URI_DECODE.items():
        url = url.replace(escaped, char).replace(escaped.lower(), char)
    return url


def sign_v3(secret: str, method: str, uri: str, body: bytes, timestamp: str) -> str:
    message = method.encode() + signing_uri(uri).encode() + body + timestamp.encode()
    return base64.b64encode(hmac.new(secret.encode(), message, hashlib.sha256).digest()).decode()


def sign_v1(secret: str, body: bytes) -> str:
    return hashlib.sha256(secret.encode() + body).hexdigest()


class WebhookHub:
    """One app's webhook settings, subscriptions, pending events and outbox."""

    def __init__(self, store: HubSpotStore, config: HubSpotConfig, clock: Clock) -> None:
        self.store, self.config, self.clock = store, config, clock
        self.outbox = Outbox(clock, self._sign, RETRY_DELAYS,
                             transport=config.webhook_transport or http_transport())
        self._lock = threading.Lock()
        self.reset()
        store.event_sink = self._on_event
        store.event_gate = self._may_keep

    def reset(self) -> None:
        with self._lock:
            self.settings: dict | None = None
            self.subscriptions: dict[int, dict] = {}
            self._sub_ids = itertools.count(1)
            self._event_ids = itertools.count(1)
            self._buffer: list[dict] = []
        self.outbox.clear()

    # -- events -------------------------------------------------------------------------------------------
    def _may_keep(self, object_type: str) -> bool:
        """Whether an event of this type could be kept at all (a cheap pre-check; ``_on_event`` decides):
        not without a target URL, a known object type and at least one subscription."""
        return self.settings is not None and object_type in OBJECT_PREFIX and bool(self.subscriptions)

    def _on_event(self, change: dict) -> None:
        prefix = OBJECT_PREFIX.get(change["objectType"])
        if prefix is None:
            return
        subscription_type = f"{prefix}.{change['kind']}"
        name = change.get("propertyName")
        with self._lock:
            if self.settings is None:
                return  # no target URL: HubSpot has nowhere to send, nothing is kept
            for sub in self.subscriptions.values():
                if not sub["active"] or sub["eventType"] != subscription_type:
                    continue
                if change["kind"] == "propertyChange" and (
                        name in UNSUBSCRIBABLE or sub.get("propertyName") not in (name, WILDCARD)):
                    continue
                event = {"eventId": next(self._event_ids), "subscriptionId": sub["id"],
                         "portalId": self.config.portal_id, "appId": self.config.app_id,
                         "occurredAt": change["occurredAt"], "subscriptionType": subscription_type,
                         "attemptNumber": 0, "objectId": change["objectId"],
                         "changeSource": change.get("changeSource") or "API"}
                if change.get("sourceId"):
                    event["sourceId"] = change["sourceId"]
                if change["kind"] == "propertyChange":
                    event["propertyName"] = name
                    event["propertyValue"] = change.get("propertyValue") or ""
                else:
                    event["changeFlag"] = "CREATED" if change["kind"] == "creation" else "DELETED"
                self._buffer.append(event)

    def flush(self) -> int:
        """Hand buffered events to the outbox: one JSON array (≤100) per subscription type."""
        with self._lock:
            events, self._buffer = self._buffer, []
            target = (self.settings or {}).get("targetUrl")
        if not events or not target:
            return 0
        groups: dict[str, list[dict]] = {}
        for event in events:
            groups.setdefault(event["subscriptionType"], []).append(event)
        for topic, items in groups.items():
            for start in range(0, len(items), BATCH_SIZE):
                chunk = items[start:start + BATCH_SIZE]
                self.outbox.enqueue(url=target, topic=topic, body=json.dumps(chunk).encode(),
                                    event_id=str(chunk[0]["eventId"]))
        return len(events)

    def deliver(self) -> list[dict]:
        self.flush()
        return self.outbox.deliver_due()

    def _sign(self, delivery: Delivery, now: float) -> dict[str, str]:
        # The outbox re-sends the same delivery; HubSpot counts attempts in the body, so rewrite it first.
        events = json.loads(delivery.body)
        for event in events:
            event["attemptNumber"] = max(0, delivery.attempts - 1)
        delivery.body = json.dumps(events).encode()
        timestamp = str(int(now * 1000))
        secret = self.config.client_secret
        return {"X-HubSpot-Signature": sign_v1(secret, delivery.body), "X-HubSpot-Signature-Version": "v1",
                "X-HubSpot-Signature-v3": sign_v3(secret, "POST", delivery.url, delivery.body, timestamp),
                "X-HubSpot-Request-Timestamp": timestamp, "User-Agent": "HubSpot Connect 2.0 (http://dev.hubspot.com/)"}

    # -- settings and subscriptions ---------------------------------------------------------------------
    def set_target(self, url: str, max_concurrent: int = 10) -> dict:
        now = self.store.now()
        with self._lock:
            created = self.settings["createdAt"] if self.settings else now
            self.settings = {"targetUrl": url, "throttling": {"maxConcurrentRequests": max_concurrent,
                                                              "period": "SECONDLY"},
                             "createdAt": created, "updatedAt": now}
            return dict(self.settings)

    def subscribe(self, event_type: str, property_name: str | None, active: bool = True,
                  allow_wildcard: bool = False) -> dict:
        if event_type not in ACCEPTED:
            raise errors.validation(f"{event_type} is not a valid subscription type",
                                    context={"eventType": [str(event_type)]})
        if event_type.endswith(".propertyChange"):
            if not property_name or (property_name == WILDCARD and not allow_wildcard):
                raise errors.validation("propertyChange subscriptions need a propertyName")
            if property_name in UNSUBSCRIBABLE:
                raise errors.validation(f"Property changes on {property_name} cannot be subscribed to")
        now = self.store.now()
        with self._lock:
            for sub in self.subscriptions.values():
                if sub["eventType"] == event_type and sub.get("propertyName") == property_name:
                    raise ApiError(409, "CONFLICT", f"A subscription for {event_type} "
                                   f"{property_name or ''} already exists".replace("  ", " "))
            if len(self.subscriptions) >= 1000:
                raise errors.validation("An app can have at most 1000 subscriptions")
            sub_id = next(self._sub_ids)
            sub = {"id": str(sub_id), "eventType": event_type, "active": bool(active), "createdAt": now,
                   "updatedAt": now}
            if property_name:
                sub["propertyName"] = property_name
            self.subscriptions[sub_id] = sub
            return sub

    def subscription(self, sub_id: str) -> dict:
        try:
            sub = self.subscriptions.get(int(sub_id))
        except ValueError:
            sub = None
        if sub is None:
            raise ApiError(404, "OBJECT_NOT_FOUND", f"Subscription {sub_id} not found",
                           context={"subscriptionId": [str(sub_id)]})
        return sub

    def dump(self) -> dict:
        with self._lock:
            return {"settings": self.settings, "subscriptions": list(self.subscriptions.values()),
                    "pendingEvents": len(self._buffer),
                    "outbox": {"pending": len(self.outbox.pending()), "stats": dict(self.outbox.stats)}}


def check_developer_key(config: HubSpotConfig) -> None:
    if request.args.get("hapikey") != config.developer_key:
        raise ApiError(401, "INVALID_AUTHENTICATION", "The API key provided is invalid. View or manage your API "
                                                      "key here: https://app.hubspot.com/l/api-key/")


def register(app: Flask, hub: WebhookHub) -> None:
    config = hub.config

    def app_guard(app_id: str) -> None:
        if app_id != str(config.app_id):
            raise ApiError(404, "OBJECT_NOT_FOUND", f"App {app_id} not found", context={"appId": [app_id]})

    def get_settings(app_id: str):
        app_guard(app_id)
        if hub.settings is None:
            raise ApiError(404, "OBJECT_NOT_FOUND", f"No webhook settings for app {app_id}")
        return respond(hub.settings)

    def put_settings(app_id: str):
        app_guard(app_id)
        body = json_object()
        url = body.get("targetUrl")
        if not isinstance(url, str) or not url.startswith(("http://", "https://")):
            raise errors.validation("targetUrl must be an http(s) URL", context={"targetUrl": [str(url)]})
        throttling = body.get("throttling") if isinstance(body.get("throttling"), dict) else {}
        return respond(hub.set_target(url, int(throttling.get("maxConcurrentRequests", 10))))

    def delete_settings(app_id: str):
        app_guard(app_id)
        with hub._lock:
            hub.settings = None
        return no_content()

    def list_subscriptions(app_id: str):
        app_guard(app_id)
        return respond({"results": list(hub.subscriptions.values())})

    def create_subscription(app_id: str):
        app_guard(app_id)
        body = json_object()
        if not body.get("eventType"):
            raise errors.missing_field("eventType")
        return respond(hub.subscribe(str(body["eventType"]), body.get("propertyName"),
                                     bool(body.get("active", True))), 201)

    def get_subscription(app_id: str, sub_id: str):
        app_guard(app_id)
        return respond(hub.subscription(sub_id))

    def patch_subscription(app_id: str, sub_id: str):
        app_guard(app_id)
        body = json_object()
        sub = hub.subscription(sub_id)
        if "active" in body:
            sub["active"] = bool(body["active"])
            sub["updatedAt"] = hub.store.now()
        return respond(sub)

    def delete_subscription(app_id: str, sub_id: str):
        app_guard(app_id)
        sub = hub.subscription(sub_id)
        with hub._lock:
            hub.subscriptions.pop(int(sub["id"]), None)
        return no_content()

    def batch_update(app_id: str):
        app_guard(app_id)
        body = json_object()
        inputs = body.get("inputs")
        if not isinstance(inputs, list):
            raise errors.missing_field("inputs")
        results, errs, started = [], [], hub.store.now()
        for item in inputs:
            try:
                sub = hub.subscription(str(item.get("id") if isinstance(item, dict) else ""))
                sub["active"] = bool(item.get("active", sub["active"]))
                sub["updatedAt"] = hub.store.now()
                results.append(sub)
            except ApiError as error:
                errs.append({"status": "error", "category": error.category, "message": error.message,
                             "context": error.extra.get("context", {}), "errors": [], "links": {}})
        out = {"status": "COMPLETE", "results": results, "startedAt": started, "completedAt": hub.store.now()}
        if errs:
            out.update(numErrors=len(errs), errors=errs)
            return respond(out, 207)
        return respond(out)

    def admin_settings():
        body = json_object()
        url = body.get("targetUrl")
        if not isinstance(url, str) or not url.startswith(("http://", "https://")):
            raise errors.validation("targetUrl must be an http(s) URL")
        settings = hub.set_target(url)
        for prefix in OBJECT_PREFIX.values():
            for kind in EMITTED:
                name = WILDCARD if kind == "propertyChange" else None
                if not any(s["eventType"] == f"{prefix}.{kind}" and s.get("propertyName") == name
                           for s in hub.subscriptions.values()):
                    hub.subscribe(f"{prefix}.{kind}", name, allow_wildcard=True)
        return respond({"settings": settings, "subscriptions": list(hub.subscriptions.values()),
                        "appId": config.app_id, "portalId": config.portal_id})

    base = "/webhooks/v3/<app_id>"
    rules = [
        (f"{base}/settings", "wh_get_settings", ["GET"], get_settings),
        (f"{base}/settings", "wh_put_settings", ["PUT"], put_settings),
        (f"{base}/settings", "wh_delete_settings", ["DELETE"], delete_settings),
        (f"{base}/subscriptions", "wh_list", ["GET"], list_subscriptions),
        (f"{base}/subscriptions", "wh_create", ["POST"], create_subscription),
        (f"{base}/subscriptions/batch/update", "wh_batch_update", ["POST"], batch_update),
        (f"{base}/subscriptions/<sub_id>", "wh_get", ["GET"], get_subscription),
        (f"{base}/subscriptions/<sub_id>", "wh_patch", ["PATCH"], patch_subscription),
        (f"{base}/subscriptions/<sub_id>", "wh_delete", ["DELETE"], delete_subscription),
    ]
    if config.admin:
        rules.append(("/__admin/webhooks/settings", "wh_admin_settings", ["POST"], admin_settings))
    for rule, endpoint, methods, view in rules:
        app.add_url_rule(rule, endpoint, view, methods=methods)
