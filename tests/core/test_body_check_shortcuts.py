"""The body edge's walk skips what no schema constrains (``finish``: inert and leaf nodes); these tests
hold it to the plain walk it replaced, on every operation schema both mocks publish and on random bodies,
and check the edge still leaves too-deep bodies to the route."""

from __future__ import annotations

import copy
import json
import random

import pytest

from mocks.core.body_schema import (
    ARRAY,
    NULL,
    OBJECT,
    Compiler,
    Node,
    body_operations,
    check,
    finish,
    kind_of,
)
from tests.fidelity.bodies import Sampler
from tests.fidelity.targets import HUBSPOT, SHOPIFY, Target


def plain_check(node: Node, value: object, path: tuple = ()) -> tuple | None:
    """The walk as first written: every node visited, nothing skipped."""
    found = kind_of(value)
    if path and found == NULL:
        return None
    if node.kinds and found not in node.kinds:
        return path, tuple(sorted(node.kinds - {NULL})) or (NULL,), found
    for part in node.every:
        problem = plain_check(part, value, path)
        if problem:
            return problem
    if node.alternatives:
        problems = [plain_check(alt, value, path) for alt in node.alternatives]
        if all(problems):
            return min(problems, key=lambda p: -len(p[0]))
    if isinstance(value, dict):
        for key, item in value.items():
            sub = node.properties.get(key, node.extra)
            if sub is not None:
                problem = plain_check(sub, item, (*path, key))
                if problem:
                    return problem
    elif isinstance(value, list) and node.items is not None:
        for index, item in enumerate(value):
            problem = plain_check(node.items, item, (*path, index))
            if problem:
                return problem
    return None


ODD_VALUES = [None, 0, 1.5, True, "x", "", [], [1], [{"a": None}], {}, {"x": 1}, {"x": [1, {"y": "z"}]}]


def _paths(value: object, path: tuple = ()) -> list[tuple]:
    out = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            out += _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            out += _paths(item, (*path, index))
    return out


def _replaced(body: object, path: tuple, value: object) -> object:
    """A copy of ``body`` with ``value`` at ``path`` (an existing place, or a new key of a dict there)."""
    if not path:
        return value
    out = copy.deepcopy(body)
    cursor = out
    for step in path[:-1]:
        cursor = cursor[step]  # type: ignore[index]
    cursor[path[-1]] = value  # type: ignore[index]
    return out


def _variants(valid: object, rng: random.Random, count: int) -> list[object]:
    """The valid sample, and copies with an odd value put at a random place (existing or new key)."""
    bodies = [valid]
    places = _paths(valid)
    for _ in range(count):
        path = rng.choice(places)
        parent = valid
        for step in path:
            parent = parent[step]  # type: ignore[index]
        if isinstance(parent, dict) and rng.random() < 0.3:
            path = (*path, rng.choice(["extra", "id", "properties", "inputs", "query"]))
        bodies.append(_replaced(valid, path, rng.choice(ODD_VALUES)))
    return bodies


@pytest.mark.parametrize("target", [SHOPIFY, HUBSPOT], ids=lambda t: t.name)
def test_the_walk_with_shortcuts_answers_as_the_plain_walk(target: Target):
    app = target.make_app()
    document = app.extensions["openapi"]
    compiler, sampler, rng = Compiler(document), Sampler(document), random.Random(11)
    checked = violations = 0
    for _template, _method, schema in body_operations(document):
        node = finish(compiler.compile(schema))
        for body in _variants(sampler.sample(schema), rng, 40):
            expected = plain_check(node, body)
            assert check(node, body) == expected, (schema, body)
            checked += 1
            violations += expected is not None
    assert checked > 400 and violations > 50  # the bodies did break schemas, not only pass them


def test_a_cycle_of_references_stays_walked():
    document = {"components": {"schemas": {"Tree": {"type": "object", "properties": {
        "name": {"type": "string"}, "children": {"type": "array", "items": {"$ref": "#/components/schemas/Tree"}}}}}}}
    node = finish(Compiler(document).compile({"$ref": "#/components/schemas/Tree"}))
    body = {"children": [{"children": [{"name": {"not": "a string"}}]}]}
    assert check(node, body) == plain_check(node, body) == (("children", 0, "children", 0, "name"), ("scalar",),
                                                            OBJECT)


def test_inert_and_leaf_flags():
    node = finish(Compiler({}).compile({"type": "object", "properties": {
        "free": {}, "text": {"type": "string"}, "bag": {"type": "object", "additionalProperties": {}},
        "list": {"type": "array", "items": {"type": "integer"}}}}))
    assert node.properties["free"].inert and node.properties["text"].leaf
    assert node.properties["bag"].leaf and not node.properties["bag"].walk  # its values are free
    assert not node.properties["list"].leaf and node.properties["list"].walk
    assert check(node, {"list": [1, {"a": 1}]}) == (("list", 1), ("scalar",), OBJECT)
    assert check(node, {"bag": [1]}) == (("bag",), ("object",), ARRAY)


def test_a_body_too_deep_for_the_edge_is_left_to_the_route():
    """Deeper than 100 levels with a violation at the top: the edge does not answer, the route does."""
    app = HUBSPOT.make_app()
    edge, seen = app.extensions["body_edge"], []
    answer = edge.reject
    edge.reject = lambda violation: seen.append(violation) or answer(violation)
    deep = {"inputs": "not a list", "x": json.loads("[" * 150 + "]" * 150)}
    client = app.test_client()
    response = client.post("/crm/v3/objects/contacts/batch/upsert", data=json.dumps(deep),
                           headers={**HUBSPOT.good_headers(), "Content-Type": "application/json"})
    assert seen == [] and response.status_code == 400
    shallow = {"inputs": "not a list"}
    response = client.post("/crm/v3/objects/contacts/batch/upsert", data=json.dumps(shallow),
                           headers={**HUBSPOT.good_headers(), "Content-Type": "application/json"})
    assert [v.path for v in seen] == [("inputs",)] and response.status_code == 400


@pytest.mark.parametrize("target", [SHOPIFY, HUBSPOT], ids=lambda t: t.name)
def test_the_passing_types_let_through_only_what_check_lets_through(target: Target):
    """``Node.passes`` (the per-key shortcut of a list of objects): every value of a type it lists passes
    ``check`` below the root, on every node of every operation schema; values of other types still fail
    where the plain walk fails (a list of batch inputs with one bad key, checked through the shortcut)."""
    document = target.make_app().extensions["openapi"]
    compiler, seen = Compiler(document), 0
    values = [*ODD_VALUES, "text", 7, False, {"a": 1}]
    for _template, _method, schema in body_operations(document):
        stack, visited = [finish(compiler.compile(schema))], set()
        while stack:
            node = stack.pop()
            if id(node) in visited:
                continue
            visited.add(id(node))
            for key, allowed in node.passes.items():
                for value in values:
                    if type(value) in allowed:
                        assert plain_check(node.properties[key], value, ("x",)) is None, (key, value)
                        seen += 1
            stack += [*node.properties.values(), *node.every, *node.alternatives,
                      *(n for n in (node.items, node.extra) if n is not None)]
    assert seen > 100
    node = finish(Compiler({}).compile({"type": "array", "items": {"type": "object", "properties": {
        "id": {"type": "string"}, "properties": {"type": "object", "additionalProperties": {}}}}}))
    assert node.items is not None and set(node.items.passes) == {"id", "properties"}
    for bad in ([{"id": "1", "properties": {}}, {"id": {"no": 1}}], [{"properties": "text"}], [{"id": [1]}]):
        assert check(node, bad) == plain_check(node, bad) is not None
