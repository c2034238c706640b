"""Webhook deliveries: one signed POST per matching subscription, at least once, on the clock.

Each event becomes one delivery per subscription of its topic, with the REST representation as the
body (restricted to the subscription's ``fields`` when set) and Shopify's headers. The body is signed
with ``base64(HMAC-SHA256(api_secret, raw body))`` in ``X-Shopify-Hmac-Sha256``. A failed delivery is
retried 8 times over about 4 hours (``RETRY_DELAYS``); when the first attempt and all 8 retries fail
in a row, the subscription is removed.

Headers: ``X-Shopify-Topic``, ``-Hmac-Sha256``, ``-Shop-Domain``, ``-API-Version`` (the subscription's
version, fallen forward to a supported one as Shopify does for a retired version), ``-Webhook-Id`` (one per
delivery, the same on each of its retries), ``-Event-Id`` (shared by every delivery of one change) and
``-Triggered-At`` (nanoseconds, as Shopify writes it; changes of one shop made at the same clock instant
get strictly increasing trigger times in the order they happened, as real ones a few nanoseconds apart
would, so a receiver can order two edits stamped with the same whole-second ``updated_at``). A subscription made by an app without level-2 protected customer data gets the payload
redacted (:mod:`mocks.shopify.redaction`).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
import uuid
from datetime import UTC, datetime, timedelta

from mocks.core.clock import Clock
from mocks.core.faults import FaultSet
from mocks.core.outbox import Delivery, Outbox
from mocks.shopify.config import ShopifyConfig
from mocks.shopify.listing import select_fields
from mocks.shopify.redaction import needs_redaction, redact_payload
from mocks.shopify.rest_versions import shape_topic
from mocks.shopify.store import Store
from mocks.shopify.versions import OLDEST, resolve


def trigger_stamp(moment: datetime, tie: int = 0) -> str:
    """``X-Shopify-Triggered-At``: UTC with nine fractional digits; ``tie`` counts earlier changes of the
    shop at this same instant (one nanosecond each)."""
    moment = moment.astimezone(UTC) + timedelta(microseconds=tie // 1000)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond:06d}{tie % 1000:03d}Z"


def signature(secret: str, body: bytes) -> str:
    """The value of ``X-Shopify-Hmac-Sha256`` for a raw body."""
    return base64.b64encode(hmac.new(secret.encode(), body, hashlib.sha256).digest()).decode()


class WebhookDispatcher:
    """Turns store events into outbox deliveries and removes subscriptions the outbox gives up on."""

    def __init__(self, store: Store, clock: Clock, faults: FaultSet, config: ShopifyConfig) -> None:
        self.store, self.secret = store, config.api_secret
        self.outbox = Outbox(clock, self._sign, list(config.retry_delays), faults=faults,
                             transport=config.webhook_transport,
                             max_consecutive_failures=config.max_consecutive_failures,
                             on_subscription_failed=self._give_up)
        store.on_event = self.publish
        self._last_trigger: dict[str, tuple[datetime, int]] = {}   # shop -> (instant, changes at it so far)
        self._trigger_lock = threading.Lock()

    def _sign(self, delivery: Delivery, now: float) -> dict[str, str]:
        return {"X-Shopify-Hmac-Sha256": signature(self.secret, delivery.body)}

    def _give_up(self, subscription_id: str | int) -> None:
        self.store.remove_webhook(int(subscription_id))

    def _trigger(self, shop_name: str, moment: datetime) -> str:
        with self._trigger_lock:
            last = self._last_trigger.get(shop_name)
            tie = last[1] + 1 if last is not None and last[0] == moment else 0
            self._last_trigger[shop_name] = (moment, tie)
        return trigger_stamp(moment, tie)

    def publish(self, shop_name: str, topic: str, payload: dict, triggered_at: datetime) -> None:
        shop = self.store.shops.get(shop_name)
        if shop is None:
            return
        event_id = str(uuid.uuid4())
        triggered = self._trigger(shop_name, triggered_at)
        for hook in shop.subscriptions(topic):
            version = resolve(hook.api_version) or OLDEST
            shaped = shape_topic(topic, payload, version)
            if needs_redaction(shop.subscription_pcd.get(hook.id, 2)):
                shaped = redact_payload(topic, shaped)
            body = json.dumps(select_fields(shaped, hook.fields or None), separators=(",", ":")).encode()
            headers = {
                "X-Shopify-Topic": topic, "X-Shopify-Shop-Domain": shop.info.domain,
                "X-Shopify-API-Version": version, "X-Shopify-Webhook-Id": str(uuid.uuid4()),
                "X-Shopify-Triggered-At": triggered, "X-Shopify-Event-Id": event_id,
                "User-Agent": "Shopify-Captain-Hook",
            }
            self.outbox.enqueue(url=hook.address, topic=topic, body=body, headers=headers,
                                subscription_id=hook.id, event_id=event_id)

    def deliver(self) -> list[dict]:
        return self.outbox.deliver_due()

    def state(self) -> dict:
        return {"pending": [d.summary() for d in self.outbox.pending()],
                "sent": [d.summary() for d in self.outbox.sent()], "stats": dict(self.outbox.stats)}
