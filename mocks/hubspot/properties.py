"""Property and property-group routes (``/crm/v3/properties`` and ``/crm/properties/<version>``): thin calls
into the store; default definitions live in :mod:`property_defaults`."""

from __future__ import annotations

from flask import Flask

from mocks.hubspot.web import (
    DATED,
    add_routes,
    batch_status,
    bool_param,
    inputs_of,
    json_object,
    list_param,
    no_content,
    object_type,
    respond,
    store,
)


def list_properties(object_type_: str):
    return respond({"results": store().list_properties(object_type(object_type_), bool_param("archived"),
                                                       list_param("properties"))})


def get_property(object_type_: str, name: str):
    return respond(store().get_property(object_type(object_type_), name, bool_param("archived")))


def create_property(object_type_: str):
    t = object_type(object_type_)
    return respond(store().create_property(t, json_object()), 201)


def update_property(object_type_: str, name: str):
    t = object_type(object_type_)
    return respond(store().update_property(t, name, json_object()))


def archive_property(object_type_: str, name: str):
    store().archive_property(object_type(object_type_), name)
    return no_content()


def batch_properties(object_type_: str, action: str):
    t, s = object_type(object_type_), store()
    inputs = inputs_of(json_object(), 1000)
    started = s.now()
    results, errs = s.batch_properties(t, action, inputs)
    if action == "archive":
        return no_content()
    body = {"status": "COMPLETE", "results": results, "startedAt": started, "completedAt": s.now()}
    if errs:
        body.update(numErrors=len(errs), errors=errs)
    return respond(body, batch_status(201 if action == "create" else 200, bool(errs), late_ok=200))


# -- groups --------------------------------------------------------------------------------------------------
def list_groups(object_type_: str):
    return respond({"results": store().list_groups(object_type(object_type_))})


def get_group(object_type_: str, name: str):
    return respond(store().get_group(object_type(object_type_), name))


def create_group(object_type_: str):
    t = object_type(object_type_)
    return respond(store().create_group(t, json_object()), 201)


def update_group(object_type_: str, name: str):
    t = object_type(object_type_)
    return respond(store().update_group(t, name, json_object()))


def archive_group(object_type_: str, name: str):
    store().archive_group(object_type(object_type_), name)
    return no_content()


def register(app: Flask) -> None:
    bases = ["/crm/v3/properties/<object_type_>", f"/crm/properties/{DATED}/<object_type_>"]

    def both(tail: str) -> list[str]:
        return [base + tail for base in bases]

    add_routes(app, [
        (both(""), "list_properties", ["GET"], list_properties),
        (both(""), "create_property", ["POST"], create_property),
        (both("/groups"), "list_groups", ["GET"], list_groups),
        (both("/groups"), "create_group", ["POST"], create_group),
        (both("/groups/<name>"), "get_group", ["GET"], get_group),
        (both("/groups/<name>"), "update_group", ["PATCH"], update_group),
        (both("/groups/<name>"), "archive_group", ["DELETE"], archive_group),
        (both("/batch/<action>"), "batch_properties", ["POST"], batch_properties),
        (both("/<name>"), "get_property", ["GET"], get_property),
        (both("/<name>"), "update_property", ["PATCH"], update_property),
        (both("/<name>"), "archive_property", ["DELETE"], archive_property),
    ])
