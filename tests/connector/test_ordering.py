"""connector/engine/ordering.py on its own: dedupe keys, the verdict table, nanosecond trigger times."""

from types import SimpleNamespace

from connector.engine.applied import mark_applied
from connector.engine.ordering import APPLY, ASK, STALE, judge, seen_keys, settle, trigger_time
from connector.state import State

T0 = "2024-01-01T10:00:00Z"


def make_ctx():
    return SimpleNamespace(state=State(":memory:"), store_id="shop")


def applied_by_webhook(ctx, record, triggered_at):
    mark_applied(ctx, "order", "7", record)
    settle(ctx, "order", "7", record, triggered_at)


def test_dedupe_keys_are_the_webhook_id_and_the_event_id_per_topic():
    headers = {"x-shopify-webhook-id": "w1", "x-shopify-event-id": "e1"}
    assert seen_keys("orders/updated", headers) == ["w1", "orders/updated:e1"]
    assert seen_keys("orders/paid", headers)[1] != seen_keys("orders/updated", headers)[1]
    assert seen_keys("orders/updated", {}) == []


def test_trigger_times_keep_nanoseconds():
    a, b = trigger_time("2024-01-01T10:00:00.000000001Z"), trigger_time("2024-01-01T10:00:00.000000002Z")
    assert a is not None and b is not None and a < b
    assert trigger_time("2024-01-01T11:00:00.5+01:00") == trigger_time("2024-01-01T10:00:00.500Z")
    assert trigger_time("not a time") is None and trigger_time(None) is None


def test_verdicts():
    ctx = make_ctx()
    v1 = {"id": 7, "updated_at": T0, "note": "one"}
    assert judge(ctx, "order", "7", v1, None) == APPLY                     # nothing applied yet
    applied_by_webhook(ctx, v1, "2024-01-01T10:00:00.100000000Z")
    assert judge(ctx, "order", "7", dict(v1), "2024-01-01T10:00:00.100000000Z") == STALE   # same content
    later = {**v1, "updated_at": "2024-01-01T10:00:01Z", "note": "two"}
    assert judge(ctx, "order", "7", later, None) == APPLY                  # a later stamp
    same_second = {**v1, "note": "two"}
    assert judge(ctx, "order", "7", same_second, "2024-01-01T10:00:00.100000001Z") == APPLY  # 1 ns later
    assert judge(ctx, "order", "7", same_second, "2024-01-01T10:00:00.099999999Z") == STALE  # triggered before
    assert judge(ctx, "order", "7", same_second, None) == ASK             # nothing orders them
    older = {**v1, "updated_at": "2024-01-01T09:59:59Z", "note": "zero"}
    assert judge(ctx, "order", "7", older, "2024-01-01T09:59:59.000000000Z") == STALE
    assert judge(ctx, "order", "7", older, "2024-01-01T10:00:05.000000000Z") == ASK  # clock stepped back?


def test_a_trigger_time_counts_only_for_the_version_it_brought():
    ctx = make_ctx()
    v1 = {"id": 7, "updated_at": T0, "note": "one"}
    applied_by_webhook(ctx, v1, "2024-01-01T10:00:00.500000000Z")
    v2 = {**v1, "note": "two"}
    mark_applied(ctx, "order", "7", v2)                  # a pass applied another version since
    v3 = {**v1, "note": "three"}
    assert judge(ctx, "order", "7", v3, "2024-01-01T10:00:00.100000000Z") == ASK   # not STALE: unknown order
