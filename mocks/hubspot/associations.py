"""Association routes: records, batch and labels on the legacy v4 paths and the dated ones, association
limits (``definitions/configurations``) and the legacy v3 batch. Thin: parse, one store call, respond."""

from __future__ import annotations

from flask import Flask, request

from mocks.hubspot import errors
from mocks.hubspot.web import (
    DATED,
    add_routes,
    batch_errors,
    batch_status,
    inputs_of,
    int_param,
    is_dated,
    json_body,
    json_object,
    no_content,
    object_type,
    respond,
    store,
)

V4_BATCH_LIMIT = 1000
_ID_KEYS = ("fromObjectId", "toObjectId")


def dated_shape(data: object) -> object:
    """The dated versions' association shapes: record ids are strings (v4 has integers) and a type without
    a label has no ``label`` key (the dated specs type it as a string, v4 answers ``null``)."""
    if isinstance(data, list):
        return [dated_shape(item) for item in data]
    if isinstance(data, dict):
        out = {}
        for key, value in data.items():
            if key in _ID_KEYS and isinstance(value, int):
                out[key] = str(value)
            elif key == "label" and value is None:
                continue
            else:
                out[key] = dated_shape(value)
        return out
    return data


def _answer(data: object, status: int = 200):
    return respond(dated_shape(data) if is_dated() else data, status)


def _batch(results: list, errs: list, started: str, ok: int):
    body = {"status": "COMPLETE", "results": results, "startedAt": started, "completedAt": store().now()}
    if errs:
        body.update(numErrors=len(errs), errors=batch_errors(errs))
    return _answer(body, batch_status(ok, bool(errs), late_ok=200))


def _done(started: str):
    """A batch that answers no records: 204 on v4, a 200 batch body on the dated versions (their specs)."""
    return _batch([], [], started, 200) if is_dated() else no_content()


# -- records -------------------------------------------------------------------------------------------------
def create_default(from_type: str, from_id: str, to_type: str, to_id: str):
    s = store()
    started = s.now()
    results = s.associate_default(object_type(from_type), from_id, object_type(to_type), to_id)
    return _batch(results, [], started, 200)


def create_labelled(from_type: str, from_id: str, to_type: str, to_id: str):
    t, to = object_type(from_type), object_type(to_type)
    return _answer(store().associate_labelled(t, from_id, to, to_id, json_body()), 201)


def archive(from_type: str, from_id: str, to_type: str, to_id: str):
    store().dissociate(object_type(from_type), from_id, object_type(to_type), to_id)
    return no_content()


def list_associated(from_type: str, from_id: str, to_type: str):
    t, to = object_type(from_type), object_type(to_type)
    limit = int_param("limit", 500, 1, 500)
    after_raw = request.args.get("after") or "0"
    if not (after_raw.isascii() and after_raw.isdigit()):
        raise errors.validation(f"Invalid after cursor {after_raw!r}")
    start = int(after_raw)
    results, more = store().associated(t, from_id, to, start, limit)
    body: dict = {"results": results}
    if more:
        body["paging"] = {"next": {"after": str(start + limit)}}
    return _answer(body)


# -- batch ---------------------------------------------------------------------------------------------------
def batch(from_type: str, to_type: str, action: str):
    t, to, s = object_type(from_type), object_type(to_type), store()
    inputs = inputs_of(json_object(), V4_BATCH_LIMIT if action == "read" else 2000)
    started = s.now()
    answer = s.association_batch(t, to, action, inputs)
    if answer is None:
        return _done(started)
    results, errs = answer
    return _batch(results, errs, started, 201 if action == "create" else 200)


# -- labels (association definitions) -----------------------------------------------------------------------
def labels_list(from_type: str, to_type: str):
    return _answer({"results": store().list_labels(object_type(from_type), object_type(to_type))})


def labels_create(from_type: str, to_type: str):
    t, to = object_type(from_type), object_type(to_type)
    return _answer({"results": store().create_label(t, to, json_object())}, 200)


def labels_update(from_type: str, to_type: str):
    t, to = object_type(from_type), object_type(to_type)
    store().update_label(t, to, json_object())
    return no_content()


def labels_delete(from_type: str, to_type: str, type_id: str):
    store().delete_label(object_type(from_type), object_type(to_type), type_id)
    return no_content()


# -- limits (definitions/configurations) ---------------------------------------------------------------------
def limits_all():
    return respond({"results": store().association_limits_of()})


def limits_pair(from_type: str, to_type: str):
    return respond({"results": store().association_limits_of(object_type(from_type), object_type(to_type))})


def limits_batch(from_type: str, to_type: str, action: str):
    t, to, s = object_type(from_type), object_type(to_type), store()
    if action not in ("create", "update", "purge"):
        raise errors.ApiError(404, "OBJECT_NOT_FOUND", f"Unknown batch action {action}")
    inputs = inputs_of(json_object())
    started = s.now()
    results = s.set_association_limits(t, to, inputs, purge=action == "purge")
    if action == "purge":
        return _done(started)
    return _batch(results, [], started, 201 if action == "create" else 200)


# -- v3 batch ------------------------------------------------------------------------------------------------
def v3_batch(from_type: str, to_type: str, action: str):
    t, to, s = object_type(from_type), object_type(to_type), store()
    inputs = inputs_of(json_object(), 2000)
    started = s.now()
    answer = s.v3_association_batch(t, to, action, inputs)
    if answer is None:
        return no_content()
    results, errs = answer
    return _batch(results, errs, started, 201 if action == "create" else 200)


BATCH_ACTIONS = ("create", "read", "archive", "labels/archive", "associate/default")


def _batch_view(action: str):
    def view(from_type: str, to_type: str):
        return batch(from_type, to_type, action)
    view.__name__ = f"batch_{action.replace('/', '_')}"
    return view


def not_implemented(**_kwargs):
    raise errors.not_implemented(request.method, request.path)


def register(app: Flask) -> None:
    records = ["/crm/v4/objects/<from_type>/<from_id>/associations",
               f"/crm/objects/{DATED}/<from_type>/<from_id>/associations"]
    # Labels and batch: /crm/v4/associations/... (what the v4 SDKs call), /crm/associations/v4/... (the
    # path HubSpot's v4 reference documents) and the dated /crm/associations/<version>/...
    pairs = ["/crm/v4/associations/<from_type>/<to_type>", "/crm/associations/v4/<from_type>/<to_type>",
             f"/crm/associations/{DATED}/<from_type>/<to_type>"]
    configs = ["/crm/associations/v4/definitions/configurations", "/crm/v4/associations/definitions/configurations",
               f"/crm/associations/{DATED}/definitions/configurations"]

    def each(bases: list[str], tail: str) -> list[str]:
        return [base + tail for base in bases]

    add_routes(app, [
        (each(records, "/default/<to_type>/<to_id>"), "v4_create_default", ["PUT"], create_default),
        (each(records, "/<to_type>/<to_id>"), "v4_create_labelled", ["PUT"], create_labelled),
        (each(records, "/<to_type>/<to_id>"), "v4_archive", ["DELETE"], archive),
        (each(records, "/<to_type>"), "v4_list", ["GET"], list_associated),
        *[(each(pairs, f"/batch/{action}"), f"v4_batch_{action.replace('/', '_')}", ["POST"], _batch_view(action))
          for action in BATCH_ACTIONS],
        (each(pairs, "/labels"), "labels_list", ["GET"], labels_list),
        (each(pairs, "/labels"), "labels_create", ["POST"], labels_create),
        (each(pairs, "/labels"), "labels_update", ["PUT"], labels_update),
        (each(pairs, "/labels/<type_id>"), "labels_delete", ["DELETE"], labels_delete),
        (each(configs, "/all"), "limits_all", ["GET"], limits_all),
        (each(configs, "/<from_type>/<to_type>"), "limits_pair", ["GET"], limits_pair),
        (each(configs, "/<from_type>/<to_type>/batch/<action>"), "limits_batch", ["POST"], limits_batch),
        (["/crm/associations/v4/usage/high-usage-report/<user_id>",
          f"/crm/associations/{DATED}/usage/high-usage-report/<user_id>"], "association_usage_report", ["POST"],
         not_implemented),
        ("/crm/v3/associations/<from_type>/<to_type>/batch/<action>", "v3_batch", ["POST"], v3_batch),
    ])
