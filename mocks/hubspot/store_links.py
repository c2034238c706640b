"""Association writes and reads (part of :class:`HubSpotStore`): v4/dated records, batch, labels, v3 batch.

The answers are HubSpot's association shapes (they hold no record properties, so nothing to render).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mocks.hubspot import errors
from mocks.hubspot.association_book import AssociationBook
from mocks.hubspot.errors import ApiError
from mocks.hubspot.objecttypes import OBJECT_TYPES, AssociationDefinition, ObjectType, resolve

if TYPE_CHECKING:
    from mocks.hubspot.store import HubSpotStore


def _id_of(item: object, key: str) -> str:
    value = item.get(key) if isinstance(item, dict) else None
    if isinstance(value, dict):
        value = value.get("id")
    if value in (None, ""):
        raise errors.missing_field(f"inputs[].{key}.id")
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise errors.invalid_type(f"inputs[].{key}.id", "a string")
    return str(value)


def _read_id(item: object) -> str:
    """A batch-read input's id: ``{"id": "1"}`` or ``{"id": {"id": "1"}}``."""
    value = item.get("id") if isinstance(item, dict) else None
    if isinstance(value, dict):
        return _id_of(item, "id")
    if value in (None, ""):
        raise errors.missing_field("inputs[].id")
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise errors.invalid_type("inputs[].id", "a string")
    return str(value)


def _specs(book: AssociationBook, t: ObjectType, to: ObjectType, raw: object) -> list[AssociationDefinition]:
    if not isinstance(raw, list) or not raw:
        raise errors.validation("Send a list of association specs: [{associationCategory, associationTypeId}]")
    out = []
    for spec in raw:
        if not isinstance(spec, dict) or "associationTypeId" not in spec:
            raise errors.missing_field("associationTypeId")
        out.append(book.definition(t.name, to.name, spec["associationTypeId"], spec.get("associationCategory")))
    return out


def _no_associations(t: ObjectType, to: ObjectType, key: str, sub: bool = True) -> dict:
    entry = {"status": "error", "category": "OBJECT_NOT_FOUND",
             "message": f"No {to.singular} is associated with {t.singular} {key}.",
             "context": {"fromObjectId": [key]}, "errors": [], "links": {}}
    if sub:
        entry["subCategory"] = "crm.associations.NO_ASSOCIATIONS_FOUND"
    return entry


class LinkOps:
    """Associations between records and their definitions (mixed into ``HubSpotStore``)."""

    def record_id(self: HubSpotStore, t: ObjectType, raw: object) -> int:
        record = self.lookup(t, str(raw))
        if record is None:
            raise errors.not_found(str(raw))
        return record.id

    def association_ids(self: HubSpotStore, t: ObjectType, record_id: int, segment: str) -> set[int] | None:
        to = resolve(segment) or OBJECT_TYPES.get(segment)
        if to is None:
            return None
        return set(self.associations.targets(t.name, record_id, to.name))

    def labels_between(self: HubSpotStore, t: ObjectType, from_id: int, to: ObjectType, to_id: int) -> dict:
        book = self.associations
        type_ids = book.targets(t.name, from_id, to.name).get(to_id, set())
        labels = [book.definitions[i].label for i in sorted(type_ids) if i in book.definitions
                  and book.definitions[i].label]
        return {"fromObjectTypeId": t.type_id, "fromObjectId": from_id, "toObjectTypeId": to.type_id,
                "toObjectId": to_id, "labels": labels}

    def _associate_default(self: HubSpotStore, t: ObjectType, from_id: int, to: ObjectType, to_id: int) -> list:
        default = self.associations.default_definition(t.name, to.name)
        self.check_limits(t, from_id, to, to_id, [default])
        self.associations.add(t.name, from_id, to.name, to_id, [default])
        return [{"from": {"id": str(from_id)}, "to": {"id": str(to_id)},
                 "associationSpec": {"associationCategory": default.category, "associationTypeId": default.type_id}},
                {"from": {"id": str(to_id)}, "to": {"id": str(from_id)},
                 "associationSpec": {"associationCategory": default.category,
                                     "associationTypeId": default.inverse_id}}]

    # -- one pair -----------------------------------------------------------------------------------------
    def associate_default(self: HubSpotStore, t: ObjectType, from_id: str, to: ObjectType, to_id: str) -> list:
        with self.lock:
            a, b = self.record_id(t, from_id), self.record_id(to, to_id)
            return self._associate_default(t, a, to, b)

    def associate_labelled(self: HubSpotStore, t: ObjectType, from_id: str, to: ObjectType, to_id: str,
                           specs: object) -> dict:
        with self.lock:
            definitions = _specs(self.associations, t, to, specs)
            a, b = self.record_id(t, from_id), self.record_id(to, to_id)
            self.check_limits(t, a, to, b, definitions)
            self.associations.add(t.name, a, to.name, b, definitions)
            return self.labels_between(t, a, to, b)

    def dissociate(self: HubSpotStore, t: ObjectType, from_id: str, to: ObjectType, to_id: str) -> None:
        with self.lock:
            a, b = self.lookup(t, from_id), self.lookup(to, to_id)
            if a is not None and b is not None:
                self.associations.remove_pair(t.name, a.id, to.name, b.id)

    def associated(self: HubSpotStore, t: ObjectType, from_id: str, to: ObjectType, start: int, limit: int
                   ) -> tuple[list[dict], bool]:
        """One page of a record's associations to ``to`` and whether more follow."""
        with self.lock:
            record_id = self.record_id(t, from_id)
            targets = sorted(self.associations.targets(t.name, record_id, to.name).items())
            page = targets[start:start + limit]
            results = [{"toObjectId": to_id, "associationTypes": self.associations.type_entries(types)}
                       for to_id, types in page if types]
            return results, start + limit < len(targets)

    # -- v4 / dated batch ---------------------------------------------------------------------------------
    def association_batch(self: HubSpotStore, t: ObjectType, to: ObjectType, action: str, inputs: list
                          ) -> tuple[list[dict], list[dict]] | None:
        """A v4-style batch action; ``(results, errors)``, or ``None`` for the actions answered with 204."""
        book = self.associations
        with self.lock:
            if action == "read":
                results, errs = [], []
                for item in inputs:
                    key = _read_id(item)
                    record = self.lookup(t, key)
                    targets = book.targets(t.name, record.id, to.name) if record else {}
                    found = [{"toObjectId": to_id, "associationTypes": book.type_entries(types)}
                             for to_id, types in sorted(targets.items()) if types]
                    if found:
                        results.append({"from": {"id": key}, "to": found})
                    else:
                        errs.append(_no_associations(t, to, key))
                return results, errs
            if action not in ("create", "archive", "labels/archive", "associate/default"):
                raise ApiError(404, "OBJECT_NOT_FOUND", f"Unknown association batch action {action}")
            pairs = []
            for item in inputs:
                a = self.record_id(t, _id_of(item, "from"))
                if action == "archive":
                    targets = item.get("to")
                    if not isinstance(targets, list):
                        raise errors.missing_field("inputs[].to")
                    ids = [self.lookup(to, _id_of({"to": x}, "to")) for x in targets]
                    pairs.append((a, [r.id for r in ids if r is not None], None))
                    continue
                b = self.record_id(to, _id_of(item, "to"))
                specs = _specs(book, t, to, item.get("types")) if action in ("create", "labels/archive") else None
                pairs.append((a, b, specs))
            if action == "archive":
                for a, targets, _ in pairs:
                    for b in targets:
                        book.remove_pair(t.name, a, to.name, b)
                return None
            if action == "labels/archive":
                for a, b, specs in pairs:
                    book.remove_types(t.name, a, to.name, b, specs)
                return None
            if action in ("create", "associate/default"):
                for a, b, specs in pairs:
                    self.check_limits(t, a, to, b, specs or [book.default_definition(t.name, to.name)])
            if action == "associate/default":
                return [r for a, b, _ in pairs for r in self._associate_default(t, a, to, b)], []
            results = []
            for a, b, specs in pairs:
                book.add(t.name, a, to.name, b, specs)
                results.append(self.labels_between(t, a, to, b))
            return results, []

    # -- labels (association definitions) -----------------------------------------------------------------
    def list_labels(self: HubSpotStore, t: ObjectType, to: ObjectType) -> list[dict]:
        with self.lock:
            return [d.spec() for d in self.associations.pair_definitions(t.name, to.name)]

    def create_label(self: HubSpotStore, t: ObjectType, to: ObjectType, body: dict) -> list[dict]:
        label, name, inverse = body.get("label"), body.get("name"), body.get("inverseLabel")
        if not label or not name:
            raise errors.missing_field("label, name")
        if not isinstance(label, str) or not isinstance(name, str) or not isinstance(inverse, str | None):
            raise errors.invalid_type("label, name, inverseLabel", "a string")
        with self.lock:
            return [d.spec() for d in self.associations.create_label(t.name, to.name, label, name, inverse)]

    def update_label(self: HubSpotStore, t: ObjectType, to: ObjectType, body: dict) -> None:
        if "associationTypeId" not in body or not body.get("label"):
            raise errors.missing_field("associationTypeId, label")
        if not isinstance(body["label"], str) or not isinstance(body.get("inverseLabel"), str | None):
            raise errors.invalid_type("label, inverseLabel", "a string")
        with self.lock:
            self.associations.update_label(t.name, to.name, body["associationTypeId"], body["label"],
                                           body.get("inverseLabel"))

    def delete_label(self: HubSpotStore, t: ObjectType, to: ObjectType, type_id: str) -> None:
        with self.lock:
            self.associations.delete_label(t.name, to.name, type_id)

    # -- v3 batch -----------------------------------------------------------------------------------------
    def v3_association_batch(self: HubSpotStore, t: ObjectType, to: ObjectType, action: str, inputs: list
                             ) -> tuple[list[dict], list[dict]] | None:
        book = self.associations
        with self.lock:
            if action == "read":
                results, errs = [], []
                for item in inputs:
                    key = _read_id(item)
                    record = self.lookup(t, key)
                    targets = book.targets(t.name, record.id, to.name) if record else {}
                    out = [{"id": str(to_id), "type": book.definitions[i].name}
                           for to_id, types in sorted(targets.items()) for i in sorted(types)
                           if i in book.definitions]
                    if out:
                        results.append({"from": {"id": key}, "to": out})
                    else:
                        errs.append(_no_associations(t, to, key, sub=False))
                return results, errs
            if action not in ("create", "archive"):
                raise ApiError(404, "OBJECT_NOT_FOUND", f"Unknown association batch action {action}")
            planned = []
            for item in inputs:
                a = self.record_id(t, _id_of(item, "from"))
                b = self.record_id(to, _id_of(item, "to"))
                name = item.get("type") if isinstance(item, dict) else None
                matches = [d for d in book.pair_definitions(t.name, to.name) if d.name == name]
                if not matches:
                    raise errors.validation(f"{name} is not a valid association type between {t.singular} and "
                                            f"{to.singular}", context={"type": [str(name)]})
                planned.append((a, b, matches[0]))
            results = []
            for a, b, definition in planned:
                if action == "create":
                    book.add(t.name, a, to.name, b, [definition])
                    results.append({"from": {"id": str(a)}, "to": {"id": str(b)}, "type": definition.name})
                else:
                    book.remove_types(t.name, a, to.name, b, [definition])
            return None if action == "archive" else (results, [])


class LimitOps:
    """Per-type limits on how many records one record may be associated with (``definitions/configurations``).

    Set limits are enforced when associations are written through the v4 or dated association routes.
    """

    def _limit_entry(self: HubSpotStore, type_id: int) -> dict:
        definition = self.associations.definitions[type_id]
        entry = {"category": definition.category, "typeId": type_id,
                 "userEnforcedMaxToObjectIds": self.association_limits[type_id]}
        if definition.label:
            entry["label"] = definition.label
        return entry

    def association_limits_of(self: HubSpotStore, t: ObjectType | None = None, to: ObjectType | None = None
                              ) -> list[dict]:
        with self.lock:
            return [self._limit_entry(i) for i in sorted(self.association_limits)
                    if t is None or (self.associations.definitions[i].from_type,
                                     self.associations.definitions[i].to_type) == (t.name, to.name)]

    def set_association_limits(self: HubSpotStore, t: ObjectType, to: ObjectType, inputs: list, purge: bool = False
                               ) -> list[dict]:
        """Batch create/update (``{category, typeId, maxToObjectIds}``) or purge (``{category, typeId}``)."""
        with self.lock:
            planned = []
            for item in inputs:
                if not isinstance(item, dict) or "typeId" not in item:
                    raise errors.missing_field("inputs[].typeId")
                definition = self.associations.definition(t.name, to.name, item["typeId"], item.get("category"))
                limit = item.get("maxToObjectIds")
                if not purge and (not isinstance(limit, int) or isinstance(limit, bool) or limit < 1):
                    raise errors.invalid_type("inputs[].maxToObjectIds", "a positive integer")
                planned.append((definition.type_id, limit))
            for type_id, limit in planned:
                if purge:
                    self.association_limits.pop(type_id, None)
                else:
                    self.association_limits[type_id] = limit
            return [] if purge else [self._limit_entry(type_id) for type_id, _ in planned]

    def check_limits(self: HubSpotStore, t: ObjectType, from_id: int, to: ObjectType, to_id: int,
                     definitions: list[AssociationDefinition]) -> None:
        """400 when adding ``to_id`` would take ``from_id`` past a set limit of one of the types."""
        if not self.association_limits:
            return
        targets = self.associations.targets(t.name, from_id, to.name)
        for definition in definitions:
            limit = self.association_limits.get(definition.type_id)
            if limit is None:
                continue
            used = sum(1 for other, types in targets.items() if other != to_id and definition.type_id in types)
            if used + 1 > limit:
                raise errors.validation(
                    f"{t.singular} {from_id} already has {used} associations of type {definition.type_id}; the "
                    f"limit is {limit}", subCategory="crm.associations.ASSOCIATION_LIMIT_EXCEEDED",
                    context={"fromObjectId": [str(from_id)], "associationTypeId": [str(definition.type_id)]})
