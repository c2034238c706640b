"""The OpenAPI description of the Webhooks Journal, token and journal-file routes (written from the mock's
own behaviour), merged into the document at ``/openapi.json`` by :func:`add_journal`."""

from __future__ import annotations

from functools import cache

from mocks.hubspot.journal_filters import FILTER_TYPES, OPERATORS
from mocks.hubspot.journal_routes import FILES, TOKEN_PATHS, VERSIONS
from mocks.hubspot.journal_subscriptions import ACTIONS, SUBSCRIPTION_TYPES

STR, INT, DT = {"type": "string"}, {"type": "integer"}, {"type": "string", "format": "date-time"}
ERROR = {"$ref": "#/components/schemas/Error"}


def _arr(item: dict) -> dict:
    return {"type": "array", "items": item}


def _obj(props: dict, required: list[str] | None = None) -> dict:
    schema: dict = {"type": "object", "properties": props}
    if required:
        schema["required"] = required
    return schema


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


ACTION = {"enum": list(ACTIONS)}
SCHEMAS = {
    "JournalSubscriptionInput": _obj({
        "subscriptionType": {"enum": list(SUBSCRIPTION_TYPES)}, "objectTypeId": STR, "portalId": INT,
        "actions": _arr(ACTION), "properties": _arr(STR), "objectIds": _arr(INT),
        "associatedObjectTypeIds": _arr(STR), "listIds": _arr(INT), "eventTypeId": STR,
        "actionOverrides": {"type": "object"}}, ["subscriptionType"]),
    "JournalSubscription": _obj({
        "id": INT, "appId": INT, "subscriptionType": {"enum": list(SUBSCRIPTION_TYPES)}, "objectTypeId": STR,
        "portalId": INT, "actions": _arr(ACTION), "properties": _arr(STR), "objectIds": _arr(INT),
        "associatedObjectTypeIds": _arr(STR), "listIds": _arr(INT), "actionOverrides": {"type": "object"},
        "createdAt": DT, "updatedAt": DT}, ["id", "appId", "subscriptionType", "objectTypeId", "actions",
                                            "createdAt", "updatedAt"]),
    "JournalSubscriptionList": _obj({"results": _arr(_ref("JournalSubscription"))}, ["results"]),
    "JournalFilter": _obj({"conditions": _arr(_obj({
        "filterType": {"enum": list(FILTER_TYPES)}, "operator": {"enum": list(OPERATORS)}, "property": STR,
        "value": STR, "values": _arr(STR)}, ["filterType", "operator", "property"]))}, ["conditions"]),
    "JournalFilterInput": _obj({"subscriptionId": INT, "filter": _ref("JournalFilter")},
                               ["subscriptionId", "filter"]),
    "JournalFilterCreated": _obj({"filterId": INT}, ["filterId"]),
    "JournalFilterView": _obj({"id": INT, "filter": _ref("JournalFilter"), "createdAt": INT},
                              ["id", "filter", "createdAt"]),
    "JournalFetch": _obj({"url": STR, "expiresAt": DT, "currentOffset": {"type": "string", "format": "uuid"}},
                         ["url", "expiresAt", "currentOffset"]),
    "JournalFetchBatch": _obj({"status": {"enum": ["PENDING", "PROCESSING", "CANCELED", "COMPLETE"]},
                               "results": _arr(_ref("JournalFetch")), "requestedAt": DT, "startedAt": DT,
                               "completedAt": DT, "numErrors": INT, "errors": _arr({"type": "object"})},
                              ["status", "results", "startedAt", "completedAt"]),
    "JournalOffsets": _obj({"inputs": _arr(STR)}, ["inputs"]),
    "JournalSnapshotInput": _obj({"snapshotRequests": _arr(_obj(
        {"objectId": INT, "objectTypeId": STR, "portalId": INT, "properties": _arr(STR)},
        ["objectId", "objectTypeId", "portalId", "properties"]))}, ["snapshotRequests"]),
    "JournalSnapshots": _obj({"snapshotResponses": _arr(_obj(
        {"objectId": INT, "objectTypeId": STR, "portalId": INT, "snapshotStatusId": STR},
        ["objectId", "objectTypeId", "portalId", "snapshotStatusId"]))}, ["snapshotResponses"]),
    "JournalSnapshotStatus": _obj({"id": STR, "initiatedAt": INT, "completedAt": INT,
                                   "status": {"enum": ["PENDING", "IN_PROGRESS", "SUCCESS", "FAILED", "EXPIRED"]},
                                   "errorCode": STR, "message": STR}, ["id", "initiatedAt", "status"]),
    "JournalEvent": _obj({"offset": STR, "portalId": INT, "appId": INT, "subscriptionIds": _arr(INT),
                          "action": ACTION, "objectTypeId": STR, "objectId": INT, "occurredAt": INT,
                          "changeSource": STR, "propertyName": STR, "propertyValue": STR,
                          "associatedObjectTypeId": STR, "associatedObjectId": INT,
                          "properties": {"type": "object"}, "snapshotStatusId": STR},
                         ["offset", "portalId", "action", "objectTypeId", "objectId", "occurredAt"]),
    # scope: client_credentials; refresh_token: grant_type=refresh_token
    "TokenForm": _obj({"grant_type": {"enum": ["client_credentials", "refresh_token"]}, "client_id": STR,
                       "client_secret": STR, "scope": STR, "refresh_token": STR},
                      ["grant_type", "client_id", "client_secret"]),
    "TokenGrant": _obj({"token_type": STR, "access_token": STR, "expires_in": INT,
                        "token_use": {"enum": ["client_credentials"]}, "scopes": _arr(STR), "refresh_token": STR},
                       ["token_type", "access_token", "expires_in"]),
    "OAuthError": _obj({"status": STR, "message": STR, "correlationId": STR}, ["status", "message"]),
}
ERRORS = ("400", "401", "403", "404")


def _op(op_id: str, summary: str, ok: str, schema: str | None, params: list | None = None,
        body: str | None = None, errors: tuple[str, ...] = ERRORS) -> dict:
    ok_response: dict = {"description": summary}
    if schema:
        ok_response["content"] = {"application/json": {"schema": _ref(schema)}}
    responses = {ok: ok_response}
    responses.update({code: {"description": "error", "content": {"application/json": {"schema": ERROR}}}
                      for code in errors if code != ok})
    operation: dict = {"operationId": op_id, "summary": summary, "tags": ["Webhooks Journal"],
                       "parameters": params or [], "responses": responses}
    if body:
        operation["requestBody"] = {"required": True, "content": {"application/json": {"schema": _ref(body)}}}
    return operation


def _p(name: str, where: str = "path", schema: dict | None = None) -> dict:
    return {"name": name, "in": where, "required": where == "path", "schema": schema or STR}


@cache
def journal_paths() -> dict:
    portal = _p("installPortalId", "query", INT)
    count = _p("count", schema={"type": "integer", "minimum": 1})
    offset, id_ = _p("offset"), {"type": "integer", "minimum": 0}
    paths: dict = {}
    for version in VERSIONS:
        tag = version.replace("-", "")
        subs = f"/webhooks-journal/subscriptions/{version}"
        paths[subs] = {
            "get": _op(f"journalSubscriptionsList{tag}", "List journal subscriptions", "200",
                       "JournalSubscriptionList"),
            "post": _op(f"journalSubscriptionsUpsert{tag}", "Create or update a journal subscription", "200",
                        "JournalSubscription", body="JournalSubscriptionInput")}
        paths[f"{subs}/{{subscriptionId}}"] = {
            "get": _op(f"journalSubscriptionGet{tag}", "Read a subscription", "200", "JournalSubscription",
                       [_p("subscriptionId", schema=id_)]),
            "delete": _op(f"journalSubscriptionDelete{tag}", "Delete a subscription", "204", None,
                          [_p("subscriptionId", schema=id_)])}
        paths[f"{subs}/portals/{{portalId}}"] = {
            "delete": _op(f"journalSubscriptionsDeletePortal{tag}", "Delete a portal's subscriptions", "204", None,
                          [_p("portalId", schema=id_)])}
        paths[f"{subs}/filters"] = {
            "post": _op(f"journalFilterCreate{tag}", "Add a filter to a subscription", "200",
                        "JournalFilterCreated", body="JournalFilterInput")}
        paths[f"{subs}/filters/{{filterId}}"] = {
            "get": _op(f"journalFilterGet{tag}", "Read a filter", "200", "JournalFilterView",
                       [_p("filterId", schema=id_)]),
            "delete": _op(f"journalFilterDelete{tag}", "Delete a filter", "204", None, [_p("filterId", schema=id_)])}
        paths[f"{subs}/filters/subscription/{{subscriptionId}}"] = {
            "get": {**_op(f"journalFilterList{tag}", "A subscription's filters", "200", None,
                          [_p("subscriptionId", schema=id_)])}}
        paths[f"{subs}/filters/subscription/{{subscriptionId}}"]["get"]["responses"]["200"]["content"] = {
            "application/json": {"schema": _arr(_ref("JournalFilterView"))}}
        paths[f"/webhooks-journal/snapshots/{version}/crm"] = {
            "post": _op(f"journalSnapshots{tag}", "Journal snapshots of CRM objects", "200", "JournalSnapshots",
                        body="JournalSnapshotInput")}
        for family, name in (("journal", "Global"), ("journal-local", "Local")):
            base = f"/webhooks-journal/{family}/{version}"
            paths[f"{base}/earliest"] = {"get": _op(f"journal{name}Earliest{tag}", "The earliest entry", "200",
                                                    "JournalFetch", [portal])}
            paths[f"{base}/latest"] = {"get": _op(f"journal{name}Latest{tag}", "The latest entry", "200",
                                                  "JournalFetch", [portal])}
            nxt = _op(f"journal{name}Next{tag}", "The entry after an offset", "200", "JournalFetch", [offset, portal])
            nxt["responses"]["204"] = {"description": "caught up: nothing after this offset yet"}
            paths[f"{base}/offset/{{offset}}/next"] = {"get": nxt}
            paths[f"{base}/batch/earliest/{{count}}"] = {"get": _op(
                f"journal{name}BatchEarliest{tag}", "The earliest entries", "200", "JournalFetchBatch", [count, portal])}
            paths[f"{base}/batch/latest/{{count}}"] = {"get": _op(
                f"journal{name}BatchLatest{tag}", "The latest entries", "200", "JournalFetchBatch", [count, portal])}
            paths[f"{base}/batch/{{offset}}/next/{{count}}"] = {"get": _op(
                f"journal{name}BatchNext{tag}", "Entries after an offset", "200", "JournalFetchBatch",
                [offset, count, portal])}
            read = _op(f"journal{name}BatchRead{tag}", "Entries at these offsets", "200", "JournalFetchBatch",
                       [portal], body="JournalOffsets")
            read["responses"]["207"] = {"description": "some offsets were not found",
                                        "content": {"application/json": {"schema": _ref("JournalFetchBatch")}}}
            paths[f"{base}/batch/read"] = {"post": read}
            paths[f"{base}/status/{{statusId}}"] = {"get": _op(
                f"journal{name}Status{tag}", "A snapshot's status", "200", "JournalSnapshotStatus", [_p("statusId")])}
    for i, path in enumerate(TOKEN_PATHS):
        form = {"required": True, "content": {"application/x-www-form-urlencoded": {"schema": _ref("TokenForm")}}}
        paths[path] = {"post": {
            "operationId": f"oauthToken{i}", "summary": "Access token (client credentials or refresh token)", "tags": ["OAuth"],
            "security": [], "requestBody": form,
            "responses": {"200": {"description": "a token", "content": {"application/json": {
                "schema": _ref("TokenGrant")}}},
                "400": {"description": "refused", "content": {"application/json": {"schema": _ref("OAuthError")}}}}}}
    paths[f"{FILES}/{{name}}"] = {"get": {
        "operationId": "journalFile", "summary": "The data behind a journal URL (pre-signed; mock-only path)",
        "tags": ["Webhooks Journal"], "security": [],
        "parameters": [_p("name"), _p("expires", "query", INT), _p("signature", "query")],
        "responses": {"200": {"description": "the entry's event", "content": {"application/json": {
            "schema": _ref("JournalEvent")}}},
            "403": {"description": "expired or bad signature", "content": {"application/xml": {"schema": STR}}},
            "404": {"description": "no such entry", "content": {"application/xml": {"schema": STR}}}}}}
    return paths


def add_journal(document: dict) -> dict:
    """``document`` (the mock's OpenAPI dict) with the journal, token and file routes added."""
    return {**document, "paths": {**document["paths"], **journal_paths()},
            "components": {**document["components"],
                           "schemas": {**document["components"]["schemas"], **SCHEMAS}}}
