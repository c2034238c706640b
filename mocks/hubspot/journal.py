"""The Webhooks Journal (pull model): subscriptions, filters, snapshots and the journal of entries.

State only, no Flask. Store changes (record create/update/delete, association added/removed) are
matched against the app's journal subscriptions; each change that at least one subscription wants
becomes one journal entry with a UUID offset. Entries are kept 3 days on the mock's clock. The global
journal holds every entry of the app; the local journal of a portal only that portal's entries.

Offsets never skip or repeat: an entry gets its sequence number and joins every lane (global and its
portal's) under one lock, and readers read under that lock, so a reader that saw entry ``n`` can never
miss an entry ``< n`` that appears later.
"""

from __future__ import annotations

import itertools
import threading
import uuid
from dataclasses import dataclass, field

from mocks.core.clock import Clock, format_iso
from mocks.hubspot import errors
from mocks.hubspot.errors import ApiError
from mocks.hubspot.journal_filters import check_filter, filter_passes
from mocks.hubspot.journal_subscriptions import INT64_MAX, parse_subscription
from mocks.hubspot.objecttypes import OBJECT_TYPES, resolve
from mocks.hubspot.store import HubSpotStore

RETENTION_S = 3 * 24 * 3600
STORE_ACTIONS = {"creation": "CREATE", "propertyChange": "UPDATE", "deletion": "DELETE"}
PURGE_EVERY = 1024   # appends between retention sweeps when nobody reads


@dataclass
class Entry:
    """One journal entry: its position, portal, time (clock seconds) and the event it carries."""

    seq: int
    offset: str
    portal_id: int
    at: float
    event: dict
    local_pos: int = 0


@dataclass
class _Lane:
    """An ordered run of entry sequence numbers whose front can be dropped; positions are absolute."""

    seqs: list[int] = field(default_factory=list)
    base: int = 0   # absolute position of seqs[0]

    def append(self, seq: int) -> int:
        self.seqs.append(seq)
        return self.base + len(self.seqs) - 1

    def drop_until(self, first_live_seq: int) -> None:
        keep = 0
        while keep < len(self.seqs) and self.seqs[keep] < first_live_seq:
            keep += 1
        if keep:
            del self.seqs[:keep]
            self.base += keep


class WebhooksJournal:
    """One app's journal subscriptions, filters, snapshots and entries."""

    def __init__(self, store: HubSpotStore, clock: Clock, app_id: int, portal_id: int) -> None:
        self.store, self.clock, self.app_id, self.portal_id = store, clock, app_id, portal_id
        self._lock = threading.Lock()
        self._namespace = uuid.uuid4()   # offsets are unique to this journal
        self.reset()
        previous_sink, previous_gate = store.event_sink, store.event_gate

        def sink(change: dict) -> None:
            if previous_sink is not None and (previous_gate is None or previous_gate(change["objectType"])):
                previous_sink(change)
            self._on_record_change(change)

        def gate(object_type: str) -> bool:
            return previous_gate is None or previous_gate(object_type) or object_type in self._watched

        store.event_sink, store.event_gate = sink, gate
        self.attach_associations()

    def attach_associations(self) -> None:
        """Listen to the store's association book (call again after the store is reset: it gets a new one)."""
        self.store.associations.listener = self._on_association_change

    def reset(self) -> None:
        with self._lock:
            self.subscriptions: dict[int, dict] = {}
            self.filters: dict[int, dict] = {}          # filter id -> {"id", "subscriptionId", "filter", "createdAt"}
            self.snapshots: dict[str, dict] = {}
            self._sub_ids = itertools.count(1)
            self._filter_ids = itertools.count(1)
            self._seq = itertools.count(0)
            self._entries: dict[int, Entry] = {}
            self._by_offset: dict[str, int] = {}
            self._global = _Lane()
            self._local: dict[int, _Lane] = {}
            self._watched: frozenset[str] = frozenset()

    # -- subscriptions --------------------------------------------------------------------------------
    def upsert_subscription(self, body: dict, granted: frozenset[str]) -> dict:
        """Create the subscription, or update the one with the same type, object type and portal."""
        sub = parse_subscription(body, granted, self.app_id)
        kind = sub["subscriptionType"]
        now = format_iso(self.clock.now())
        key = (kind, sub["objectTypeId"], sub.get("portalId"))
        with self._lock:
            existing = next((s for s in self.subscriptions.values()
                             if (s["subscriptionType"], s["objectTypeId"], s.get("portalId")) == key), None)
            if existing is not None:
                sub["id"], sub["createdAt"] = existing["id"], existing["createdAt"]
            else:
                sub["id"], sub["createdAt"] = next(self._sub_ids), now
            sub["updatedAt"] = now
            self.subscriptions[sub["id"]] = sub
            self._rewatch()
            return dict(sub)

    def subscription_list(self) -> list[dict]:
        with self._lock:
            return [dict(s) for s in self.subscriptions.values()]

    def filters_of(self, sub_id: object) -> list[dict]:
        sub = self.subscription(sub_id)
        with self._lock:
            return [self.filter_view(f) for f in self.filters.values() if f["subscriptionId"] == sub["id"]]

    def subscription(self, sub_id: object) -> dict:
        sub = self.subscriptions.get(_path_int(sub_id, "subscriptionId"))
        if sub is None:
            raise ApiError(404, "OBJECT_NOT_FOUND", f"Subscription {sub_id} not found",
                           context={"subscriptionId": [str(sub_id)]})
        return sub

    def delete_subscription(self, sub_id: object) -> None:
        sub = self.subscription(sub_id)
        with self._lock:
            self.subscriptions.pop(sub["id"], None)
            for fid in [f["id"] for f in self.filters.values() if f["subscriptionId"] == sub["id"]]:
                del self.filters[fid]
            self._rewatch()

    def delete_portal_subscriptions(self, portal_id: object) -> None:
        portal = _path_int(portal_id, "portalId")
        with self._lock:
            for sid in [s["id"] for s in self.subscriptions.values() if s.get("portalId") == portal]:
                del self.subscriptions[sid]
            self._rewatch()

    def _rewatch(self) -> None:
        names = set()
        for sub in self.subscriptions.values():
            for type_id in [sub["objectTypeId"], *sub.get("associatedObjectTypeIds", [])]:
                t = resolve(type_id)
                if t is not None:
                    names.add(t.name)
        self._watched = frozenset(names)

    # -- filters --------------------------------------------------------------------------------------
    def create_filter(self, body: dict) -> dict:
        if body.get("subscriptionId") is None or not isinstance(body.get("filter"), dict):
            missing = [n for n in ("subscriptionId", "filter") if not body.get(n)]
            raise errors.validation(f"Some required fields were not set: [{', '.join(missing)}]")
        sub = self.subscription(body["subscriptionId"])
        definition = check_filter(body["filter"])
        with self._lock:
            fid = next(self._filter_ids)
            self.filters[fid] = {"id": fid, "subscriptionId": sub["id"], "filter": definition,
                                 "createdAt": int(self.clock.timestamp() * 1000)}
        return {"filterId": fid}

    def filter(self, filter_id: object) -> dict:
        found = self.filters.get(_path_int(filter_id, "filterId"))
        if found is None:
            raise ApiError(404, "OBJECT_NOT_FOUND", f"Filter {filter_id} not found",
                           context={"filterId": [str(filter_id)]})
        return found

    def delete_filter(self, filter_id: object) -> None:
        found = self.filter(filter_id)
        with self._lock:
            self.filters.pop(found["id"], None)

    @staticmethod
    def filter_view(found: dict) -> dict:
        return {"id": found["id"], "filter": found["filter"], "createdAt": found["createdAt"]}

    # -- events ---------------------------------------------------------------------------------------
    def _on_record_change(self, change: dict) -> None:
        action = STORE_ACTIONS.get(change["kind"])
        t = OBJECT_TYPES.get(change["objectType"])
        if action is None or t is None or t.name not in self._watched:
            return
        object_id = change["objectId"]
        name = change.get("propertyName")
        with self._lock:
            matched = [s["id"] for s in self.subscriptions.values()
                       if s["subscriptionType"] == "OBJECT" and s["objectTypeId"] == t.type_id
                       and self._wants(s, action, object_id, t.name)
                       and (action != "UPDATE" or not s["properties"] or name in s["properties"])]
            if not matched:
                return
            event = {"portalId": self.portal_id, "appId": self.app_id, "subscriptionIds": matched,
                     "action": action, "objectTypeId": t.type_id, "objectId": object_id,
                     "occurredAt": change["occurredAt"], "changeSource": change.get("changeSource") or "API"}
            if change.get("sourceId"):
                event["sourceId"] = change["sourceId"]
            if action == "UPDATE":
                event["propertyName"] = name
                event["propertyValue"] = change.get("propertyValue") or ""
            self._append(event)

    def _on_association_change(self, action: str, from_type: str, from_id: int, to_type: str,
                               to_id: int) -> None:
        """Called by the association book: ``action`` is ASSOCIATION_ADDED or ASSOCIATION_REMOVED."""
        if from_type not in self._watched and to_type not in self._watched:
            return
        occurred = int(self.clock.timestamp() * 1000)
        source, source_id = self.store.writer()
        with self._lock:
            for a_type, a_id, b_type, b_id in ((from_type, from_id, to_type, to_id),
                                               (to_type, to_id, from_type, from_id)):
                a, b = OBJECT_TYPES[a_type], OBJECT_TYPES[b_type]
                matched = [s["id"] for s in self.subscriptions.values()
                           if s["subscriptionType"] in ("OBJECT", "ASSOCIATION") and s["objectTypeId"] == a.type_id
                           and (s["subscriptionType"] == "OBJECT" or not s["associatedObjectTypeIds"]
                                or b.type_id in s["associatedObjectTypeIds"])
                           and self._wants(s, action, a_id, a.name)]
                if matched:
                    self._append({"portalId": self.portal_id, "appId": self.app_id, "subscriptionIds": matched,
                                  "action": action, "objectTypeId": a.type_id, "objectId": a_id,
                                  "associatedObjectTypeId": b.type_id, "associatedObjectId": b_id,
                                  "occurredAt": occurred, "changeSource": source,
                                  **({"sourceId": source_id} if source_id else {})})

    def _wants(self, sub: dict, action: str, object_id: int, type_name: str) -> bool:
        if action not in sub["actions"] or (sub["objectIds"] and object_id not in sub["objectIds"]):
            return False
        filters = [f["filter"] for f in self.filters.values() if f["subscriptionId"] == sub["id"]]
        if not filters:
            return True
        record = (self.store.records[type_name].get(object_id)
                  or self.store.archived[type_name].get(object_id))
        properties = record.properties if record is not None else {}
        return any(filter_passes(f, properties) for f in filters)

    def _append(self, event: dict) -> Entry:
        """Add one entry to the global lane and its portal's lane (caller holds the lock)."""
        seq = next(self._seq)
        offset = str(uuid.uuid5(self._namespace, str(seq)))
        event = {"offset": offset, **event}
        entry = Entry(seq, offset, event["portalId"], self.clock.timestamp(), event)
        self._entries[seq] = entry
        self._by_offset[offset] = seq
        self._global.append(seq)
        entry.local_pos = self._local.setdefault(entry.portal_id, _Lane()).append(seq)
        if seq % PURGE_EVERY == 0:
            self._purge()  # bounded memory even when nobody reads
        return entry

    # -- snapshots ------------------------------------------------------------------------------------
    def snapshot(self, requests: list) -> list[dict]:
        """Journal each object's current values (action SNAPSHOT) and keep a status per request."""
        out = []
        now_ms = int(self.clock.timestamp() * 1000)
        for item in requests:
            status_id = str(uuid.uuid4())
            t = resolve(str(item["objectTypeId"]))
            status = {"id": status_id, "initiatedAt": now_ms, "completedAt": now_ms, "status": "SUCCESS"}
            with self.store.lock:
                record = self.store.records[t.name].get(item["objectId"]) if t else None
                properties = {p: record.properties.get(p) for p in item["properties"]} if record else None
            if record is None or item["portalId"] != self.portal_id:
                status.update(status="FAILED", errorCode="VALIDATION_ERROR",
                              message=f"Object {item['objectTypeId']}/{item['objectId']} not found in portal "
                                      f"{item['portalId']}")
            else:
                with self._lock:
                    self._append({"portalId": self.portal_id, "appId": self.app_id, "subscriptionIds": [],
                                  "action": "SNAPSHOT", "objectTypeId": t.type_id, "objectId": record.id,
                                  "properties": properties, "snapshotStatusId": status_id,
                                  "occurredAt": now_ms, "changeSource": "API"})
            with self._lock:
                self.snapshots[status_id] = status
            out.append({"objectId": item["objectId"], "objectTypeId": t.type_id if t else item["objectTypeId"],
                        "portalId": item["portalId"], "snapshotStatusId": status_id})
        return out

    def snapshot_status(self, status_id: str) -> dict:
        try:
            uuid.UUID(status_id)
        except ValueError:
            raise errors.validation(f"statusId must be a UUID, got {status_id!r}",
                                    context={"statusId": [status_id]}) from None
        status = self.snapshots.get(status_id)
        if status is None:
            raise ApiError(404, "OBJECT_NOT_FOUND", f"Snapshot status {status_id} not found",
                           context={"statusId": [status_id]})
        return dict(status)

    # -- reading --------------------------------------------------------------------------------------
    def _purge(self) -> None:
        """Forget entries older than the retention (caller holds the lock)."""
        cutoff = self.clock.timestamp() - RETENTION_S
        seqs = self._global.seqs
        first_live = None
        for seq in seqs:
            if self._entries[seq].at >= cutoff:
                first_live = seq
                break
            entry = self._entries.pop(seq)
            self._by_offset.pop(entry.offset, None)
        if first_live is None:
            first_live = seqs[-1] + 1 if seqs else 0
        self._global.drop_until(first_live)
        for lane in self._local.values():
            lane.drop_until(first_live)

    def _lane(self, portal_id: int | None) -> _Lane:
        if portal_id is None:
            return self._global
        return self._local.get(portal_id) or _Lane()

    def _position(self, offset: str, portal_id: int | None) -> int:
        """The lane position of ``offset``'s entry; 404 when it expired, never existed or is another portal's."""
        seq = self._by_offset.get(offset)
        entry = self._entries.get(seq) if seq is not None else None
        if entry is None or (portal_id is not None and entry.portal_id != portal_id):
            raise ApiError(404, "OBJECT_NOT_FOUND", f"Offset {offset} was not found; it may have expired",
                           context={"offset": [offset]})
        return entry.seq if portal_id is None else entry.local_pos

    def earliest(self, count: int, portal_id: int | None) -> list[Entry]:
        with self._lock:
            self._purge()
            lane = self._lane(portal_id)
            return [self._entries[s] for s in lane.seqs[:count]]

    def latest(self, count: int, portal_id: int | None) -> list[Entry]:
        with self._lock:
            self._purge()
            lane = self._lane(portal_id)
            return [self._entries[s] for s in lane.seqs[max(0, len(lane.seqs) - count):]]

    def after(self, offset: str, count: int, portal_id: int | None) -> list[Entry]:
        """Up to ``count`` entries following ``offset`` (``[]`` when the reader is caught up)."""
        with self._lock:
            self._purge()
            start = self._position(offset, portal_id) + 1
            lane = self._lane(portal_id)
            index = start - lane.base
            return [self._entries[s] for s in lane.seqs[index:index + count]]

    def read(self, offsets: list[str], portal_id: int | None) -> tuple[list[Entry], list[ApiError]]:
        """The entries at these offsets, and a 404 for each offset that is not (or no longer) there."""
        found, missing = [], []
        with self._lock:
            self._purge()
            for offset in offsets:
                try:
                    self._position(offset, portal_id)
                    found.append(self._entries[self._by_offset[offset]])
                except ApiError as error:
                    missing.append(error)
        return found, missing

    def entry(self, offset: str) -> Entry | None:
        with self._lock:
            self._purge()
            seq = self._by_offset.get(offset)
            return self._entries.get(seq) if seq is not None else None

    def dump(self) -> dict:
        with self._lock:
            return {"subscriptions": [dict(s) for s in self.subscriptions.values()], "filters": len(self.filters),
                    "entries": len(self._entries), "snapshots": len(self.snapshots)}


def _path_int(value: object, name: str = "id") -> int:
    """An int64 path parameter; 400 for anything else (the route matched, the value is malformed)."""
    text = str(value)
    digits = text[1:] if text.startswith("-") else text
    if not digits.isdigit() or not -INT64_MAX - 1 <= int(text) <= INT64_MAX:
        raise errors.validation(f"{name} must be an integer, got {text!r}", context={name: [text]})
    return int(text)
