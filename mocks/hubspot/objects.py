"""CRM v3 object routes: basic CRUD, batch and search for every object type."""

from __future__ import annotations

from flask import Flask, request

from mocks.hubspot import errors, search
from mocks.hubspot.errors import ApiError
from mocks.hubspot.objecttypes import ObjectType
from mocks.hubspot.render import association_ids, render, render_written
from mocks.hubspot.store import HubSpotStore
from mocks.hubspot.web import (
    base_url,
    bool_param,
    inputs_of,
    int_param,
    json_object,
    list_param,
    no_content,
    object_type,
    respond,
    store,
)


def _batch(results: list, errors_: list, started: str, store_: HubSpotStore, ok_status: int):
    body = {"status": "COMPLETE", "results": results, "startedAt": started, "completedAt": store_.now()}
    if errors_:
        body["numErrors"] = len(errors_)
        body["errors"] = errors_
        return respond(body, 207)
    return respond(body, ok_status)


def _error_entry(error: ApiError, context: dict) -> dict:
    return {"status": "error", "category": error.category, "message": error.message, "context": context,
            "errors": [], "links": {}}


def _not_found_entry(t: ObjectType, ids: list[str]) -> dict:
    return {"status": "error", "category": "OBJECT_NOT_FOUND",
            "message": f"Could not get some {t.label} objects, they may be deleted or not exist. Check that ids "
                       "are valid.", "context": {"ids": ids}, "errors": [], "links": {}}


def _names(value: object, field: str) -> list[str] | None:
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise errors.validation(f"{field} must be a list of property names")
    return value


# -- basic ---------------------------------------------------------------------------------------------------
def list_objects(object_type_: str):
    t, s = object_type(object_type_), store()
    limit = int_param("limit", 10, 1, 100)
    after_raw = request.args.get("after")
    try:
        after = int(after_raw) if after_raw else None
    except ValueError:
        raise errors.validation(f"after must be the cursor from paging.next.after, got {after_raw!r}") from None
    archived = bool_param("archived")
    props, history, assoc = list_param("properties"), list_param("propertiesWithHistory"), list_param("associations")
    with s.lock:
        records, next_id = s.page(t, after, limit, archived)
        results = [render(s, t, r, props, history, assoc) for r in records]
    body: dict = {"results": results}
    if next_id is not None:
        link = f"{base_url()}/crm/v3/objects/{object_type_}?limit={limit}&after={next_id}"
        body["paging"] = {"next": {"after": str(next_id), "link": link}}
    return respond(body)


def get_object(object_type_: str, object_id: str):
    t, s = object_type(object_type_), store()
    with s.lock:
        record = s.require(t, object_id, request.args.get("idProperty"), bool_param("archived"))
        return respond(render(s, t, record, list_param("properties"), list_param("propertiesWithHistory"),
                              list_param("associations")))


def create_object(object_type_: str):
    t, s = object_type(object_type_), store()
    body = json_object()
    if "properties" not in body:
        raise errors.missing_field("properties")
    record = s.create(t, body.get("properties"), body.get("associations"))
    return respond(render_written(s, t, record), 201)


def update_object(object_type_: str, object_id: str):
    t, s = object_type(object_type_), store()
    body = json_object()
    if "properties" not in body:
        raise errors.missing_field("properties")
    record = s.update(t, object_id, body.get("properties"), request.args.get("idProperty"))
    return respond(render_written(s, t, record))


def archive_object(object_type_: str, object_id: str):
    t, s = object_type(object_type_), store()
    s.archive(t, object_id)  # HubSpot answers 204 even when the id is unknown or already archived
    return no_content()


def gdpr_delete(object_type_: str):
    t, s = object_type(object_type_), store()
    if t.name != "contacts":
        raise errors.ApiError(404, "OBJECT_NOT_FOUND", "GDPR delete exists only for contacts")
    body = json_object()
    if "objectId" not in body:
        raise errors.missing_field("objectId")
    with s.lock:  # permanently: not restorable, not listed as archived
        record = s.require(t, str(body["objectId"]), body.get("idProperty"))
        s.archive(t, str(record.id))
        s.archived[t.name].pop(record.id, None)
        s.archived_order[t.name].remove(record.id)
    return no_content()


# -- batch ---------------------------------------------------------------------------------------------------
def _trace_ids(inputs: list) -> list | None:
    """Partial success (207) applies only when every input has its own objectWriteTraceId."""
    ids = [i.get("objectWriteTraceId") if isinstance(i, dict) else None for i in inputs]
    if all(ids) and len(set(map(str, ids))) == len(ids):
        return ids
    return None


def batch_create(object_type_: str):
    t, s = object_type(object_type_), store()
    inputs = inputs_of(json_object())
    traces = _trace_ids(inputs)
    started = s.now()
    with s.lock:
        ok, errs, seen = [], [], {}
        for index, item in enumerate(inputs):
            try:
                if not isinstance(item, dict) or "properties" not in item:
                    raise errors.missing_field(f"inputs[{index}].properties")
                values = s.prepare(t, item.get("properties"), None)
                s.check_unique(t, values, None)
                for name in s.unique[t.name]:
                    key = s._unique_key(name, values[name]) if values.get(name) else None
                    if key is not None and (name, key) in seen:
                        raise errors.validation(f"Duplicate values for unique property {name} in batch input: "
                                                f"{values[name]}", context={name: [values[name]]})
                    if key is not None:
                        seen[(name, key)] = index
                s.validate_associations(t, item.get("associations"))
                ok.append((item, values))
            except ApiError as error:
                if traces is None:
                    raise
                errs.append(_error_entry(error, {"objectWriteTraceId": [str(traces[index])]}))
        results = []
        for item, values in ok:
            record = s.create(t, item["properties"], item.get("associations"), prepared=values)
            data = render_written(s, t, record)
            if item.get("objectWriteTraceId"):
                data["objectWriteTraceId"] = str(item["objectWriteTraceId"])
            results.append(data)
    return _batch(results, errs, started, s, 201)


def batch_read(object_type_: str):
    t, s = object_type(object_type_), store()
    body = json_object()
    inputs = inputs_of(body)
    props = _names(body.get("properties"), "properties")
    history = _names(body.get("propertiesWithHistory"), "propertiesWithHistory")
    id_property = body.get("idProperty")
    started = s.now()
    archived = bool_param("archived")
    with s.lock:
        results, missing, seen = [], [], set()
        for item in inputs:
            if not isinstance(item, dict) or "id" not in item:
                raise errors.missing_field("inputs[].id")
            key = str(item["id"])
            if key in seen:
                continue
            seen.add(key)
            record = s.lookup(t, key, id_property, archived)
            if record is None:
                missing.append(key)
            else:
                results.append(render(s, t, record, props, history))
    return _batch(results, [_not_found_entry(t, missing)] if missing else [], started, s, 200)


def batch_update(object_type_: str):
    t, s = object_type(object_type_), store()
    inputs = inputs_of(json_object())
    started = s.now()
    with s.lock:
        targets, missing, seen = [], [], set()
        for item in inputs:
            if not isinstance(item, dict) or "id" not in item or "properties" not in item:
                raise errors.missing_field("inputs[].id and inputs[].properties")
            record = s.lookup(t, str(item["id"]), item.get("idProperty"))
            if record is None:
                missing.append(str(item["id"]))
                continue
            if record.id in seen:
                raise errors.validation(f"Duplicate IDs found in batch input: [{record.id}]. IDs must be unique",
                                        context={"ids": [str(record.id)]})
            seen.add(record.id)
            values = s.prepare(t, item["properties"], record)
            s.check_unique(t, values, record.id)
            targets.append((record, item, values))
        results = []
        for record, item, values in targets:
            s.update(t, str(record.id), item["properties"], record=record, prepared=values)
            results.append(render_written(s, t, record))
    return _batch(results, [_not_found_entry(t, missing)] if missing else [], started, s, 200)


def batch_upsert(object_type_: str):
    t, s = object_type(object_type_), store()
    inputs = inputs_of(json_object())
    started = s.now()
    with s.lock:
        plan, seen = [], set()
        for item in inputs:
            if not isinstance(item, dict) or "id" not in item or not item.get("idProperty"):
                raise errors.missing_field("inputs[].id and inputs[].idProperty")
            id_property, key = str(item["idProperty"]), str(item["id"])
            if id_property == "hs_object_id":
                raise errors.validation("Upsert needs a unique property other than hs_object_id as idProperty")
            record = s.lookup(t, key, id_property)
            properties = dict(item.get("properties") or {})
            if (id_property, key.lower()) in seen:
                raise errors.validation(f"Duplicate IDs found in batch input: [{key}]. IDs must be unique")
            seen.add((id_property, key.lower()))
            if record is None:
                properties.setdefault(id_property, key)
                values = s.prepare(t, properties, None)
                s.check_unique(t, values, None)
            else:
                values = s.prepare(t, properties, record)
                s.check_unique(t, values, record.id)
            plan.append((record, properties, values))
        results = []
        for record, properties, values in plan:
            new = record is None
            record = (s.create(t, properties, prepared=values) if new
                      else s.update(t, str(record.id), properties, record=record, prepared=values))
            data = render_written(s, t, record)
            data["new"] = new
            results.append(data)
    return _batch(results, [], started, s, 200)


def batch_archive(object_type_: str):
    t, s = object_type(object_type_), store()
    inputs = inputs_of(json_object())
    with s.lock:
        for item in inputs:
            if not isinstance(item, dict) or "id" not in item:
                raise errors.missing_field("inputs[].id")
        for item in inputs:
            s.archive(t, str(item["id"]))
    return no_content()


# -- search --------------------------------------------------------------------------------------------------
def _candidates(s: HubSpotStore, t: ObjectType, req: search.SearchRequest) -> list:
    """Use an index when the whole search is one EQ on the id or a unique property (email)."""
    if len(req.groups) == 1 and len(req.groups[0]) >= 1:
        for f in req.groups[0]:
            if f.op == "EQ" and f.value and (f.prop == "hs_object_id" or f.prop in s.unique[t.name]):
                record = s.lookup(t, f.value, None if f.prop == "hs_object_id" else f.prop)
                return [record] if record is not None else []
    return s.all_records(t)


def search_objects(object_type_: str):
    t, s = object_type(object_type_), store()
    req = search.parse_request(json_object(required=False) or {})
    with s.lock:
        kinds = {name: d.get("type") for name, d in s.properties[t.name].items()}

        def lookup(record_id: int, segment: str):
            return association_ids(s, t, record_id, segment)

        found = [r for r in _candidates(s, t, req)
                 if search.matches(r.id, r.properties, kinds, req, t.query_props, lookup)]
        if req.sort_prop:
            kind = kinds.get(req.sort_prop)
            filled = [r for r in found if r.properties.get(req.sort_prop)]
            empty = [r for r in found if not r.properties.get(req.sort_prop)]
            filled.sort(key=lambda r: (search.sort_key(kind, r.properties.get(req.sort_prop)), r.id),
                        reverse=req.descending)
            found = filled + empty
        page = found[req.offset:req.offset + req.limit]
        props = list(req.properties) if req.properties is not None else None
        results = [render(s, t, r, props) for r in page]
    body: dict = {"total": len(found), "results": results}
    next_offset = req.offset + req.limit
    if next_offset < len(found) and req.limit > 0:
        body["paging"] = {"next": {"after": str(next_offset)}}
    return respond(body)


def not_implemented(**_kwargs):
    raise errors.ApiError(501, "NOT_IMPLEMENTED",
                          f"{request.method} {request.path} is a real HubSpot endpoint that this mock does not "
                          "implement")


def register(app: Flask) -> None:
    base = "/crm/v3/objects/<object_type_>"
    rules = [
        (base, "list_objects", ["GET"], list_objects),
        (base, "create_object", ["POST"], create_object),
        (f"{base}/<object_id>", "get_object", ["GET"], get_object),
        (f"{base}/<object_id>", "update_object", ["PATCH"], update_object),
        (f"{base}/<object_id>", "archive_object", ["DELETE"], archive_object),
        (f"{base}/batch/create", "batch_create", ["POST"], batch_create),
        (f"{base}/batch/read", "batch_read", ["POST"], batch_read),
        (f"{base}/batch/update", "batch_update", ["POST"], batch_update),
        (f"{base}/batch/upsert", "batch_upsert", ["POST"], batch_upsert),
        (f"{base}/batch/archive", "batch_archive", ["POST"], batch_archive),
        (f"{base}/search", "search_objects", ["POST"], search_objects),
        (f"{base}/gdpr-delete", "gdpr_delete", ["POST"], gdpr_delete),
        (f"{base}/merge", "merge_objects", ["POST"], not_implemented),
        (f"{base}/<object_id>/associations/<path:rest>", "v3_basic_associations",
         ["GET", "PUT", "DELETE"], not_implemented),
    ]
    for rule, endpoint, methods, view in rules:
        app.add_url_rule(rule, endpoint, view, methods=methods)
