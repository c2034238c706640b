"""S7: what a sync did, per store."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

COUNTED = ("contacts", "companies", "products", "deals", "orders", "carts", "line_items")


@dataclass
class StoreSummary:
    """Counts for one store: records written this run, errors, duplicates (O5), and id-map totals."""

    store_id: str
    synced: Counter = field(default_factory=Counter)
    deleted: Counter = field(default_factory=Counter)
    skipped: Counter = field(default_factory=Counter)
    errors: int = 0
    duplicates: int = 0
    totals: dict[str, int] = field(default_factory=dict)
    error_messages: list[str] = field(default_factory=list)
    to_shopify: Counter = field(default_factory=Counter)  # data-sync: records written to Shopify (O7)
    # records HubSpot's portal rules refused (2026-09 VALIDATION_ERROR): {"object", "key", "reason"};
    # each stays pending in the state file and is retried on later passes (engine/pending.py)
    refused: list[dict] = field(default_factory=list)
    pending: int = 0  # Shopify records waiting for a retry after this run

    def refuse(self, object_type: str, key: str, reason: str) -> None:
        """One record refused by the portal's write-validation rules, with HubSpot's reason (a record met
        twice in one run — a customer and the buyer of an order — is listed once, with the last reason)."""
        for entry in self.refused:
            if entry["object"] == object_type and entry["key"] == key:
                entry["reason"] = reason
                return
        self.refused.append({"object": object_type, "key": key, "reason": reason})

    def error(self, message: str, count: int = 1) -> None:
        self.errors += count
        if len(self.error_messages) < 20:
            self.error_messages.append(message)

    def to_dict(self) -> dict[str, Any]:
        return {"store_id": self.store_id, "synced": {k: self.synced.get(k, 0) for k in COUNTED},
                "deleted": dict(self.deleted), "skipped": dict(self.skipped), "errors": self.errors,
                "duplicates": self.duplicates, "totals": dict(self.totals),
                "error_messages": list(self.error_messages), "refused": list(self.refused),
                "pending": self.pending,
                **({"to_shopify": dict(self.to_shopify)} if self.to_shopify else {})}


@dataclass
class SyncSummary:
    """The result of ``Connector.sync()``: one StoreSummary per store, plus what was run."""

    mode: str
    stores: dict[str, StoreSummary] = field(default_factory=dict)
    actions: list[str] = field(default_factory=list)
    calls: dict[str, int] = field(default_factory=dict)

    def store(self, store_id: str) -> StoreSummary:
        return self.stores.setdefault(store_id, StoreSummary(store_id))

    @property
    def errors(self) -> int:
        """Records not applied: sync errors plus records the portal's rules refused (exit status 1)."""
        return sum(s.errors + len(s.refused) for s in self.stores.values())

    @property
    def duplicates(self) -> int:
        return sum(s.duplicates for s in self.stores.values())

    def to_dict(self) -> dict[str, Any]:
        return {"mode": self.mode, "actions": list(self.actions), "calls": dict(self.calls),
                "errors": self.errors, "duplicates": self.duplicates,
                "stores": {k: v.to_dict() for k, v in self.stores.items()}}

    def text(self) -> str:
        """The human summary the CLI prints (one block per store)."""
        lines = [f"mode {self.mode}: {', '.join(self.actions) or 'nothing to do'}"]
        for store in self.stores.values():
            synced = ", ".join(f"{k} {store.synced.get(k, 0)}" for k in COUNTED if store.synced.get(k) or
                               store.totals.get(k))
            totals = ", ".join(f"{k} {v}" for k, v in store.totals.items())
            lines.append(f"store {store.store_id}: synced {synced or 'nothing'}; errors {store.errors}; "
                         f"duplicates {store.duplicates}; totals {totals or 'none'}")
            if store.to_shopify:  # data-sync's HubSpot -> Shopify half (O7)
                lines.append("  to Shopify: " + ", ".join(f"{k} {v}" for k, v in sorted(store.to_shopify.items())))
            lines.extend(f"  error: {m}" for m in store.error_messages)
            lines.extend(f"  refused: {r['object']} {r['key']}: {r['reason']}" for r in store.refused[:20])
            if len(store.refused) > 20:
                lines.append(f"  refused: ... and {len(store.refused) - 20} more (see --json)")
            if store.pending:
                lines.append(f"  pending: {store.pending} Shopify records kept for a retry on the next pass")
        if self.calls:
            lines.append("api calls: " + ", ".join(f"{k} {v}" for k, v in self.calls.items()))
        return "\n".join(lines)
