"""Local state in SQLite (stdlib; WAL): id map, tombstones, cursors, timers, seen webhook events and
the last applied ``updated_at`` per record. Rows are written only after HubSpot confirmed a write."""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from connector.errors import StateFileError

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS idmap (store TEXT NOT NULL, kind TEXT NOT NULL, ext_key TEXT NOT NULL,
    hs_id TEXT NOT NULL, PRIMARY KEY (store, kind, ext_key));
CREATE INDEX IF NOT EXISTS idmap_hs ON idmap (kind, hs_id);
CREATE TABLE IF NOT EXISTS tombstones (store TEXT NOT NULL, ref TEXT NOT NULL, hs_id TEXT,
    at TEXT NOT NULL, PRIMARY KEY (store, ref));
CREATE TABLE IF NOT EXISTS cursors (store TEXT NOT NULL, resource TEXT NOT NULL, value TEXT NOT NULL,
    PRIMARY KEY (store, resource));
CREATE TABLE IF NOT EXISTS timers (store TEXT NOT NULL, token TEXT NOT NULL, deal_key TEXT NOT NULL,
    created_at TEXT NOT NULL, state TEXT NOT NULL, promoted INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (store, token));
CREATE INDEX IF NOT EXISTS timers_open ON timers (state, created_at);
CREATE TABLE IF NOT EXISTS seen_events (source TEXT NOT NULL, event_id TEXT NOT NULL, at TEXT NOT NULL,
    PRIMARY KEY (source, event_id));
CREATE TABLE IF NOT EXISTS pending (store TEXT NOT NULL, resource TEXT NOT NULL, ident TEXT NOT NULL,
    record TEXT NOT NULL, reason TEXT NOT NULL, since TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (store, resource, ident));
CREATE TABLE IF NOT EXISTS applied (store TEXT NOT NULL, kind TEXT NOT NULL, ext_id TEXT NOT NULL,
    updated_at TEXT NOT NULL, fingerprint TEXT NOT NULL DEFAULT '', PRIMARY KEY (store, kind, ext_id));
CREATE TABLE IF NOT EXISTS delivered (store TEXT NOT NULL, kind TEXT NOT NULL, ext_id TEXT NOT NULL,
    triggered_at TEXT NOT NULL, updated_at TEXT NOT NULL, fingerprint TEXT NOT NULL,
    PRIMARY KEY (store, kind, ext_id));
"""


def _timer(row: tuple) -> Timer:
    store, token, deal_key, created_at, state, promoted = row
    return Timer(store, token, deal_key, created_at, state, bool(promoted))


def describe(exc: sqlite3.Error) -> str:
    """A short reason for a SQLite failure, in words an operator acts on."""
    text = str(exc)
    hints = {"file is not a database": "not a state file, or corrupt",
             "database disk image is malformed": "corrupt or truncated",
             "readonly": "read-only", "database is locked": "locked by another running connector",
             "unable to open": "cannot be opened (missing directory or no permission)"}
    for needle, hint in hints.items():
        if needle in text:
            return f"{hint}: {text}"
    return text


@dataclass(frozen=True)
class Timer:
    """A checkout's pending-deal timer (D4, D6)."""

    store: str
    token: str
    deal_key: str
    created_at: str
    state: str  # pending | abandoned | cleared | completed
    promoted: bool


class State:
    """The connector's memory. ``path`` may be ``:memory:``. Thread-safe (one connection, one lock)."""

    def __init__(self, path: str, timeout: float = 5.0) -> None:
        """Open (or create) the state file; StateFileError with one line if it cannot be used.
        ``timeout``: how long to wait for another process's lock before giving up."""
        self.path = path
        try:
            if path != ":memory:":
                if os.path.isdir(path):
                    raise StateFileError(f"state file {path} is a directory")
                os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
            self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None, timeout=timeout)
        except (OSError, ValueError, sqlite3.Error) as exc:
            raise StateFileError(f"state file {path!r} cannot be opened: {exc}") from None
        self._lock = threading.RLock()
        try:
            if path != ":memory:":
                self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(SCHEMA)
            self._db.execute("BEGIN IMMEDIATE")  # proves the file is writable and not locked by another run
            self._db.execute("ROLLBACK")
        except sqlite3.Error as exc:
            self._db.close()
            raise StateFileError(f"state file {path} is unusable ({describe(exc)})") from None

    def close(self) -> None:
        with self._lock:
            self._db.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Group writes; commits on success, rolls back on error (nested calls join the outer one)."""
        with self._lock:
            if self._db.in_transaction:
                yield
                return
            self._db.execute("BEGIN")
            try:
                yield
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def _one(self, sql: str, args: tuple = ()) -> Any:
        with self._lock:
            row = self._db.execute(sql, args).fetchone()
        return row[0] if row else None

    def _all(self, sql: str, args: tuple = ()) -> list[tuple]:
        with self._lock:
            return self._db.execute(sql, args).fetchall()

    def _run(self, sql: str, args: tuple = ()) -> None:
        with self._lock:
            self._db.execute(sql, args)

    # --- meta
    def get_meta(self, key: str, default: Any = None) -> Any:
        value = self._one("SELECT value FROM meta WHERE key=?", (key,))
        return default if value is None else json.loads(value)

    def set_meta(self, key: str, value: Any) -> None:
        self._run("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, json.dumps(value)))

    # --- id map
    def hs_id(self, store: str, kind: str, ext_key: str) -> str | None:
        return self._one("SELECT hs_id FROM idmap WHERE store=? AND kind=? AND ext_key=?", (store, kind, ext_key))

    def hs_ids(self, store: str, kind: str, ext_keys: list[str]) -> dict[str, str]:
        out: dict[str, str] = {}
        for start in range(0, len(ext_keys), 500):
            part = ext_keys[start:start + 500]
            marks = ",".join("?" * len(part))
            out.update(self._all(f"SELECT ext_key, hs_id FROM idmap WHERE store=? AND kind=? AND ext_key IN "
                                 f"({marks})", (store, kind, *part)))
        return out

    def map_id(self, store: str, kind: str, ext_key: str, hs_id: str) -> None:
        self._run("INSERT OR REPLACE INTO idmap VALUES (?, ?, ?, ?)", (store, kind, ext_key, str(hs_id)))

    def unmap(self, store: str, kind: str, ext_key: str) -> None:
        self._run("DELETE FROM idmap WHERE store=? AND kind=? AND ext_key=?", (store, kind, ext_key))

    def keys_for_hs_id(self, kind: str, hs_id: str) -> list[tuple[str, str]]:
        return self._all("SELECT store, ext_key FROM idmap WHERE kind=? AND hs_id=?", (kind, str(hs_id)))

    def children(self, store: str, kind: str, prefix: str) -> dict[str, str]:
        """id-map entries whose key starts with ``prefix`` (the line items of one parent)."""
        if not prefix:
            return dict(self._all("SELECT ext_key, hs_id FROM idmap WHERE store=? AND kind=?", (store, kind)))
        # a range on the primary key (store, kind, ext_key): an index seek, not a scan. Every string
        # starting with ``prefix`` sorts in [prefix, prefix with its last character + 1) (BINARY collation).
        upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
        rows = self._all("SELECT ext_key, hs_id FROM idmap WHERE store=? AND kind=? AND ext_key >= ? AND ext_key < ?",
                         (store, kind, prefix, upper))
        return dict(rows)

    def count(self, store: str, kind: str) -> int:
        return int(self._one("SELECT count(*) FROM idmap WHERE store=? AND kind=?", (store, kind)) or 0)

    # --- tombstones (C5)
    def tombstone(self, store: str, ref: str, hs_id: str | None, at: str) -> None:
        self._run("INSERT OR REPLACE INTO tombstones VALUES (?, ?, ?, ?)", (store, ref, hs_id, at))

    def is_tombstoned(self, store: str, ref: str) -> bool:
        return self._one("SELECT 1 FROM tombstones WHERE store=? AND ref=?", (store, ref)) is not None

    def tombstones(self, store: str) -> list[str]:
        return [r[0] for r in self._all("SELECT ref FROM tombstones WHERE store=?", (store,))]

    # --- cursors
    def cursor(self, store: str, resource: str) -> str | None:
        return self._one("SELECT value FROM cursors WHERE store=? AND resource=?", (store, resource))

    def set_cursor(self, store: str, resource: str, value: str) -> None:
        self._run("INSERT OR REPLACE INTO cursors VALUES (?, ?, ?)", (store, resource, value))

    # --- timers (D4-D6)
    def upsert_timer(self, store: str, token: str, deal_key: str, created_at: str, promoted: bool) -> None:
        """Start a pending timer, or refresh ``promoted`` of an existing one (state is kept)."""
        self._run("INSERT INTO timers VALUES (?, ?, ?, ?, 'pending', ?) ON CONFLICT(store, token) DO UPDATE "
                  "SET promoted=max(promoted, excluded.promoted)", (store, token, deal_key, created_at, int(promoted)))

    def set_timer_state(self, store: str, token: str, state: str) -> None:
        self._run("UPDATE timers SET state=? WHERE store=? AND token=?", (state, store, token))

    def timer(self, store: str, token: str) -> Timer | None:
        rows = self._all("SELECT * FROM timers WHERE store=? AND token=?", (store, token))
        return _timer(rows[0]) if rows else None

    def open_timers(self) -> list[Timer]:
        rows = self._all("SELECT * FROM timers WHERE state IN ('pending', 'abandoned') ORDER BY created_at")
        return [_timer(r) for r in rows]

    # --- webhook dedupe
    def seen(self, source: str, event_id: str) -> bool:
        return self._one("SELECT 1 FROM seen_events WHERE source=? AND event_id=?", (source, event_id)) is not None

    def mark_seen(self, source: str, event_id: str, at: str) -> None:
        self._run("INSERT OR IGNORE INTO seen_events VALUES (?, ?, ?)", (source, event_id, at))

    # --- out-of-order protection
    def applied_at(self, store: str, kind: str, ext_id: str) -> str | None:
        return self._one("SELECT updated_at FROM applied WHERE store=? AND kind=? AND ext_id=?", (store, kind, ext_id))

    def applied(self, store: str, kind: str, ext_id: str) -> tuple[str, str] | None:
        """(updated_at, content fingerprint) of the version last applied, if any."""
        rows = self._all("SELECT updated_at, fingerprint FROM applied WHERE store=? AND kind=? AND ext_id=?",
                         (store, kind, ext_id))
        return (rows[0][0], rows[0][1]) if rows else None

    def set_applied(self, store: str, kind: str, ext_id: str, updated_at: str, fingerprint: str = "") -> None:
        self._run("INSERT OR REPLACE INTO applied VALUES (?, ?, ?, ?, ?)",
                  (store, kind, ext_id, updated_at, fingerprint))

    # --- records HubSpot's portal rules refused (2026-09 VALIDATION_ERROR), retried on later passes
    def keep_pending(self, store: str, resource: str, ident: str, record: dict, reason: str, at: str) -> None:
        """Keep (or refresh: newest payload, reason, one more attempt) a refused Shopify record."""
        self._run("INSERT INTO pending VALUES (?, ?, ?, ?, ?, ?, 1) ON CONFLICT(store, resource, ident) DO UPDATE "
                  "SET record=excluded.record, reason=excluded.reason, attempts=attempts+1",
                  (store, resource, ident, json.dumps(record, sort_keys=True), reason, at))

    def clear_pending(self, store: str, resource: str, idents: list[str]) -> None:
        for start in range(0, len(idents), 500):
            part = idents[start:start + 500]
            self._run(f"DELETE FROM pending WHERE store=? AND resource=? AND ident IN ({','.join('?' * len(part))})",
                      (store, resource, *part))

    def pending(self, store: str, resource: str) -> list[tuple[str, dict, str, int]]:
        """(ident, record, reason, attempts) of every pending record of one resource, oldest first."""
        rows = self._all("SELECT ident, record, reason, attempts FROM pending WHERE store=? AND resource=? "
                         "ORDER BY since, ident", (store, resource))
        return [(ident, json.loads(record), reason, attempts) for ident, record, reason, attempts in rows]

    def pending_count(self, store: str) -> int:
        return int(self._one("SELECT count(*) FROM pending WHERE store=?", (store,)) or 0)

    def forget_applied(self, store: str, kind: str) -> None:
        self._run("DELETE FROM applied WHERE store=? AND kind=?", (store, kind))

    def delivered(self, store: str, kind: str, ext_id: str) -> tuple[str, str, str] | None:
        """(X-Shopify-Triggered-At, updated_at, fingerprint) of the last version a webhook brought and
        got applied (it is the version applied only while those two match the ``applied`` row)."""
        rows = self._all("SELECT triggered_at, updated_at, fingerprint FROM delivered WHERE store=? AND kind=? "
                         "AND ext_id=?", (store, kind, ext_id))
        return (rows[0][0], rows[0][1], rows[0][2]) if rows else None

    def set_delivered(self, store: str, kind: str, ext_id: str, triggered_at: str, updated_at: str,
                      fingerprint: str) -> None:
        self._run("INSERT OR REPLACE INTO delivered VALUES (?, ?, ?, ?, ?, ?)",
                  (store, kind, ext_id, triggered_at, updated_at, fingerprint))
