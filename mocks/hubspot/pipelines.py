"""Pipeline and stage routes (deals, orders, tickets) on ``/crm/v3/pipelines`` and ``/crm/pipelines/<version>``."""

from __future__ import annotations

from flask import Flask, request

from mocks.hubspot import errors
from mocks.hubspot.objecttypes import PIPELINE_OBJECTS
from mocks.hubspot.web import DATED, add_routes, json_object, no_content, respond, store


def _kind(object_type: str) -> str:
    kind = PIPELINE_OBJECTS.get(object_type.lower())
    if kind is None:
        raise errors.validation(f"Object type {object_type} does not support pipelines",
                                context={"objectType": [object_type]})
    return kind


def list_pipelines(object_type: str):
    return respond({"results": store().pipelines.all(_kind(object_type))})


def get_pipeline(object_type: str, pipeline_id: str):
    return respond(store().pipelines.get(_kind(object_type), pipeline_id))


def create_pipeline(object_type: str):
    kind = _kind(object_type)
    return respond(store().create_pipeline(kind, json_object()), 201)


def update_pipeline(object_type: str, pipeline_id: str):
    kind = _kind(object_type)
    return respond(store().update_pipeline(kind, pipeline_id, json_object()))


def replace_pipeline(object_type: str, pipeline_id: str):
    kind = _kind(object_type)
    return respond(store().replace_pipeline(kind, pipeline_id, json_object()))


def delete_pipeline(object_type: str, pipeline_id: str):
    store().delete_pipeline(_kind(object_type), pipeline_id)
    return no_content()


def list_stages(object_type: str, pipeline_id: str):
    return respond({"results": store().pipelines.get(_kind(object_type), pipeline_id)["stages"]})


def get_stage(object_type: str, pipeline_id: str, stage_id: str):
    return respond(store().pipelines.stage(_kind(object_type), pipeline_id, stage_id))


def create_stage(object_type: str, pipeline_id: str):
    kind = _kind(object_type)
    return respond(store().create_stage(kind, pipeline_id, json_object()), 201)


def update_stage(object_type: str, pipeline_id: str, stage_id: str):
    kind = _kind(object_type)
    return respond(store().update_stage(kind, pipeline_id, stage_id, json_object()))


def replace_stage(object_type: str, pipeline_id: str, stage_id: str):
    kind = _kind(object_type)
    return respond(store().update_stage(kind, pipeline_id, stage_id, json_object(), replace=True))


def delete_stage(object_type: str, pipeline_id: str, stage_id: str):
    store().delete_stage(_kind(object_type), pipeline_id, stage_id)
    return no_content()


def not_implemented(**_kwargs):
    raise errors.not_implemented(request.method, request.path)


def register(app: Flask) -> None:
    bases = ["/crm/v3/pipelines/<object_type>", f"/crm/pipelines/{DATED}/<object_type>"]

    def both(tail: str) -> list[str]:
        return [base + tail for base in bases]

    one, stage = "/<pipeline_id>", "/<pipeline_id>/stages/<stage_id>"
    add_routes(app, [
        (both(""), "list_pipelines", ["GET"], list_pipelines),
        (both(""), "create_pipeline", ["POST"], create_pipeline),
        (both(one), "get_pipeline", ["GET"], get_pipeline),
        (both(one), "update_pipeline", ["PATCH"], update_pipeline),
        (both(one), "replace_pipeline", ["PUT"], replace_pipeline),
        (both(one), "delete_pipeline", ["DELETE"], delete_pipeline),
        (both(f"{one}/stages"), "list_stages", ["GET"], list_stages),
        (both(f"{one}/stages"), "create_stage", ["POST"], create_stage),
        (both(stage), "get_stage", ["GET"], get_stage),
        (both(stage), "update_stage", ["PATCH"], update_stage),
        (both(stage), "replace_stage", ["PUT"], replace_stage),
        (both(stage), "delete_stage", ["DELETE"], delete_stage),
        (both(f"{one}/audit") + both(f"{stage}/audit"), "pipeline_audit", ["GET"], not_implemented),
    ])
