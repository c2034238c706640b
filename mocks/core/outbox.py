"""Webhook deliveries that go out on the clock: at-least-once, retried, and open to faults.

A mock enqueues a delivery (URL, topic, raw body); :meth:`Outbox.deliver_due` POSTs every delivery
that is due at the clock's ``now``. A failed delivery (connection error, timeout or non-2xx) is
retried after the next delay of the retry schedule; after the last one it is given up. Each mock
supplies its own signing function and schedule (Shopify: 8 retries over 4 hours; HubSpot: 10 over
24 hours). Webhook fault rules can drop, duplicate, delay or reorder a delivery when it is enqueued.

With a real clock, :meth:`start_auto` runs a background thread that delivers what is due.
"""

from __future__ import annotations

import itertools
import threading
import uuid
from collections import deque
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

import requests

from mocks.core.clock import Clock, format_iso
from mocks.core.faults import FaultSet

Signer = Callable[["Delivery", float], dict[str, str]]
Transport = Callable[[str, bytes, dict[str, str], float], int]
REORDER_PENALTY = 10**9


@dataclass
class Delivery:
    id: str
    event_id: str
    topic: str
    url: str
    body: bytes
    headers: dict[str, str]
    subscription_id: str | int | None
    created_at: float
    due_at: float
    seq: int
    attempts: int = 0
    status: str = "pending"          # pending | delivered | failed | dropped
    last_status: int | None = None
    history: list[dict] = field(default_factory=list)

    def summary(self) -> dict:
        data = asdict(self)
        data["body"] = self.body.decode("utf-8", errors="replace")
        data.pop("history")
        data["attempts_log"] = list(self.history)
        return data


def http_transport(session: requests.Session | None = None) -> Transport:
    """POST with Shopify's timeouts (1 s to connect, 5 s in all); a connection error counts as status 0."""
    client = session or requests.Session()

    def post(url: str, body: bytes, headers: dict[str, str], timeout: float) -> int:
        try:
            return client.post(url, data=body, headers=headers, timeout=(1.0, timeout)).status_code
        except requests.RequestException:
            return 0
    return post


class Outbox:
    """The pending and sent deliveries of one mock."""

    def __init__(self, clock: Clock, sign: Signer, retry_delays: list[float], faults: FaultSet | None = None,
                 transport: Transport | None = None, timeout: float = 5.0,
                 max_consecutive_failures: int | None = None,
                 on_subscription_failed: Callable[[str | int], None] | None = None,
                 history: int = 5000) -> None:
        self.clock, self.sign, self.retry_delays = clock, sign, list(retry_delays)
        self.faults = faults or FaultSet()
        self.transport = transport or http_transport()
        self.timeout = timeout
        self.max_consecutive_failures = max_consecutive_failures
        self.on_subscription_failed = on_subscription_failed
        self._pending: list[Delivery] = []
        self._sent: deque[Delivery] = deque(maxlen=history)
        self._failures: dict[str | int, int] = {}
        self._seq = itertools.count()
        self._lock = threading.Lock()
        self._send_lock = threading.Lock()
        self._auto: threading.Thread | None = None
        self._stop = threading.Event()
        self.stats = {"enqueued": 0, "delivered": 0, "failed_attempts": 0, "given_up": 0,
                      "dropped": 0, "duplicated": 0, "delayed": 0, "reordered": 0}

    def enqueue(self, *, url: str, topic: str, body: bytes, headers: dict[str, str] | None = None,
                subscription_id: str | int | None = None, event_id: str | None = None) -> list[Delivery]:
        """Queue one event for delivery now; returns what was queued (none if a fault dropped it)."""
        now = self.clock.timestamp()
        event_id = event_id or str(uuid.uuid4())
        copies, delay, reorder = 1, 0.0, False
        rule = self.faults.for_webhook(topic)
        if rule is not None:
            if rule.action == "drop":
                with self._lock:
                    self.stats["dropped"] += 1
                return []
            if rule.action == "duplicate":
                copies = 2
            elif rule.action == "delay":
                delay = rule.delay_seconds or 60.0
            elif rule.action == "reorder":
                reorder = True
        made = []
        with self._lock:
            self.stats["enqueued"] += 1
            self.stats["duplicated"] += copies - 1
            self.stats["delayed"] += 1 if delay else 0
            self.stats["reordered"] += 1 if reorder else 0
            for _ in range(copies):
                seq = next(self._seq) + (REORDER_PENALTY if reorder else 0)
                delivery = Delivery(id=str(uuid.uuid4()), event_id=event_id, topic=topic, url=url,
                                    body=body, headers=dict(headers or {}), subscription_id=subscription_id,
                                    created_at=now, due_at=now + delay, seq=seq)
                self._pending.append(delivery)
                made.append(delivery)
        return made

    def pending(self) -> list[Delivery]:
        with self._lock:
            return sorted(self._pending, key=lambda d: (d.due_at, d.seq))

    def sent(self) -> list[Delivery]:
        with self._lock:
            return list(self._sent)

    def forget_subscription(self, subscription_id: str | int) -> None:
        """Drop queued deliveries of a removed subscription."""
        with self._lock:
            self._pending = [d for d in self._pending if d.subscription_id != subscription_id]
            self._failures.pop(subscription_id, None)

    def clear(self) -> None:
        with self._lock:
            self._pending.clear()
            self._sent.clear()
            self._failures.clear()
            for key in self.stats:
                self.stats[key] = 0

    def deliver_due(self) -> list[dict]:
        """Send every delivery due now, in order; returns one record per attempt made."""
        with self._send_lock:
            now = self.clock.timestamp()
            with self._lock:
                due = sorted((d for d in self._pending if d.due_at <= now), key=lambda d: (d.due_at, d.seq))
                for delivery in due:
                    self._pending.remove(delivery)
            return [self._attempt(delivery, now) for delivery in due]

    def _attempt(self, delivery: Delivery, now: float) -> dict:
        delivery.attempts += 1
        headers = {"Content-Type": "application/json", **delivery.headers, **self.sign(delivery, now)}
        status = self.transport(delivery.url, delivery.body, headers, self.timeout)
        delivery.last_status = status
        ok = 200 <= status < 300
        record = {"id": delivery.id, "event_id": delivery.event_id, "topic": delivery.topic,
                  "url": delivery.url, "attempt": delivery.attempts, "status": status, "ok": ok,
                  "at": format_iso(self.clock.now())}
        delivery.history.append(record)
        removed_subscription = None
        with self._lock:
            sub = delivery.subscription_id
            if ok:
                delivery.status = "delivered"
                self.stats["delivered"] += 1
                if sub is not None:
                    self._failures[sub] = 0
                self._sent.append(delivery)
                return record
            self.stats["failed_attempts"] += 1
            if sub is not None:
                self._failures[sub] = self._failures.get(sub, 0) + 1
                if self.max_consecutive_failures and self._failures[sub] >= self.max_consecutive_failures:
                    removed_subscription = sub
            retry_index = delivery.attempts - 1
            if retry_index < len(self.retry_delays) and removed_subscription is None:
                delivery.due_at = now + self.retry_delays[retry_index]
                self._pending.append(delivery)
                record["retry_in"] = self.retry_delays[retry_index]
            else:
                delivery.status = "failed"
                self.stats["given_up"] += 1
                self._sent.append(delivery)
        if removed_subscription is not None:
            self.forget_subscription(removed_subscription)
            record["subscription_removed"] = removed_subscription
            if self.on_subscription_failed:
                self.on_subscription_failed(removed_subscription)
        return record

    def start_auto(self, interval: float = 0.2) -> None:
        """Deliver due webhooks in the background (for a real clock: demo and live mode)."""
        if self._auto is not None:
            return
        self._stop.clear()

        def loop() -> None:
            while not self._stop.wait(interval):
                self.deliver_due()

        self._auto = threading.Thread(target=loop, name="outbox", daemon=True)
        self._auto.start()

    def stop_auto(self) -> None:
        self._stop.set()
        self._auto = None
