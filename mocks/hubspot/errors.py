"""HubSpot's error bodies. Routes and the store raise :class:`ApiError`; the app renders it."""

from __future__ import annotations

import json
from typing import Any

SCOPES_URL = "https://developers.hubspot.com/scopes"


class ApiError(Exception):
    """An error answer: HTTP status plus the body fields (``correlationId`` is added when rendered)."""

    def __init__(self, status: int, category: str, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.status, self.category, self.message, self.extra = status, category, message, extra

    def body(self, correlation_id: str) -> dict:
        body: dict[str, Any] = {"status": "error", "message": self.message, "correlationId": correlation_id}
        body.update(self.extra)
        if self.category:  # rate-limit bodies carry errorType/policyName and no category
            body["category"] = self.category
        return body


def validation(message: str, **extra: Any) -> ApiError:
    return ApiError(400, "VALIDATION_ERROR", message, **extra)


def not_found(object_id: str, message: str = "Object not found.  objectId are usually numeric.") -> ApiError:
    """404 for an unknown record id (the one real body observed, used for every id)."""
    return ApiError(404, "OBJECT_NOT_FOUND", message, context={"id": [str(object_id)]})


def conflict(message: str, **extra: Any) -> ApiError:
    return ApiError(409, "CONFLICT", message, **extra)


def contact_exists(existing_id: int | str) -> ApiError:
    return conflict(f"Contact already exists. Existing ID: {existing_id}")


def property_errors(problems: list[dict], portal_id: int) -> ApiError:
    """400 "Property values were not valid" carrying one entry per bad property.

    Each problem is ``{"name", "message", "error"}`` (error: PROPERTY_DOESNT_EXIST, READ_ONLY_VALUE,
    INVALID_OPTION, INVALID_INTEGER, INVALID_DATE, INVALID_UNIQUE_VALUE ...).
    """
    inner = []
    for p in problems:
        entry = {"isValid": False, "message": p["message"], "error": p["error"], "name": p["name"],
                 "localizedErrorMessage": p["message"]}
        if p.get("value") is not None:
            entry["propertyValue"] = p["value"]
        entry["portalId"] = portal_id
        inner.append(entry)
    errors = [{"message": p["message"], "code": p["error"], "context": {"propertyName": [p["name"]]}}
              for p in problems]
    text = "Property values were not valid: " + json.dumps(inner, separators=(",", ":"))
    return ApiError(400, "VALIDATION_ERROR", text, errors=errors)


def unauthorized() -> ApiError:
    return ApiError(401, "INVALID_AUTHENTICATION",
                    "Authentication credentials not found. This API supports OAuth 2.0 authentication and you can "
                    "find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview")


def missing_scopes(required: list[str]) -> ApiError:
    return ApiError(403, "MISSING_SCOPES",
                    "This app hasn't been granted all required scopes to make this call. Read more about required "
                    f"scopes here: {SCOPES_URL}.",
                    errors=[{"message": "One or more of the following scopes are required.",
                             "context": {"requiredGranularScopes": required}}],
                    links={"scopes": SCOPES_URL})


def rate_limited(policy: str, request_id: str) -> ApiError:
    message = {"DAILY": "You have reached your daily limit.",
               "TEN_SECONDLY_ROLLING": "You have reached your ten_secondly_rolling limit.",
               "SECONDLY": "You have reached your secondly limit."}[policy]
    return ApiError(429, "", message, errorType="RATE_LIMIT", policyName=policy, requestId=request_id)


def bad_json(detail: str) -> ApiError:
    return validation(f"Invalid input JSON on line 1, column 1: {detail}",
                      errors=[{"message": detail, "code": "INVALID_JSON"}])


def missing_field(field: str, where: str = "body") -> ApiError:
    message = f"Some required fields were not set: [{field}]"
    return validation(message, errors=[{"message": f"{field} is required", "code": "REQUIRED_FIELD",
                                        "in": field, "context": {"field": [field]}}])


def invalid_type(field: str, expected: str) -> ApiError:
    """400 for a field of the wrong JSON type (HubSpot's JSON binding refuses it before any lookup)."""
    message = f"Invalid input JSON: {field} must be {expected}"
    return validation(message, errors=[{"message": f"{field} must be {expected}", "code": "INVALID_TYPE",
                                         "in": field, "context": {"field": [field]}}])


def not_implemented(method: str, path: str) -> ApiError:
    """501 for a real HubSpot endpoint the mock does not serve (one body for all of them)."""
    return ApiError(501, "NOT_IMPLEMENTED",
                    f"{method} {path} is a real HubSpot endpoint that this mock does not implement")
