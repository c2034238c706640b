"""Batch writes, GDPR delete and search over the portal's records (part of :class:`HubSpotStore`).

Every method takes the store lock, validates every input first and only then mutates, so a refused
batch leaves no trace. Rule checks (2026-09 write validation) run only when ``enforce`` is true.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mocks.hubspot import errors, search
from mocks.hubspot.errors import ApiError
from mocks.hubspot.objecttypes import ObjectType

if TYPE_CHECKING:
    from mocks.hubspot.store import HubSpotStore, Record


def id_text(value: object, where: str) -> str:
    """An input id as text: HubSpot reads ids as strings and coerces JSON numbers; anything else is a 400."""
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    raise errors.invalid_type(where, "a string")


def optional_name(value: object, where: str) -> str | None:
    """An optional property name (``idProperty``): a string or absent; anything else is a 400."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise errors.invalid_type(where, "a string")
    return value


def error_entry(error: ApiError, context: dict[str, list[str]]) -> dict:
    """One item of a batch answer's ``errors`` (HubSpot's StandardError)."""
    entry = {"status": "error", "category": error.category, "message": error.message,
             "context": {**context, **error.extra.get("context", {})}, "errors": error.extra.get("errors", []),
             "links": {}}
    if error.extra.get("subCategory"):
        entry["subCategory"] = error.extra["subCategory"]
    return entry


def not_found_entry(t: ObjectType, ids: list[str]) -> dict:
    return {"status": "error", "category": "OBJECT_NOT_FOUND",
            "message": f"Could not get some {t.label} objects, they may be deleted or not exist. Check that ids "
                       "are valid.", "context": {"ids": ids}, "errors": [], "links": {}}


def _trace_ids(inputs: list) -> list | None:
    """Partial success (207) applies only when every input has its own objectWriteTraceId."""
    ids = [i.get("objectWriteTraceId") if isinstance(i, dict) else None for i in inputs]
    if all(ids) and len(set(map(str, ids))) == len(ids):
        return ids
    return None


def _properties_of(item: object, where: str, required: bool = True) -> dict:
    """An input's ``properties``: a JSON object (``null``, a list or a string is HubSpot's 400)."""
    if not isinstance(item, dict):
        raise errors.invalid_type(where, "an object")
    if "properties" not in item:
        if required:
            raise errors.missing_field(f"{where}.properties")
        return {}
    value = item["properties"]
    if not isinstance(value, dict):
        raise errors.invalid_type(f"{where}.properties", "an object of property names to values")
    return value


class BatchOps:
    """Batch create/read/update/upsert/archive, GDPR delete and search (mixed into ``HubSpotStore``)."""

    def batch_create(self: HubSpotStore, t: ObjectType, inputs: list, enforce: bool = False
                     ) -> tuple[list[tuple[Record, str | None]], list[dict]]:
        """Create every valid input; ``(records with their trace id, per-input errors)``.

        Without an ``objectWriteTraceId`` on every input the first problem refuses the whole batch, as
        HubSpot does; 2026-09 rule failures always become per-input errors.
        """
        traces = _trace_ids(inputs)
        with self.lock:
            ok, errs, seen = [], [], {}
            for index, item in enumerate(inputs):
                context = ({"objectWriteTraceId": [str(traces[index])]} if traces
                           else {"inputIndex": [str(index)]})
                try:
                    raw = _properties_of(item, f"inputs[{index}]")
                    values = self.prepare(t, raw, None)
                    self.check_unique(t, values, None)
                    for name in self.unique[t.name]:
                        key = self.unique_key(name, values[name]) if values.get(name) else None
                        if key is not None and (name, key) in seen:
                            raise errors.validation(f"Duplicate values for unique property {name} in batch "
                                                    f"input: {values[name]}", context={name: [values[name]]})
                        if key is not None:
                            seen[(name, key)] = index
                    links = self.validate_associations(t, item.get("associations"))
                except ApiError as error:
                    if traces is None:
                        raise
                    errs.append(error_entry(error, context))
                    continue
                if enforce:
                    problem = self.rules.problem(t, values, None, {to for to, _, _ in links})
                    if problem is not None:
                        errs.append(error_entry(problem, context))
                        continue
                ok.append((item, values))
            results, at = [], self.now()
            for item, values in ok:
                record = self.create(t, item["properties"], item.get("associations"), prepared=values, at=at,
                                     checked=True)
                trace = item.get("objectWriteTraceId")
                results.append((record, str(trace) if trace else None))
            return results, errs

    def batch_read(self: HubSpotStore, t: ObjectType, inputs: list, id_property: object,
                   archived: bool = False) -> tuple[list[Record], list[str]]:
        """The records named by ``inputs`` (each ``{"id"}``), and the ids not found."""
        id_property = optional_name(id_property, "idProperty")
        with self.lock:
            keys = []
            for index, item in enumerate(inputs):
                if not isinstance(item, dict) or "id" not in item:
                    raise errors.missing_field("inputs[].id")
                keys.append(id_text(item["id"], f"inputs[{index}].id"))
            found, missing, seen = [], [], set()
            for key in keys:
                if key in seen:
                    continue
                seen.add(key)
                record = self.lookup(t, key, id_property, archived)
                if record is None:
                    missing.append(key)
                else:
                    found.append(record)
            return found, missing

    def batch_update(self: HubSpotStore, t: ObjectType, inputs: list, enforce: bool = False
                     ) -> tuple[list[Record], list[str], list[dict]]:
        """Update every input found; ``(records, ids not found, per-input rule errors)``."""
        with self.lock:
            targets, missing, seen, errs = [], [], set(), []
            for index, item in enumerate(inputs):
                if not isinstance(item, dict) or "id" not in item or "properties" not in item:
                    raise errors.missing_field("inputs[].id and inputs[].properties")
                key = id_text(item["id"], f"inputs[{index}].id")
                raw = _properties_of(item, f"inputs[{index}]")
                record = self.lookup(t, key, optional_name(item.get("idProperty"), f"inputs[{index}].idProperty"))
                if record is None:
                    missing.append(key)
                    continue
                if record.id in seen:
                    raise errors.validation(f"Duplicate IDs found in batch input: [{record.id}]. IDs must be "
                                            "unique", context={"ids": [str(record.id)]})
                seen.add(record.id)
                values = self.prepare(t, raw, record)
                self.check_unique(t, values, record.id)
                if enforce:
                    problem = self.rules.problem(t, values, record, None)
                    if problem is not None:
                        errs.append(error_entry(problem, {"id": [key]}))
                        continue
                targets.append((record, raw, values))
            at = self.now()
            if t.pipeline_prop:  # prepare depends on the record's pipeline: let update redo it
                for record, raw, values in targets:
                    self.update(t, str(record.id), raw, record=record, prepared=values, at=at, checked=True)
            else:
                self.apply_updates(t, [(record, values) for record, _, values in targets], at)
            return [record for record, _, _ in targets], missing, errs

    def batch_upsert(self: HubSpotStore, t: ObjectType, inputs: list, enforce: bool = False
                     ) -> tuple[list[tuple[Record, bool]], list[dict]]:
        """Create or update by a unique ``idProperty``; ``([(record, created)], per-input rule errors)``.

        One pass validates every input (shape, id, ``idProperty``, duplicates, property values, unique
        values, rules) before anything is written; the common case (a string id, a string ``idProperty``
        naming a unique property, a ``properties`` object) takes the direct path, anything else goes
        through the general checks that state HubSpot's error.
        """
        with self.lock:
            plan, seen, errs, claimed = [], set(), [], {}
            unique = self.unique[t.name]
            pool = self.records[t.name]
            unique_key = self.unique_key
            prepare, check_unique, plain_property = self.prepare, self.check_unique, self.plain_property
            plain: dict[str, bool] = {}  # prepare's memo for this batch (definitions hold still under the lock)
            rules = self.rules if enforce and self.rules.by_type.get(t.name) is not None else None
            for index, item in enumerate(inputs):
                if type(item) is not dict or "id" not in item or not item.get("idProperty"):
                    if not isinstance(item, dict) or "id" not in item or not item.get("idProperty"):
                        raise errors.missing_field("inputs[].id and inputs[].idProperty")
                key, id_property = item["id"], item["idProperty"]
                if type(key) is not str:
                    key = id_text(key, f"inputs[{index}].id")
                if type(id_property) is not str:
                    id_property = optional_name(id_property, f"inputs[{index}].idProperty") or ""
                if id_property == "hs_object_id":
                    raise errors.validation("Upsert needs a unique property other than hs_object_id as "
                                            "idProperty")
                properties = item.get("properties")
                if type(properties) is not dict:
                    properties = _properties_of(item, f"inputs[{index}]", required=False)
                lowered = key.lower()
                index_of = unique.get(id_property)
                if index_of is not None:  # (``unique_key`` written out; strip() of a stripped text is itself)
                    if id_property == "email":
                        stripped = key.strip()
                        found = index_of.get(lowered if stripped is key else stripped.lower())
                    else:
                        found = index_of.get(key)
                    record = pool.get(found) if found is not None else None
                else:  # an id lookup, or the error for a property that is not unique
                    record = self.lookup(t, key, id_property)
                mark = (id_property, lowered)
                if mark in seen:
                    raise errors.validation(f"Duplicate IDs found in batch input: [{key}]. IDs must be unique")
                seen.add(mark)
                if record is None and id_property not in properties:
                    properties = {**properties, id_property: key}
                values = {}  # ``prepare``'s shortcut for text values of plain properties, written out
                for name, value in properties.items():
                    ok = plain.get(name)
                    if ok is None:
                        ok = plain[name] = plain_property(t, name)
                    if not ok or type(value) is not str:
                        values = prepare(t, properties, record)
                        break
                    values[name] = value
                for name in unique:  # any unique value given? else neither check below has anything to do
                    if values.get(name):
                        break
                else:
                    name = None
                if name is not None:
                    check_unique(t, values, None if record is None else record.id)
                    for name in unique:  # two inputs may not claim one unique value
                        if values.get(name):
                            claim = (name, unique_key(name, values[name]))
                            if claimed.setdefault(claim, index) != index:
                                raise errors.validation(f"Duplicate values for unique property {name} in "
                                                        f"batch input: {values[name]}",
                                                        context={name: [values[name]]})
                if rules is not None:  # (``problem`` is None for a type without rules)
                    problem = rules.problem(t, values, record, set() if record is None else None)
                    if problem is not None:
                        errs.append(error_entry(problem, {"id": [key]}))
                        continue
                plan.append((record, properties, values))
            return self._write_upserts(t, plan, self.now()), errs

    def _write_upserts(self: HubSpotStore, t: ObjectType, plan: list[tuple[Record | None, dict, dict]],
                       at: str) -> list[tuple[Record, bool]]:
        """Write a validated upsert plan in input order; each run of updates between creates goes to
        :meth:`apply_updates` in one call. ``[(record, created)]``."""
        results: list[tuple[Record, bool]] = []
        emitting, source = self.emitting(t.name), self.history_source()  # one thread, one lock hold
        run: list[tuple[Record, dict]] = []
        for record, properties, values in plan:
            if record is None:
                if run:
                    self.apply_updates(t, run, at, emitting, source)
                    run = []
                results.append((self.create(t, properties, prepared=values, at=at, checked=True), True))
                continue
            if t.pipeline_prop:  # prepare depends on the record's pipeline: let update redo it
                self.update(t, str(record.id), properties, record=record, prepared=values, at=at, checked=True)
            else:
                run.append((record, values))
            results.append((record, False))
        if run:
            self.apply_updates(t, run, at, emitting, source)
        return results

    def batch_archive(self: HubSpotStore, t: ObjectType, inputs: list) -> None:
        """Archive every input id (unknown ids are ignored, as HubSpot answers 204 regardless)."""
        with self.lock:
            keys = []
            for index, item in enumerate(inputs):
                if not isinstance(item, dict) or "id" not in item:
                    raise errors.missing_field("inputs[].id")
                keys.append(id_text(item["id"], f"inputs[{index}].id"))
            for key in keys:
                self.archive(t, key)

    def gdpr_delete(self: HubSpotStore, t: ObjectType, object_id: object, id_property: object) -> None:
        """Delete a contact permanently: not restorable, not listed as archived."""
        if t.name != "contacts":
            raise ApiError(404, "OBJECT_NOT_FOUND", "GDPR delete exists only for contacts")
        key = id_text(object_id, "objectId")
        with self.lock:
            record = self.require(t, key, optional_name(id_property, "idProperty"))
            self.archive(t, str(record.id))
            self.archived[t.name].pop(record.id, None)
            self.archived_order[t.name].remove(record.id)

    # -- search -------------------------------------------------------------------------------------------
    def _candidates(self: HubSpotStore, t: ObjectType, req: search.SearchRequest) -> list:
        """Use an index when the whole search is one EQ on the id or a unique property (email)."""
        if len(req.groups) == 1 and len(req.groups[0]) >= 1:
            for f in req.groups[0]:
                if f.op == "EQ" and f.value and (f.prop == "hs_object_id" or f.prop in self.unique[t.name]):
                    record = self.lookup(t, f.value, None if f.prop == "hs_object_id" else f.prop)
                    return [record] if record is not None else []
        return self.all_records(t)

    def search(self: HubSpotStore, t: ObjectType, req: search.SearchRequest) -> tuple[int, list[Record]]:
        """``(total matches, the requested page)`` of a parsed search request."""
        with self.lock:
            kinds = {name: d.get("type") for name, d in self.properties[t.name].items()}

            def lookup(record_id: int, segment: str) -> set[int] | None:
                return self.association_ids(t, record_id, segment)

            found = [r for r in self._candidates(t, req)
                     if search.matches(r.id, r.properties, kinds, req, t.query_props, lookup)]
            if req.sort_prop:
                kind = kinds.get(req.sort_prop)
                filled = [r for r in found if r.properties.get(req.sort_prop)]
                empty = [r for r in found if not r.properties.get(req.sort_prop)]
                filled.sort(key=lambda r: (search.sort_key(kind, r.properties.get(req.sort_prop)), r.id),
                            reverse=req.descending)
                found = filled + empty
            return len(found), found[req.offset:req.offset + req.limit]
