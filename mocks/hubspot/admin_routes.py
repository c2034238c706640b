"""HubSpot-only admin routes: the portal's write-validation rules (enforced on 2026-09+ paths), and edits
"in HubSpot's UI" (a user creating, changing or deleting a record: events say ``changeSource: CRM_UI``)."""

from __future__ import annotations

import json

from flask import Blueprint, Response, request

from mocks.hubspot import errors
from mocks.hubspot.change_source import CRM_UI, ui_user
from mocks.hubspot.errors import ApiError
from mocks.hubspot.objecttypes import resolve
from mocks.hubspot.store import HubSpotStore

DEFAULT_UI_USER = 1  # the user a UI edit is made by when the request names none


def _json(data: object, status: int = 200) -> Response:
    return Response(json.dumps(data), status=status, mimetype="application/json")


def hubspot_admin_blueprint(store: HubSpotStore) -> Blueprint:
    """``GET/PUT /__admin/write-rules``: ``{"<objectType>": {"requiredProperties": [...],
    "conditionallyRequired": [{"property", "equals", "require": [...]}], "requiredAssociations": [...]}}``."""
    bp = Blueprint("hubspot_write_rules", __name__)

    @bp.get("/write-rules")
    def get_rules():  # noqa: ANN202
        return _json(store.write_rules())

    @bp.put("/write-rules")
    def put_rules():  # noqa: ANN202
        try:
            if (request.mimetype or "") != "application/json":
                raise errors.ApiError(415, "VALIDATION_ERROR", "send application/json")
            try:
                body = json.loads(request.get_data() or b"null")
            except (ValueError, RecursionError):
                raise errors.bad_json("the body is not JSON") from None
            return _json(store.set_write_rules(body))
        except ApiError as error:
            return _json({"status": "error", "message": error.message, "category": error.category,
                          **error.extra}, error.status)

    def _ui_body() -> tuple[dict, str]:
        if (request.mimetype or "") != "application/json":
            raise errors.ApiError(415, "VALIDATION_ERROR", "send application/json")
        try:
            body = json.loads(request.get_data() or b"{}")
        except (ValueError, RecursionError):
            raise errors.bad_json("the body is not JSON") from None
        if not isinstance(body, dict):
            raise errors.validation("the body must be a JSON object")
        user = body.get("userId", DEFAULT_UI_USER)
        if not isinstance(user, int) or isinstance(user, bool) or user <= 0:
            raise errors.validation("userId must be a positive integer")
        return body, ui_user(user)

    def _type(object_type: str):  # noqa: ANN202
        t = resolve(object_type)
        if t is None:
            raise ApiError(404, "OBJECT_NOT_FOUND", f"Unknown object type {object_type}")
        return t

    def _ui(action):  # noqa: ANN001, ANN202
        try:
            return action()
        except ApiError as error:
            return _json({"status": "error", "message": error.message, "category": error.category,
                          **error.extra}, error.status)

    @bp.post("/ui/objects/<object_type>")
    def ui_create(object_type: str):  # noqa: ANN202
        """``{"properties": {...}, "userId": 7}``: a user creates the record in HubSpot."""
        def action() -> Response:
            t = _type(object_type)
            body, source_id = _ui_body()
            with store.writing_as(CRM_UI, source_id):
                record = store.create(t, body.get("properties", {}))
            return _json(record.to_dict(), 201)  # type: ignore[union-attr]
        return _ui(action)

    @bp.patch("/ui/objects/<object_type>/<object_id>")
    def ui_update(object_type: str, object_id: str):  # noqa: ANN202
        """``{"properties": {...}, "userId": 7}``: a user edits the record in HubSpot."""
        def action() -> Response:
            t = _type(object_type)
            body, source_id = _ui_body()
            with store.writing_as(CRM_UI, source_id):
                record = store.update(t, object_id, body.get("properties", {}))
            return _json(record.to_dict())
        return _ui(action)

    @bp.delete("/ui/objects/<object_type>/<object_id>")
    def ui_delete(object_type: str, object_id: str):  # noqa: ANN202
        """``?userId=7``: a user deletes (archives) the record in HubSpot."""
        def action() -> Response:
            t = _type(object_type)
            user = request.args.get("userId", str(DEFAULT_UI_USER))
            if not user.isdigit() or int(user) <= 0:
                raise errors.validation("userId must be a positive integer")
            with store.writing_as(CRM_UI, ui_user(int(user))):
                found = store.archive(t, object_id)
            if not found:
                raise errors.not_found(object_id)
            return Response(status=204)
        return _ui(action)

    return bp
