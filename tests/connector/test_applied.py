"""Which Shopify record versions are applied again (S6 overlap window, duplicate and stale webhooks)."""

from types import SimpleNamespace

from connector.engine.applied import fingerprint, is_newer, mark_applied
from connector.state import State


def make_ctx():
    return SimpleNamespace(state=State(":memory:"), store_id="shop")


def test_unseen_and_unstamped_records_are_applied():
    ctx = make_ctx()
    assert is_newer(ctx, "product", "1", {"id": 1, "updated_at": "2024-01-01T00:00:00Z"})
    assert is_newer(ctx, "product", "1", {"id": 1})


def test_older_is_stale_newer_is_applied():
    ctx = make_ctx()
    mark_applied(ctx, "order", "7", {"id": 7, "updated_at": "2024-01-01T10:00:00Z", "note": "b"})
    assert not is_newer(ctx, "order", "7", {"id": 7, "updated_at": "2024-01-01T09:59:59Z", "note": "a"})
    assert is_newer(ctx, "order", "7", {"id": 7, "updated_at": "2024-01-01T10:00:01Z", "note": "b"})


def test_same_second_counts_only_when_the_content_changed():
    ctx = make_ctx()
    record = {"id": 7, "updated_at": "2024-01-01T10:00:00+00:00", "note": "b", "tags": "x"}
    mark_applied(ctx, "order", "7", record)
    assert not is_newer(ctx, "order", "7", dict(reversed(list(record.items()))))  # same content
    assert not is_newer(ctx, "order", "7", {**record, "updated_at": "2024-01-01T10:00:00Z"})
    assert is_newer(ctx, "order", "7", {**record, "note": "c"})  # a second edit within the second


def test_fingerprint_ignores_key_order_only():
    assert fingerprint({"a": 1, "b": [1, 2]}) == fingerprint({"b": [1, 2], "a": 1})
    assert fingerprint({"a": 1, "b": [1, 2]}) != fingerprint({"a": 1, "b": [2, 1]})
