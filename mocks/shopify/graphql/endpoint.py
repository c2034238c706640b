"""``POST /admin/api/{version}/graphql.json`` and the bulk operation result files."""

from __future__ import annotations

import json

from flask import Blueprint, Response, current_app, g, jsonify, request

from mocks.core.parsed import parse_once
from mocks.shopify.errors import ShopifyError
from mocks.shopify.graphql.context import Context
from mocks.shopify.graphql.executor import GraphQLRuntime
from mocks.shopify.graphql.rawjson import encode
from mocks.shopify.routes.common import API_PREFIX, _compact_dumps

GRAPHQL_PATH = "/graphql.json"
MISSING_QUERY = {"query": "Required parameter missing or invalid"}


def is_graphql_path(path: str) -> bool:
    return path.startswith("/admin/api/") and path.endswith(GRAPHQL_PATH)


def _request_body() -> tuple[str, dict | None, str | None]:
    """``(query, variables, operationName)`` from a JSON body or an ``application/graphql`` one;
    Shopify's 400 when there is no query."""
    raw = request.get_data(cache=True)
    if request.mimetype == "application/graphql":
        text = raw.decode("utf-8", "replace")
        if not text.strip():
            raise ShopifyError(400, MISSING_QUERY)
        return text, None, None
    try:
        data = parse_once(raw) if raw.strip() else {}  # parsed once per request (the body edge did it)
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise ShopifyError(400, MISSING_QUERY) from None
    if not isinstance(data, dict) or not isinstance(data.get("query"), str) or not data["query"].strip():
        raise ShopifyError(400, MISSING_QUERY)
    variables = data.get("variables")
    if isinstance(variables, str):
        try:
            variables = json.loads(variables) if variables.strip() else None
        except (ValueError, RecursionError):
            raise ShopifyError(400, {"variables": "Invalid value"}) from None
    if variables is not None and not isinstance(variables, dict):
        raise ShopifyError(400, {"variables": "Invalid value"})
    name = data.get("operationName")
    if name is not None and not isinstance(name, str):
        raise ShopifyError(400, {"operationName": "Invalid value"})
    return data["query"], variables, name or None


def graphql_blueprint(runtime: GraphQLRuntime) -> Blueprint:
    bp = Blueprint("shopify_graphql", __name__)

    @bp.post(API_PREFIX + GRAPHQL_PATH)
    def graphql(version: str):  # noqa: ANN202
        query, variables, name = _request_body()
        context = Context(shop=g.shop, grant=g.grant, api_version=g.get("api_version") or version,
                          base_url=request.host_url.rstrip("/"), bulk_ops=runtime.bulk)
        encoding = _compact_dumps()
        marked: set[int] | None = set() if encoding is not None else None
        body = runtime.run(context, g.bucket_key, query, variables, name, encoding, marked)
        if not marked or encoding is None:
            return jsonify(body)
        # Kept records' JSON text inside: joined, byte for byte what jsonify writes (see rawjson.py).
        text = encode(body, encoding[1], marked | {id(body)})
        return current_app.response_class(f"{text}\n", mimetype=current_app.json.mimetype)

    @bp.get("/__bulk/<token>.jsonl")
    def bulk_result(token: str):  # noqa: ANN202
        op = runtime.bulk.by_token(token)
        if op is None or op.file is None:
            response = jsonify({"errors": "Not Found"})
            response.status_code = 404
            return response
        return Response(runtime.bulk.stream(op), mimetype="application/jsonl",
                        headers={"Content-Length": str(op.file_size)})

    return bp


def runtime_of() -> GraphQLRuntime:
    return current_app.extensions["graphql"]
