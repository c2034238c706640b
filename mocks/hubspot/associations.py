"""Association routes: v4 records and batch, v4 labels (definitions) and v3 batch."""

from __future__ import annotations

from flask import Flask, request

from mocks.hubspot import errors
from mocks.hubspot.association_book import AssociationBook
from mocks.hubspot.errors import ApiError
from mocks.hubspot.objecttypes import AssociationDefinition, ObjectType
from mocks.hubspot.store import HubSpotStore
from mocks.hubspot.web import (
    inputs_of,
    int_param,
    json_body,
    json_object,
    no_content,
    object_type,
    respond,
    store,
)

V4_BATCH_LIMIT = 1000


def _record_id(s: HubSpotStore, t: ObjectType, raw: object) -> int:
    record = s.lookup(t, str(raw))
    if record is None:
        raise errors.not_found(str(raw))
    return record.id


def _id_of(item: object, key: str) -> str:
    value = item.get(key) if isinstance(item, dict) else None
    if isinstance(value, dict):
        value = value.get("id")
    if value in (None, ""):
        raise errors.missing_field(f"inputs[].{key}.id")
    return str(value)


def _read_id(item: object) -> str:
    """A batch-read input's id: ``{"id": "1"}`` or ``{"id": {"id": "1"}}``."""
    value = item.get("id") if isinstance(item, dict) else None
    if isinstance(value, dict):
        return _id_of(item, "id")
    if value in (None, ""):
        raise errors.missing_field("inputs[].id")
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


def _labels_between(book: AssociationBook, t: ObjectType, from_id: int, to: ObjectType, to_id: int) -> dict:
    type_ids = book.targets(t.name, from_id, to.name).get(to_id, set())
    labels = [book.definitions[i].label for i in sorted(type_ids) if i in book.definitions
              and book.definitions[i].label]
    return {"fromObjectTypeId": t.type_id, "fromObjectId": from_id, "toObjectTypeId": to.type_id,
            "toObjectId": to_id, "labels": labels}


def _default_results(book: AssociationBook, t: ObjectType, from_id: int, to: ObjectType, to_id: int) -> list:
    default = book.default_definition(t.name, to.name)
    book.add(t.name, from_id, to.name, to_id, [default])
    return [{"from": {"id": str(from_id)}, "to": {"id": str(to_id)},
             "associationSpec": {"associationCategory": default.category, "associationTypeId": default.type_id}},
            {"from": {"id": str(to_id)}, "to": {"id": str(from_id)},
             "associationSpec": {"associationCategory": default.category,
                                 "associationTypeId": default.inverse_id}}]


def _batch(s: HubSpotStore, results: list, errs: list, started: str, ok: int):
    body = {"status": "COMPLETE", "results": results, "startedAt": started, "completedAt": s.now()}
    if errs:
        body.update(numErrors=len(errs), errors=errs)
        return respond(body, 207)
    return respond(body, ok)


# -- v4 records ----------------------------------------------------------------------------------------------
def v4_create_default(from_type: str, from_id: str, to_type: str, to_id: str):
    s, t, to = store(), object_type(from_type), object_type(to_type)
    started = s.now()
    with s.lock:
        a, b = _record_id(s, t, from_id), _record_id(s, to, to_id)
        return _batch(s, _default_results(s.associations, t, a, to, b), [], started, 200)


def v4_create_labelled(from_type: str, from_id: str, to_type: str, to_id: str):
    s, t, to = store(), object_type(from_type), object_type(to_type)
    body = json_body()
    with s.lock:
        definitions = _specs(s.associations, t, to, body)
        a, b = _record_id(s, t, from_id), _record_id(s, to, to_id)
        s.associations.add(t.name, a, to.name, b, definitions)
        return respond(_labels_between(s.associations, t, a, to, b), 201)


def v4_archive(from_type: str, from_id: str, to_type: str, to_id: str):
    s, t, to = store(), object_type(from_type), object_type(to_type)
    with s.lock:
        try:
            s.associations.remove_pair(t.name, int(from_id), to.name, int(to_id))
        except ValueError:
            pass
    return no_content()


def v4_list(from_type: str, from_id: str, to_type: str):
    s, t, to = store(), object_type(from_type), object_type(to_type)
    limit = int_param("limit", 500, 1, 500)
    after_raw = request.args.get("after")
    with s.lock:
        record_id = _record_id(s, t, from_id)
        targets = sorted(s.associations.targets(t.name, record_id, to.name).items())
        start = 0
        if after_raw:
            try:
                start = int(after_raw)
            except ValueError:
                raise errors.validation(f"Invalid after cursor {after_raw!r}") from None
        page = targets[start:start + limit]
        results = [{"toObjectId": to_id, "associationTypes": s.associations.type_entries(types)}
                   for to_id, types in page if types]
    body: dict = {"results": results}
    if start + limit < len(targets):
        body["paging"] = {"next": {"after": str(start + limit)}}
    return respond(body)


# -- v4 batch ------------------------------------------------------------------------------------------------
def v4_batch(from_type: str, to_type: str, action: str):
    s, t, to = store(), object_type(from_type), object_type(to_type)
    inputs = inputs_of(json_object(), V4_BATCH_LIMIT if action == "read" else 2000)
    started = s.now()
    book = s.associations
    with s.lock:
        if action == "read":
            results, missing = [], []
            for item in inputs:
                key = _read_id(item)
                record = s.lookup(t, key)
                targets = book.targets(t.name, record.id, to.name) if record else {}
                found = [{"toObjectId": to_id, "associationTypes": book.type_entries(types)}
                         for to_id, types in sorted(targets.items()) if types]
                if found:
                    results.append({"from": {"id": key}, "to": found})
                else:
                    missing.append(key)
            errs = [{"status": "error", "category": "OBJECT_NOT_FOUND",
                     "subCategory": "crm.associations.NO_ASSOCIATIONS_FOUND",
                     "message": f"No {to.singular} is associated with {t.singular} {key}.",
                     "context": {"fromObjectId": [key]}, "errors": [], "links": {}} for key in missing]
            return _batch(s, results, errs, started, 200)
        pairs = []
        for item in inputs:
            a, b = _record_id(s, t, _id_of(item, "from")), None
            if action == "archive":
                targets = item.get("to") if isinstance(item, dict) else None
                if not isinstance(targets, list):
                    raise errors.missing_field("inputs[].to")
                pairs.append((a, [_record_id_or_none(s, to, _id_of({"to": x}, "to")) for x in targets], None))
                continue
            b = _record_id(s, to, _id_of(item, "to"))
            specs = _specs(book, t, to, item.get("types")) if action in ("create", "labels/archive") else None
            pairs.append((a, b, specs))
        if action == "archive":
            for a, targets, _ in pairs:
                for b in targets:
                    if b is not None:
                        book.remove_pair(t.name, a, to.name, b)
            return no_content()
        if action == "labels/archive":
            for a, b, specs in pairs:
                book.remove_types(t.name, a, to.name, b, specs)
            return no_content()
        if action == "associate/default":
            results = [r for a, b, _ in pairs for r in _default_results(book, t, a, to, b)]
            return _batch(s, results, [], started, 200)
        if action == "create":
            results = []
            for a, b, specs in pairs:
                book.add(t.name, a, to.name, b, specs)
                results.append(_labels_between(book, t, a, to, b))
            return _batch(s, results, [], started, 201)
    raise errors.ApiError(404, "OBJECT_NOT_FOUND", f"Unknown association batch action {action}")


def _record_id_or_none(s: HubSpotStore, t: ObjectType, raw: str) -> int | None:
    record = s.lookup(t, raw)
    return record.id if record else None


# -- v4 labels (association definitions) ---------------------------------------------------------------------
def labels_list(from_type: str, to_type: str):
    s, t, to = store(), object_type(from_type), object_type(to_type)
    with s.lock:
        return respond({"results": [d.spec() for d in s.associations.pair_definitions(t.name, to.name)]})


def labels_create(from_type: str, to_type: str):
    s, t, to = store(), object_type(from_type), object_type(to_type)
    body = json_object()
    if not body.get("label") or not body.get("name"):
        raise errors.missing_field("label, name")
    with s.lock:
        created = s.associations.create_label(t.name, to.name, str(body["label"]), str(body["name"]),
                                              body.get("inverseLabel"))
        return respond({"results": [d.spec() for d in created]}, 200)


def labels_update(from_type: str, to_type: str):
    s, t, to = store(), object_type(from_type), object_type(to_type)
    body = json_object()
    if "associationTypeId" not in body or not body.get("label"):
        raise errors.missing_field("associationTypeId, label")
    with s.lock:
        s.associations.update_label(t.name, to.name, body["associationTypeId"], str(body["label"]),
                                    body.get("inverseLabel"))
    return no_content()


def labels_delete(from_type: str, to_type: str, type_id: str):
    s, t, to = store(), object_type(from_type), object_type(to_type)
    with s.lock:
        s.associations.delete_label(t.name, to.name, type_id)
    return no_content()


# -- v3 batch ------------------------------------------------------------------------------------------------
def v3_batch(from_type: str, to_type: str, action: str):
    s, t, to = store(), object_type(from_type), object_type(to_type)
    inputs = inputs_of(json_object(), 2000)
    started = s.now()
    book = s.associations
    with s.lock:
        if action == "read":
            results, errs = [], []
            for item in inputs:
                key = _read_id(item)
                record = s.lookup(t, key)
                targets = book.targets(t.name, record.id, to.name) if record else {}
                out = [{"id": str(to_id), "type": book.definitions[i].name}
                       for to_id, types in sorted(targets.items()) for i in sorted(types) if i in book.definitions]
                if out:
                    results.append({"from": {"id": key}, "to": out})
                else:
                    errs.append({"status": "error", "category": "OBJECT_NOT_FOUND",
                                 "message": f"No {to.singular} is associated with {t.singular} {key}.",
                                 "context": {"fromObjectId": [key]}, "errors": [], "links": {}})
            return _batch(s, results, errs, started, 200)
        if action not in ("create", "archive"):
            raise ApiError(404, "OBJECT_NOT_FOUND", f"Unknown association batch action {action}")
        planned = []
        for item in inputs:
            a = _record_id(s, t, _id_of(item, "from"))
            b = _record_id(s, to, _id_of(item, "to"))
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
        if action == "archive":
            return no_content()
        return _batch(s, results, [], started, 201)


def register(app: Flask) -> None:
    v4 = "/crm/v4/objects/<from_type>/<from_id>/associations"
    pairs = "/crm/v4/associations/<from_type>/<to_type>"
    rules = [
        (f"{v4}/default/<to_type>/<to_id>", "v4_create_default", ["PUT"], v4_create_default),
        (f"{v4}/<to_type>/<to_id>", "v4_create_labelled", ["PUT"], v4_create_labelled),
        (f"{v4}/<to_type>/<to_id>", "v4_archive", ["DELETE"], v4_archive),
        (f"{v4}/<to_type>", "v4_list", ["GET"], v4_list),
        (f"{pairs}/batch/<path:action>", "v4_batch", ["POST"], v4_batch),
        (f"{pairs}/labels", "labels_list", ["GET"], labels_list),
        (f"{pairs}/labels", "labels_create", ["POST"], labels_create),
        (f"{pairs}/labels", "labels_update", ["PUT"], labels_update),
        (f"{pairs}/labels/<type_id>", "labels_delete", ["DELETE"], labels_delete),
        ("/crm/v3/associations/<from_type>/<to_type>/batch/<action>", "v3_batch", ["POST"], v3_batch),
    ]
    for rule, endpoint, methods, view in rules:
        app.add_url_rule(rule, endpoint, view, methods=methods)
