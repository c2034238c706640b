"""CRM object routes (``/crm/v3/objects`` and the dated ``/crm/objects/<version>``): parse, one store call,
render. Basic CRUD, batch and search for every object type the mock serves."""

from __future__ import annotations

from flask import Flask, request

from mocks.hubspot import errors, search
from mocks.hubspot.render import render, render_written, render_written_many
from mocks.hubspot.store_batch import not_found_entry
from mocks.hubspot.web import (
    DATED,
    add_routes,
    api_version,
    base_url,
    batch_errors,
    batch_status,
    bool_param,
    enforce_rules,
    inputs_of,
    int_param,
    json_object,
    list_param,
    no_content,
    object_type,
    respond,
    store,
)

# The 2026-03 spec types property values as strings (2026-09 adds ``nullable``): on 2026-03 paths an unset
# property is left out instead of answered as ``null``, so clients generated from that spec parse the answer.
NON_NULL_VERSIONS = frozenset({"2026-03"})


def _fit(records: list[dict]) -> list[dict]:
    """The rendered records as the request's API version shapes them (see ``NON_NULL_VERSIONS``)."""
    if api_version() in NON_NULL_VERSIONS:
        for data in records:
            data["properties"] = {k: v for k, v in data["properties"].items() if v is not None}
    return records


def _one(data: dict, status: int = 200):
    return respond(_fit([data])[0], status, records=True)


def _batch(results: list, errors_: list, started: str, ok_status: int):
    results = _fit(results)
    body = {"status": "COMPLETE", "results": results, "startedAt": started, "completedAt": store().now()}
    if errors_:
        body["numErrors"] = len(errors_)
        body["errors"] = batch_errors(errors_)
    return respond(body, batch_status(ok_status, bool(errors_)), records=True)


def _names(value: object, field: str) -> list[str] | None:
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise errors.validation(f"{field} must be a list of property names")
    return value


def _properties(body: dict) -> dict:
    """A single write's ``properties``: required, and a JSON object (``null`` is a 400 like a list is)."""
    if "properties" not in body:
        raise errors.missing_field("properties")
    if not isinstance(body["properties"], dict):
        raise errors.invalid_type("properties", "an object of property names to values")
    return body["properties"]


def _list_base(object_type_: str) -> str:
    version = api_version()
    prefix = "/crm/v3/objects" if version == "v3" else f"/crm/objects/{version}"
    return f"{base_url()}{prefix}/{object_type_}"


# -- basic ---------------------------------------------------------------------------------------------------
def list_objects(object_type_: str):
    t, s = object_type(object_type_), store()
    limit = int_param("limit", 10, 1, 100)
    after_raw = request.args.get("after")
    if after_raw and not (after_raw.isascii() and after_raw.isdigit()):
        raise errors.validation(f"after must be the cursor from paging.next.after, got {after_raw!r}")
    records, next_id = s.page(t, int(after_raw) if after_raw else None, limit, bool_param("archived"))
    props, history, assoc = list_param("properties"), list_param("propertiesWithHistory"), list_param("associations")
    body: dict = {"results": _fit([render(s, t, r, props, history, assoc) for r in records])}
    if next_id is not None:
        body["paging"] = {"next": {"after": str(next_id),
                                   "link": f"{_list_base(object_type_)}?limit={limit}&after={next_id}"}}
    return respond(body, records=True)


def get_object(object_type_: str, object_id: str):
    t, s = object_type(object_type_), store()
    record = s.require(t, object_id, request.args.get("idProperty"), bool_param("archived"))
    return _one(render(s, t, record, list_param("properties"), list_param("propertiesWithHistory"),
                       list_param("associations")))


def create_object(object_type_: str):
    t, s = object_type(object_type_), store()
    body = json_object()
    record = s.create(t, _properties(body), body.get("associations"), enforce=enforce_rules())
    return _one(render_written(s, t, record), 201)


def update_object(object_type_: str, object_id: str):
    t, s = object_type(object_type_), store()
    body = json_object()
    record = s.update(t, object_id, _properties(body), request.args.get("idProperty"), enforce=enforce_rules())
    return _one(render_written(s, t, record))


def archive_object(object_type_: str, object_id: str):
    t, s = object_type(object_type_), store()
    s.archive(t, object_id)  # HubSpot answers 204 even when the id is unknown or already archived
    return no_content()


def gdpr_delete(object_type_: str):
    t, s = object_type(object_type_), store()
    body = json_object()
    if "objectId" not in body:
        raise errors.missing_field("objectId")
    s.gdpr_delete(t, body["objectId"], body.get("idProperty"))
    return no_content()


# -- batch ---------------------------------------------------------------------------------------------------
def batch_create(object_type_: str):
    t, s = object_type(object_type_), store()
    inputs = inputs_of(json_object())
    started = s.now()
    created, errs = s.batch_create(t, inputs, enforce=enforce_rules())
    results = []
    for record, trace in created:
        data = render_written(s, t, record)
        if trace:
            data["objectWriteTraceId"] = trace
        results.append(data)
    return _batch(results, errs, started, 201)


def batch_read(object_type_: str):
    t, s = object_type(object_type_), store()
    body = json_object()
    inputs = inputs_of(body)
    props = _names(body.get("properties"), "properties")
    history = _names(body.get("propertiesWithHistory"), "propertiesWithHistory")
    started = s.now()
    found, missing = s.batch_read(t, inputs, body.get("idProperty"), bool_param("archived"))
    return _batch([render(s, t, r, props, history) for r in found],
                  [not_found_entry(t, missing)] if missing else [], started, 200)


def batch_update(object_type_: str):
    t, s = object_type(object_type_), store()
    inputs = inputs_of(json_object())
    started = s.now()
    updated, missing, errs = s.batch_update(t, inputs, enforce=enforce_rules())
    if missing:
        errs = [not_found_entry(t, missing), *errs]
    return _batch(render_written_many(s, t, updated), errs, started, 200)


def batch_upsert(object_type_: str):
    t, s = object_type(object_type_), store()
    inputs = inputs_of(json_object())
    started = s.now()
    written, errs = s.batch_upsert(t, inputs, enforce=enforce_rules())
    results = render_written_many(s, t, [record for record, _ in written], [new for _, new in written])
    return _batch(results, errs, started, 200)


def batch_archive(object_type_: str):
    t, s = object_type(object_type_), store()
    s.batch_archive(t, inputs_of(json_object()))
    return no_content()


# -- search --------------------------------------------------------------------------------------------------
def search_objects(object_type_: str):
    t, s = object_type(object_type_), store()
    req = search.parse_request(json_object())  # HubSpot refuses a bodyless search with a 400
    total, page = s.search(t, req)
    props = list(req.properties) if req.properties is not None else None
    body: dict = {"total": total, "results": _fit([render(s, t, r, props) for r in page])}
    next_offset = req.offset + req.limit
    if next_offset < total and req.limit > 0:
        body["paging"] = {"next": {"after": str(next_offset)}}
    return respond(body, records=True)


def not_implemented(**_kwargs):
    raise errors.not_implemented(request.method, request.path)


def register(app: Flask) -> None:
    legacy, dated = "/crm/v3/objects/<object_type_>", f"/crm/objects/{DATED}/<object_type_>"

    def both(tail: str) -> list[str]:
        return [legacy + tail, dated + tail]

    add_routes(app, [
        (both(""), "list_objects", ["GET"], list_objects),
        (both(""), "create_object", ["POST"], create_object),
        (both("/<object_id>"), "get_object", ["GET"], get_object),
        (both("/<object_id>"), "update_object", ["PATCH"], update_object),
        (both("/<object_id>"), "archive_object", ["DELETE"], archive_object),
        (both("/batch/create"), "batch_create", ["POST"], batch_create),
        (both("/batch/read"), "batch_read", ["POST"], batch_read),
        (both("/batch/update"), "batch_update", ["POST"], batch_update),
        (both("/batch/upsert"), "batch_upsert", ["POST"], batch_upsert),
        (both("/batch/archive"), "batch_archive", ["POST"], batch_archive),
        (both("/search"), "search_objects", ["POST"], search_objects),
        (both("/gdpr-delete"), "gdpr_delete", ["POST"], gdpr_delete),
        (both("/merge"), "merge_objects", ["POST"], not_implemented),
        (f"{legacy}/<object_id>/associations/<path:rest>", "v3_basic_associations", ["GET", "PUT", "DELETE"],
         not_implemented),
    ])
