"""What the sync last knew both sides agreed on, per record and HubSpot property (O9): a hash of the
HubSpot-side value, in the connector's SQLite state. A value equal to it is not a change (no echo);
a value that differs from it changed on that side since the last sync.

Records are keyed by their HubSpot id (the one id both directions know)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping

from connector.reverse.mapping import as_hubspot
from connector.state import State

TABLE = """CREATE TABLE IF NOT EXISTS synced_fields (kind TEXT NOT NULL, hs_id TEXT NOT NULL,
    property TEXT NOT NULL, hash TEXT NOT NULL, PRIMARY KEY (kind, hs_id, property))"""


def digest(value: object) -> str:
    """A short, stable hash of a value as HubSpot stores it (trimmed text)."""
    return hashlib.sha1(as_hubspot(value).strip().encode()).hexdigest()[:16]


class FieldMemory:
    """``synced_fields`` in the state file (its own table; State's helpers run the SQL)."""

    def __init__(self, state: State) -> None:
        self.state = state
        state._run(TABLE)  # idempotent; older state files gain the table on first use

    def hashes(self, kind: str, hs_id: str) -> dict[str, str]:
        rows = self.state._all("SELECT property, hash FROM synced_fields WHERE kind=? AND hs_id=?",
                               (kind, str(hs_id)))
        return dict(rows)

    def remember(self, kind: str, hs_id: str, values: Mapping[str, object]) -> None:
        """Record ``values`` (HubSpot property -> value) as agreed by both sides."""
        with self.state.transaction():
            for prop, value in values.items():
                self.state._run("INSERT OR REPLACE INTO synced_fields VALUES (?, ?, ?, ?)",
                                (kind, str(hs_id), prop, digest(value)))

    def changed(self, kind: str, hs_id: str, values: Mapping[str, object]) -> dict[str, object]:
        """The entries of ``values`` that differ from what the sync last agreed on."""
        known = self.hashes(kind, hs_id)
        return {p: v for p, v in values.items() if known.get(p) != digest(v)}

    def forget(self, kind: str, hs_ids: Iterable[str]) -> None:
        with self.state.transaction():
            for hs_id in hs_ids:
                self.state._run("DELETE FROM synced_fields WHERE kind=? AND hs_id=?", (kind, str(hs_id)))
