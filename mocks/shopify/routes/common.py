"""What every handler shares: the shop of the token, body parsing, list and single responses."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from flask import Blueprint, Response, current_app, g, jsonify, request
from flask.json.provider import DefaultJSONProvider

from mocks.shopify.config import TokenGrant
from mocks.shopify.errors import missing_root
from mocks.shopify.listing import (
    ListQuery,
    Page,
    link_header,
    paginate,
    paginate_ids,
    parse_query,
    select_fields,
)
from mocks.shopify.rest_versions import shape_root
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
    """The version that answers (a retired or unknown one has fallen forward)."""
    return g.shopify_api_version


def grant() -> TokenGrant:
    """The access token's grant (scopes, protected-customer-data level)."""
    return g.grant


def answering_version() -> str:
    """The version whose shapes answer: the platform's fall-forward choice when it made one, else the URL's."""
    return getattr(g, "shopify_api_version", None) or g.api_version


# Shopify's JSON parser (Ruby's, whose default ``max_nesting`` is 100) refuses bodies nested deeper;
# the mock answers them as any body it cannot read.
MAX_NESTING = 100


def nesting(value: object) -> int:
    """How deep arrays and objects nest in ``value`` (a scalar is 0), without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else None
        if children is None:
            continue
        deepest = max(deepest, depth)
        if depth <= MAX_NESTING:
            stack.extend((child, depth + 1) for child in children)
    return deepest


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
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise missing_root(root) from None
    if not isinstance(data, dict) or nesting(data) > MAX_NESTING:
        raise missing_root(root)
    if not required and root not in data:
        return data
    inner = data.get(root)
    if not isinstance(inner, dict):
        raise missing_root(root)
    return inner


def one(root: str, data: dict, status: int = 200) -> Response:
    data = shape_root(root, data, answering_version())  # type: ignore[assignment]
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
    """The list request's arguments; its cursors are bound to this shop and this list."""
    rest = request.path.split("/", 4)[-1]  # /admin/api/<version>/<rest>
    return parse_query(request.args, filter_names, default_order, scope=f"{shop().name}|{rest}",
                       key=current_app.extensions["page_info_key"])


def id_ordered_page(records: Mapping[int, Any], keep: Callable[[Any], bool], q: ListQuery) -> Page:
    """One page of the kept records of a collection keyed by id in creation (= id) order: costs the page,
    not the collection, when sorted by id (see :func:`paginate_ids`)."""
    page = paginate_ids(list(records), records.__getitem__, keep, q)
    return page if page is not None else paginate([r for r in records.values() if keep(r)], q)


def listing(root: str, records: Sequence, q: ListQuery, render: Callable[[Any], dict],
            encoded: Encoded | None = None) -> Response:
    """One page of records, with a ``Link`` header on the mock's own host when there are more pages."""
    return page_response(root, paginate(records, q), q, render, encoded)


# Renders a record as the JSON text ``jsonify`` would write for it: (record, encoding key, dumps) -> text.
Encoded = Callable[[Any, object, Callable[[dict], str]], str]


def _compact_dumps() -> tuple[object, Callable[[dict], str]] | None:
    """How ``jsonify`` writes one value of a compact body (a key naming that, and the function), or ``None``
    when the app's JSON provider indents (debug) or is not Flask's default one."""
    provider = current_app.json
    if not isinstance(provider, DefaultJSONProvider):
        return None
    if (provider.compact is None and current_app.debug) or provider.compact is False:
        return None

    def dumps(value: dict) -> str:
        return provider.dumps(value, separators=(",", ":"))
    return (id(provider), provider.ensure_ascii, provider.sort_keys, provider.default), dumps


def page_response(root: str, page: Page, q: ListQuery, render: Callable[[Any], dict],
                  encoded: Encoded | None = None) -> Response:
    """The page as ``jsonify({root: [...]})`` writes it; with ``encoded`` (and no ``fields``) the body is
    joined from each record's cached JSON text, byte for byte the same."""
    version = answering_version()
    compact = _compact_dumps() if encoded is not None and not q.fields else None
    if compact is not None:
        key, dumps = compact

        def versioned(value: dict) -> str:
            return dumps(shape_root(root, value, version))  # type: ignore[arg-type]
        parts = [encoded(r, (key, version), versioned) for r in page.items]  # type: ignore[misc]
        body = f"{{{dumps(root)}:[{','.join(parts)}]}}\n"  # type: ignore[arg-type]
        response = current_app.response_class(body, mimetype=current_app.json.mimetype)
    else:
        response = jsonify({root: [select_fields(shape_root(root, render(r), version), q.fields)  # type: ignore[arg-type]
                                   for r in page.items]})
    link = link_header(request.host_url.rstrip("/") + request.path, page, q)
    if link:
        response.headers["Link"] = link
    return response


def count_filters(names: Sequence[str]) -> dict[str, str]:
    return {name: request.args[name] for name in names if request.args.get(name) not in (None, "")}
