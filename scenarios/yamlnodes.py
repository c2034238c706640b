"""YAML with line numbers: mappings and lists that remember where each entry was written.

PyYAML composes a node tree carrying marks; we turn it into plain dicts and lists (subclasses that
keep a ``Mark`` per entry) so every later error can name ``file:line``. Booleans follow YAML 1.2
(only true/false): ``on``, ``no`` or ``NO`` (Norway) stay strings.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import yaml

from scenarios.errors import Mark, ScenarioError

_BOOL_TAG = "tag:yaml.org,2002:bool"


class _Loader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 booleans."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != _BOOL_TAG]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(_BOOL_TAG, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


class YMap(dict):
    """A mapping from a scenario file; ``mark`` is where it starts, ``marks[key]`` where each key is."""

    mark: Mark
    marks: dict[Any, Mark]

    def mark_of(self, key: Any) -> Mark:
        return self.marks.get(key, self.mark)


class YList(list):
    """A sequence from a scenario file; ``marks[i]`` is where item ``i`` is."""

    mark: Mark
    marks: list[Mark]

    def mark_of(self, index: int) -> Mark:
        return self.marks[index] if 0 <= index < len(self.marks) else self.mark


def mark_of(container: Any, key: Any, default: Mark) -> Mark:
    """The mark of ``container[key]`` when the container knows it, else ``default``."""
    if isinstance(container, YMap | YList):
        try:
            return container.mark_of(key)
        except TypeError:
            return container.mark
    return default


def node_mark(container: Any, default: Mark) -> Mark:
    """Where a value starts, if it came from the file."""
    return getattr(container, "mark", default)


def _mark(node: yaml.Node, file: str) -> Mark:
    return Mark(file, node.start_mark.line + 1)


def _build(node: yaml.Node, file: str, constructor: _Loader) -> Any:
    if isinstance(node, yaml.MappingNode):
        result = YMap()
        result.mark, result.marks = _mark(node, file), {}
        for key_node, value_node in node.value:
            key = _build(key_node, file, constructor)
            if isinstance(key, YMap | YList):
                raise ScenarioError(_mark(key_node, file), "a mapping key must be a plain value")
            if key in result:
                raise ScenarioError(_mark(key_node, file), f"duplicate key {key!r}")
            result[key] = _build(value_node, file, constructor)
            result.marks[key] = _mark(key_node, file)
        return result
    if isinstance(node, yaml.SequenceNode):
        items = YList(_build(item, file, constructor) for item in node.value)
        items.mark, items.marks = _mark(node, file), [_mark(item, file) for item in node.value]
        return items
    value = constructor.construct_object(node)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()  # scenarios treat times as ISO text; the clock parses them
    return value


def load_yaml(text: str, file: str) -> Any:
    """Parse one YAML document into YMap/YList/plain values; errors name ``file:line``."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        raise ScenarioError(Mark(file, line), f"not valid YAML: {error.problem or error}") from None
    if node is None:
        raise ScenarioError(Mark(file, 1), "the file is empty")
    return _build(node, file, _Loader(""))
