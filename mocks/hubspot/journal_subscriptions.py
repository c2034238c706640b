"""Journal subscription bodies: validate an upsert request per subscription type into the stored form.

Pure functions, no state. The required fields per type are those of HubSpot's published 2026-03 request
schemas; object types are the ones the mock serves (plural, singular or type id, stored as the type id).
"""

from __future__ import annotations

from mocks.hubspot import errors
from mocks.hubspot.objecttypes import resolve

ACTIONS = ("CREATE", "UPDATE", "DELETE", "MERGE", "RESTORE", "ASSOCIATION_ADDED", "ASSOCIATION_REMOVED",
           "SNAPSHOT", "APP_INSTALL", "APP_UNINSTALL", "ADDED_TO_LIST", "REMOVED_FROM_LIST", "GDPR_DELETE")
SUBSCRIPTION_TYPES = ("OBJECT", "ASSOCIATION", "APP_LIFECYCLE_EVENT", "LIST_MEMBERSHIP", "GDPR_PRIVACY_DELETION")
# Required body fields per subscription type (the published 2026-03 request schemas).
REQUIRED = {"OBJECT": ("actions", "objectIds", "objectTypeId", "portalId", "properties"),
            "ASSOCIATION": ("actions", "associatedObjectTypeIds", "objectIds", "objectTypeId", "portalId"),
            "APP_LIFECYCLE_EVENT": ("eventTypeId", "properties"),
            "LIST_MEMBERSHIP": ("actions", "listIds", "objectIds", "portalId"),
            "GDPR_PRIVACY_DELETION": ("actions", "objectTypeId", "portalId")}
INT64_MAX = 2**63 - 1


def parse_subscription(body: dict, granted: frozenset[str], app_id: int) -> dict:
    """The subscription as stored (without id and timestamps); 400/403 for what HubSpot would refuse.

    ``granted``: the token's scopes (subscribing to an object type needs its ``crm.objects.*.read``).
    """
    kind = body.get("subscriptionType")
    if kind not in SUBSCRIPTION_TYPES:
        raise errors.validation(f"subscriptionType must be one of {', '.join(SUBSCRIPTION_TYPES)}",
                                context={"subscriptionType": [str(kind)]})
    missing = [name for name in REQUIRED[kind] if body.get(name) is None]
    if missing:
        raise errors.validation(f"Some required fields were not set: [{', '.join(missing)}]",
                                errors=[{"message": f"{m} is required", "code": "REQUIRED_FIELD", "in": m}
                                        for m in missing])
    sub = {"subscriptionType": kind, "appId": app_id}
    actions = _string_list(body.get("actions", []), "actions")
    bad = [a for a in actions if a not in ACTIONS]
    if bad:
        raise errors.validation(f"Unknown actions: {', '.join(bad)}", context={"actions": bad})
    sub["actions"] = list(dict.fromkeys(actions))
    if kind == "APP_LIFECYCLE_EVENT":
        sub["objectTypeId"] = str(body["eventTypeId"])
        sub["properties"] = _string_list(body["properties"], "properties")
    else:
        sub["portalId"] = _int(body["portalId"], "portalId")
        sub["objectIds"] = [_int(i, "objectIds") for i in _list(body["objectIds"], "objectIds")] \
            if "objectIds" in REQUIRED[kind] else []
    if kind in ("OBJECT", "ASSOCIATION", "GDPR_PRIVACY_DELETION"):
        t = resolve(str(body["objectTypeId"]))
        if t is None:
            raise errors.validation(f"Unknown objectTypeId {body['objectTypeId']}",
                                    context={"objectTypeId": [str(body["objectTypeId"])]})
        needed = f"crm.objects.{t.scope}.read"
        if needed not in granted:
            raise errors.missing_scopes([needed])
        sub["objectTypeId"] = t.type_id
    if kind == "OBJECT":
        sub["properties"] = _string_list(body["properties"], "properties")
    if kind == "ASSOCIATION":
        ids = []
        for raw in _string_list(body["associatedObjectTypeIds"], "associatedObjectTypeIds"):
            other = resolve(raw)
            if other is None:
                raise errors.validation(f"Unknown associatedObjectTypeId {raw}",
                                        context={"associatedObjectTypeIds": [raw]})
            ids.append(other.type_id)
        sub["associatedObjectTypeIds"] = ids
    if kind == "LIST_MEMBERSHIP":
        sub["objectTypeId"] = "0-45"  # lists; the mock serves none, so nothing is ever journaled
        sub["listIds"] = [_int(i, "listIds") for i in _list(body["listIds"], "listIds")]
    if isinstance(body.get("actionOverrides"), dict):
        sub["actionOverrides"] = body["actionOverrides"]
    return sub


def _list(value: object, name: str) -> list:
    if not isinstance(value, list):
        raise errors.validation(f"{name} must be an array", context={name: [str(value)]})
    return value


def _string_list(value: object, name: str) -> list[str]:
    items = _list(value, name)
    if not all(isinstance(i, str) for i in items):
        raise errors.validation(f"{name} must be an array of strings", context={name: [str(i) for i in items]})
    return items


def _int(value: object, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise errors.validation(f"{name} must be an integer", context={name: [str(value)]})
    try:
        number = int(value)
    except ValueError:
        raise errors.validation(f"{name} must be an integer", context={name: [str(value)]}) from None
    if not -INT64_MAX - 1 <= number <= INT64_MAX:
        raise errors.validation(f"{name} is out of range", context={name: [str(value)]})
    return number
