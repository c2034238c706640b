"""Pipelines and stages per object type (state only, no Flask). Stage metadata values are strings."""

from __future__ import annotations

import itertools
import uuid

from mocks.hubspot.errors import ApiError, invalid_type, validation

EPOCH = "1970-01-01T00:00:00Z"  # HubSpot: "default pipelines will have createdAt = 0"
DEFAULT_DEAL_STAGES = [("appointmentscheduled", "Appointment Scheduled", "0.2", "false"),
                       ("qualifiedtobuy", "Qualified To Buy", "0.4", "false"),
                       ("presentationscheduled", "Presentation Scheduled", "0.6", "false"),
                       ("decisionmakerboughtin", "Decision Maker Bought-In", "0.8", "false"),
                       ("contractsent", "Contract Sent", "0.9", "false"),
                       ("closedwon", "Closed Won", "1.0", "true"),
                       ("closedlost", "Closed Lost", "0.0", "true")]
DEFAULT_TICKET_STAGES = [("1", "New", "OPEN"), ("2", "Waiting on contact", "OPEN"),
                         ("3", "Waiting on us", "OPEN"), ("4", "Closed", "CLOSED")]


def _stage(sid: str, label: str, order: int, metadata: dict, at: str) -> dict:
    return {"id": sid, "label": label, "displayOrder": order, "metadata": metadata, "createdAt": at,
            "updatedAt": at, "archived": False, "writePermissions": "CRM_PERMISSIONS_ENFORCEMENT"}


def pipeline_not_found(pipeline_id: str) -> ApiError:
    return ApiError(404, "OBJECT_NOT_FOUND", f"Unable to find pipeline {pipeline_id}",
                    context={"pipelineId": [pipeline_id]})


def stage_not_found(stage_id: str) -> ApiError:
    return ApiError(404, "OBJECT_NOT_FOUND", f"Unable to find stage {stage_id}", context={"stageId": [stage_id]})


def _order(body: dict, default: int) -> int:
    """``displayOrder``: an integer (HubSpot's JSON binding refuses "2", 1.5 or true)."""
    value = body.get("displayOrder", default)
    if not isinstance(value, int) or isinstance(value, bool):
        raise invalid_type("displayOrder", "an integer")
    return value


def _label(body: dict, required: bool = True) -> str | None:
    value = body.get("label")
    if value in (None, ""):
        if required:
            raise validation("Some required fields were not set: [label]",
                             errors=[{"message": "label is required", "code": "REQUIRED_FIELD", "in": "label"}])
        return None
    if not isinstance(value, str):
        raise invalid_type("label", "a string")
    return value


def _edits(body: dict) -> dict:
    """The label/displayOrder/archived fields of a PATCH, type-checked."""
    edits: dict = {}
    if "label" in body:
        edits["label"] = _label(body)
    if "displayOrder" in body:
        edits["displayOrder"] = _order(body, 0)
    if "archived" in body:
        if not isinstance(body["archived"], bool):
            raise invalid_type("archived", "a boolean")
        edits["archived"] = body["archived"]
    return edits


def _metadata(object_type: str, raw: object) -> dict[str, str]:
    """Stage metadata as strings; deals get isClosed from probability, orders/tickets need their state."""
    meta = {str(k): ("true" if v is True else "false" if v is False else str(v))
            for k, v in (raw or {}).items()} if isinstance(raw, dict) else {}
    if object_type == "deals":
        if "probability" not in meta:
            raise validation("Stage metadata must include probability for deal pipelines",
                             errors=[{"message": "probability is required", "code": "REQUIRED_FIELD",
                                      "in": "metadata.probability"}])
        try:
            probability = float(meta["probability"])
        except ValueError:
            raise validation(f"Invalid probability: {meta['probability']}") from None
        if not 0.0 <= probability <= 1.0:
            raise validation("probability must be between 0.0 and 1.0")
        meta.setdefault("isClosed", "true" if probability in (0.0, 1.0) else "false")
    elif object_type == "orders":  # order stages are OPEN or CLOSED (HubSpot's orders guide)
        meta.setdefault("state", "OPEN")
        if meta["state"] not in ("OPEN", "CLOSED"):
            raise validation(f"Invalid order stage state {meta['state']}: use OPEN or CLOSED",
                             errors=[{"message": "state must be OPEN or CLOSED", "code": "INVALID_OPTION",
                                      "in": "metadata.state"}])
    elif object_type == "tickets":
        meta.setdefault("ticketState", "OPEN")
    return meta


class PipelineBook:
    """Every pipeline of every pipeline-bearing object type."""

    def __init__(self) -> None:
        deal = {"id": "default", "label": "Sales Pipeline", "displayOrder": 0, "createdAt": EPOCH,
                "updatedAt": EPOCH, "archived": False,
                "stages": [_stage(sid, label, i, {"isClosed": closed, "probability": p}, EPOCH)
                           for i, (sid, label, p, closed) in enumerate(DEFAULT_DEAL_STAGES)]}
        ticket = {"id": "0", "label": "Support Pipeline", "displayOrder": 0, "createdAt": EPOCH,
                  "updatedAt": EPOCH, "archived": False,
                  "stages": [_stage(sid, label, i, {"ticketState": state}, EPOCH)
                             for i, (sid, label, state) in enumerate(DEFAULT_TICKET_STAGES)]}
        self._seq = itertools.count(1)  # deterministic generated ids (uuid5 of a counter)
        self.by_type: dict[str, dict[str, dict]] = {"deals": {"default": deal}, "orders": {},
                                                     "tickets": {"0": ticket}}

    # -- reads ------------------------------------------------------------------------------------------
    def all(self, object_type: str) -> list[dict]:
        return list(self.by_type[object_type].values())

    def get(self, object_type: str, pipeline_id: str) -> dict:
        pipeline = self.by_type[object_type].get(pipeline_id)
        if pipeline is None:
            raise pipeline_not_found(pipeline_id)
        return pipeline

    def stage(self, object_type: str, pipeline_id: str, stage_id: str) -> dict:
        for stage in self.get(object_type, pipeline_id)["stages"]:
            if stage["id"] == stage_id:
                return stage
        raise stage_not_found(stage_id)

    def find_stage(self, object_type: str, pipeline_id: str | None, stage_id: str) -> dict | None:
        """The stage ``stage_id`` of that pipeline (or of any pipeline when none is given)."""
        pipelines = self.by_type.get(object_type, {})
        candidates = [pipelines[pipeline_id]] if pipeline_id in pipelines else (
            [] if pipeline_id else list(pipelines.values()))
        for pipeline in candidates:
            for stage in pipeline["stages"]:
                if stage["id"] == stage_id:
                    return stage
        return None

    def stage_ids(self, object_type: str, pipeline_id: str | None) -> list[str]:
        pipelines = self.by_type.get(object_type, {})
        chosen = [pipelines[pipeline_id]] if pipeline_id in pipelines else list(pipelines.values())
        return [s["id"] for p in chosen for s in p["stages"]]

    def all_stage_ids(self, object_type: str) -> list[str]:
        return [s["id"] for p in self.by_type.get(object_type, {}).values() for s in p["stages"]]

    # -- writes -----------------------------------------------------------------------------------------
    def _new_id(self, object_type: str) -> str:
        return str(uuid.uuid5(uuid.NAMESPACE_URL, f"hubspot-mock:{object_type}:{next(self._seq)}"))

    def _new_stage(self, object_type: str, raw: dict, order: int, at: str, taken: set[str]) -> dict:
        if not isinstance(raw, dict) or not raw.get("label"):
            raise validation("Each stage needs a label", errors=[{"message": "label is required",
                                                                  "code": "REQUIRED_FIELD", "in": "label"}])
        label, position = _label(raw), _order(raw, order)
        sid = str(raw.get("stageId") or raw.get("id") or self._new_id(object_type))
        if sid in taken:
            raise validation(f"Stage id {sid} is already in use", subCategory="PipelineError.DUPLICATE_STAGE_ID")
        taken.add(sid)
        stage = _stage(sid, label, position, _metadata(object_type, raw.get("metadata")), at)
        return stage

    def create(self, object_type: str, body: dict, at: str) -> dict:
        label, position = _label(body), _order(body, 0)
        pipelines = self.by_type[object_type]
        pid = str(body.get("pipelineId") or body.get("id") or self._new_id(object_type))
        if pid in pipelines or any(p["label"] == body["label"] for p in pipelines.values()):
            raise ApiError(409, "CONFLICT", f"A pipeline with label {body['label']} or id {pid} already exists",
                           subCategory="PipelineError.DUPLICATE_PIPELINE")
        stages_in = body.get("stages")
        if not isinstance(stages_in, list) or not stages_in:
            raise validation("A pipeline needs at least one stage")
        taken = set(self.all_stage_ids(object_type))
        stages = [self._new_stage(object_type, s, i, at, taken) for i, s in enumerate(stages_in)]
        pipeline = {"id": pid, "label": label, "displayOrder": position,
                    "createdAt": at, "updatedAt": at, "archived": False, "stages": stages}
        pipelines[pid] = pipeline
        return pipeline

    def replace(self, object_type: str, pipeline_id: str, body: dict, at: str) -> dict:
        pipeline = self.get(object_type, pipeline_id)
        label, position = _label(body, required=False), _order(body, pipeline["displayOrder"])
        if not isinstance(body.get("stages"), list | None):
            raise invalid_type("stages", "a list")
        taken = set(self.all_stage_ids(object_type)) - {s["id"] for s in pipeline["stages"]}
        stages = [self._new_stage(object_type, s, i, at, taken) for i, s in enumerate(body.get("stages") or [])]
        if not stages:
            raise validation("A pipeline needs at least one stage")
        pipeline.update(label=label or pipeline["label"], stages=stages, updatedAt=at, displayOrder=position)
        return pipeline

    def update(self, object_type: str, pipeline_id: str, body: dict, at: str) -> dict:
        pipeline = self.get(object_type, pipeline_id)
        pipeline.update(_edits(body))
        pipeline["updatedAt"] = at
        return pipeline

    def delete(self, object_type: str, pipeline_id: str) -> dict:
        self.get(object_type, pipeline_id)
        return self.by_type[object_type].pop(pipeline_id)

    def add_stage(self, object_type: str, pipeline_id: str, body: dict, at: str) -> dict:
        pipeline = self.get(object_type, pipeline_id)
        stage = self._new_stage(object_type, body, len(pipeline["stages"]), at,
                                set(self.all_stage_ids(object_type)))
        pipeline["stages"].append(stage)
        pipeline["updatedAt"] = at
        return stage

    def update_stage(self, object_type: str, pipeline_id: str, stage_id: str, body: dict, at: str,
                     replace: bool = False) -> dict:
        stage = self.stage(object_type, pipeline_id, stage_id)
        if replace:
            _label(body)
        edits = _edits(body)
        metadata = _metadata(object_type, body.get("metadata")) if "metadata" in body or replace else None
        stage.update(edits)
        if metadata is not None:
            stage["metadata"] = metadata
        stage["updatedAt"] = at
        return stage

    def delete_stage(self, object_type: str, pipeline_id: str, stage_id: str) -> None:
        pipeline = self.get(object_type, pipeline_id)
        self.stage(object_type, pipeline_id, stage_id)
        pipeline["stages"] = [s for s in pipeline["stages"] if s["id"] != stage_id]
