"""Webhook deliveries on the clock: retries, give-up, subscription removal and each fault kind."""

from mocks.core.clock import Clock
from mocks.core.faults import FaultSet
from mocks.core.outbox import Outbox


class FakeReceiver:
    def __init__(self, statuses=None):
        self.statuses = list(statuses or [])
        self.received: list[tuple[str, bytes, dict]] = []

    def __call__(self, url, body, headers, timeout):
        self.received.append((url, body, headers))
        return self.statuses.pop(0) if self.statuses else 200


def make(receiver, faults=None, **kwargs):
    clock = Clock.simulated("2024-01-01T00:00:00Z")
    box = Outbox(clock, sign=lambda d, now: {"X-Sig": f"sig-{d.event_id}"}, retry_delays=[60, 600],
                 faults=faults, transport=receiver, **kwargs)
    return clock, box


def test_due_deliveries_go_out_signed_in_order():
    receiver = FakeReceiver()
    clock, box = make(receiver)
    box.enqueue(url="http://r/a", topic="orders/create", body=b'{"id":1}', event_id="e1")
    box.enqueue(url="http://r/a", topic="orders/updated", body=b'{"id":1,"v":2}', event_id="e2")
    sent = box.deliver_due()
    assert [s["event_id"] for s in sent] == ["e1", "e2"] and all(s["ok"] for s in sent)
    assert receiver.received[0][2]["X-Sig"] == "sig-e1"
    assert box.deliver_due() == []


def test_failed_delivery_is_retried_on_the_schedule_then_given_up():
    receiver = FakeReceiver([500, 0, 500])
    clock, box = make(receiver)
    box.enqueue(url="http://r", topic="t", body=b"{}")
    assert box.deliver_due()[0]["status"] == 500
    clock.advance(59)
    assert box.deliver_due() == []
    clock.advance(1)
    assert box.deliver_due()[0]["status"] == 0
    clock.advance(600)
    assert box.deliver_due()[0]["attempt"] == 3
    clock.advance(10**6)
    assert box.deliver_due() == [] and box.stats["given_up"] == 1


def test_subscription_removed_after_consecutive_failures():
    removed = []
    receiver = FakeReceiver([500] * 10)
    clock, box = make(receiver, max_consecutive_failures=3, on_subscription_failed=removed.append)
    for _ in range(3):
        box.enqueue(url="http://r", topic="t", body=b"{}", subscription_id=7)
    results = box.deliver_due()
    assert removed == [7] and results[-1]["subscription_removed"] == 7
    assert box.pending() == []


def test_webhook_faults_drop_duplicate_delay_reorder():
    faults = FaultSet()
    faults.add([{"target": "webhook", "topic": "a/*", "action": "drop", "times": 1},
                {"target": "webhook", "topic": "b/*", "action": "duplicate", "times": 1},
                {"target": "webhook", "topic": "c/*", "action": "delay", "delay_seconds": 300, "times": 1},
                {"target": "webhook", "topic": "d/*", "action": "reorder", "times": 1}])
    receiver = FakeReceiver()
    clock, box = make(receiver, faults=faults)
    for topic in ["a/x", "b/x", "c/x", "d/x", "e/x"]:
        box.enqueue(url="http://r", topic=topic, body=b"{}", event_id=topic)
    now = [s["event_id"] for s in box.deliver_due()]
    assert now == ["b/x", "b/x", "e/x", "d/x"]  # a dropped, b twice, c later, d after e
    clock.advance(300)
    assert [s["event_id"] for s in box.deliver_due()] == ["c/x"]
    assert box.stats["dropped"] == 1 and box.stats["duplicated"] == 1
