"""The HubSpot portal's state: records, properties, pipelines and associations (no Flask).

One ``RLock`` guards everything: every public method takes it, and the route modules call one method
each (batch, search, property/pipeline and association operations live in the ``store_*`` mixins).
Lookups by id and by unique value (contact email) are dict reads; each type keeps its ids sorted so
list pages are keyset slices (``bisect``).
"""

from __future__ import annotations

import bisect
import itertools
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime

from mocks.core.clock import Clock, format_iso
from mocks.hubspot import errors
from mocks.hubspot.association_book import AssociationBook
from mocks.hubspot.objecttypes import OBJECT_TYPES, ObjectType
from mocks.hubspot.pipeline_book import PipelineBook
from mocks.hubspot.property_defaults import default_groups, default_properties, make_property
from mocks.hubspot.store_batch import BatchOps
from mocks.hubspot.store_links import LimitOps, LinkOps
from mocks.hubspot.store_schema import SchemaOps
from mocks.hubspot.values import ValueProblem, normalize, to_number
from mocks.hubspot.write_rules import WriteRules

FIRST_ID = 1001
# HubSpot computes the original source, yet its own Shopify integration sets it; whether a portal lets an
# API client write it is unverified, so the mock takes either stance (HubSpotConfig.source_writable).
SOURCE_PROPERTIES = frozenset({"hs_analytics_source", "hs_analytics_source_data_1", "hs_analytics_source_data_2"})
STAGE_PROPERTY_PREFIXES = ("hs_date_entered_", "hs_v2_date_entered_", "hs_date_exited_")

EventSink = Callable[[dict], None]
HISTORY_CHUNK = 256  # history entries a record keeps in a list per property before settling them (Record)


@dataclass
class Record:
    """One CRM record. A property's history is oldest-first ``(value, timestamp, sourceType, sourceId)``
    entries (answers list it newest-first): the latest are in ``history[name]`` (appending is O(1)); every
    ``HISTORY_CHUNK`` of them move, as one tuple, to the front of ``settled[name]``, a chain of
    ``(earlier link, entries)`` links. Tuples of text are left out of the garbage collector's walks, so a
    long history costs those walks no more than a short one. :meth:`entries` reads the whole history."""

    id: int
    type: str
    properties: dict[str, str]
    created_at: str
    updated_at: str
    history: dict[str, list[tuple[str, str, str, str | None]]] = field(default_factory=dict)
    archived: bool = False
    archived_at: str | None = None
    settled: dict[str, tuple] = field(default_factory=dict)

    def entries(self, name: str) -> list[tuple[str, str, str, str | None]]:
        """The whole history of ``name``, oldest first."""
        chunks = []
        link = self.settled.get(name)
        while link is not None:
            chunks.append(link[1])
            link = link[0]
        out = [entry for chunk in reversed(chunks) for entry in chunk]
        out += self.history.get(name, ())
        return out

    def settle(self, name: str) -> None:
        """Move the latest entries of ``name`` to the settled chain (see the class's note)."""
        entries = self.history[name]
        self.settled[name] = (self.settled.get(name), tuple(entries))
        entries.clear()

    def to_dict(self) -> dict:
        data = {"id": str(self.id), "properties": dict(self.properties), "createdAt": self.created_at,
                "updatedAt": self.updated_at, "archived": self.archived}
        if self.archived_at:
            data["archivedAt"] = self.archived_at
        return data


class HubSpotStore(BatchOps, SchemaOps, LinkOps, LimitOps):
    """All state of one mock portal."""

    def __init__(self, clock: Clock, portal_id: int = 62515, source_writable: bool = True) -> None:
        self.clock, self.portal_id = clock, portal_id
        self.source_writable = source_writable
        self.lock = threading.RLock()
        self.event_sink: EventSink | None = None
        # Optional cheap test "could any event of this object type be kept?" set by the webhook hub:
        # when it says no, ``_emit`` skips building the event (and reading the clock for it).
        self.event_gate: Callable[[str], bool] | None = None
        self._now_cache: tuple[datetime, str] | None = None  # (instant to the millisecond, its string)
        self.rules = WriteRules()  # enforced only on writes through 2026-09+ paths (``enforce=True``)
        # Who is writing on this thread (see ``writing_as``): events carry it as changeSource/sourceId.
        self._writer = threading.local()
        self.reset()

    def reset(self) -> None:
        with self.lock:
            self._ids = itertools.count(FIRST_ID)
            self.records: dict[str, dict[int, Record]] = {t: {} for t in OBJECT_TYPES}
            self.order: dict[str, list[int]] = {t: [] for t in OBJECT_TYPES}
            self.archived: dict[str, dict[int, Record]] = {t: {} for t in OBJECT_TYPES}
            self.archived_order: dict[str, list[int]] = {t: [] for t in OBJECT_TYPES}
            self.properties: dict[str, dict[str, dict]] = {t: default_properties(t) for t in OBJECT_TYPES}
            for name in SOURCE_PROPERTIES:  # the definition says which stance this portal takes
                self.properties["contacts"][name]["modificationMetadata"]["readOnlyValue"] = not self.source_writable
            self.archived_properties: dict[str, dict[str, dict]] = {t: {} for t in OBJECT_TYPES}
            self.groups: dict[str, dict[str, dict]] = {t: {g["name"]: g for g in default_groups(t)}
                                                       for t in OBJECT_TYPES}
            self.pipelines = PipelineBook()
            self.associations = AssociationBook()
            self.rules.reset()
            self.association_limits: dict[int, int] = {}  # association type id -> maxToObjectIds
            self.unique: dict[str, dict[str, dict[str, int]]] = {t: {} for t in OBJECT_TYPES}
            self.unique["contacts"]["email"] = {}
            for object_type in ("deals", "orders"):
                for pipeline in self.pipelines.all(object_type):
                    self.add_stage_properties(object_type, pipeline["stages"])

    def now(self) -> str:
        """The clock's time as HubSpot writes it; the string of the last millisecond is reused."""
        moment = self.clock.now()
        key = moment.replace(microsecond=moment.microsecond - moment.microsecond % 1000)
        cached = self._now_cache
        if cached is not None and cached[0] == key:
            return cached[1]
        text = format_iso(moment)
        self._now_cache = (key, text)
        return text

    @contextmanager
    def writing_as(self, source: str, source_id: str | None = None) -> Iterator[None]:
        """Writes made on this thread inside the block are attributed to ``source`` (HubSpot's change
        source: ``INTEGRATION`` for an app's token, ``CRM_UI`` for a user in HubSpot, ...) and ``source_id``
        (the app id, ``userId:<id>``); webhook and journal events carry them as changeSource/sourceId."""
        previous = self.attribute(source, source_id)
        try:
            yield
        finally:
            self.restore_writer(previous)

    def attribute(self, source: str, source_id: str | None = None) -> object:
        """:meth:`writing_as` without a block: attribute this thread's writes from now on; returns what
        :meth:`restore_writer` takes back (a request's hooks set and restore it around the request)."""
        previous = getattr(self._writer, "value", None)
        self._writer.value = (source, source_id)
        return previous

    def restore_writer(self, previous: object) -> None:
        """Undo :meth:`attribute` (``previous`` is what it returned)."""
        self._writer.value = previous

    def writer(self) -> tuple[str, str | None]:
        """The current thread's ``(changeSource, sourceId)``: ``("API", None)`` outside ``writing_as``."""
        return getattr(self._writer, "value", None) or ("API", None)

    def _emit(self, kind: str, object_type: str, object_id: int, name: str | None = None,
              value: str | None = None) -> None:
        if self.event_gate is not None and not self.event_gate(object_type):
            return
        if self.event_sink is not None:
            source, source_id = self.writer()
            self.event_sink({"kind": kind, "objectType": object_type, "objectId": object_id,
                             "propertyName": name, "propertyValue": value,
                             "occurredAt": int(self.clock.timestamp() * 1000),
                             "changeSource": source, "sourceId": source_id})

    # -- properties ---------------------------------------------------------------------------------------
    def add_stage_properties(self, object_type: str, stages: Iterable[dict]) -> None:
        """Deal stages get calculated "date entered/exited" properties, like HubSpot creates them."""
        if object_type != "deals":
            return
        for stage in stages:
            for prefix in STAGE_PROPERTY_PREFIXES:
                name = f"{prefix}{stage['id']}"
                verb = "exited" if "exited" in prefix else "entered"
                self.properties["deals"].setdefault(name, make_property(
                    "deals", name, "datetime", read_only=True, calculated=True,
                    label=f"Date {verb} \"{stage['label']}\""))

    def unique_properties(self, object_type: str) -> dict[str, dict[str, int]]:
        return self.unique[object_type]

    def index_unique_property(self, object_type: str, name: str) -> None:
        """Start enforcing uniqueness of ``name`` (a property created with ``hasUniqueValue``)."""
        index = self.unique[object_type].setdefault(name, {})
        for record in self.records[object_type].values():
            value = record.properties.get(name)
            if value:
                index.setdefault(self.unique_key(name, value), record.id)

    @staticmethod
    def unique_key(name: str, value: str) -> str:
        """The form a unique value is indexed under (emails compare case-insensitively)."""
        return value.strip().lower() if name == "email" else value

    def pipeline_options(self, t: ObjectType, name: str, pipeline_id: str | None) -> list[str] | None:
        if name == t.pipeline_prop:
            return list(self.pipelines.by_type.get(t.name, {}))
        if name == t.stage_prop:
            return self.pipelines.stage_ids(t.name, pipeline_id)
        return None

    def plain_property(self, t: ObjectType, name: object) -> bool:
        """Whether ``prepare`` stores a text value of property ``name`` as it is: a writable property of
        no checked kind (not an email, number, bool, date, enumeration, pipeline or product id)."""
        if type(name) is not str or name == "hs_product_id" or (t.pipeline_prop and name in (t.pipeline_prop,
                                                                                             t.stage_prop)):
            return False
        definition = self.properties[t.name].get(name)
        return (definition is not None and not definition["modificationMetadata"]["readOnlyValue"]
                and definition.get("name") != "email"
                and definition.get("type") not in ("number", "bool", "date", "datetime", "enumeration"))

    def prepare(self, t: ObjectType, raw: object, existing: Record | None,
                plain: dict[str, bool] | None = None) -> dict[str, str]:
        """Validate and normalize a client's property values; raise HubSpot's 400 listing every problem.

        ``plain``: a batch's memo of :meth:`plain_property` (valid while the caller holds the lock): when
        every value is text for such a property, the values are what ``normalize`` would return (the
        text itself) and the per-property checks are skipped."""
        if plain is not None and type(raw) is dict:
            fast: dict[str, str] = {}
            for name, value in raw.items():
                ok = plain.get(name)
                if ok is None:
                    ok = plain[name] = self.plain_property(t, name)
                if not ok or type(value) is not str:
                    break
                fast[name] = value
            else:
                return fast
        if raw is None:
            raw = {}
        if not isinstance(raw, dict):
            raise errors.validation("properties must be an object of property names to values",
                                    errors=[{"message": "properties must be an object", "code": "INVALID_TYPE",
                                             "in": "properties"}])
        definitions = self.properties[t.name]
        problems: list[dict] = []
        out: dict[str, str] = {}
        pipeline_id = None
        if t.pipeline_prop:
            given = raw.get(t.pipeline_prop)
            pipeline_id = (str(given) if given not in (None, "") else
                           (existing.properties.get(t.pipeline_prop) if existing else None))
            if pipeline_id is None and t.name == "deals" and "default" in self.pipelines.by_type["deals"]:
                pipeline_id = "default"
        for name, value in raw.items():
            if type(name) is not str:
                name = str(name)
            definition = definitions.get(name)
            if definition is None:
                problems.append({"name": name, "error": "PROPERTY_DOESNT_EXIST",
                                 "message": f'Property "{name}" does not exist'})
                continue
            if definition["modificationMetadata"]["readOnlyValue"]:
                problems.append({"name": name, "error": "READ_ONLY_VALUE",
                                 "message": f'"{name}" is a read only property; its value cannot be set.'})
                continue
            options = (self.pipeline_options(t, name, pipeline_id)
                       if t.pipeline_prop and name in (t.pipeline_prop, t.stage_prop) else None)
            try:
                out[name] = normalize(definition, value, options)
                if name == "hs_product_id" and out[name] and not (out[name].isascii() and out[name].isdigit()
                                                                   and len(out[name]) < 19):
                    raise ValueProblem("INVALID_LONG", f"{out[name]} was not a valid long.")
            except ValueProblem as problem:
                problems.append({"name": name, "error": problem.code, "message": problem.message,
                                 "value": None if isinstance(value, dict | list) else str(value)})
        if problems:
            raise errors.property_errors(problems, self.portal_id)
        product_id = out.get("hs_product_id") if t.name == "line_items" else None
        if product_id and int(product_id) not in self.records["products"]:  # checked before any write
            raise errors.validation(f"Product with ID {product_id} does not exist",
                                    context={"hs_product_id": [product_id]})
        return out

    def check_unique(self, t: ObjectType, values: dict[str, str], own_id: int | None,
                     pending: dict[tuple[str, str], int] | None = None) -> None:
        for name, index in self.unique[t.name].items():
            value = values.get(name)
            if not value:
                continue
            key = self.unique_key(name, value)
            holder = index.get(key)
            if holder is None and pending is not None:
                holder = pending.get((name, key))
            if holder is not None and holder != own_id:
                if t.name == "contacts" and name == "email":
                    raise errors.contact_exists(holder)
                raise errors.property_errors([{
                    "name": name, "error": "INVALID_UNIQUE_VALUE", "value": value,
                    "message": f"{value} already has that value: {t.singular} {holder} uses it for the unique "
                               f"property {name}."}], self.portal_id)

    # -- records ------------------------------------------------------------------------------------------
    def lookup(self, t: ObjectType, key: str, id_property: str | None = None,
               archived: bool = False) -> Record | None:
        """The record with id ``key`` (or whose unique ``id_property`` equals ``key``)."""
        pool = self.archived[t.name] if archived else self.records[t.name]
        if id_property is not None and not isinstance(id_property, str):
            raise errors.invalid_type("idProperty", "a string")
        if id_property in (None, "", "hs_object_id"):
            key = str(key)
            # HubSpot ids are plain digits: " 12", "+12" or "١٢" name no record
            return pool.get(int(key)) if key.isascii() and key.isdigit() and len(key) < 19 else None
        if archived:
            return next((r for r in pool.values() if r.properties.get(id_property) == key), None)
        index = self.unique[t.name].get(id_property)
        if index is None:
            raise errors.validation(f"{id_property} is not a unique property of {t.label.lower()} records",
                                    context={"idProperty": [id_property]})
        found = index.get(self.unique_key(id_property, str(key)))
        return pool.get(found) if found is not None else None

    def require(self, t: ObjectType, key: str, id_property: str | None = None,
                archived: bool = False) -> Record:
        record = self.lookup(t, key, id_property, archived)
        if record is None:
            raise errors.not_found(key)
        return record

    def history_source(self) -> tuple[str, str | None]:
        """``(sourceType, sourceId)`` a write's values get in their history: ``CRM_UI`` and ``userId:<id>`` for
        a user's edit in HubSpot, ``API`` and the writing app's id for an app's write (see ``writing_as``)."""
        source, source_id = self.writer()
        return ("CRM_UI" if source == "CRM_UI" else "API"), source_id

    def _set(self, record: Record, name: str, value: str, at: str, source: str = "API",
             source_id: str | None = None) -> bool:
        """Store one value with its history (``source``/``source_id``: its sourceType/sourceId); "" clears.
        Returns whether it changed."""
        properties, history = record.properties, record.history
        old = properties.get(name, "")
        if old == value and name in history:
            return False
        if value == "":
            properties.pop(name, None)
        else:
            properties[name] = value
        entries = history.get(name)
        if entries is None:
            history[name] = [(value, at, source, source_id)]
        else:
            entries.append((value, at, source, source_id))
            if len(entries) >= HISTORY_CHUNK:
                record.settle(name)
        index = self.unique[record.type].get(name)
        if index is not None:
            if old and index.get(self.unique_key(name, old)) == record.id:
                del index[self.unique_key(name, old)]
            if value:
                index[self.unique_key(name, value)] = record.id
        return old != value

    def _derive(self, t: ObjectType, record: Record, changes: dict[str, str], at: str) -> None:
        """Values HubSpot computes: line-item amount and product defaults, deal stage bookkeeping."""
        if t.name == "line_items":
            product_id = changes.get("hs_product_id")
            product = self.records["products"].get(int(product_id)) if product_id else None
            if product_id and product is None:
                raise errors.validation(f"Product with ID {product_id} does not exist",
                                        context={"hs_product_id": [product_id]})
            if product is not None:
                for name in ("name", "price", "description", "hs_sku"):
                    if name not in changes and name in product.properties and name not in record.properties:
                        changes[name] = product.properties[name]
            if "amount" not in changes and ("price" in changes or "quantity" in changes):
                price = to_number(changes.get("price", record.properties.get("price", "")) or "")
                quantity = to_number(changes.get("quantity", record.properties.get("quantity", "1")) or "1")
                if price is not None and quantity is not None:
                    amount = price * quantity
                    changes["amount"] = str(int(amount)) if amount.is_integer() else f"{amount:.2f}"
        if t.name == "deals" and record.properties.get("pipeline") is None and "pipeline" not in changes:
            if "default" in self.pipelines.by_type["deals"]:
                changes["pipeline"] = "default"

    def _stage_bookkeeping(self, t: ObjectType, record: Record, old_stage: str | None, at: str) -> None:
        if t.name != "deals":
            return
        new_stage = record.properties.get("dealstage")
        if new_stage == old_stage:
            return
        if old_stage:
            self._set(record, f"hs_date_exited_{old_stage}", at, at, "CALCULATED")
        if not new_stage:
            for name in ("hs_is_closed", "hs_is_closed_won", "hs_deal_stage_probability"):
                self._set(record, name, "", at, "CALCULATED")
            return
        self._set(record, f"hs_date_entered_{new_stage}", at, at, "CALCULATED")
        self._set(record, f"hs_v2_date_entered_{new_stage}", at, at, "CALCULATED")
        stage = self.pipelines.find_stage("deals", record.properties.get("pipeline"), new_stage) or {}
        meta = stage.get("metadata", {})
        probability = meta.get("probability", "")
        closed = meta.get("isClosed", "false")
        won = "true" if closed == "true" and to_number(probability or "0") == 1.0 else "false"
        self._set(record, "hs_is_closed", closed, at, "CALCULATED")
        self._set(record, "hs_is_closed_won", won, at, "CALCULATED")
        self._set(record, "hs_deal_stage_probability", probability, at, "CALCULATED")
        if won == "true":
            self._set(record, "hs_closed_won_date", at, at, "CALCULATED")

    def validate_associations(self, t: ObjectType, raw: object) -> list[tuple[str, int, list]]:
        """Check ``associations`` of a create input: ``[(to_type, to_id, [definitions])]``."""
        if raw in (None, []):
            return []
        if not isinstance(raw, list):
            raise errors.validation("associations must be a list")
        out = []
        for item in raw:
            to = item.get("to") if isinstance(item, dict) else None
            types = item.get("types") if isinstance(item, dict) else None
            if not isinstance(to, dict) or "id" not in to or not isinstance(types, list) or not types:
                raise errors.validation("Each association needs to.id and at least one type",
                                        errors=[{"message": "to.id and types are required",
                                                 "code": "REQUIRED_FIELD", "in": "associations"}])
            definitions = []
            for spec in types:
                if not isinstance(spec, dict):
                    raise errors.validation("association types must be objects")
                definition = self.associations.definition_by_id(spec.get("associationTypeId"))
                if definition is None or definition.from_type != t.name:
                    raise errors.validation(
                        f"{spec.get('associationTypeId')} is not a valid association type id for "
                        f"{t.singular} associations", subCategory="crm.associations.INVALID_ASSOCIATION_TYPE")
                definitions.append(definition)
            to_type = definitions[0].to_type
            if any(d.to_type != to_type for d in definitions):
                raise errors.validation("All types of one association must point to the same object type")
            try:
                to_id = int(str(to["id"]))
            except ValueError:
                to_id = -1
            if to_id not in self.records[to_type]:
                raise errors.validation(
                    f"Association target {OBJECT_TYPES[to_type].singular} {to['id']} does not exist",
                    subCategory="crm.associations.INVALID_OBJECT_IDS", context={"id": [str(to["id"])]})
            out.append((to_type, to_id, definitions))
        return out

    def create(self, t: ObjectType, raw_properties: object, raw_associations: object = None,
               pending: dict[tuple[str, str], int] | None = None, dry_run: bool = False,
               prepared: dict[str, str] | None = None, enforce: bool = False, at: str | None = None,
               checked: bool = False) -> Record | None:
        """Create a record (validate everything first, so a failure leaves no trace).

        ``prepared``: what ``prepare(t, raw_properties, None)`` returned for these same properties under
        the same lock (it depends only on them and the property definitions), so it is not redone;
        ``checked``: the caller ran ``check_unique`` on them under this lock hold. ``at``: the write's
        timestamp (a batch writes every record at one instant).
        """
        with self.lock:
            values = self.prepare(t, raw_properties, None) if prepared is None else prepared
            if not checked:
                self.check_unique(t, values, None, pending)
            links = self.validate_associations(t, raw_associations) if raw_associations else []
            if enforce:
                problem = self.rules.problem(t, values, None, {to for to, _, _ in links})
                if problem is not None:
                    raise problem
            if dry_run:
                return None
            at = at or self.now()
            record = Record(next(self._ids), t.name, {}, at, at)
            changes = dict(values)
            self._derive(t, record, changes, at)
            self._set(record, "hs_object_id", str(record.id), at, "CALCULATED")
            for name in t.created_props + t.modified_props:
                if name not in changes:
                    self._set(record, name, at, at, "CALCULATED")
            source, source_id = self.history_source()
            for name, value in changes.items():
                self._set(record, name, value, at, source, source_id)
            self._stage_bookkeeping(t, record, None, at)
            self.records[t.name][record.id] = record
            self.order[t.name].append(record.id)  # ids only grow: the list stays sorted
            for to_type, to_id, definitions in links:
                self.associations.add(t.name, record.id, to_type, to_id, definitions)
            self._emit("creation", t.name, record.id)
            for name, value in changes.items():
                if value:
                    self._emit("propertyChange", t.name, record.id, name, value)
            return record

    def update(self, t: ObjectType, key: str, raw_properties: object, id_property: str | None = None,
               record: Record | None = None, prepared: dict[str, str] | None = None,
               enforce: bool = False, at: str | None = None, checked: bool = False) -> Record:
        """``prepared``, ``checked``, ``at``: see :meth:`create`; ``prepared`` is only used for types without a
        pipeline (where ``prepare`` also depends on the record's current pipeline)."""
        with self.lock:
            record = record or self.require(t, key, id_property)
            if prepared is None or t.pipeline_prop:
                values = self.prepare(t, raw_properties, record)
                checked = False
            else:
                values = prepared
            if not checked:
                self.check_unique(t, values, record.id)
            if enforce:
                problem = self.rules.problem(t, values, record, None)
                if problem is not None:
                    raise problem
            return self.apply_update(t, record, values, at or self.now())

    def emitting(self, object_type: str) -> bool:
        """Whether a change of an ``object_type`` record would reach any listener (checked once per batch:
        subscriptions change only under the store lock the batch holds)."""
        return self.event_sink is not None and (self.event_gate is None or self.event_gate(object_type))

    def apply_update(self, t: ObjectType, record: Record, values: dict[str, str], at: str) -> Record:
        """Write already validated values (``prepare`` and ``check_unique`` ran under this lock hold)."""
        self.apply_updates(t, [(record, values)], at)
        return record

    def apply_updates(self, t: ObjectType, writes: Iterable[tuple[Record, dict[str, str]]], at: str,
                      emitting: bool | None = None, source: tuple[str, str | None] | None = None) -> None:
        """:meth:`apply_update` for each ``(record, values)`` in turn, at one instant ``at`` (a batch, under
        one lock hold on one thread): ``emitting`` (:meth:`emitting`) and ``source`` (:meth:`history_source`)
        are worked out once, and every record's calculated modification date shares one history entry."""
        derives, deals = t.name in ("line_items", "deals"), t.name == "deals"
        source, source_id = source or self.history_source()
        if emitting is None:
            emitting = self.emitting(t.name)
        set_, unique, modified = self._set, self.unique[t.name], t.modified_props
        stamp = (at, at, "CALCULATED", None)
        for record, values in writes:
            if derives:
                changes = dict(values)
                self._derive(t, record, changes, at)
            else:
                changes = values  # read only below: no copy needed
            properties, history = record.properties, record.history
            old_stage = properties.get("dealstage")
            changed = []
            for name, value in changes.items():
                if name in unique:  # keeps its index: the general path
                    if set_(record, name, value, at, source, source_id):
                        changed.append(name)
                    continue
                old = properties.get(name, "")  # the rest is ``_set(record, name, value, at)`` written out
                if old == value and name in history:
                    continue
                if value == "":
                    properties.pop(name, None)
                else:
                    properties[name] = value
                entries = history.get(name)
                if entries is None:
                    history[name] = [(value, at, source, source_id)]
                else:
                    entries.append((value, at, source, source_id))
                    if len(entries) >= HISTORY_CHUNK:
                        record.settle(name)
                if old != value:
                    changed.append(name)
            if not changed:
                continue
            if deals:
                self._stage_bookkeeping(t, record, old_stage, at)
            record.updated_at = at
            for name in modified:
                if name in unique:
                    set_(record, name, at, at, "CALCULATED")
                    continue
                if properties.get(name, "") == at and name in history:  # ``_set`` written out, as above
                    continue
                properties[name] = at
                entries = history.get(name)
                if entries is None:
                    history[name] = [stamp]
                else:
                    entries.append(stamp)
                    if len(entries) >= HISTORY_CHUNK:
                        record.settle(name)
            if emitting:
                for name in changed:
                    self._emit("propertyChange", t.name, record.id, name, properties.get(name, ""))

    def archive(self, t: ObjectType, key: str, id_property: str | None = None) -> bool:
        with self.lock:
            record = self.lookup(t, key, id_property)
            if record is None:
                return False
            del self.records[t.name][record.id]
            order = self.order[t.name]
            del order[bisect.bisect_left(order, record.id)]
            for name, index in self.unique[t.name].items():
                value = record.properties.get(name)
                if value and index.get(self.unique_key(name, value)) == record.id:
                    del index[self.unique_key(name, value)]
            record.archived, record.archived_at = True, self.now()
            record.updated_at = record.archived_at
            self.archived[t.name][record.id] = record
            bisect.insort(self.archived_order[t.name], record.id)
            self.associations.remove_record(t.name, record.id)
            self._emit("deletion", t.name, record.id)
            return True

    def page(self, t: ObjectType, after: int | None, limit: int, archived: bool = False
             ) -> tuple[list[Record], int | None]:
        """Keyset page: records with id >= ``after``; returns them and the next page's first id."""
        with self.lock:
            order = self.archived_order[t.name] if archived else self.order[t.name]
            pool = self.archived[t.name] if archived else self.records[t.name]
            start = bisect.bisect_left(order, after) if after is not None else 0
            ids = order[start:start + limit + 1]
            more = ids[limit] if len(ids) > limit else None
            return [pool[i] for i in ids[:limit]], more

    def all_records(self, t: ObjectType) -> list[Record]:
        with self.lock:
            return [self.records[t.name][i] for i in self.order[t.name]]

    def stage_in_use(self, object_type: str, stage_ids: set[str]) -> list[int]:
        t = OBJECT_TYPES.get(object_type)
        if t is None or not t.stage_prop:
            return []
        return [r.id for r in self.records[t.name].values() if r.properties.get(t.stage_prop) in stage_ids]

    # -- admin --------------------------------------------------------------------------------------------
    def write_rules(self) -> dict:
        """The portal's write-validation rules (enforced on 2026-09+ writes)."""
        with self.lock:
            return self.rules.dump()

    def set_write_rules(self, body: object) -> dict:
        """Replace the write-validation rules (validated whole first); returns them."""
        with self.lock:
            return self.rules.configure(body)

    def dump(self) -> dict:
        with self.lock:
            objects = {}
            for name in OBJECT_TYPES:
                objects[name] = {"records": [r.to_dict() for r in self.all_records(OBJECT_TYPES[name])],
                                 "archived": [self.archived[name][i].to_dict() for i in self.archived_order[name]]}
            return {"portalId": self.portal_id, "objects": objects,
                    "associations": self.associations.dump(),
                    "pipelines": {k: len(v) for k, v in self.pipelines.by_type.items()},
                    "properties": {k: len(v) for k, v in self.properties.items()}}

