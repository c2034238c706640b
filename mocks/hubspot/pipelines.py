"""Pipeline and stage routes (deals, orders, tickets)."""

from __future__ import annotations

from flask import Flask

from mocks.hubspot import errors
from mocks.hubspot.objecttypes import PIPELINE_OBJECTS
from mocks.hubspot.store import HubSpotStore
from mocks.hubspot.web import json_object, no_content, respond, store


def _kind(object_type: str) -> str:
    kind = PIPELINE_OBJECTS.get(object_type.lower())
    if kind is None:
        raise errors.validation(f"Object type {object_type} does not support pipelines",
                                context={"objectType": [object_type]})
    return kind


def _check_unused(s: HubSpotStore, kind: str, stage_ids: set[str]) -> None:
    """HubSpot refuses to delete stages that records still use."""
    used = s.stage_in_use(kind, stage_ids)
    if used:
        ids = sorted(stage_ids)
        raise errors.ApiError(400, "VALIDATION_ERROR",
                              f"Stage IDs: {ids} are being referenced by object IDs: {sorted(used)}",
                              context={"stageIds": [str(ids)], "objectIds": [str(sorted(used))]},
                              subCategory="PipelineError.STAGE_ID_IN_USE")


def list_pipelines(object_type: str):
    s = store()
    with s.lock:
        return respond({"results": s.pipelines.all(_kind(object_type))})


def get_pipeline(object_type: str, pipeline_id: str):
    s = store()
    with s.lock:
        return respond(s.pipelines.get(_kind(object_type), pipeline_id))


def create_pipeline(object_type: str):
    s, kind = store(), _kind(object_type)
    body = json_object()
    with s.lock:
        pipeline = s.pipelines.create(kind, body, s.now())
        s.add_stage_properties(kind, pipeline["stages"])
        return respond(pipeline, 201)


def update_pipeline(object_type: str, pipeline_id: str):
    s, kind = store(), _kind(object_type)
    body = json_object()
    with s.lock:
        return respond(s.pipelines.update(kind, pipeline_id, body, s.now()))


def replace_pipeline(object_type: str, pipeline_id: str):
    s, kind = store(), _kind(object_type)
    body = json_object()
    with s.lock:
        old = {st["id"] for st in s.pipelines.get(kind, pipeline_id)["stages"]}
        kept = {str(st.get("stageId") or st.get("id")) for st in body.get("stages") or [] if isinstance(st, dict)}
        _check_unused(s, kind, old - kept)
        pipeline = s.pipelines.replace(kind, pipeline_id, body, s.now())
        s.add_stage_properties(kind, pipeline["stages"])
        return respond(pipeline)


def delete_pipeline(object_type: str, pipeline_id: str):
    s, kind = store(), _kind(object_type)
    with s.lock:
        pipeline = s.pipelines.get(kind, pipeline_id)
        _check_unused(s, kind, {st["id"] for st in pipeline["stages"]})
        s.pipelines.delete(kind, pipeline_id)
    return no_content()


def list_stages(object_type: str, pipeline_id: str):
    s = store()
    with s.lock:
        return respond({"results": s.pipelines.get(_kind(object_type), pipeline_id)["stages"]})


def get_stage(object_type: str, pipeline_id: str, stage_id: str):
    s = store()
    with s.lock:
        return respond(s.pipelines.stage(_kind(object_type), pipeline_id, stage_id))


def create_stage(object_type: str, pipeline_id: str):
    s, kind = store(), _kind(object_type)
    body = json_object()
    with s.lock:
        stage = s.pipelines.add_stage(kind, pipeline_id, body, s.now())
        s.add_stage_properties(kind, [stage])
        return respond(stage, 201)


def update_stage(object_type: str, pipeline_id: str, stage_id: str):
    s, kind = store(), _kind(object_type)
    body = json_object()
    with s.lock:
        return respond(s.pipelines.update_stage(kind, pipeline_id, stage_id, body, s.now()))


def replace_stage(object_type: str, pipeline_id: str, stage_id: str):
    s, kind = store(), _kind(object_type)
    body = json_object()
    with s.lock:
        return respond(s.pipelines.update_stage(kind, pipeline_id, stage_id, body, s.now(), replace=True))


def delete_stage(object_type: str, pipeline_id: str, stage_id: str):
    s, kind = store(), _kind(object_type)
    with s.lock:
        s.pipelines.stage(kind, pipeline_id, stage_id)
        _check_unused(s, kind, {stage_id})
        s.pipelines.delete_stage(kind, pipeline_id, stage_id)
    return no_content()


def register(app: Flask) -> None:
    base = "/crm/v3/pipelines/<object_type>"
    one = f"{base}/<pipeline_id>"
    stage = f"{one}/stages/<stage_id>"
    rules = [
        (base, "list_pipelines", ["GET"], list_pipelines),
        (base, "create_pipeline", ["POST"], create_pipeline),
        (one, "get_pipeline", ["GET"], get_pipeline),
        (one, "update_pipeline", ["PATCH"], update_pipeline),
        (one, "replace_pipeline", ["PUT"], replace_pipeline),
        (one, "delete_pipeline", ["DELETE"], delete_pipeline),
        (f"{one}/stages", "list_stages", ["GET"], list_stages),
        (f"{one}/stages", "create_stage", ["POST"], create_stage),
        (stage, "get_stage", ["GET"], get_stage),
        (stage, "update_stage", ["PATCH"], update_stage),
        (stage, "replace_stage", ["PUT"], replace_stage),
        (stage, "delete_stage", ["DELETE"], delete_stage),
    ]
    for rule, endpoint, methods, view in rules:
        app.add_url_rule(rule, endpoint, view, methods=methods)
