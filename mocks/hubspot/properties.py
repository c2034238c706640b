"""Property and property-group routes; default definitions live in :mod:`property_defaults`."""

from __future__ import annotations

import re

from flask import Flask

from mocks.hubspot import errors
from mocks.hubspot.errors import ApiError
from mocks.hubspot.objecttypes import ObjectType
from mocks.hubspot.property_defaults import FIELD_TYPES, PIPELINE_OPTION_PROPS, make_property
from mocks.hubspot.store import HubSpotStore
from mocks.hubspot.web import (
    bool_param,
    inputs_of,
    json_object,
    list_param,
    no_content,
    object_type,
    respond,
    store,
)

TYPES = {"string", "number", "date", "datetime", "enumeration", "bool", "phone_number"}
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


def _property_not_found(t: ObjectType, name: str) -> ApiError:
    return ApiError(404, "OBJECT_NOT_FOUND", f"Unable to find property {name} for object type {t.type_id}",
                    context={"propertyName": [name]})


def _shown(s: HubSpotStore, t: ObjectType, definition: dict) -> dict:
    """Pipeline-backed enumerations list the current pipelines/stages as options."""
    if definition["name"] not in PIPELINE_OPTION_PROPS or not (t.pipeline_prop or t.stage_prop):
        return definition
    if definition["name"] == t.pipeline_prop:
        pairs = [(p["label"], p["id"]) for p in s.pipelines.all(t.name)]
    else:
        pairs = [(st["label"], st["id"]) for p in s.pipelines.all(t.name) for st in p["stages"]]
    options = [{"label": label, "value": value, "displayOrder": i, "hidden": False, "description": ""}
               for i, (label, value) in enumerate(pairs)]
    return {**definition, "options": options}


def _create(s: HubSpotStore, t: ObjectType, body: dict) -> dict:
    missing = [f for f in ("name", "label", "type", "fieldType", "groupName") if not body.get(f)]
    if missing:
        raise errors.missing_field(", ".join(missing))
    name = str(body["name"])
    if not _NAME.match(name):
        raise errors.validation(f"Property name {name} is invalid: use lowercase letters, digits and underscores")
    if body["type"] not in TYPES:
        raise errors.validation(f"{body['type']} is not a valid property type; use one of {sorted(TYPES)}")
    if name in s.properties[t.name]:
        raise ApiError(409, "OBJECT_ALREADY_EXISTS", f"Property named '{name}' already exists.",
                       context={"name": [name]})
    if body["groupName"] not in s.groups[t.name]:
        raise errors.validation(f"Property group {body['groupName']} does not exist",
                                context={"groupName": [str(body["groupName"])]})
    options = body.get("options") or []
    if not isinstance(options, list) or not all(isinstance(o, dict) and "value" in o for o in options):
        raise errors.validation("options must be a list of {label, value}")
    if body["type"] == "enumeration" and not options and body.get("fieldType") != "booleancheckbox":
        raise errors.validation("An enumeration property needs options")
    definition = make_property(t.name, name, str(body["type"]), label=str(body["label"]),
                               group=str(body["groupName"]),
                               field_type=str(body.get("fieldType") or FIELD_TYPES.get(body["type"], "text")),
                               hubspot_defined=False, unique=bool(body.get("hasUniqueValue")), at=s.now(),
                               description=str(body.get("description") or ""))
    definition["options"] = [{"label": str(o.get("label", o["value"])), "value": str(o["value"]),
                              "displayOrder": int(o.get("displayOrder", i)), "hidden": bool(o.get("hidden", False)),
                              "description": str(o.get("description", ""))} for i, o in enumerate(options)]
    definition["displayOrder"] = int(body.get("displayOrder", -1))
    definition["formField"] = bool(body.get("formField", False))
    definition["hidden"] = bool(body.get("hidden", False))
    s.properties[t.name][name] = definition
    s.archived_properties[t.name].pop(name, None)
    if definition["hasUniqueValue"]:
        s.index_unique_property(t.name, name)
    return definition


def list_properties(object_type_: str):
    t, s = object_type(object_type_), store()
    wanted = list_param("properties")
    with s.lock:
        pool = s.archived_properties[t.name] if bool_param("archived") else s.properties[t.name]
        results = [_shown(s, t, d) for n, d in pool.items() if not wanted or n in wanted]
    return respond({"results": results})


def get_property(object_type_: str, name: str):
    t, s = object_type(object_type_), store()
    with s.lock:
        pool = s.archived_properties[t.name] if bool_param("archived") else s.properties[t.name]
        if name not in pool:
            raise _property_not_found(t, name)
        return respond(_shown(s, t, pool[name]))


def create_property(object_type_: str):
    t, s = object_type(object_type_), store()
    body = json_object()
    with s.lock:
        return respond(_create(s, t, body), 201)


def update_property(object_type_: str, name: str):
    t, s = object_type(object_type_), store()
    body = json_object()
    with s.lock:
        definition = s.properties[t.name].get(name)
        if definition is None:
            raise _property_not_found(t, name)
        if definition["hubspotDefined"] and set(body) - {"label", "description", "displayOrder", "hidden",
                                                          "formField", "groupName"}:
            raise errors.validation(f"The definition of HubSpot-defined property {name} is read-only")
        for key in ("label", "description", "displayOrder", "hidden", "formField", "groupName", "fieldType",
                    "type"):
            if key in body:
                definition[key] = body[key]
        if "options" in body and isinstance(body["options"], list):
            definition["options"] = [{"label": str(o.get("label", o.get("value"))), "value": str(o.get("value")),
                                      "displayOrder": int(o.get("displayOrder", i)),
                                      "hidden": bool(o.get("hidden", False)), "description": ""}
                                     for i, o in enumerate(body["options"]) if isinstance(o, dict)]
        definition["updatedAt"] = s.now()
        return respond(_shown(s, t, definition))


def _archive(s: HubSpotStore, t: ObjectType, name: str) -> None:
    definition = s.properties[t.name].get(name)
    if definition is None:
        raise _property_not_found(t, name)
    if definition["hubspotDefined"]:
        raise errors.validation(f"HubSpot-defined property {name} cannot be archived")
    definition = {**s.properties[t.name].pop(name), "archived": True, "archivedAt": s.now()}
    s.archived_properties[t.name][name] = definition
    s.unique[t.name].pop(name, None)


def archive_property(object_type_: str, name: str):
    t, s = object_type(object_type_), store()
    with s.lock:
        _archive(s, t, name)
    return no_content()


def batch_properties(object_type_: str, action: str):
    t, s = object_type(object_type_), store()
    inputs = inputs_of(json_object(), 1000)
    started = s.now()
    results, errs = [], []
    with s.lock:
        for item in inputs:
            if not isinstance(item, dict):
                raise errors.validation("Each input must be an object")
            try:
                if action == "create":
                    results.append(_create(s, t, item))
                elif action == "read":
                    name = str(item.get("name"))
                    if name not in s.properties[t.name]:
                        raise _property_not_found(t, name)
                    results.append(_shown(s, t, s.properties[t.name][name]))
                elif action == "archive":
                    _archive(s, t, str(item.get("name")))
                else:
                    raise ApiError(404, "OBJECT_NOT_FOUND", f"Unknown batch action {action}")
            except ApiError as error:
                if action == "archive":
                    raise
                errs.append({"status": "error", "category": error.category, "message": error.message,
                             "context": error.extra.get("context", {}), "errors": [], "links": {}})
    if action == "archive":
        return no_content()
    body = {"status": "COMPLETE", "results": results, "startedAt": started, "completedAt": s.now()}
    if errs:
        body.update(numErrors=len(errs), errors=errs)
        return respond(body, 207)
    return respond(body, 201 if action == "create" else 200)


# -- groups --------------------------------------------------------------------------------------------------
def _group_not_found(name: str) -> ApiError:
    return ApiError(404, "OBJECT_NOT_FOUND", f"Unable to find property group {name}", context={"groupName": [name]})


def list_groups(object_type_: str):
    t, s = object_type(object_type_), store()
    with s.lock:
        return respond({"results": list(s.groups[t.name].values())})


def get_group(object_type_: str, name: str):
    t, s = object_type(object_type_), store()
    with s.lock:
        if name not in s.groups[t.name]:
            raise _group_not_found(name)
        return respond(s.groups[t.name][name])


def create_group(object_type_: str):
    t, s = object_type(object_type_), store()
    body = json_object()
    if not body.get("name") or not body.get("label"):
        raise errors.missing_field("name, label")
    with s.lock:
        name = str(body["name"])
        if name in s.groups[t.name]:
            raise ApiError(409, "OBJECT_ALREADY_EXISTS", f"Property group named '{name}' already exists.")
        group = {"name": name, "label": str(body["label"]), "displayOrder": int(body.get("displayOrder", -1)),
                 "archived": False}
        s.groups[t.name][name] = group
        return respond(group, 201)


def update_group(object_type_: str, name: str):
    t, s = object_type(object_type_), store()
    body = json_object()
    with s.lock:
        group = s.groups[t.name].get(name)
        if group is None:
            raise _group_not_found(name)
        for key in ("label", "displayOrder"):
            if key in body:
                group[key] = body[key]
        return respond(group)


def archive_group(object_type_: str, name: str):
    t, s = object_type(object_type_), store()
    with s.lock:
        if name not in s.groups[t.name]:
            raise _group_not_found(name)
        if any(d["groupName"] == name for d in s.properties[t.name].values()):
            raise errors.validation(f"Property group {name} still has properties; move or archive them first")
        del s.groups[t.name][name]
    return no_content()


def register(app: Flask) -> None:
    base = "/crm/v3/properties/<object_type_>"
    rules = [
        (base, "list_properties", ["GET"], list_properties),
        (base, "create_property", ["POST"], create_property),
        (f"{base}/groups", "list_groups", ["GET"], list_groups),
        (f"{base}/groups", "create_group", ["POST"], create_group),
        (f"{base}/groups/<name>", "get_group", ["GET"], get_group),
        (f"{base}/groups/<name>", "update_group", ["PATCH"], update_group),
        (f"{base}/groups/<name>", "archive_group", ["DELETE"], archive_group),
        (f"{base}/batch/<action>", "batch_properties", ["POST"], batch_properties),
        (f"{base}/<name>", "get_property", ["GET"], get_property),
        (f"{base}/<name>", "update_property", ["PATCH"], update_property),
        (f"{base}/<name>", "archive_property", ["DELETE"], archive_property),
    ]
    for rule, endpoint, methods, view in rules:
        app.add_url_rule(rule, endpoint, view, methods=methods)
