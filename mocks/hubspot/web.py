"""Small helpers shared by the route modules: JSON bodies, list params, object types, responses, and the
route registration every family uses (legacy and dated paths, one store lock per request)."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from typing import Any

from flask import Flask, Response, current_app, g, request
from werkzeug.routing import Rule

from mocks.core.fastjson import encode_compact
from mocks.core.parsed import parse_once
from mocks.hubspot import errors
from mocks.hubspot.config import DATED_VERSIONS, LEGACY, VALIDATING_VERSIONS
from mocks.hubspot.objecttypes import ObjectType, resolve
from mocks.hubspot.store import HubSpotStore


def store() -> HubSpotStore:
    return current_app.extensions["store"]


def object_type(segment: str) -> ObjectType:
    t = resolve(segment)
    if t is None:
        raise errors.validation(f"Unable to infer object type from: {segment}")
    return t


def json_body(required: bool = True) -> Any:
    """The request's JSON: 415 for another content type, 400 for malformed or missing JSON."""
    raw = request.get_data(cache=True)
    if not raw.strip():
        if required:
            raise errors.validation("Invalid input JSON: the request body is empty",
                                    errors=[{"message": "A request body is required", "code": "INVALID_JSON"}])
        return None
    mimetype = request.mimetype or ""
    if mimetype != "application/json" and not mimetype.endswith("+json"):
        raise errors.ApiError(415, "VALIDATION_ERROR",
                              f"Content type '{request.content_type or ''}' is not supported; send application/json")
    try:
        return parse_once(raw)  # parsed once per request: the body edge has usually done it
    except (ValueError, UnicodeDecodeError) as exc:
        raise errors.bad_json(str(exc)) from None
    except RecursionError:  # deeper than any HubSpot body; Jackson refuses such nesting too
        raise errors.bad_json("the JSON is nested too deeply") from None


def json_object(required: bool = True) -> dict:
    body = json_body(required)
    if body is None:
        return {}
    if not isinstance(body, dict):
        raise errors.validation("Invalid input JSON: expected an object",
                                errors=[{"message": "expected a JSON object", "code": "INVALID_JSON"}])
    return body


def inputs_of(body: dict, limit: int = 100) -> list:
    """The ``inputs`` list of a batch body (at most ``limit``)."""
    inputs = body.get("inputs")
    if not isinstance(inputs, list):
        raise errors.missing_field("inputs")
    if len(inputs) > limit:
        raise errors.validation(f"Batch input size limit exceeded: {len(inputs)} inputs, the limit is {limit}",
                                errors=[{"message": f"inputs may contain at most {limit} items",
                                         "code": "TOO_MANY_INPUTS", "in": "inputs"}])
    return inputs


def list_param(name: str) -> list[str] | None:
    """A list query param sent repeated (SDK) or comma-separated (docs); ``None`` when absent."""
    values = request.args.getlist(name)
    if not values:
        return None
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def bool_param(name: str, default: bool = False) -> bool:
    value = request.args.get(name)
    if value in (None, ""):
        return default
    text = value.strip().lower()
    if text not in ("true", "false"):
        raise errors.validation(f"{name} must be true or false, got {value!r}")
    return text == "true"


def int_param(name: str, default: int, low: int, high: int) -> int:
    value = request.args.get(name)
    if value in (None, ""):
        return default
    try:
        number = int(value)
    except ValueError:
        raise errors.validation(f"{name} must be an integer, got {value!r}") from None
    if number < low or number > high:
        raise errors.validation(f"{name} must be between {low} and {high}")
    return number


def respond(data: Any, status: int = 200, records: bool = False) -> Response:
    """A JSON answer. Answers are trees built fresh for each request (no cycles), so the encoder's cycle
    check is skipped (about a tenth of the encoding time of a 100-record batch). ``records``: an answer made
    of rendered records (text values, no floats), written by :func:`mocks.core.fastjson.encode_compact`,
    the same text faster."""
    body = encode_compact(data) if records else json.dumps(data, separators=(",", ":"), check_circular=False)
    return current_app.response_class(body, status=status, content_type="application/json;charset=utf-8")


def no_content() -> Response:
    return current_app.response_class(status=204)


def base_url() -> str:
    return request.host_url.rstrip("/")


class LazyBuildRule(Rule):
    """A Werkzeug rule that compiles its URL *builder* on first use instead of when added.

    Werkzeug compiles two builder functions per rule (Python ``ast``, ~2 ms each); the mock has ~150 rules
    (legacy and dated) and builds URLs almost never, so a fresh app (one per test) would spend most of its
    setup there. Matching is unchanged: the rule's matcher is still compiled eagerly.
    """

    def _compile_builder(self, append_unknown: bool = True) -> Callable:
        compiled: list[Callable] = []

        def build(rule: Rule, *args: Any, **kwargs: Any) -> Any:
            if not compiled:
                compiled.append(Rule._compile_builder(rule, append_unknown).__get__(rule, None))
            return compiled[0](*args, **kwargs)

        return build


DATED = "<any(" + ",".join(f'"{v}"' for v in DATED_VERSIONS) + "):api_version>"


def api_version() -> str:
    """The version of the path this request came in on: ``v3``/``v4`` (legacy) or ``2026-03`` ..."""
    return g.get("api_version", LEGACY)


def is_dated() -> bool:
    """Whether the request came in on a date-versioned path (``/crm/objects/2026-03/...``)."""
    return api_version() in DATED_VERSIONS


def late_version() -> bool:
    """2026-09 and later: batch answers have no 207 (partial results keep the success status and list their
    ``errors``), association and property batch creates answer 200, batch archives a 200 batch body."""
    return api_version() in VALIDATING_VERSIONS


def batch_status(ok: int, has_errors: bool, late_ok: int | None = None) -> int:
    """The status of a batch answer on this request's version (``late_ok``: the 2026-09+ success status)."""
    if late_version():
        return late_ok or ok
    return 207 if has_errors else ok


def batch_errors(errs: list[dict]) -> list[dict]:
    """Per-input errors as this version states them: the dated specs type a batch error's ``subCategory`` as
    an object, so on dated paths the (string) sub-category stays out of batch errors."""
    if not is_dated():
        return errs
    return [{k: v for k, v in e.items() if k != "subCategory"} for e in errs]


def enforce_rules() -> bool:
    """Whether the portal's write-validation rules apply (2026-09 and later dated paths only)."""
    return api_version() in VALIDATING_VERSIONS


def take_version(_endpoint: str | None, values: dict | None) -> None:
    """URL value preprocessor: the ``api_version`` path segment goes to ``g``, not to the views."""
    if values is not None and "api_version" in values:
        g.api_version = values.pop("api_version")


def locked(view: Callable) -> Callable:
    """Run a view under the store lock, so what it renders is one consistent state (the server is threaded)."""
    @functools.wraps(view)
    def run(**kwargs: Any) -> Any:
        with store().lock:
            return view(**kwargs)
    return run


def add_routes(app: Flask, rules: list[tuple[str | list[str], str, list[str], Any]]) -> None:
    """Add each ``(rule or rules, endpoint, methods, view)``; a list of rules shares one endpoint."""
    for rule, endpoint, methods, view in rules:
        wrapped = locked(view)
        for path in [rule] if isinstance(rule, str) else rule:
            app.add_url_rule(path, endpoint, wrapped, methods=methods)
