"""HTTP transport of the Webhooks Journal (2026-03 paths) and the OAuth token endpoint.

Thin views over :class:`~mocks.hubspot.journal.WebhooksJournal` and
:class:`~mocks.hubspot.oauth.ClientCredentials`. Journal calls need a client-credentials token with
the right ``developer.webhooks_journal.*`` scope and are exempt from the daily and ten-secondly rate
limits (as the published spec marks them). A journal read answers a ``url`` where the entry's data
can be fetched without a token until ``expiresAt`` (HubSpot hands out pre-signed file URLs; the mock
serves the file itself under ``/webhooks-journal-files/``).
"""

from __future__ import annotations

import hashlib
import hmac
import math
from datetime import UTC, datetime

from flask import Flask, current_app, request

from mocks.core.clock import format_iso
from mocks.hubspot import errors
from mocks.hubspot.auth import bearer_token
from mocks.hubspot.errors import ApiError
from mocks.hubspot.journal import Entry, WebhooksJournal
from mocks.hubspot.journal_subscriptions import INT64_MAX
from mocks.hubspot.oauth import (
    JOURNAL_READ,
    SNAPSHOTS_READ,
    SNAPSHOTS_WRITE,
    SUBSCRIPTIONS_READ,
    SUBSCRIPTIONS_WRITE,
    ClientCredentials,
    Grant,
    OAuthError,
)
from mocks.hubspot.web import base_url, json_object, no_content, respond

VERSIONS = ("2026-03",)
TOKEN_PATHS = ("/oauth/v1/token", "/oauth/2026-03/token")
FILES = "/webhooks-journal-files"
PREFIXES = ("/webhooks-journal/", "/oauth/", FILES + "/")
URL_LIFETIME_S = 300
INT32_MAX = 2**31 - 1


def _journal() -> WebhooksJournal:
    return current_app.extensions["webhooks_journal"]


def _credentials() -> ClientCredentials:
    return current_app.extensions["client_credentials"]


# -- authentication ------------------------------------------------------------------------------------
def required_scopes(method: str, path: str) -> list[str]:
    """Alternatives, any one of which allows a journal call."""
    family = path.split("/")[2] if path.count("/") >= 2 else ""
    if family == "subscriptions":
        return [SUBSCRIPTIONS_READ, SUBSCRIPTIONS_WRITE] if method == "GET" else [SUBSCRIPTIONS_WRITE]
    if family == "snapshots":
        return [SNAPSHOTS_WRITE]
    if "/status/" in path:
        return [SNAPSHOTS_READ, SNAPSHOTS_WRITE]
    return [JOURNAL_READ]


def authenticate() -> None:
    """Auth for every path under :data:`PREFIXES` (the token endpoint and data files need no token)."""
    path = request.path
    if path in TOKEN_PATHS or path.startswith(FILES + "/"):
        return None
    token = bearer_token()
    grant = _credentials().lookup(token)
    if grant is None:
        if token is not None and token in current_app.extensions["hubspot_config"].tokens:
            raise errors.missing_scopes(required_scopes(request.method, path))
        raise errors.unauthorized()
    refuse_expired(grant, _credentials().clock.timestamp())
    needed = required_scopes(request.method, path)
    if not set(needed) & grant.scopes:
        raise errors.missing_scopes(needed)
    request.environ["shophub.grant"] = grant
    return None


def refuse_expired(grant: Grant, now: float) -> None:
    """401 ``EXPIRED_AUTHENTICATION`` for a token past its lifetime (journal and CRM routes alike)."""
    if grant.expires_at <= now:
        minutes = max(1, math.floor((now - grant.expires_at) / 60))
        raise ApiError(401, "EXPIRED_AUTHENTICATION",
                       f"The OAuth token used to make this call expired {minutes} minute(s) ago.",
                       context={"expiresAt": [format_iso(datetime.fromtimestamp(grant.expires_at, UTC))]})


# -- helpers --------------------------------------------------------------------------------------------
def _portal(local: bool) -> int | None:
    """The portal a read is scoped to: local reads default to the mock's own install."""
    raw = request.args.get("installPortalId")
    if raw in (None, ""):
        return _journal().portal_id if local else None
    try:
        value = int(raw)
    except ValueError:
        raise errors.validation(f"installPortalId must be an integer, got {raw!r}",
                                context={"installPortalId": [raw]}) from None
    if not -2**31 <= value <= INT32_MAX:
        raise errors.validation("installPortalId is out of range", context={"installPortalId": [raw]})
    return value


def _count(raw: str) -> int:
    try:
        value = int(raw)
    except ValueError:
        raise errors.validation(f"count must be an integer, got {raw!r}", context={"count": [raw]}) from None
    if value < 1 or value > INT32_MAX:
        raise errors.validation("count must be at least 1", context={"count": [raw]})
    return value


def _signature(offset: str, expires: int) -> str:
    secret = current_app.extensions["hubspot_config"].client_secret.encode()
    return hmac.new(secret, f"{offset}:{expires}".encode(), hashlib.sha256).hexdigest()


def _fetch(entry: Entry) -> dict:
    """A ``JournalFetchResponse`` for one entry: a pre-signed URL to its data, valid URL_LIFETIME_S."""
    clock = _credentials().clock
    expires = int(clock.timestamp()) + URL_LIFETIME_S
    url = f"{base_url()}{FILES}/{entry.offset}.json?expires={expires}&signature={_signature(entry.offset, expires)}"
    at = datetime.fromtimestamp(expires, UTC)
    return {"url": url, "expiresAt": format_iso(at), "currentOffset": entry.offset}


def _batch(entries: list[Entry], started: str, missing: list[ApiError] | None = None):
    body = {"status": "COMPLETE", "results": [_fetch(e) for e in entries], "requestedAt": started,
            "startedAt": started, "completedAt": format_iso(_credentials().clock.now())}
    if missing:
        body["numErrors"] = len(missing)
        body["errors"] = [{"status": "error", "category": e.category, "message": e.message,
                           "context": e.extra.get("context", {}), "errors": [], "links": {}} for e in missing]
        return respond(body, 207)
    return respond(body)


def _one(entries: list[Entry]):
    if not entries:
        raise ApiError(404, "OBJECT_NOT_FOUND", "The journal has no entries for this app yet")
    return respond(_fetch(entries[0]))


def _now() -> str:
    return format_iso(_credentials().clock.now())


# -- views ----------------------------------------------------------------------------------------------
def token():
    if request.mimetype != "application/x-www-form-urlencoded":
        body = request.get_json(silent=True) if request.is_json else None
        form = {k: str(v) for k, v in body.items()} if isinstance(body, dict) else {}
    else:
        form = request.form.to_dict()
    try:
        return respond(_credentials().issue(form))
    except OAuthError as error:
        return respond(error.body(), error.status)


def make_journal_views(local: bool) -> dict:
    def earliest():
        return _one(_journal().earliest(1, _portal(local)))

    def latest():
        return _one(_journal().latest(1, _portal(local)))

    def next_entry(offset: str):
        entries = _journal().after(offset, 1, _portal(local))
        if not entries:
            return no_content()  # caught up: the offset is valid, nothing newer yet
        return respond(_fetch(entries[0]))

    def batch_earliest(count: str):
        started = _now()
        return _batch(_journal().earliest(_count(count), _portal(local)), started)

    def batch_latest(count: str):
        started = _now()
        return _batch(_journal().latest(_count(count), _portal(local)), started)

    def batch_next(offset: str, count: str):
        started = _now()
        return _batch(_journal().after(offset, _count(count), _portal(local)), started)

    def batch_read():
        started = _now()
        body = json_object()
        inputs = body.get("inputs")
        if not isinstance(inputs, list) or not all(isinstance(i, str) for i in inputs):
            raise errors.missing_field("inputs")
        found, missing = _journal().read(inputs, _portal(local))
        return _batch(found, started, missing)

    def status(status_id: str):
        return respond(_journal().snapshot_status(status_id))

    return {"earliest": earliest, "latest": latest, "next": next_entry, "batch_earliest": batch_earliest,
            "batch_latest": batch_latest, "batch_next": batch_next, "batch_read": batch_read, "status": status}


def list_subscriptions():
    return respond({"results": _journal().subscription_list()})


def upsert_subscription():
    return respond(_journal().upsert_subscription(json_object(), request.environ["shophub.grant"].scopes))


def get_subscription(subscription_id: str):
    return respond(_journal().subscription(subscription_id))


def delete_subscription(subscription_id: str):
    _journal().delete_subscription(subscription_id)
    return no_content()


def delete_portal(portal_id: str):
    _journal().delete_portal_subscriptions(portal_id)
    return no_content()


def create_filter():
    return respond(_journal().create_filter(json_object()))


def get_filter(filter_id: str):
    return respond(WebhooksJournal.filter_view(_journal().filter(filter_id)))


def delete_filter(filter_id: str):
    _journal().delete_filter(filter_id)
    return no_content()


def subscription_filters(subscription_id: str):
    return respond(_journal().filters_of(subscription_id))


def create_snapshots():
    body = json_object()
    items = body.get("snapshotRequests")
    if not isinstance(items, list):
        raise errors.missing_field("snapshotRequests")
    for item in items:
        if not isinstance(item, dict):
            raise errors.validation("snapshotRequests items must be objects")
        missing = [n for n in ("objectId", "objectTypeId", "portalId", "properties") if item.get(n) is None]
        if missing:
            raise errors.validation(f"Some required fields were not set: [{', '.join(missing)}]")
        for name in ("objectId", "portalId"):
            if isinstance(item[name], bool) or not isinstance(item[name], int) or not -INT64_MAX - 1 <= item[name] <= INT64_MAX:
                raise errors.validation(f"{name} must be an integer", context={name: [str(item[name])]})
        if not isinstance(item["properties"], list) or not all(isinstance(p, str) for p in item["properties"]):
            raise errors.validation("properties must be an array of strings")
    return respond({"snapshotResponses": _journal().snapshot(items)})


def journal_file(name: str):
    """The data behind a journal URL: the entry's event as JSON (403 like S3 once the URL expired)."""
    offset = name.removesuffix(".json")
    try:
        expires = int(request.args.get("expires", ""))
    except ValueError:
        expires = -1
    signature = request.args.get("signature", "")
    if expires < 0 or not hmac.compare_digest(signature.encode(), _signature(offset, expires).encode()):
        return _s3_error("AccessDenied", "Access Denied")
    if _credentials().clock.timestamp() > expires:
        return _s3_error("AccessDenied", "Request has expired")
    entry = _journal().entry(offset)
    if entry is None:
        return _s3_error("NoSuchKey", "The specified key does not exist.", 404)
    return respond(entry.event)


def _s3_error(code: str, message: str, status: int = 403):
    body = f'<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>{code}</Code><Message>{message}</Message></Error>'
    return current_app.response_class(body, status=status, mimetype="application/xml")


def register(app: Flask) -> None:
    rules: list[tuple[str, str, list[str], object]] = [
        (path, f"oauth_token_{i}", ["POST"], token) for i, path in enumerate(TOKEN_PATHS)]
    rules.append((f"{FILES}/<name>", "journal_file", ["GET"], journal_file))
    for version in VERSIONS:
        tag = version.replace("-", "_")
        subs = f"/webhooks-journal/subscriptions/{version}"
        rules += [
            (subs, f"wj_subs_list_{tag}", ["GET"], list_subscriptions),
            (subs, f"wj_subs_upsert_{tag}", ["POST"], upsert_subscription),
            (f"{subs}/filters", f"wj_filter_create_{tag}", ["POST"], create_filter),
            (f"{subs}/filters/subscription/<subscription_id>", f"wj_filter_list_{tag}", ["GET"],
             subscription_filters),
            (f"{subs}/filters/<filter_id>", f"wj_filter_get_{tag}", ["GET"], get_filter),
            (f"{subs}/filters/<filter_id>", f"wj_filter_delete_{tag}", ["DELETE"], delete_filter),
            (f"{subs}/portals/<portal_id>", f"wj_subs_delete_portal_{tag}", ["DELETE"], delete_portal),
            (f"{subs}/<subscription_id>", f"wj_subs_get_{tag}", ["GET"], get_subscription),
            (f"{subs}/<subscription_id>", f"wj_subs_delete_{tag}", ["DELETE"], delete_subscription),
            (f"/webhooks-journal/snapshots/{version}/crm", f"wj_snapshots_{tag}", ["POST"], create_snapshots),
        ]
        for family, local in (("journal", False), ("journal-local", True)):
            views = make_journal_views(local)
            base = f"/webhooks-journal/{family}/{version}"
            name = f"wj_{family.replace('-', '_')}_{tag}"
            rules += [
                (f"{base}/earliest", f"{name}_earliest", ["GET"], views["earliest"]),
                (f"{base}/latest", f"{name}_latest", ["GET"], views["latest"]),
                (f"{base}/offset/<offset>/next", f"{name}_next", ["GET"], views["next"]),
                (f"{base}/batch/earliest/<count>", f"{name}_batch_earliest", ["GET"], views["batch_earliest"]),
                (f"{base}/batch/latest/<count>", f"{name}_batch_latest", ["GET"], views["batch_latest"]),
                (f"{base}/batch/read", f"{name}_batch_read", ["POST"], views["batch_read"]),
                (f"{base}/batch/<offset>/next/<count>", f"{name}_batch_next", ["GET"], views["batch_next"]),
                (f"{base}/status/<status_id>", f"{name}_status", ["GET"], views["status"]),
            ]
    for rule, endpoint, methods, view in rules:
        app.add_url_rule(rule, endpoint, view, methods=methods)
