"""``create_app(config) -> Flask``: one Shopify mock with its own store, clock, limiter and outbox."""

from __future__ import annotations

import logging

from flask import Flask, Response, g, jsonify, request
from werkzeug.exceptions import HTTPException

from mocks.core.body_schema import BodyEdge, Violation
from mocks.core.clock import Clock
from mocks.core.context import MockContext, install
from mocks.core.faults import FaultSet
from mocks.core.limiter import LeakyBucket
from mocks.shopify.admin_routes import shopify_admin_blueprint
from mocks.shopify.config import ShopifyConfig
from mocks.shopify.errors import ShopifyError
from mocks.shopify.gate import TOKEN_HEADER, Gate, is_api_path
from mocks.shopify.graphql.endpoint import graphql_blueprint
from mocks.shopify.graphql.executor import GraphQLRuntime
from mocks.shopify.openapi import PREFIX, build_spec
from mocks.shopify.page_info import key_for
from mocks.shopify.redaction import needs_redaction, redact_body
from mocks.shopify.routes.app_resources import app_blueprint
from mocks.shopify.routes.checkouts import checkouts_blueprint
from mocks.shopify.routes.customers import customers_blueprint
from mocks.shopify.routes.oauth import oauth_blueprint
from mocks.shopify.routes.orders import orders_blueprint
from mocks.shopify.routes.products import products_blueprint
from mocks.shopify.store import Store
from mocks.shopify.storefront import storefront_blueprint
from mocks.shopify.unimplemented import unimplemented_blueprint
from mocks.shopify.versions import unversioned_to_oldest
from mocks.shopify.webhooks import WebhookDispatcher

log = logging.getLogger(__name__)


def _error(status: int, errors: object, headers: dict[str, str] | None = None) -> Response:
    response = jsonify({"errors": errors})
    response.status_code = status
    for key, value in (headers or {}).items():
        response.headers[key] = value
    return response


def body_violation(violation: Violation) -> Response:
    """A body that breaks its schema, answered as the route would: the root key (or the body) of the wrong
    kind is 400 ``{root: "Required parameter missing or invalid"}``, another top-level key 400
    ``{key: "Invalid value"}`` (GraphQL's envelope), a field inside the root 422 ``{field: ["is invalid"]}``."""
    required = violation.schema.get("required") or []
    root = required[0] if required else None
    path = violation.path
    if not path or (root is not None and path == (root,)):
        return _error(400, {root or "base": "Required parameter missing or invalid"})
    if len(path) == 1:
        return _error(400, {str(path[0]): "Invalid value"})
    return _error(422, {str(path[1]): ["is invalid"]})


def _dated(template: str) -> str:
    """The spec's dated prefix as the app's rules spell it (every version is served by one rule)."""
    return "/admin/api/{version}" + template[len(PREFIX):] if template.startswith(PREFIX) else template


def create_app(config: ShopifyConfig | None = None) -> Flask:
    """A fresh mock: the documented default shop/token unless ``config`` says otherwise."""
    config = config or ShopifyConfig()
    clock = config.clock or Clock()
    app = Flask("mocks.shopify")
    app.json.sort_keys = False  # keep Shopify's key order
    store = Store(clock, config.tokens, config.currency, config.timezone)
    faults = FaultSet()
    dispatcher = WebhookDispatcher(store, clock, faults, config)
    limiter = LeakyBucket(clock, config.bucket_size, config.leak_rate) if config.rate_limit else None
    gate = Gate(store, limiter)
    graphql = GraphQLRuntime(
        clock, config.graphql_bucket_size, config.graphql_restore_rate, config.graphql_max_cost,
        config.bulk_operation_seconds,
        emit=lambda shop, topic, payload: store.shops[shop].emit(topic, payload) if shop in store.shops else None,
        throttle=config.rate_limit, lock=store.lock,
        bulk_background=config.bulk_background if config.bulk_background is not None else not clock.is_simulated)

    def reset() -> None:
        store.reset()
        dispatcher.outbox.clear()
        graphql.reset()
        if limiter is not None:
            limiter.reset()

    def deliver() -> list[dict]:
        graphql.bulk.refresh()  # bulk operations whose time has come finish (and announce it) first
        return dispatcher.deliver()

    ctx = MockContext(
        name="shopify", clock=clock, reset=reset,
        state=lambda: {"shops": store.dump(), "webhook_deliveries": dispatcher.state()},
        deliver=deliver, error=lambda status, message: _error(status, message),
        token_of=lambda: request.headers.get(TOKEN_HEADER), faults=faults, admin_enabled=config.admin,
    )
    install(app, ctx)
    app.wsgi_app = unversioned_to_oldest(app.wsgi_app)  # type: ignore[method-assign]
    app.extensions["store"] = store
    app.extensions["webhooks"] = dispatcher
    app.extensions["limiter"] = limiter
    app.extensions["page_info_key"] = key_for(config.api_secret)
    app.extensions["graphql"] = graphql
    if config.admin:
        app.register_blueprint(shopify_admin_blueprint(store, dispatcher), url_prefix="/__admin")
        app.register_blueprint(storefront_blueprint(store), url_prefix="/__admin")
    app.register_blueprint(oauth_blueprint(store, config))

    @app.before_request
    def _gate():  # noqa: ANN202
        if is_api_path(request.path):
            gate.check()

    @app.after_request
    def _headers(response: Response) -> Response:
        if not is_api_path(request.path):
            return response
        grant = g.get("grant")
        # GraphQL redacts in its resolvers (mocks/shopify/graphql/redact.py); REST answers here.
        if grant is not None and not request.path.endswith("/graphql.json") and needs_redaction(grant.pcd_level) and response.status_code < 300 \
                and response.mimetype == "application/json":
            # An app without level-2 protected customer data: names, emails, phones, addresses are null.
            response.set_data(app.json.dumps(redact_body(response.get_json()), separators=(",", ":")))
        return gate.decorate(response)

    for blueprint in (graphql_blueprint(graphql), customers_blueprint(), products_blueprint(), orders_blueprint(), checkouts_blueprint(),
                      app_blueprint(), unimplemented_blueprint()):
        app.register_blueprint(blueprint)

    spec = build_spec()  # one document: served at /openapi.json and compiled by the body edge
    app.extensions["openapi"] = spec
    edge = BodyEdge(spec, body_violation, aliases=_dated)
    app.extensions["body_edge"] = edge

    @app.get("/openapi.json")
    def openapi():  # noqa: ANN202
        return jsonify({**spec, "servers": [{"url": request.host_url.rstrip("/")}]})

    @app.errorhandler(ShopifyError)
    def _shopify_error(error: ShopifyError):  # noqa: ANN202
        return _error(error.status, error.errors, error.headers)

    @app.errorhandler(HTTPException)
    def _http_error(error: HTTPException):  # noqa: ANN202
        if error.code in (404, 405):  # Shopify answers an unknown path or method with its 404
            return _error(404, "Not Found")
        return _error(error.code or 500, error.name)

    @app.errorhandler(Exception)
    def _unexpected(error: Exception):  # noqa: ANN202
        log.exception("unexpected error in the Shopify mock")
        return _error(500, "Internal Server Error")

    edge.bind(app)  # after the gate: a bad token or a throttled call is answered before the body is read
    if config.auto_deliver or (config.auto_deliver is None and not clock.is_simulated):
        dispatcher.outbox.start_auto()
    return app
