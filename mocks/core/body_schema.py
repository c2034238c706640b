"""Request bodies checked at the edge against the very OpenAPI document a mock serves at ``/openapi.json``.

At app creation :class:`BodyEdge` compiles each operation's ``requestBody`` JSON schema (the same dict
objects the document holds, so the edge and the published description cannot drift) and maps each Flask
URL rule to its OpenAPI path template once. Per request: one dict lookup, one parse of the cached body
(kept for the route: :func:`mocks.core.parsed.parse_once`), one walk of the compiled schema that skips
what no schema constrains (a node's ``inert`` and ``leaf`` flags, worked out once per schema).

Only what the schema forbids *structurally* is refused here: a body of the wrong kind (not an object),
or a value that is an object where the schema wants an array or a scalar, an array where it wants an
object or a scalar, a scalar where it wants an object or an array. Both real services coerce scalars
into each other (Rails casts ``"5"`` and ``5`` alike; Jackson turns ``5`` into ``"5"``), accept
``null`` for optional values, and answer required fields, enums, lengths and formats with their own
field-level messages; the routes keep those answers (docs/fidelity.md, "Edge validation").
A violation is answered through the mock's own hook, in that mock's 4xx shape.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from flask import Flask, Response, request

from mocks.core.nesting import too_deep
from mocks.core.parsed import parse_once

OBJECT, ARRAY, SCALAR, NULL = "object", "array", "scalar", "null"
_KINDS = {"object": OBJECT, "array": ARRAY, "string": SCALAR, "integer": SCALAR, "number": SCALAR,
          "boolean": SCALAR, "null": NULL}
_VARIABLE = re.compile(r"<[^>]*>|\{[^}]*\}")
_METHODS = ("post", "put", "patch", "delete")


@dataclass(frozen=True)
class Violation:
    """Where a body breaks its schema: ``path`` (keys and indexes from the root), the kinds the schema
    allows there and the kind found; ``schema`` is the operation's body schema as published."""

    path: tuple[str | int, ...]
    expected: tuple[str, ...]
    found: str
    schema: dict
    template: str

    def where(self) -> str:
        """``customer.addresses[0]`` style; ``body`` for the root."""
        out = ""
        for step in self.path:
            out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else step)
        return out or "body"


@dataclass
class Node:
    """A compiled schema: the kinds allowed (``None``: any), the nested schemas, and alternatives."""

    kinds: frozenset[str] | None = None
    properties: dict[str, Node] = field(default_factory=dict)
    items: Node | None = None
    extra: Node | None = None
    alternatives: list[Node] = field(default_factory=list)
    every: list[Node] = field(default_factory=list)
    # Worked out by :func:`finish` once the tree is complete (see there); the defaults are the safe ones.
    inert: bool = field(default=False, compare=False, repr=False)
    leaf: bool = field(default=False, compare=False, repr=False)
    walk: bool = field(default=True, compare=False, repr=False)
    flat: bool = field(default=False, compare=False, repr=False)
    expected: tuple[str, ...] = field(default=(), compare=False, repr=False)
    # ``passes[key]``: the exact Python types a value under ``properties[key]`` may have and surely pass
    # (an inert or leaf child: its kinds' types and ``None``); anything else is looked at the general way.
    passes: dict[str, frozenset[type]] = field(default_factory=dict, compare=False, repr=False)


def kind_of(value: object) -> str:
    """The JSON kind of a parsed value."""
    if value is None:
        return NULL
    if isinstance(value, dict):
        return OBJECT
    if isinstance(value, list):
        return ARRAY
    return SCALAR


# The exact types a JSON parser makes, and their kinds (anything else: ``kind_of``).
_KIND_OF_TYPE = {dict: OBJECT, list: ARRAY, str: SCALAR, int: SCALAR, float: SCALAR, bool: SCALAR,
                 type(None): NULL}
_TYPES_OF_KIND: dict[str, frozenset[type]] = {
    kind: frozenset(t for t, k in _KIND_OF_TYPE.items() if k == kind) for kind in (OBJECT, ARRAY, SCALAR, NULL)}
_ANY_TYPE = frozenset(_KIND_OF_TYPE)


def finish(root: Node) -> Node:
    """Work out, for every node under ``root``, what lets :func:`check` skip work without changing its
    answer: ``inert`` (the node can never report a problem: no kinds, no parts, no alternatives and only
    inert children), ``leaf`` (only its kinds matter: every child inert), ``walk`` (some child of an object
    or array value may report a problem), ``flat`` (no parts, no alternatives: a list of such items is checked
    in one loop) and ``expected`` (the kinds a violation names). A node met again
    while its own children are being worked out (a ``$ref`` cycle) counts as not inert, the safe side."""
    done: set[int] = set()

    def visit(node: Node) -> None:
        if id(node) in done:
            return
        done.add(id(node))
        node.inert, node.leaf, node.walk = False, False, True  # while in progress (cycles)
        children = [*node.properties.values(), *(n for n in (node.extra, node.items) if n is not None)]
        for child in (*children, *node.every, *node.alternatives):
            visit(child)
        quiet = all(child.inert for child in children)
        node.walk = not quiet
        node.leaf = quiet and not node.every and not node.alternatives
        node.inert = node.leaf and not node.kinds
        node.flat = not node.every and not node.alternatives
        node.expected = tuple(sorted((node.kinds or frozenset()) - {NULL})) or (NULL,)
        node.passes = {key: _passing_types(child) for key, child in node.properties.items()
                       if child.inert or child.leaf}

    visit(root)
    return root


def _passing_types(leaf: Node) -> frozenset[type]:
    """The exact types whose values :func:`check` lets through under an inert or leaf node (below the root,
    where ``null`` always passes): ``check``'s answer for them is None, worked out once."""
    if leaf.inert or not leaf.kinds:
        return _ANY_TYPE
    return frozenset().union(_TYPES_OF_KIND[NULL], *(_TYPES_OF_KIND[kind] for kind in leaf.kinds))


class Compiler:
    """Schemas to :class:`Node` trees, resolving ``#/components/schemas/...`` references of ``document``."""

    def __init__(self, document: dict) -> None:
        self.components = (document.get("components") or {}).get("schemas") or {}
        self._refs: dict[str, Node] = {}

    def compile(self, schema: object) -> Node:
        if not isinstance(schema, dict):
            return Node()
        reference = schema.get("$ref")
        if isinstance(reference, str):
            if reference not in self._refs:
                self._refs[reference] = node = Node()  # a cycle resolves to the node being filled
                filled = self.compile(self.components.get(reference.rsplit("/", 1)[-1]))
                node.__dict__.update(filled.__dict__)
            return self._refs[reference]
        node = Node()
        types = schema.get("type")
        if isinstance(types, str):
            types = [types]
        if isinstance(types, list):
            node.kinds = frozenset(_KINDS[t] for t in types if t in _KINDS)
        elif isinstance(schema.get("enum"), list) and schema["enum"]:
            node.kinds = frozenset(kind_of(value) for value in schema["enum"])  # an untyped enum: its values' kinds
        for name, sub in (schema.get("properties") or {}).items():
            node.properties[name] = self.compile(sub)
        if isinstance(schema.get("items"), dict):
            node.items = self.compile(schema["items"])
        if isinstance(schema.get("additionalProperties"), dict):
            node.extra = self.compile(schema["additionalProperties"])
        node.alternatives = [self.compile(s) for s in (schema.get("oneOf") or []) + (schema.get("anyOf") or [])]
        node.every = [self.compile(s) for s in schema.get("allOf") or []]
        return node


def check(node: Node, value: object, path: tuple[str | int, ...] = ()) -> tuple[tuple, tuple[str, ...], str] | None:
    """The first structural violation of ``value`` against ``node`` (``(path, expected, found)``), or None.
    ``null`` passes below the root (nullability is each route's rule). Nodes must have been through
    :func:`finish` (``Compiler.compile`` does it)."""
    found = _KIND_OF_TYPE.get(type(value)) or kind_of(value)
    if path and found is NULL:
        return None
    if node.kinds and found not in node.kinds:
        return path, node.expected or tuple(sorted(node.kinds - {NULL})) or (NULL,), found
    for part in node.every:
        problem = check(part, value, path)
        if problem:
            return problem
    if node.alternatives:
        problems = [check(alt, value, path) for alt in node.alternatives]
        if all(problems):
            return min(problems, key=lambda p: -len(p[0]))  # type: ignore[index]
    if not node.walk:
        return None
    if found is OBJECT:
        properties, extra = node.properties, node.extra
        for key, item in value.items():  # type: ignore[attr-defined]
            sub = properties.get(key, extra)
            if sub is None or sub.inert:
                continue
            if sub.leaf:  # only its kinds: checked here, without a call
                kind = _KIND_OF_TYPE.get(type(item)) or kind_of(item)
                if kind is NULL or kind in sub.kinds:  # type: ignore[operator]
                    continue
                return (*path, key), sub.expected, kind
            problem = check(sub, item, (*path, key))
            if problem:
                return problem
    elif found is ARRAY and node.items is not None:
        if node.items.flat:
            return _flat_items(node.items, value, path)  # type: ignore[arg-type]
        for index, item in enumerate(value):  # type: ignore[arg-type]
            problem = check(node.items, item, (*path, index))
            if problem:
                return problem
    return None


def _flat_items(node: Node, value: list, path: tuple) -> tuple[tuple, tuple[str, ...], str] | None:
    """``check(node, item, (*path, index))`` for each item in turn, for a ``flat`` node (no parts, no
    alternatives), without a call per item: a list of records, each checked as :func:`check` does."""
    kinds, walk, properties, extra, items = node.kinds, node.walk, node.properties, node.extra, node.items
    passes, objects = node.passes, not kinds or OBJECT in kinds
    for index, item in enumerate(value):
        if objects and type(item) is dict:  # the usual item, a JSON object: the shortcut first
            if not walk:
                continue
            for key, sub_item in item.items():
                allowed = passes.get(key)
                if allowed is not None and type(sub_item) in allowed:
                    continue
                sub = properties.get(key, extra)  # the general step below, for this key
                if sub is None or sub.inert:
                    continue
                if sub.leaf:
                    kind = _KIND_OF_TYPE.get(type(sub_item)) or kind_of(sub_item)
                    if kind is NULL or kind in sub.kinds:  # type: ignore[operator]
                        continue
                    return (*path, index, key), sub.expected, kind
                problem = check(sub, sub_item, (*path, index, key))
                if problem:
                    return problem
            continue
        found = _KIND_OF_TYPE.get(type(item)) or kind_of(item)
        if found is NULL:
            continue
        if kinds and found not in kinds:
            return (*path, index), node.expected or tuple(sorted(kinds - {NULL})) or (NULL,), found
        if not walk:
            continue
        if found is OBJECT:
            for key, sub_item in item.items():
                sub = properties.get(key, extra)
                if sub is None or sub.inert:
                    continue
                if sub.leaf:
                    kind = _KIND_OF_TYPE.get(type(sub_item)) or kind_of(sub_item)
                    if kind is NULL or kind in sub.kinds:  # type: ignore[operator]
                        continue
                    return (*path, index, key), sub.expected, kind
                problem = check(sub, sub_item, (*path, index, key))
                if problem:
                    return problem
        elif found is ARRAY and items is not None:
            for position, sub_item in enumerate(item):
                problem = check(items, sub_item, (*path, index, position))
                if problem:
                    return problem
    return None


def shape(template: str) -> str:
    """A Flask rule or OpenAPI template with every variable segment made ``{}``."""
    return _VARIABLE.sub("{}", template)


def body_operations(document: dict) -> Iterator[tuple[str, str, dict]]:
    """``(template, method, schema)`` of every operation with a JSON request body; ``schema`` is the very
    dict the document holds."""
    for template, item in (document.get("paths") or {}).items():
        for method in _METHODS:
            operation = item.get(method) if isinstance(item, dict) else None
            content = ((operation or {}).get("requestBody") or {}).get("content") or {}
            schema = (content.get("application/json") or {}).get("schema")
            if isinstance(schema, dict):
                yield template, method.upper(), schema


class BodyEdge:
    """Validates each request body against its operation's schema in ``document``.

    ``reject(violation)`` answers a violation in the mock's own shape; ``aliases`` rewrites a document
    template to the app's spelling of it (Shopify's dated prefix to ``{version}``); ``json_only`` leaves
    bodies of another content type to the route (HubSpot answers those 415).
    """

    def __init__(self, document: dict, reject: Callable[[Violation], Response],
                 aliases: Callable[[str], str] = lambda template: template, json_only: bool = False) -> None:
        self.document, self.reject, self.json_only = document, reject, json_only
        compiler = Compiler(document)
        self.schemas: dict[tuple[str, str], dict] = {}
        self._by_shape: dict[tuple[str, str], tuple[str, Node] | None] = {}
        for template, method, schema in body_operations(document):
            self.schemas[(template, method)] = schema
            key = (shape(aliases(template)), method)
            # Two templates of one shape would make the match ambiguous: such an operation is not validated.
            self._by_shape[key] = None if key in self._by_shape else (template, finish(compiler.compile(schema)))
        self._by_rule: dict[tuple[str, str], tuple[str, Node] | None] = {}

    def bind(self, app: Flask) -> None:
        """Map the app's URL rules to templates (once) and check every matching request before its view."""
        for rule in app.url_map.iter_rules():
            for method in rule.methods or ():
                match = self._by_shape.get((shape(rule.rule), method))
                if match is not None:
                    self._by_rule[(rule.rule, method)] = match
        app.before_request(self.before_request)

    def validated(self) -> dict[tuple[str, str], str]:
        """``(Flask rule, method) -> OpenAPI template`` of every operation the edge checks."""
        return {key: match[0] for key, match in self._by_rule.items() if match is not None}

    def before_request(self) -> Response | None:
        rule = request.url_rule
        match = self._by_rule.get((rule.rule, request.method)) if rule is not None else None
        if match is None:
            return None
        if self.json_only:
            mimetype = request.mimetype or ""
            if mimetype != "application/json" and not mimetype.endswith("+json"):
                return None
        raw = request.get_data(cache=True)
        if not raw.strip():
            return None  # the route answers a missing body
        try:
            body: Any = parse_once(raw)
            template, node = match
            problem = check(node, body)
        except (ValueError, UnicodeDecodeError, RecursionError):
            return None  # the route answers invalid JSON (or JSON deeper than its parser takes) in its own words
        # A body nested deeper than the parser takes is the route's to answer: only a violation needs that
        # check (without one the edge lets the body through either way), so the scan is not on every request.
        if problem is None or too_deep(raw):
            return None
        path, expected, found = problem
        return self.reject(Violation(path, expected, found, self.schemas[(template, request.method)], template))
