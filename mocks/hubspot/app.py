"""``create_app(config)``: a Flask app that speaks HubSpot's CRM API, with its own store and clock."""

from __future__ import annotations

import logging
import uuid

from flask import Flask, Response, g, request
from werkzeug.exceptions import HTTPException

from mocks.core.body_schema import BodyEdge, Violation
from mocks.core.clock import Clock
from mocks.core.context import ADMIN_PREFIX, MockContext, install
from mocks.hubspot import (
    account,
    associations,
    change_source,
    journal_routes,
    objects,
    pipelines,
    properties,
    unimplemented,
    webhooks,
)
from mocks.hubspot.admin_routes import hubspot_admin_blueprint
from mocks.hubspot.auth import TIERS, RateLimits, add_rate_headers, bearer_token, required_scopes
from mocks.hubspot.config import (
    DEFAULT_APP_ID,
    DEFAULT_CLIENT_ID,
    DEFAULT_CLIENT_SECRET,
    DEFAULT_DEVELOPER_KEY,
    DEFAULT_TOKEN,
    PORTAL_ID,
    HubSpotConfig,
)
from mocks.hubspot.errors import ApiError, invalid_type, missing_scopes, unauthorized
from mocks.hubspot.journal import WebhooksJournal
from mocks.hubspot.journal_openapi import add_journal
from mocks.hubspot.oauth import ClientCredentials
from mocks.hubspot.openapi import build_openapi
from mocks.hubspot.store import HubSpotStore
from mocks.hubspot.web import LazyBuildRule, respond, take_version

log = logging.getLogger(__name__)
__all__ = ["DEFAULT_APP_ID", "DEFAULT_CLIENT_ID", "DEFAULT_CLIENT_SECRET", "DEFAULT_DEVELOPER_KEY", "DEFAULT_TOKEN",
           "PORTAL_ID", "HubSpotConfig", "create_app"]


def _error_response(error: ApiError) -> Response:
    correlation = g.get("correlation_id") or str(uuid.uuid4())
    return respond(error.body(correlation), error.status)


KIND_NAMES = {"object": "an object", "array": "an array", "scalar": "a string, number or boolean", "null": "null"}


def body_violation(violation: Violation) -> Response:
    """A body that breaks its schema: the same 400 ``VALIDATION_ERROR`` the routes raise for a field of the
    wrong JSON type (:func:`mocks.hubspot.errors.invalid_type`, code ``INVALID_TYPE``), naming the path."""
    expected = " or ".join(KIND_NAMES[kind] for kind in violation.expected)
    return _error_response(invalid_type(violation.where(), expected))


def create_app(config: HubSpotConfig | None = None) -> Flask:
    """A fresh mock HubSpot portal (its own store, clock, journal, limits and webhook outbox)."""
    config = config or HubSpotConfig()
    if config.tier not in TIERS:
        raise ValueError(f"tier must be one of {sorted(TIERS)}")
    clock = config.clock or Clock()
    app = Flask("mocks.hubspot")
    app.url_rule_class = LazyBuildRule  # ~150 rules: compile URL builders only if one is ever used
    app.json.sort_keys = False
    store = HubSpotStore(clock, config.portal_id, config.source_writable)
    limits = RateLimits(clock, config.tier, config.api_addon)
    hooks = webhooks.WebhookHub(store, config, clock)
    journal = WebhooksJournal(store, clock, config.app_id, config.portal_id)
    app.extensions["webhooks_journal"] = journal
    app.extensions["client_credentials"] = credentials = ClientCredentials(clock, config.client_id,
                                                                           config.client_secret)
    app.extensions["store"] = store
    app.extensions["hubspot_config"] = config
    app.extensions["webhooks"] = hooks
    app.extensions["rate_limits"] = limits

    def reset() -> None:
        store.reset()
        limits.reset()
        hooks.reset()
        journal.reset()
        journal.attach_associations()
        credentials.reset()

    def state() -> dict:
        data = store.dump()
        data["webhooks"] = hooks.dump()
        data["webhooksJournal"] = journal.dump()
        return data

    ctx = MockContext(name="hubspot", clock=clock, reset=reset, state=state, deliver=hooks.deliver,
                      error=lambda status, message: _error_response(ApiError(status, "VALIDATION_ERROR", message)),
                      token_of=bearer_token, admin_enabled=config.admin)
    install(app, ctx)
    hooks.outbox.faults = ctx.faults  # /__admin/faults webhook rules apply to deliveries
    if config.admin:
        app.register_blueprint(hubspot_admin_blueprint(store), url_prefix=ADMIN_PREFIX)
    app.url_value_preprocessor(take_version)  # the dated path's version goes to g.api_version
    change_source.install(app, store, config)  # writes carry their app (changeSource/sourceId on events)

    @app.before_request
    def _authenticate():  # noqa: ANN202 - Flask hook
        g.correlation_id = str(uuid.uuid4())
        path = request.path
        if path.startswith(ADMIN_PREFIX) or request.endpoint is None or path == "/openapi.json":
            return None
        if path.startswith("/webhooks/"):
            return webhooks.check_developer_key(config)
        if path.startswith(journal_routes.PREFIXES):
            return journal_routes.authenticate()
        token = bearer_token()
        if token is None or token not in config.tokens:
            raise unauthorized()
        if config.rate_limit:
            limits.check(token, is_search=path.endswith("/search") and request.method == "POST")
        needed = required_scopes(request.method, path)
        if needed and not (set(needed) & config.tokens[token]):
            raise missing_scopes(needed)
        return None

    @app.after_request
    def _headers(response: Response) -> Response:
        if not request.path.startswith(ADMIN_PREFIX):
            response.headers["X-HubSpot-Correlation-Id"] = g.get("correlation_id") or str(uuid.uuid4())
            if config.rate_limit and not request.path.endswith("/search"):
                add_rate_headers(response, limits)
            elif g.get("retry_after") is not None:
                response.headers["Retry-After"] = str(g.retry_after)
        hooks.flush()
        return response

    @app.errorhandler(ApiError)
    def _api_error(error: ApiError):  # noqa: ANN202
        return _error_response(error)

    @app.errorhandler(HTTPException)
    def _http_error(error: HTTPException):  # noqa: ANN202
        if request.path.startswith(ADMIN_PREFIX) and error.code not in (404, 405):
            return error
        messages = {404: ("OBJECT_NOT_FOUND", f"Unable to route {request.method} {request.path}: resource not "
                                              "found"),
                    405: ("VALIDATION_ERROR", f"Method {request.method} is not allowed on {request.path}"),
                    413: ("VALIDATION_ERROR", "The request body is too large")}
        category, message = messages.get(error.code or 500, ("VALIDATION_ERROR", error.description or "error"))
        response = _error_response(ApiError(error.code or 500, category, message))
        if error.code == 405 and hasattr(error, "valid_methods") and error.valid_methods:
            response.headers["Allow"] = ", ".join(error.valid_methods)
        return response

    @app.errorhandler(Exception)
    def _unexpected(error: Exception):  # noqa: ANN202
        log.exception("unexpected error in the HubSpot mock")
        return _error_response(ApiError(500, "INTERNAL_ERROR",
                                        f"internal error in the mock: {type(error).__name__}"))

    spec = add_journal(build_openapi(""))  # one document: served at /openapi.json and compiled by the edge
    app.extensions["openapi"] = spec
    edge = BodyEdge(spec, body_violation, json_only=True)
    app.extensions["body_edge"] = edge

    @app.get("/openapi.json")
    def _openapi():  # noqa: ANN202
        return respond({**spec, "servers": [{"url": request.host_url.rstrip("/")}]})

    objects.register(app)
    associations.register(app)
    pipelines.register(app)
    properties.register(app)
    webhooks.register(app, hooks)
    journal_routes.register(app)
    account.register(app)
    unimplemented.register(app)
    edge.bind(app)  # after authentication: a bad token is answered before the body is read
    if not clock.is_simulated:
        hooks.outbox.start_auto()
    return app
