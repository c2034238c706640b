"""Bulk query operations on the mock's clock.

``bulkOperationRunQuery`` validates the query and records a RUNNING operation; once the clock has moved
``duration`` seconds past its creation, the next look at the shop's operations (any GraphQL request,
the result download, or a webhook delivery pass) starts the export: the query is executed in chunks of
the top-level connection with every nested connection read whole, and each object becomes one JSONL
line (objects of nested connections carry ``__parentId``). The store lock is taken per chunk and released
between chunks, so other requests are answered while an export runs and see it RUNNING with its
``objectCount`` growing, as on Shopify. With ``background`` (the app's default on a running clock) the
export runs on a thread of its own and the look that started it answers at once; otherwise (a frozen
clock: tests) the looking request runs it, so what a test sees depends only on the clock. The file is
written to a temporary file and served by the mock at the operation's ``url``; ``bulk_operations/finish``
is emitted. At most ``MAX_RUNNING`` query operations run per shop at once.
"""

from __future__ import annotations

import json
import os
import tempfile
import threading
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import IO, Any

from graphql import DocumentNode, FieldNode, GraphQLError, OperationDefinitionNode, OperationType, parse

from mocks.core.clock import Clock
from mocks.shopify.graphql.ids import gid
from mocks.shopify.graphql.scalars import date_time, uint

MAX_RUNNING = 5
CHUNK = 500
# (document, context, cursor, chunk, the operation's memo) -> (data, errors, next cursor or None)
Runner = Callable[[DocumentNode, Any, str | None, int, dict], tuple[dict | None, list, str | None]]


@dataclass
class BulkOperation:
    id: int
    shop: str
    query: str
    created_at: datetime
    ready_at: datetime
    token: str
    base_url: str
    context: Any  # the request context it runs with (shop, grant)
    document: DocumentNode | None = None
    status: str = "RUNNING"
    type: str = "QUERY"
    completed_at: datetime | None = None
    error_code: str | None = None
    object_count: int = 0
    root_object_count: int = 0
    file_size: int | None = None
    file: IO[bytes] | None = field(default=None, repr=False)
    exporting: bool = False  # an export has been started (by a look or a thread): no other look starts one

    @property
    def url(self) -> str | None:
        if self.status != "COMPLETED" or not self.object_count:
            return None
        return f"{self.base_url}/__bulk/{self.token}.jsonl"

    def node(self) -> dict:
        return {"__typename": "BulkOperation", "id": gid("BulkOperation", self.id), "status": self.status,
                "errorCode": self.error_code, "createdAt": date_time(self.created_at),
                "completedAt": date_time(self.completed_at), "objectCount": uint(self.object_count),
                "rootObjectCount": uint(self.root_object_count),
                "fileSize": uint(self.file_size) if self.file_size is not None else None,
                "url": self.url, "partialDataUrl": None, "query": self.query, "type": self.type}

    def webhook_payload(self) -> dict:
        return {"admin_graphql_api_id": gid("BulkOperation", self.id), "completed_at": date_time(self.completed_at),
                "created_at": date_time(self.created_at), "error_code": (self.error_code or "").lower() or None,
                "status": self.status.lower(), "type": self.type.lower()}


def check_bulk_query(document: DocumentNode) -> str | None:
    """Why Shopify refuses this bulk query (``None``: it is fine): one query operation with a
    top-level connection."""
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if len(operations) != 1 or operations[0].operation != OperationType.QUERY:
        return "Bulk queries must contain exactly one query operation."
    fields = [s for s in operations[0].selection_set.selections if isinstance(s, FieldNode)]
    if len(fields) != 1:
        return "Bulk queries must contain exactly one top-level field."
    return None


def _connection_nodes(value: Any) -> list | None:
    if not isinstance(value, dict):
        return None
    if isinstance(value.get("edges"), list):
        return [e.get("node") for e in value["edges"] if isinstance(e, dict) and e.get("node") is not None]
    if isinstance(value.get("nodes"), list):
        return [n for n in value["nodes"] if n is not None]
    return None


def jsonl_lines(node: dict, parent_id: str | None = None) -> Iterator[dict]:
    """One object and, after it, the objects of its nested connections (with ``__parentId``)."""
    own: dict = {}
    children: list[dict] = []
    for key, value in node.items():
        nested = _connection_nodes(value)
        if nested is None:
            own[key] = value
        else:
            children.extend(nested)
    if parent_id is not None:
        own["__parentId"] = parent_id
    yield own
    for child in children:
        yield from jsonl_lines(child, node.get("id"))


class BulkOperations:
    """Every bulk operation of one mock app, per shop."""

    def __init__(self, clock: Clock, ids: Callable[[], int], runner: Runner, duration: float = 1.0,
                 emit: Callable[[str, str, dict], None] | None = None,
                 lock: threading.RLock | None = None, background: bool = False) -> None:
        """``lock``: the store's lock (one lock for records and operations: an export reads each chunk
        of records while holding it, and a query reading operations already holds it).
        ``background``: run each export on a thread of its own (see the module docstring)."""
        self.clock, self._ids, self.runner, self.duration = clock, ids, runner, duration
        self.background = background
        self._threads: list[threading.Thread] = []
        self.emit = emit or (lambda shop, topic, payload: None)
        self._ops: dict[int, BulkOperation] = {}
        self._by_token: dict[str, BulkOperation] = {}
        self._lock = lock or threading.RLock()

    def start(self, context: Any, query: str) -> tuple[BulkOperation | None, list[dict]]:
        """A new RUNNING operation, or Shopify's userErrors."""
        try:
            document = parse(query)
        except GraphQLError as error:
            return None, [{"field": ["query"], "message": f"Invalid bulk query: {error.message}", "code": "INVALID"}]
        problem = check_bulk_query(document) or self._validate(document)
        if problem:
            return None, [{"field": ["query"], "message": problem, "code": "INVALID"}]
        shop = context.shop.name
        with self._lock:
            self.refresh(shop)
            running = [o for o in self._ops.values() if o.shop == shop and o.type == "QUERY"
                       and o.status in ("CREATED", "RUNNING")]
            if len(running) >= MAX_RUNNING:
                return None, [{"field": None, "code": "LIMIT_REACHED",
                               "message": f"A shop can run at most {MAX_RUNNING} bulk query operations at once."}]
            now = self.clock.now()
            op = BulkOperation(self._ids(), shop, query, now.replace(microsecond=0),
                               now + timedelta(seconds=self.duration), uuid.uuid4().hex, context.base_url,
                               context, document)
            self._ops[op.id] = op
            self._by_token[op.token] = op
            return op, []

    validate: Callable[[DocumentNode], list] | None = None

    def _validate(self, document: DocumentNode) -> str | None:
        errors = self.validate(document) if self.validate else []
        return f"Invalid bulk query: {errors[0].message}" if errors else None

    def cancel(self, op_id: int, shop: str) -> tuple[BulkOperation | None, list[dict]]:
        with self._lock:
            self.refresh(shop)
            op = self._ops.get(op_id)
            if op is None or op.shop != shop:
                return None, [{"field": ["id"], "message": "Bulk operation does not exist"}]
            if op.status not in ("CREATED", "RUNNING"):
                return op, [{"field": None,
                             "message": f"A bulk operation cannot be canceled when it is {op.status.lower()}"}]
            op.status, op.completed_at = "CANCELED", self.clock.now().replace(microsecond=0)
            self._finish(op)
            return op, []

    def get(self, op_id: int, shop: str) -> BulkOperation | None:
        with self._lock:
            self.refresh(shop)
            op = self._ops.get(op_id)
            return op if op is not None and op.shop == shop else None

    def of_shop(self, shop: str) -> list[BulkOperation]:
        with self._lock:
            self.refresh(shop)
            return [o for o in self._ops.values() if o.shop == shop]

    def by_token(self, token: str) -> BulkOperation | None:
        with self._lock:
            op = self._by_token.get(token)
            if op is not None:
                self.refresh(op.shop)
            return op

    def refresh(self, shop: str | None = None) -> None:
        """Start the export of every operation whose time has come (of one shop, or all): on a
        thread with ``background``, else here, chunk by chunk."""
        now = self.clock.now()
        with self._lock:
            due = sorted((o for o in self._ops.values() if o.status == "RUNNING" and not o.exporting
                          and o.ready_at <= now and (shop is None or o.shop == shop)), key=lambda o: o.id)
            for op in due:
                op.exporting = True
            if self.background:
                threads = [threading.Thread(target=self._run, args=(op,), name=f"bulk-export-{op.id}", daemon=True)
                           for op in due]
                self._threads = [t for t in self._threads if t.is_alive()] + threads
                for thread in threads:
                    thread.start()
                return
        for op in due:
            self._run(op)

    def join(self, timeout: float | None = None) -> bool:
        """Wait for the background exports started so far (tests, shutdown); True when none is left."""
        for thread in list(self._threads):
            thread.join(timeout)
        return not any(t.is_alive() for t in self._threads)

    def _run(self, op: BulkOperation) -> None:
        """Export ``op`` chunk by chunk, holding the lock only while a chunk is read and written. An
        operation canceled (or the mock reset) meanwhile stops at the next chunk, its file dropped."""
        file = tempfile.TemporaryFile()
        cursor: str | None = None
        failed = False
        memo: dict = {}  # the runner's, kept across the chunks (the top-level order, sorted once)
        while True:
            with self._lock:
                if op.status != "RUNNING" or self._ops.get(op.id) is not op:
                    file.close()
                    return
                try:
                    data, errors, cursor = self.runner(op.document, op.context, cursor, CHUNK, memo)
                    if errors or data is None:
                        raise RuntimeError("bulk query failed")
                    for value in data.values():
                        for node in _connection_nodes(value) or []:
                            op.root_object_count += 1
                            for line in jsonl_lines(node):
                                file.write(json.dumps(line, separators=(",", ":")).encode() + b"\n")
                                op.object_count += 1
                except Exception:  # noqa: BLE001 — an export that fails is FAILED, as on Shopify
                    failed = True
                if failed or cursor is None:
                    self._complete(op, file, failed)
                    return

    def _complete(self, op: BulkOperation, file: IO[bytes], failed: bool) -> None:
        """COMPLETED with its file, or FAILED (called with the lock held)."""
        if failed:
            file.close()
            op.status, op.error_code = "FAILED", "INTERNAL_SERVER_ERROR"
            op.object_count = op.root_object_count = 0
        else:
            file.flush()  # the download reads the file descriptor directly
            op.status, op.file, op.file_size = "COMPLETED", file, file.tell()
        # a look-driven export ends at its due time (what a test sees depends only on the clock); a
        # background one when its thread is done
        later = self.clock.now() if self.background else op.ready_at
        op.completed_at = max(later, op.created_at).replace(microsecond=0)
        op.context = None
        self._finish(op)

    def _finish(self, op: BulkOperation) -> None:
        self.emit(op.shop, "bulk_operations/finish", op.webhook_payload())

    @staticmethod
    def stream(op: BulkOperation, block: int = 1 << 16) -> Iterator[bytes]:
        """The result file, block by block (positional reads: no shared file position, no lock held)."""
        file, offset = op.file, 0
        if file is None:
            return
        try:
            while chunk := os.pread(file.fileno(), block, offset):
                offset += len(chunk)
                yield chunk
        except (OSError, ValueError):  # the mock was reset while a download ran
            return

    def reset(self) -> None:
        with self._lock:
            for op in self._ops.values():
                if op.file is not None:
                    op.file.close()
            self._ops.clear()
            self._by_token.clear()
