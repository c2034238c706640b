"""The mock's bulk export does not hold the shop for its whole duration: the store lock is taken per
chunk and released between chunks, so a request arriving meanwhile is answered at once and sees the
operation RUNNING with its ``objectCount`` growing (as on Shopify); a cancel stops it at the next chunk.
Driven by the clock and by events (nothing sleeps)."""

from __future__ import annotations

import itertools
import threading
from dataclasses import dataclass
from datetime import timedelta

from mocks.core.clock import Clock
from mocks.shopify.graphql.bulk import BulkOperations

QUERY = "{ customers { edges { node { id } } } }"
# three chunks of the top-level connection: 2 + 2 + 1 nodes
CHUNKS = [([{"id": "gid://shopify/Customer/1"}, {"id": "gid://shopify/Customer/2"}], "c1"),
          ([{"id": "gid://shopify/Customer/3"}, {"id": "gid://shopify/Customer/4"}], "c2"),
          ([{"id": "gid://shopify/Customer/5"}], None)]


@dataclass
class Shop:
    name: str = "shop"


@dataclass
class Context:
    shop: Shop
    base_url: str = "http://mock"


class PausingLock:
    """A re-entrant lock that can hold the export thread just after it has let the lock go: the
    moment between two chunks, when other requests must get through."""

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._depth = threading.local()
        self.pause_next = False
        self.paused, self.go = threading.Event(), threading.Event()
        self.releases: list[str] = []  # names of the threads that let the lock go entirely

    def __enter__(self) -> PausingLock:
        self._lock.acquire()
        self._depth.n = getattr(self._depth, "n", 0) + 1
        return self

    def __exit__(self, *exc: object) -> None:
        self._depth.n -= 1
        self._lock.release()
        if self._depth.n:
            return
        name = threading.current_thread().name
        self.releases.append(name)
        if self.pause_next and name.startswith("bulk-export"):
            self.pause_next = False
            self.paused.set()
            assert self.go.wait(10), "the test never let the export go on"


def operations(background: bool, lock: PausingLock | None = None, on_chunk=None):
    clock = Clock.simulated()
    calls = itertools.count()

    def runner(document, context, cursor, chunk, memo):
        index = next(calls)
        if on_chunk:
            on_chunk(index)
        nodes, after = CHUNKS[index]
        return {"customers": {"edges": [{"node": n} for n in nodes]}}, [], after

    ops = BulkOperations(clock, itertools.count(1).__next__, runner, duration=1.0,
                         lock=lock or threading.RLock(), background=background)
    return clock, ops


def test_a_background_export_lets_other_requests_through_between_chunks():
    lock = PausingLock()
    clock, ops = operations(True, lock, on_chunk=lambda index: setattr(lock, "pause_next", index == 0))
    op, errors = ops.start(Context(Shop()), QUERY)
    assert errors == [] and op.status == "RUNNING"
    clock.advance(1)
    ops.refresh("shop")  # starts the export's thread and returns at once
    assert lock.paused.wait(10)
    # between the first and the second chunk: another request takes the lock and is answered
    seen = ops.get(op.id, "shop")
    assert (seen.status, seen.object_count, seen.root_object_count, seen.url) == ("RUNNING", 2, 2, None)
    ops.refresh("shop")  # another look does not start a second export
    lock.go.set()
    assert ops.join(10)
    done = ops.get(op.id, "shop")
    assert (done.status, done.object_count, done.root_object_count) == ("COMPLETED", 5, 5)
    assert done.url == f"http://mock/__bulk/{done.token}.jsonl"
    assert b"".join(BulkOperations.stream(done)).count(b"\n") == 5
    exports = [name for name in lock.releases if name.startswith("bulk-export")]
    assert len(exports) == 3  # the lock was let go after each chunk, not held for the whole export


def test_a_look_driven_export_ends_at_its_due_time_and_lets_go_between_chunks():
    lock = PausingLock()
    clock, ops = operations(False, lock)
    op, _ = ops.start(Context(Shop()), QUERY)
    clock.advance(5)
    ops.refresh("shop")  # a frozen clock: the looking request runs the export, chunk by chunk
    done = ops.get(op.id, "shop")
    assert (done.status, done.object_count) == ("COMPLETED", 5)
    assert done.completed_at == done.created_at + timedelta(seconds=1)  # its due time, not the look's
    assert lock.releases.count(threading.current_thread().name) >= 3 + 1  # each chunk, then the start


def test_an_export_canceled_between_chunks_stops_and_gives_no_file():
    state: dict = {}
    clock, ops = operations(False, on_chunk=lambda index: index == 1 and state.update(
        cancel=ops.cancel(state["op"].id, "shop")))
    op, _ = ops.start(Context(Shop()), QUERY)
    state["op"] = op
    clock.advance(1)
    ops.refresh("shop")
    canceled, errors = state["cancel"]
    assert errors == [] and canceled.status == "CANCELED"
    found = ops.get(op.id, "shop")
    assert (found.status, found.url, found.file) == ("CANCELED", None, None)


def test_every_object_counted_while_running_is_in_the_file():
    """objectCount grows chunk by chunk and ends at the number of lines written."""
    counts: list[int] = []
    state: dict = {}
    clock, ops = operations(False, on_chunk=lambda index: counts.append(state["op"].object_count))
    op, _ = ops.start(Context(Shop()), QUERY)
    state["op"] = op
    clock.advance(1)
    ops.refresh("shop")
    assert counts == [0, 2, 4]
    assert b"".join(BulkOperations.stream(op)).count(b"\n") == op.object_count == 5


def test_a_sorted_top_level_connection_is_sorted_once_per_export_not_once_per_chunk():
    """The chunks of one export read one order, worked out in the first: the sort key runs once per
    record, and the chunks together list every record once, in order (the export was quadratic)."""
    from mocks.shopify.graphql.connections import page_args, sorted_connection

    records = [{"id": i, "at": (i * 7919) % 1000} for i in range(1, 1001)]
    calls = []

    def key(record):
        calls.append(record["id"])
        return (record["at"], record["id"])

    memo: dict = {}
    listed, cursor = [], None
    while True:
        pa = page_args({"_chunk": 300, "after": cursor, "_memo": memo}, unbounded=True)
        page = sorted_connection(iter(records), key, pa, "PROCESSED_AT", lambda r: r["id"])
        listed += page["nodes"]
        if not page["pageInfo"]["hasNextPage"]:
            break
        cursor = page["pageInfo"]["endCursor"]
    assert len(calls) == len(records)  # one sort for the four chunks
    assert listed == [r["id"] for r in sorted(records, key=lambda r: (r["at"], r["id"]))]
