"""D4/D6 decisions at the exact boundaries."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from connector.timers import ABANDON, CLEAR, decide, due_at, has_contact_details

CREATED = datetime(2024, 1, 15, 12, 0, 0, tzinfo=UTC)


def at(**delta) -> datetime:
    return CREATED + timedelta(**delta)


def test_d4_not_abandoned_one_second_before_24h():
    assert decide("pending", CREATED, True, at(hours=23, minutes=59, seconds=59)) is None
    assert decide("pending", CREATED, True, at(hours=24)) == ABANDON
    assert decide("pending", "2024-01-15T12:00:00Z", True, at(hours=30)) == ABANDON


def test_d6_never_promoted_cleared_at_48h_not_before():
    assert decide("pending", CREATED, False, at(hours=24)) is None
    assert decide("pending", CREATED, False, at(hours=47, minutes=59, seconds=59)) is None
    assert decide("pending", CREATED, False, at(hours=48)) == CLEAR


def test_finished_timers_never_move():
    for state in ("abandoned", "cleared", "completed"):
        assert decide(state, CREATED, True, at(hours=100)) is None


def test_offsets_are_respected():
    created = "2024-01-15T07:00:00-05:00"  # = 12:00 UTC
    assert decide("pending", created, True, at(hours=23, minutes=59)) is None
    assert decide("pending", created, True, at(hours=24)) == ABANDON
    assert due_at(created, True) == at(hours=24) and due_at(created, False) == at(hours=48)


def test_contact_details_promote_a_checkout():
    assert has_contact_details({"email": "a@b.c"})
    assert has_contact_details({"phone": "+1"})
    assert has_contact_details({"customer": {"id": 3}})
    assert not has_contact_details({"email": " ", "customer": None})
