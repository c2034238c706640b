"""What every handler shares: the shop of the token, body parsing, list and single responses."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Sequence
from typing import Any

from flask import Blueprint, Response, g, jsonify, request

from mocks.shopify.errors import missing_root
from mocks.shopify.listing import ListQuery, link_header, paginate, parse_query, select_fields
from mocks.shopify.store import ShopStore

API_PREFIX = "/admin/api/<version>"


def blueprint(name: str) -> Blueprint:
    bp = Blueprint(f"shopify_{name}", __name__, url_prefix=API_PREFIX)

    @bp.url_value_preprocessor
    def _version(_endpoint: str | None, values: dict | None) -> None:
        if values is not None:
            values.pop("version", None)  # checked and kept in ``g.api_version`` before routing
    return bp


def route(bp: Blueprint, rule: str, methods: Sequence[str]) -> Callable:
    """Register a handler that runs under the store lock (the server is threaded)."""
    def decorate(view: Callable) -> Callable:
        @functools.wraps(view)
        def locked(**kwargs: Any) -> Any:
            with shop().lock:
                return view(**kwargs)
        bp.add_url_rule(rule, endpoint=view.__name__, view_func=locked, methods=list(methods))
        return view
    return decorate


def shop() -> ShopStore:
    return g.shop


def api_version() -> str:
    return g.api_version


def body(root: str, required: bool = True) -> dict:
    """The object under the singular root key; 400 ``{"errors":{root:"Required parameter missing or invalid"}}``
    when the body is not JSON or the root is missing (``required=False``: an empty body is ``{}``)."""
    raw = request.get_data(cache=True)
    if not raw.strip():
        if required:
            raise missing_root(root)
        return {}
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise missing_root(root) from None
    if not isinstance(data, dict):
        raise missing_root(root)
    if not required and root not in data:
        return data
    inner = data.get(root)
    if not isinstance(inner, dict):
        raise missing_root(root)
    return inner


def one(root: str, data: dict, status: int = 200) -> Response:
    fields = request.args.get("fields")
    if fields:
        data = select_fields(data, [f.strip() for f in fields.split(",") if f.strip()])
    response = jsonify({root: data})
    response.status_code = status
    return response


def empty() -> Response:
    return jsonify({})


def count(n: int) -> Response:
    return jsonify({"count": n})


def query(filter_names: Sequence[str], default_order: str = "id asc") -> ListQuery:
    return parse_query(request.args, filter_names, default_order)


def listing(root: str, records: Sequence, q: ListQuery, render: Callable[[Any], dict]) -> Response:
    """One page of records, with a ``Link`` header on the mock's own host when there are more pages."""
    page = paginate(records, q)
    response = jsonify({root: [select_fields(render(r), q.fields) for r in page.items]})
    link = link_header(request.host_url.rstrip("/") + request.path, page, q)
    if link:
        response.headers["Link"] = link
    return response


def count_filters(names: Sequence[str]) -> dict[str, str]:
    return {name: request.args[name] for name in names if request.args.get(name) not in (None, "")}
