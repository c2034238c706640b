"""HubSpot-only admin routes: the portal's write-validation rules (enforced on 2026-09+ paths)."""

from __future__ import annotations

import json

from flask import Blueprint, Response, request

from mocks.hubspot import errors
from mocks.hubspot.errors import ApiError
from mocks.hubspot.store import HubSpotStore


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

    return bp
