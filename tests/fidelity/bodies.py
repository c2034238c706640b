"""Request bodies made from a mock's own ``/openapi.json``: a valid sample per operation, the places a
body can break its schema structurally, and a request that reaches each operation's edge.

Everything is read from the app's published document (``app.extensions["openapi"]``), so a new operation
is covered without editing the tests.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from typing import Any

from flask import Flask
from flask.testing import FlaskClient

from mocks.core.body_schema import ARRAY, OBJECT, SCALAR, Compiler, Node, body_operations
from tests.fidelity.targets import HUBSPOT, SHOPIFY, Target

WRONG = {OBJECT: [1, "x"], ARRAY: {"x": 1}, SCALAR: {"x": 1}}  # a value of another kind, by kind expected
_VARIABLE = re.compile(r"\{([^}]*)\}")


@dataclass(frozen=True)
class BodyOperation:
    """One operation with a JSON body: its template, method, published schema and a concrete URL."""

    target: Target
    template: str
    method: str
    schema: dict
    url: str

    @property
    def id(self) -> str:
        return f"{self.target.name} {self.method} {self.template}"


def _path_value(parameter: dict) -> str:
    schema = parameter.get("schema") or {}
    if schema.get("enum"):
        return str(schema["enum"][0])
    return "1"  # ids: digits fit both an integer and a string id


def operations(target: Target, app: Flask) -> list[BodyOperation]:
    """Every operation of ``app``'s document that takes a JSON body, with a URL that routes to it."""
    document = app.extensions["openapi"]
    found = []
    for template, method, schema in body_operations(document):
        operation = document["paths"][template][method.lower()]
        if operation.get("x-mock-unimplemented"):
            continue
        params = {p["name"]: _path_value(p) for p in operation.get("parameters") or [] if p.get("in") == "path"}
        url = _VARIABLE.sub(lambda m, values=params: values.get(m.group(1), "1"), template)
        found.append(BodyOperation(target, template, method, schema, url))
    return found


def all_operations() -> list[BodyOperation]:
    return [op for target in (SHOPIFY, HUBSPOT) for op in operations(target, target.make_app())]


def headers_for(op: BodyOperation, client: FlaskClient) -> tuple[dict[str, str], dict[str, str]]:
    """``(headers, query)`` that pass the operation's authentication."""
    if op.template.startswith("/webhooks-journal/"):
        from tests.hubspot.journal_helpers import token

        return token(client), {}
    query = op.target.good_query() if op.template.startswith("/webhooks/") else {}
    return op.target.good_headers(), query


class Sampler:
    """A schema-valid value for every schema of a document (all properties filled, first alternatives)."""

    def __init__(self, document: dict) -> None:
        self.components = (document.get("components") or {}).get("schemas") or {}

    def sample(self, schema: Any, depth: int = 0) -> Any:
        if not isinstance(schema, dict) or depth > 8:
            return None
        if "$ref" in schema:
            return self.sample(self.components.get(schema["$ref"].rsplit("/", 1)[-1]), depth + 1)
        for key in ("oneOf", "anyOf", "allOf"):
            branches = [b for b in schema.get(key) or [] if b.get("type") != "null"]
            if branches:
                return self.sample(branches[0], depth + 1)
        if schema.get("enum"):
            return next((v for v in schema["enum"] if v is not None), schema["enum"][0])
        types = schema.get("type")
        kinds = [types] if isinstance(types, str) else [t for t in types or [] if t != "null"]
        kind = kinds[0] if kinds else ("object" if "properties" in schema else None)
        if kind == "object":
            return {name: self.sample(sub, depth + 1) for name, sub in (schema.get("properties") or {}).items()}
        if kind == "array":
            item = self.sample(schema.get("items"), depth + 1) if schema.get("items") else None
            return [] if item is None else [item]
        return {"string": "edge-sample", "integer": 1, "number": 1.5, "boolean": True}.get(kind or "", None)


def compiled(app: Flask, op: BodyOperation) -> Node:
    return Compiler(app.extensions["openapi"]).compile(op.schema)


def break_points(node: Node, path: tuple = (), depth: int = 0) -> list[tuple[tuple, str]]:
    """``(path, kind expected)`` for every property and first array item (to depth 4) whose kind the
    schema states."""
    out: list[tuple[tuple, str]] = []
    if node.kinds:
        kinds = node.kinds - {"null"}
        if len(kinds) == 1:
            out.append((path, next(iter(kinds))))
    if depth < 4:
        for name, sub in node.properties.items():
            out.extend(break_points(sub, (*path, name), depth + 1))
        if node.items is not None:
            out.extend(break_points(node.items, (*path, 0), depth + 1))
    return out


def put(body: Any, path: tuple, value: Any) -> Any:
    """``body`` with ``value`` at ``path`` (keys and list indexes; missing parents created as objects)."""
    if not path:
        return value
    out = copy.deepcopy(body) if isinstance(body, dict | list) else {}
    if isinstance(path[0], int) and not isinstance(out, list):
        out = [{}]
    cursor = out
    for step, following in zip(path[:-1], path[1:], strict=True):
        fresh: Any = [{}] if isinstance(following, int) else {}
        if isinstance(cursor, list):
            while len(cursor) <= step:
                cursor.append({})
            if not isinstance(cursor[step], dict | list):
                cursor[step] = fresh
            cursor = cursor[step]
        else:
            if not isinstance(cursor.get(step), dict | list):
                cursor[step] = fresh
            cursor = cursor[step]
    if isinstance(cursor, list):
        while len(cursor) <= path[-1]:
            cursor.append({})
    cursor[path[-1]] = value
    return out
