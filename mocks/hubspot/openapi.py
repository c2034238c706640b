"""A hand-written OpenAPI 3.1 description of what this mock implements (not HubSpot's published specs)."""

from __future__ import annotations

import copy
from functools import cache

from mocks.hubspot.config import DATED_VERSIONS
from mocks.hubspot.objecttypes import OBJECT_TYPES

STR, INT, BOOL = {"type": "string"}, {"type": "integer"}, {"type": "boolean"}
DEVELOPER_KEY = [{"hapikey": []}]  # the app-webhooks API: developer API key in the query string
DT = {"type": "string", "format": "date-time"}
OBJ_SEGMENTS = sorted({s for t in OBJECT_TYPES.values() for s in (t.name, t.singular, t.type_id)})


def ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def arr(item: dict) -> dict:
    return {"type": "array", "items": item}


def obj(props: dict, required: list[str] | None = None) -> dict:
    schema: dict = {"type": "object", "properties": props}
    if required:
        schema["required"] = required
    return schema


def batch_of(item: dict) -> dict:
    return obj({"status": {"enum": ["PENDING", "PROCESSING", "CANCELED", "COMPLETE"]}, "results": arr(item),
                "startedAt": DT, "completedAt": DT, "numErrors": INT, "errors": arr(ref("BatchError"))},
               ["status", "results", "startedAt", "completedAt"])


SCHEMAS = {
    "Error": obj({"status": STR, "message": STR, "correlationId": STR, "category": STR, "subCategory": STR,
                  "errors": arr({"type": "object"}), "context": {"type": "object"}, "links": {"type": "object"}},
                 ["message", "correlationId"]),
    "BatchError": obj({"status": STR, "category": STR, "message": STR, "context": {"type": "object"}},
                      ["status", "category", "message"]),
    "Properties": {"type": "object", "additionalProperties": {"type": ["string", "null"]}},
    "SimplePublicObject": obj({"id": STR, "properties": ref("Properties"), "createdAt": DT, "updatedAt": DT,
                               "archived": BOOL, "archivedAt": DT,
                               "propertiesWithHistory": {"type": "object", "additionalProperties": arr(obj(
                                   {"value": STR, "timestamp": DT, "sourceType": STR, "sourceId": STR, "updatedByUserId": INT}))},
                               "associations": {"type": "object", "additionalProperties": obj(
                                   {"results": arr(obj({"id": STR, "type": STR}, ["id", "type"]))})}},
                              ["id", "properties", "createdAt", "updatedAt", "archived"]),
    "NextPage": obj({"next": obj({"after": STR, "link": STR}, ["after"])}),
    "ObjectList": obj({"results": arr(ref("SimplePublicObject")), "paging": ref("NextPage")}, ["results"]),
    "SearchResult": obj({"total": INT, "results": arr(ref("SimplePublicObject")), "paging": ref("NextPage")},
                        ["total", "results"]),
    "ObjectBatch": batch_of(ref("SimplePublicObject")),
    "UpsertBatch": batch_of({"allOf": [ref("SimplePublicObject"), obj({"new": BOOL}, ["new"])]}),
    "AssociationSpec": obj({"associationCategory": {"enum": ["HUBSPOT_DEFINED", "USER_DEFINED",
                                                             "INTEGRATOR_DEFINED"]},
                            "associationTypeId": INT}, ["associationCategory", "associationTypeId"]),
    "ObjectInput": obj({"properties": {"type": "object", "additionalProperties": {}},
                        "associations": arr(obj({"to": obj({"id": STR}, ["id"]),
                                                 "types": arr(ref("AssociationSpec"))}, ["to", "types"]))},
                       ["properties"]),
    "BatchInput": obj({"inputs": arr({"type": "object"})}, ["inputs"]),
    # Record batches: each input an object; ids and property names are strings, properties an object.
    "ObjectBatchInput": obj({"inputs": arr(obj({"id": STR, "idProperty": STR, "objectWriteTraceId": STR,
                                                "properties": {"type": "object", "additionalProperties": {}},
                                                "associations": arr({"type": "object"})}))}, ["inputs"]),
    "ReadBatchInput": obj({"inputs": arr(obj({"id": STR})), "idProperty": STR, "properties": arr(STR),
                           "propertiesWithHistory": arr(STR)}, ["inputs"]),
    "IdBatchInput": obj({"inputs": arr(obj({"id": STR}))}, ["inputs"]),
    "GdprDeleteInput": obj({"objectId": STR, "idProperty": STR}, ["objectId"]),
    "SearchRequest": obj({"filterGroups": arr(obj({"filters": arr(obj(
        {"propertyName": STR, "operator": STR, "value": STR, "highValue": STR, "values": arr(STR)},
        ["propertyName", "operator"]))})), "sorts": arr({}), "query": STR, "properties": arr(STR),
        "limit": {"type": "integer", "minimum": 0, "maximum": 200}, "after": STR}),
    "TypeEntry": obj({"category": STR, "typeId": INT, "label": {"type": ["string", "null"]}},
                     ["category", "typeId"]),
    "AssociatedList": obj({"results": arr(obj({"toObjectId": INT, "associationTypes": arr(ref("TypeEntry"))},
                                              ["toObjectId", "associationTypes"])),
                           "paging": ref("NextPage")}, ["results"]),
    "DefaultAssociationBatch": batch_of(obj({"from": obj({"id": STR}), "to": obj({"id": STR}),
                                             "associationSpec": ref("AssociationSpec")})),
    "LabelsBetween": obj({"fromObjectTypeId": STR, "fromObjectId": INT, "toObjectTypeId": STR, "toObjectId": INT,
                          "labels": arr(STR)}, ["fromObjectTypeId", "fromObjectId", "toObjectTypeId",
                                                "toObjectId", "labels"]),
    "LabelsBatch": batch_of(ref("LabelsBetween")),
    "AssociationReadBatch": batch_of(obj({"from": obj({"id": STR}), "to": arr(obj(
        {"toObjectId": INT, "associationTypes": arr(ref("TypeEntry"))}))})),
    "TypeList": obj({"results": arr(ref("TypeEntry"))}, ["results"]),
    "V3AssociationBatch": batch_of({"type": "object"}),
    "Stage": obj({"id": STR, "label": STR, "displayOrder": INT, "archived": BOOL, "createdAt": DT,
                  "updatedAt": DT, "metadata": {"type": "object", "additionalProperties": STR},
                  "writePermissions": STR}, ["id", "label", "displayOrder", "metadata", "archived", "createdAt",
                                             "updatedAt"]),
    "Pipeline": obj({"id": STR, "label": STR, "displayOrder": INT, "archived": BOOL, "createdAt": DT,
                     "updatedAt": DT, "stages": arr(ref("Stage"))},
                    ["id", "label", "displayOrder", "stages", "archived", "createdAt", "updatedAt"]),
    "PipelineList": obj({"results": arr(ref("Pipeline"))}, ["results"]),
    "StageList": obj({"results": arr(ref("Stage"))}, ["results"]),
    "PipelineInput": obj({"label": STR, "displayOrder": INT, "pipelineId": STR, "stages": arr(obj(
        {"label": STR, "displayOrder": INT, "stageId": STR, "metadata": {"type": "object"}}, ["label"]))},
        ["label", "stages"]),
    "StageInput": obj({"label": STR, "displayOrder": INT, "stageId": STR, "metadata": {"type": "object"}},
                      ["label"]),
    "Property": obj({"name": STR, "label": STR, "type": STR, "fieldType": STR, "groupName": STR,
                     "description": STR, "options": arr(obj({"label": STR, "value": STR})),
                     "hasUniqueValue": BOOL, "calculated": BOOL, "hubspotDefined": BOOL,
                     "modificationMetadata": {"type": "object"}, "archived": BOOL},
                    ["name", "label", "type", "fieldType", "groupName", "description", "options"]),
    "PropertyInput": obj({"name": STR, "label": STR, "type": {"enum": ["string", "number", "date", "datetime",
                                                                       "enumeration", "bool"]},
                          "fieldType": STR, "groupName": STR, "hasUniqueValue": BOOL,
                          "options": arr(obj({"label": STR, "value": STR}, ["label", "value"]))},
                         ["name", "label", "type", "fieldType", "groupName"]),
    "PropertyList": obj({"results": arr(ref("Property"))}, ["results"]),
    "PropertyBatch": batch_of(ref("Property")),
    "Group": obj({"name": STR, "label": STR, "displayOrder": INT, "archived": BOOL}, ["name", "label"]),
    "GroupList": obj({"results": arr(ref("Group"))}, ["results"]),
    "Settings": obj({"targetUrl": STR, "throttling": obj({"maxConcurrentRequests": INT, "period": STR}),
                     "createdAt": DT, "updatedAt": DT}, ["targetUrl", "throttling", "createdAt"]),
    "Subscription": obj({"id": STR, "eventType": STR, "propertyName": STR, "active": BOOL, "createdAt": DT,
                         "updatedAt": DT}, ["id", "eventType", "active", "createdAt"]),
    "SubscriptionList": obj({"results": arr(ref("Subscription"))}, ["results"]),
    "SubscriptionBatch": batch_of(ref("Subscription")),
    "VoidBatch": batch_of({}),
    "AssociationLimit": obj({"category": STR, "typeId": INT, "label": STR, "userEnforcedMaxToObjectIds": INT},
                            ["category", "typeId"]),
    "AssociationLimitList": obj({"results": arr(ref("AssociationLimit"))}, ["results"]),
    "AssociationLimitBatch": batch_of(ref("AssociationLimit")),
    "AssociationLimitInput": obj({"inputs": arr(obj({"category": {"enum": ["HUBSPOT_DEFINED", "USER_DEFINED",
                                                                           "INTEGRATOR_DEFINED"]},
                                                     "typeId": INT, "maxToObjectIds": {"type": "integer",
                                                                                       "minimum": 1}},
                                                    ["category", "typeId"]))}, ["inputs"]),
}

# The dated versions' association shapes: record ids are strings and a type without a label has no label.
DATED_SCHEMAS = {
    "TypeEntryDated": obj({"category": STR, "typeId": INT, "label": STR}, ["category", "typeId"]),
    "TypeListDated": obj({"results": arr(ref("TypeEntryDated"))}, ["results"]),
    "AssociatedListDated": obj({"results": arr(obj({"toObjectId": STR,
                                                    "associationTypes": arr(ref("TypeEntryDated"))},
                                                   ["toObjectId", "associationTypes"])),
                                "paging": ref("NextPage")}, ["results"]),
    "LabelsBetweenDated": obj({"fromObjectTypeId": STR, "fromObjectId": STR, "toObjectTypeId": STR,
                               "toObjectId": STR, "labels": arr(STR)},
                              ["fromObjectTypeId", "fromObjectId", "toObjectTypeId", "toObjectId", "labels"]),
    "LabelsBatchDated": batch_of(ref("LabelsBetweenDated")),
    "AssociationReadBatchDated": batch_of(obj({"from": obj({"id": STR}), "to": arr(obj(
        {"toObjectId": STR, "associationTypes": arr(ref("TypeEntryDated"))}))})),
}
SCHEMAS.update(DATED_SCHEMAS)
SCHEMAS["AccountDetails"] = obj({
    "portalId": INT, "accountType": STR, "timeZone": STR, "companyCurrency": STR, "additionalCurrencies": arr(STR),
    "utcOffset": STR, "utcOffsetMilliseconds": INT, "uiDomain": STR, "dataHostingLocation": STR},
    ["portalId", "accountType", "timeZone", "companyCurrency", "additionalCurrencies", "utcOffset",
     "utcOffsetMilliseconds", "uiDomain", "dataHostingLocation"])


def _param(name: str, where: str = "query", schema: dict | None = None, required: bool = False) -> dict:
    return {"name": name, "in": where, "required": required or where == "path", "schema": schema or STR}


def _path(name: str, schema: dict | None = None) -> dict:
    return _param(name, "path", schema)


LIST_PARAMS = [_param("properties", schema=arr(STR)), _param("propertiesWithHistory", schema=arr(STR)),
               _param("associations", schema=arr(STR)), _param("archived", schema=BOOL)]
ERRORS = {"400": "Error", "401": "Error", "403": "Error", "404": "Error", "409": "Error", "415": "Error",
          "429": "Error"}


def _op(op_id: str, summary: str, ok: str, schema: str | None, params: list | None = None,
        body: str | None = None, links: dict | None = None, extra: dict[str, str | None] | None = None) -> dict:
    responses: dict = {}
    ok_response: dict = {"description": summary}
    if schema:
        ok_response["content"] = {"application/json": {"schema": ref(schema)}}
    if links:
        ok_response["links"] = links
    responses[ok] = ok_response
    for code, name in {**ERRORS, **(extra or {})}.items():
        if code != ok:
            responses[code] = ({"description": "no content"} if name is None else
                               {"description": "error", "content": {"application/json": {"schema": ref(name)}}})
    operation: dict = {"operationId": op_id, "summary": summary, "parameters": params or [],
                       "responses": responses}
    if body:
        operation["requestBody"] = {"required": True, "content": {"application/json": {"schema": ref(body)}}}
    return operation


@cache
def _paths() -> dict:
    t = _path("objectType", {"enum": OBJ_SEGMENTS})
    oid = _path("objectId")
    to = _path("toObjectType", {"enum": OBJ_SEGMENTS})
    to_id = _path("toObjectId")
    pt = _path("objectType", {"enum": ["deals", "orders", "tickets"]})
    pid, sid = _path("pipelineId"), _path("stageId")
    app_id, sub_id = _path("appId"), _path("subscriptionId")
    partial = {"207": "ObjectBatch"}
    links = {"GetCreated": {"operationId": "getObject",
                            "parameters": {"objectType": "$request.path.objectType", "objectId": "$response.body#/id"}},
             "ArchiveCreated": {"operationId": "archiveObject",
                                "parameters": {"objectType": "$request.path.objectType",
                                               "objectId": "$response.body#/id"}}}
    o = "/crm/v3/objects/{objectType}"
    v4 = "/crm/v4/objects/{objectType}/{objectId}/associations"
    pair = "/crm/v4/associations/{objectType}/{toObjectType}"
    pp = "/crm/v3/pipelines/{objectType}"
    props = "/crm/v3/properties/{objectType}"
    wh = "/webhooks/v3/{appId}"  # the app-webhooks API takes the developer key, not the private-app token
    return {
        o: {"get": _op("listObjects", "List records (keyset pages)", "200", "ObjectList",
                       [t, _param("limit", schema={"type": "integer", "minimum": 1, "maximum": 100}),
                        _param("after"), *LIST_PARAMS]),
            "post": _op("createObject", "Create a record", "201", "SimplePublicObject", [t], "ObjectInput",
                        links)},
        f"{o}/{{objectId}}": {
            "get": _op("getObject", "Read a record", "200", "SimplePublicObject",
                       [t, oid, *LIST_PARAMS, _param("idProperty")]),
            "patch": _op("updateObject", "Update a record", "200", "SimplePublicObject",
                         [t, oid, _param("idProperty")], "ObjectInput"),
            "delete": _op("archiveObject", "Archive a record", "204", None, [t, oid])},
        f"{o}/batch/create": {"post": _op("batchCreate", "Create up to 100", "201", "ObjectBatch", [t], "ObjectBatchInput",
                                          extra=partial)},
        f"{o}/batch/read": {"post": _op("batchRead", "Read up to 100", "200", "ObjectBatch",
                                        [t, _param("archived", schema=BOOL)], "ReadBatchInput", extra=partial)},
        f"{o}/batch/update": {"post": _op("batchUpdate", "Update up to 100", "200", "ObjectBatch", [t], "ObjectBatchInput",
                                          extra=partial)},
        f"{o}/batch/upsert": {"post": _op("batchUpsert", "Upsert by a unique property", "200", "UpsertBatch", [t],
                                          "ObjectBatchInput")},
        f"{o}/batch/archive": {"post": _op("batchArchive", "Archive up to 100", "204", None, [t], "IdBatchInput")},
        f"{o}/search": {"post": _op("search", "Search records", "200", "SearchResult", [t], "SearchRequest")},
        f"{o}/gdpr-delete": {"post": _op("gdprDelete", "Delete a contact permanently", "204", None, [t],
                                         "GdprDeleteInput")},
        f"{v4}/{{toObjectType}}": {"get": _op("listAssociations", "Associations of a record", "200",
                                              "AssociatedList", [t, oid, to, _param("after"),
                                                                 _param("limit", schema=INT)])},
        f"{v4}/default/{{toObjectType}}/{{toObjectId}}": {
            "put": _op("associateDefault", "Default association", "200", "DefaultAssociationBatch",
                       [t, oid, to, to_id])},
        f"{v4}/{{toObjectType}}/{{toObjectId}}": {
            "put": {**_op("associateLabelled", "Labelled association", "201", "LabelsBetween", [t, oid, to, to_id]),
                    "requestBody": {"required": True, "content": {"application/json": {
                        "schema": arr(ref("AssociationSpec"))}}}},
            "delete": _op("removeAssociation", "Remove all associations of a pair", "204", None,
                          [t, oid, to, to_id])},
        f"{pair}/batch/create": {"post": _op("v4BatchCreate", "Create labelled associations", "201", "LabelsBatch",
                                             [t, to], "BatchInput")},
        f"{pair}/batch/associate/default": {"post": _op("v4BatchDefault", "Default associations", "200",
                                                        "DefaultAssociationBatch", [t, to], "BatchInput")},
        f"{pair}/batch/read": {"post": _op("v4BatchRead", "Read associations", "200", "AssociationReadBatch",
                                           [t, to], "BatchInput", extra={"207": "AssociationReadBatch"})},
        f"{pair}/batch/archive": {"post": _op("v4BatchArchive", "Remove associations", "204", None, [t, to],
                                              "BatchInput")},
        f"{pair}/batch/labels/archive": {"post": _op("v4BatchArchiveLabels", "Remove labels", "204", None,
                                                     [t, to], "BatchInput")},
        f"{pair}/labels": {"get": _op("listLabels", "Association types of a pair", "200", "TypeList", [t, to]),
                           "post": _op("createLabel", "Create a label", "200", "TypeList", [t, to], "Group"),
                           "put": _op("updateLabel", "Rename a label", "204", None, [t, to], "BatchInput")},
        f"{pair}/labels/{{associationTypeId}}": {"delete": _op("deleteLabel", "Delete a label", "204", None,
                                                               [t, to, _path("associationTypeId")])},
        "/crm/v3/associations/{objectType}/{toObjectType}/batch/{action}": {
            "post": _op("v3Batch", "v3 association batch (create 201, read 200/207, archive 204)", "200",
                        "V3AssociationBatch", [t, to, _path("action", {"enum": ["create", "read", "archive"]})],
                        "BatchInput", extra={"201": "V3AssociationBatch", "207": "V3AssociationBatch", "204": None})},
        pp: {"get": _op("listPipelines", "Pipelines", "200", "PipelineList", [pt]),
             "post": _op("createPipeline", "Create a pipeline", "201", "Pipeline", [pt], "PipelineInput")},
        f"{pp}/{{pipelineId}}": {
            "get": _op("getPipeline", "A pipeline", "200", "Pipeline", [pt, pid]),
            "patch": _op("updatePipeline", "Update a pipeline", "200", "Pipeline", [pt, pid], "Group"),
            "put": _op("replacePipeline", "Replace a pipeline", "200", "Pipeline", [pt, pid], "PipelineInput"),
            "delete": _op("deletePipeline", "Delete a pipeline", "204", None, [pt, pid])},
        f"{pp}/{{pipelineId}}/stages": {
            "get": _op("listStages", "Stages", "200", "StageList", [pt, pid]),
            "post": _op("createStage", "Create a stage", "201", "Stage", [pt, pid], "StageInput")},
        f"{pp}/{{pipelineId}}/stages/{{stageId}}": {
            "get": _op("getStage", "A stage", "200", "Stage", [pt, pid, sid]),
            "patch": _op("updateStage", "Update a stage", "200", "Stage", [pt, pid, sid], "StageInput"),
            "put": _op("replaceStage", "Replace a stage", "200", "Stage", [pt, pid, sid], "StageInput"),
            "delete": _op("deleteStage", "Delete a stage", "204", None, [pt, pid, sid])},
        props: {"get": _op("listProperties", "Properties", "200", "PropertyList",
                           [t, _param("archived", schema=BOOL), _param("properties", schema=arr(STR))]),
                "post": _op("createProperty", "Create a property", "201", "Property", [t], "PropertyInput")},
        f"{props}/{{propertyName}}": {
            "get": _op("getProperty", "A property", "200", "Property", [t, _path("propertyName")]),
            "patch": _op("updateProperty", "Update a property", "200", "Property", [t, _path("propertyName")],
                         "Group"),
            "delete": _op("archiveProperty", "Archive a property", "204", None, [t, _path("propertyName")])},
        f"{props}/batch/{{action}}": {
            "post": _op("propertyBatch", "Properties batch (create 201, read 200, archive 204)", "200",
                        "PropertyBatch", [t, _path("action", {"enum": ["create", "read", "archive"]})], "BatchInput",
                        extra={"201": "PropertyBatch", "207": "PropertyBatch", "204": None})},
        f"{props}/groups": {"get": _op("listGroups", "Property groups", "200", "GroupList", [t]),
                            "post": _op("createGroup", "Create a group", "201", "Group", [t], "Group")},
        f"{props}/groups/{{groupName}}": {
            "get": _op("getGroup", "A group", "200", "Group", [t, _path("groupName")]),
            "patch": _op("updateGroup", "Update a group", "200", "Group", [t, _path("groupName")], "Group"),
            "delete": _op("archiveGroup", "Archive a group", "204", None, [t, _path("groupName")])},
        f"{wh}/settings": {
            "get": {**_op("getSettings", "Webhook settings", "200", "Settings", [app_id]), "security": DEVELOPER_KEY},
            "put": {**_op("putSettings", "Set the target URL", "200", "Settings", [app_id], "Settings"),
                    "security": DEVELOPER_KEY},
            "delete": {**_op("deleteSettings", "Remove the target", "204", None, [app_id]),
                       "security": DEVELOPER_KEY}},
        f"{wh}/subscriptions": {
            "get": {**_op("listSubscriptions", "Subscriptions", "200", "SubscriptionList", [app_id]),
                    "security": DEVELOPER_KEY},
            "post": {**_op("createSubscription", "Subscribe", "201", "Subscription", [app_id],
                           "Subscription"), "security": DEVELOPER_KEY}},
        f"{wh}/subscriptions/batch/update": {
            "post": {**_op("batchUpdateSubscriptions", "Activate/deactivate", "200", "SubscriptionBatch",
                           [app_id], "BatchInput", extra={"207": "SubscriptionBatch"}), "security": DEVELOPER_KEY}},
        f"{wh}/subscriptions/{{subscriptionId}}": {
            "get": {**_op("getSubscription", "A subscription", "200", "Subscription", [app_id, sub_id]),
                    "security": DEVELOPER_KEY},
            "patch": {**_op("patchSubscription", "Update a subscription", "200", "Subscription",
                            [app_id, sub_id], "Subscription"), "security": DEVELOPER_KEY},
            "delete": {**_op("deleteSubscription", "Delete a subscription", "204", None,
                             [app_id, sub_id]), "security": DEVELOPER_KEY}},
    }


# Legacy prefix -> dated prefix: every family below is served on /crm/<family>/{version}/ as well.
DATED_PREFIXES = (("/crm/v3/objects/", "/crm/objects/{version}/"),
                  ("/crm/v4/objects/", "/crm/objects/{version}/"),
                  ("/crm/v4/associations/", "/crm/associations/{version}/"),
                  ("/crm/v3/pipelines/", "/crm/pipelines/{version}/"),
                  ("/crm/v3/properties/", "/crm/properties/{version}/"))
_DATED_REFS = {f"#/components/schemas/{name[:-5]}": f"#/components/schemas/{name}" for name in DATED_SCHEMAS}
UNIMPLEMENTED = "x-mock-unimplemented"  # real HubSpot operations the mock answers with 501


def _dated_op(operation: dict, template: str) -> dict:
    """A legacy operation as served on the dated paths (``{version}`` parameter, dated shapes and statuses:
    from 2026-09 batch creates may answer 200 and batch archives answer a 200 batch body)."""
    out = copy.deepcopy(operation)
    responses = out["responses"]
    if "/batch/" in template:
        if "201" in responses and "200" not in responses:
            responses["200"] = copy.deepcopy(responses["201"])
        if "204" in responses and "200" not in responses:
            responses["200"] = {"description": "batch done", "content": {"application/json": {
                "schema": ref("VoidBatch")}}}
    out["operationId"] = operation["operationId"] + "Dated"
    out["parameters"] = [_path("version", {"enum": list(DATED_VERSIONS)}), *out["parameters"]]

    def swap(node: object) -> None:
        if isinstance(node, dict):
            if node.get("$ref") in _DATED_REFS:
                node["$ref"] = _DATED_REFS[node["$ref"]]
            if "operationId" in node and "parameters" in node and isinstance(node.get("parameters"), dict):
                node["operationId"] += "Dated"  # an OpenAPI link to another operation of the same family
                node["parameters"] = {"version": "$request.path.version", **node["parameters"]}
            for value in node.values():
                swap(value)
        elif isinstance(node, list):
            for value in node:
                swap(value)

    swap(out["responses"])
    return out


def _unimplemented(op_id: str, params: list) -> dict:
    return {"operationId": op_id, "summary": "A real HubSpot operation this mock does not implement",
            UNIMPLEMENTED: True, "parameters": params,
            "responses": {"501": {"description": "not implemented", "content": {"application/json": {
                "schema": ref("Error")}}}, "401": {"description": "error", "content": {"application/json": {
                    "schema": ref("Error")}}}}}


@cache
def _all_paths() -> dict:
    """The legacy paths, their dated twins, the v4 label alias and the association limits."""
    legacy = _paths()
    paths = dict(legacy)
    for template, item in legacy.items():
        for old, new in DATED_PREFIXES:
            if template.startswith(old):
                paths[new + template[len(old):]] = {m: _dated_op(op, template) for m, op in item.items()}
    t = _path("objectType", {"enum": OBJ_SEGMENTS})
    to = _path("toObjectType", {"enum": OBJ_SEGMENTS})
    alias = "/crm/associations/v4/{objectType}/{toObjectType}"  # the path HubSpot's v4 reference names
    for template, item in legacy.items():
        if template.startswith("/crm/v4/associations/"):
            paths[alias + template[len("/crm/v4/associations/{objectType}/{toObjectType}"):]] = {
                m: {**copy.deepcopy(op), "operationId": op["operationId"] + "V4Alias"} for m, op in item.items()}
    version = _path("version", {"enum": list(DATED_VERSIONS)})
    action = _path("action", {"enum": ["create", "update", "purge"]})
    for base, suffix, extra in (("/crm/associations/v4/definitions/configurations", "V4", []),
                                ("/crm/v4/associations/definitions/configurations", "V4Legacy", []),
                                ("/crm/associations/{version}/definitions/configurations", "Dated", [version])):
        paths[f"{base}/all"] = {"get": _op(f"listAssociationLimits{suffix}", "Association limits", "200",
                                           "AssociationLimitList", [*extra])}
        paths[f"{base}/{{objectType}}/{{toObjectType}}"] = {
            "get": _op(f"getAssociationLimits{suffix}", "Association limits of a pair", "200",
                       "AssociationLimitList", [*extra, t, to])}
        paths[f"{base}/{{objectType}}/{{toObjectType}}/batch/{{action}}"] = {
            "post": _op(f"setAssociationLimits{suffix}", "Set (create, update 200) or purge (204) limits", "200",
                        "AssociationLimitBatch", [*extra, t, to, action], "AssociationLimitInput",
                        extra={"201": "AssociationLimitBatch", "204": None})}
    oid, pid, sid = _path("objectId"), _path("pipelineId"), _path("stageId")
    pt = _path("objectType", {"enum": ["deals", "orders", "tickets"]})
    paths["/crm/v3/objects/{objectType}/merge"] = {"post": _unimplemented("mergeObjects", [t])}
    paths["/crm/objects/{version}/{objectType}/merge"] = {"post": _unimplemented("mergeObjectsDated", [version, t])}
    for prefix, suffix, extra in (("/crm/v3/pipelines", "", []), ("/crm/pipelines/{version}", "Dated", [version])):
        paths[f"{prefix}/{{objectType}}/{{pipelineId}}/audit"] = {
            "get": _unimplemented(f"pipelineAudit{suffix}", [*extra, pt, pid])}
        paths[f"{prefix}/{{objectType}}/{{pipelineId}}/stages/{{stageId}}/audit"] = {
            "get": _unimplemented(f"stageAudit{suffix}", [*extra, pt, pid, sid])}
    for prefix, suffix, extra in (("/crm/associations/v4", "V4", []), ("/crm/associations/{version}", "Dated",
                                                                        [version])):
        paths[f"{prefix}/usage/high-usage-report/{{userId}}"] = {
            "post": _unimplemented(f"associationUsageReport{suffix}", [*extra, _path("userId")])}
    owner = _path("ownerId")
    paths["/account-info/v3/details"] = {"get": _op("getAccountDetails", "The account the token belongs to", "200",
                                                    "AccountDetails")}
    paths["/crm/owners/v3"] = {"get": _unimplemented("listOwners", [])}
    paths["/crm/owners/v3/{ownerId}"] = {"get": _unimplemented("getOwner", [owner])}
    paths["/crm/owners/{version}"] = {"get": _unimplemented("listOwnersDated", [version])}
    paths["/crm/owners/{version}/{ownerId}"] = {"get": _unimplemented("getOwnerDated", [version, owner])}
    paths["/crm/limits/{version}/{rest}"] = {"get": _unimplemented("crmLimitsDated", [version, _path("rest")])}
    v3_basic = "/crm/v3/objects/{objectType}/{objectId}/associations/{rest}"
    paths[v3_basic] = {m: _unimplemented(f"v3BasicAssociations{m.title()}", [t, oid, _path("rest")])
                       for m in ("get", "put", "delete")}
    return paths


def build_openapi(server_url: str = "http://127.0.0.1") -> dict:
    """The document served at ``/openapi.json``."""
    return {
        "openapi": "3.1.0",
        "info": {"title": "HubSpot CRM API mock", "version": "1.0.0",
                 "description": "The operations this mock implements, described from its own behaviour."},
        "servers": [{"url": server_url}],
        "security": [{"bearer": []}],
        "paths": _all_paths(),
        "components": {"schemas": SCHEMAS,
                       "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"},
                                           "hapikey": {"type": "apiKey", "in": "query", "name": "hapikey"}}},
    }
