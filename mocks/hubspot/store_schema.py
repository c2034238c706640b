"""Property, property-group and pipeline writes (part of :class:`HubSpotStore`): validate, then mutate."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from mocks.hubspot import errors
from mocks.hubspot.errors import ApiError
from mocks.hubspot.objecttypes import ObjectType
from mocks.hubspot.property_defaults import FIELD_TYPES, PIPELINE_OPTION_PROPS, make_property

if TYPE_CHECKING:
    from mocks.hubspot.store import HubSpotStore

TYPES = {"string", "number", "date", "datetime", "enumeration", "bool", "phone_number"}
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_GROUP_NAME = re.compile(r"^[A-Za-z0-9_\-]+$")
EDITABLE = ("label", "description", "displayOrder", "hidden", "formField", "groupName", "fieldType", "type")
_KINDS = {"label": str, "description": str, "groupName": str, "fieldType": str, "type": str, "displayOrder": int,
          "hidden": bool, "formField": bool}


def property_not_found(t: ObjectType, name: str) -> ApiError:
    return ApiError(404, "OBJECT_NOT_FOUND", f"Unable to find property {name} for object type {t.type_id}",
                    context={"propertyName": [name]})


def group_not_found(name: str) -> ApiError:
    return ApiError(404, "OBJECT_NOT_FOUND", f"Unable to find property group {name}", context={"groupName": [name]})


def _typed(body: dict, key: str) -> object:
    """``body[key]`` when it has the JSON type the field takes (int for displayOrder ...), else a 400."""
    value = body[key]
    kind = _KINDS[key]
    ok = isinstance(value, kind) and not (kind is int and isinstance(value, bool))
    if not ok:
        raise errors.invalid_type(key, {str: "a string", int: "an integer", bool: "a boolean"}[kind])
    return value


def _options(raw: object) -> list[dict]:
    if raw is None:
        return []
    if not isinstance(raw, list) or not all(isinstance(o, dict) and isinstance(o.get("value"), str | int | float)
                                            and not isinstance(o.get("value"), bool) for o in raw):
        raise errors.validation("options must be a list of {label, value}",
                                errors=[{"message": "options must be a list of {label, value}",
                                         "code": "INVALID_TYPE", "in": "options"}])
    out = []
    for i, o in enumerate(raw):
        order = o.get("displayOrder", i)
        if not isinstance(order, int) or isinstance(order, bool):
            raise errors.invalid_type("options[].displayOrder", "an integer")
        out.append({"label": str(o.get("label", o["value"])), "value": str(o["value"]), "displayOrder": order,
                    "hidden": bool(o.get("hidden", False)), "description": str(o.get("description", ""))})
    return out


def valid_text(value: str, field: str) -> str:
    """Text HubSpot can store: no lone UTF-16 surrogates (they are not Unicode characters)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise errors.validation(f"{field} is not valid text", errors=[{
            "message": f"{field} contains characters that are not valid Unicode", "code": "INVALID_STRING",
            "in": field}]) from None
    return value


class SchemaOps:
    """Property, group and pipeline CRUD (mixed into ``HubSpotStore``)."""

    # -- properties ---------------------------------------------------------------------------------------
    def shown_property(self: HubSpotStore, t: ObjectType, definition: dict) -> dict:
        """Pipeline-backed enumerations list the current pipelines/stages as options."""
        if definition["name"] not in PIPELINE_OPTION_PROPS or not (t.pipeline_prop or t.stage_prop):
            return definition
        if definition["name"] == t.pipeline_prop:
            pairs = [(p["label"], p["id"]) for p in self.pipelines.all(t.name)]
        else:
            pairs = [(st["label"], st["id"]) for p in self.pipelines.all(t.name) for st in p["stages"]]
        options = [{"label": label, "value": value, "displayOrder": i, "hidden": False, "description": ""}
                   for i, (label, value) in enumerate(pairs)]
        return {**definition, "options": options}

    def list_properties(self: HubSpotStore, t: ObjectType, archived: bool, wanted: list[str] | None) -> list[dict]:
        with self.lock:
            pool = self.archived_properties[t.name] if archived else self.properties[t.name]
            return [self.shown_property(t, d) for n, d in pool.items() if not wanted or n in wanted]

    def get_property(self: HubSpotStore, t: ObjectType, name: str, archived: bool = False) -> dict:
        with self.lock:
            pool = self.archived_properties[t.name] if archived else self.properties[t.name]
            if name not in pool:
                raise property_not_found(t, name)
            return self.shown_property(t, pool[name])

    def create_property(self: HubSpotStore, t: ObjectType, body: dict) -> dict:
        missing = [f for f in ("name", "label", "type", "fieldType", "groupName") if not body.get(f)]
        if missing:
            raise errors.missing_field(", ".join(missing))
        for key in ("name", "label", "type", "fieldType", "groupName", "description"):
            if key in body and not isinstance(body[key], str):
                raise errors.invalid_type(key, "a string")
        name = body["name"]
        if not _NAME.match(name):
            raise errors.validation(f"Property name {name} is invalid: use lowercase letters, digits and "
                                    "underscores")
        valid_text(body["label"], "label")
        if body["type"] not in TYPES:
            raise errors.validation(f"{body['type']} is not a valid property type; use one of {sorted(TYPES)}")
        for key in ("displayOrder", "formField", "hidden"):
            if key in body:
                _typed(body, key)
        options = _options(body.get("options"))
        with self.lock:
            if name in self.properties[t.name]:
                raise ApiError(409, "OBJECT_ALREADY_EXISTS", f"Property named '{name}' already exists.",
                               context={"name": [name]})
            if body["groupName"] not in self.groups[t.name]:
                raise errors.validation(f"Property group {body['groupName']} does not exist",
                                        context={"groupName": [valid_text(body["groupName"], "groupName")]})
            if body["type"] == "enumeration" and not options and body.get("fieldType") != "booleancheckbox":
                raise errors.validation("An enumeration property needs options")
            definition = make_property(t.name, name, body["type"], label=body["label"], group=body["groupName"],
                                       field_type=body.get("fieldType") or FIELD_TYPES.get(body["type"], "text"),
                                       hubspot_defined=False, unique=bool(body.get("hasUniqueValue")), at=self.now(),
                                       description=valid_text(str(body.get("description") or ""), "description"))
            definition["options"] = options
            definition["displayOrder"] = body.get("displayOrder", -1)
            definition["formField"] = body.get("formField", False)
            definition["hidden"] = body.get("hidden", False)
            self.properties[t.name][name] = definition
            self.archived_properties[t.name].pop(name, None)
            if definition["hasUniqueValue"]:
                self.index_unique_property(t.name, name)
            return definition

    def update_property(self: HubSpotStore, t: ObjectType, name: str, body: dict) -> dict:
        with self.lock:
            definition = self.properties[t.name].get(name)
            if definition is None:
                raise property_not_found(t, name)
            if definition["hubspotDefined"] and set(body) - {"label", "description", "displayOrder", "hidden",
                                                              "formField", "groupName"}:
                raise errors.validation(f"The definition of HubSpot-defined property {name} is read-only")
            changes = {key: _typed(body, key) for key in EDITABLE if key in body}
            for key in ("label", "description"):
                if key in changes:
                    valid_text(str(changes[key]), key)
            if "type" in changes and changes["type"] not in TYPES:
                raise errors.validation(f"{changes['type']} is not a valid property type; use one of "
                                        f"{sorted(TYPES)}")
            if "groupName" in changes and changes["groupName"] not in self.groups[t.name]:
                raise errors.validation(f"Property group {valid_text(str(changes['groupName']), 'groupName')} "
                                        "does not exist")
            options = _options(body["options"]) if "options" in body else None
            definition.update(changes)
            if options is not None:
                definition["options"] = options
            definition["updatedAt"] = self.now()
            return self.shown_property(t, definition)

    def archive_property(self: HubSpotStore, t: ObjectType, name: str) -> None:
        with self.lock:
            definition = self.properties[t.name].get(name)
            if definition is None:
                raise property_not_found(t, name)
            if definition["hubspotDefined"]:
                raise errors.validation(f"HubSpot-defined property {name} cannot be archived")
            definition = {**self.properties[t.name].pop(name), "archived": True, "archivedAt": self.now()}
            self.archived_properties[t.name][name] = definition
            self.unique[t.name].pop(name, None)

    def batch_properties(self: HubSpotStore, t: ObjectType, action: str, inputs: list
                         ) -> tuple[list[dict], list[dict]]:
        """Batch create/read (per-input errors) or archive (all or nothing)."""
        if action not in ("create", "read", "archive"):
            raise ApiError(404, "OBJECT_NOT_FOUND", f"Unknown batch action {action}")
        if not all(isinstance(item, dict) for item in inputs):
            raise errors.validation("Each input must be an object")
        results, errs = [], []
        with self.lock:
            if action == "archive":
                names = [item.get("name") for item in inputs]
                for name in names:
                    if not isinstance(name, str):
                        raise errors.invalid_type("inputs[].name", "a string")
                    definition = self.properties[t.name].get(name)
                    if definition is None:
                        raise property_not_found(t, name)
                    if definition["hubspotDefined"]:
                        raise errors.validation(f"HubSpot-defined property {name} cannot be archived")
                for name in names:
                    self.archive_property(t, name)
                return [], []
            for item in inputs:
                try:
                    if action == "create":
                        results.append(self.create_property(t, item))
                    else:
                        name = item.get("name")
                        if not isinstance(name, str):
                            raise errors.invalid_type("inputs[].name", "a string")
                        results.append(self.get_property(t, name))
                except ApiError as error:
                    errs.append({"status": "error", "category": error.category, "message": error.message,
                                 "context": error.extra.get("context", {}), "errors": [], "links": {}})
            return results, errs

    # -- groups -------------------------------------------------------------------------------------------
    def list_groups(self: HubSpotStore, t: ObjectType) -> list[dict]:
        with self.lock:
            return list(self.groups[t.name].values())

    def get_group(self: HubSpotStore, t: ObjectType, name: str) -> dict:
        with self.lock:
            if name not in self.groups[t.name]:
                raise group_not_found(valid_text(name, "groupName"))
            return self.groups[t.name][name]

    def create_group(self: HubSpotStore, t: ObjectType, body: dict) -> dict:
        if not body.get("name") or not body.get("label"):
            raise errors.missing_field("name, label")
        for key in ("name", "label"):
            if not isinstance(body[key], str):
                raise errors.invalid_type(key, "a string")
            valid_text(body[key], key)
        name = body["name"]
        if not _GROUP_NAME.match(name):
            raise errors.validation(f"Property group name {name} is invalid: use letters, digits, _ and -")
        order = _typed(body, "displayOrder") if "displayOrder" in body else -1
        with self.lock:
            if name in self.groups[t.name]:
                raise ApiError(409, "OBJECT_ALREADY_EXISTS", f"Property group named '{name}' already exists.")
            group = {"name": name, "label": body["label"], "displayOrder": order, "archived": False}
            self.groups[t.name][name] = group
            return group

    def update_group(self: HubSpotStore, t: ObjectType, name: str, body: dict) -> dict:
        changes = {key: _typed(body, key) for key in ("label", "displayOrder") if key in body}
        if "label" in changes:
            valid_text(str(changes["label"]), "label")
        with self.lock:
            group = self.groups[t.name].get(name)
            if group is None:
                raise group_not_found(valid_text(name, "groupName"))
            group.update(changes)
            return group

    def archive_group(self: HubSpotStore, t: ObjectType, name: str) -> None:
        with self.lock:
            if name not in self.groups[t.name]:
                raise group_not_found(valid_text(name, "groupName"))
            if any(d["groupName"] == name for d in self.properties[t.name].values()):
                raise errors.validation(f"Property group {name} still has properties; move or archive them first")
            del self.groups[t.name][name]

    # -- pipelines ----------------------------------------------------------------------------------------
    def _check_unused(self: HubSpotStore, kind: str, stage_ids: set[str]) -> None:
        """HubSpot refuses to delete stages that records still use."""
        used = self.stage_in_use(kind, stage_ids)
        if used:
            ids = sorted(stage_ids)
            raise ApiError(400, "VALIDATION_ERROR", f"Stage IDs: {ids} are being referenced by object IDs: "
                           f"{sorted(used)}", context={"stageIds": ids, "objectIds": [str(i) for i in sorted(used)]},
                           subCategory="PipelineError.STAGE_ID_IN_USE")

    def create_pipeline(self: HubSpotStore, kind: str, body: dict) -> dict:
        with self.lock:
            pipeline = self.pipelines.create(kind, body, self.now())
            self.add_stage_properties(kind, pipeline["stages"])
            return pipeline

    def update_pipeline(self: HubSpotStore, kind: str, pipeline_id: str, body: dict) -> dict:
        with self.lock:
            return self.pipelines.update(kind, pipeline_id, body, self.now())

    def replace_pipeline(self: HubSpotStore, kind: str, pipeline_id: str, body: dict) -> dict:
        with self.lock:
            old = {st["id"] for st in self.pipelines.get(kind, pipeline_id)["stages"]}
            stages = body.get("stages")
            kept = {str(st.get("stageId") or st.get("id")) for st in stages or [] if isinstance(st, dict)} \
                if isinstance(stages, list) else set()
            self._check_unused(kind, old - kept)
            pipeline = self.pipelines.replace(kind, pipeline_id, body, self.now())
            self.add_stage_properties(kind, pipeline["stages"])
            return pipeline

    def delete_pipeline(self: HubSpotStore, kind: str, pipeline_id: str) -> None:
        with self.lock:
            pipeline = self.pipelines.get(kind, pipeline_id)
            self._check_unused(kind, {st["id"] for st in pipeline["stages"]})
            self.pipelines.delete(kind, pipeline_id)

    def create_stage(self: HubSpotStore, kind: str, pipeline_id: str, body: dict) -> dict:
        with self.lock:
            stage = self.pipelines.add_stage(kind, pipeline_id, body, self.now())
            self.add_stage_properties(kind, [stage])
            return stage

    def update_stage(self: HubSpotStore, kind: str, pipeline_id: str, stage_id: str, body: dict,
                     replace: bool = False) -> dict:
        with self.lock:
            return self.pipelines.update_stage(kind, pipeline_id, stage_id, body, self.now(), replace=replace)

    def delete_stage(self: HubSpotStore, kind: str, pipeline_id: str, stage_id: str) -> None:
        with self.lock:
            self.pipelines.stage(kind, pipeline_id, stage_id)
            self._check_unused(kind, {stage_id})
            self.pipelines.delete_stage(kind, pipeline_id, stage_id)
