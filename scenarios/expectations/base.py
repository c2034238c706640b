"""What every expectation subject shares: its parsed spec, and comparing properties to matchers."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from scenarios.errors import Mark, Mismatch, ScenarioError
from scenarios.matchers import Matcher, parse_matcher

if TYPE_CHECKING:
    from scenarios.model import LoadContext
    from scenarios.world import World

Parse = Callable[[str, Any, Mark, "LoadContext"], Any]
Check = Callable[["World", Any], list[Mismatch]]


@dataclass(frozen=True)
class Subject:
    """A kind of thing an ``expect`` block can name: ``contact <email>``, ``counts``, ``report R1``…

    ``arg``: "required" or "none" (the words after the subject name). ``mock_only``: it reads a
    mock's /__admin surface, so a sandbox run leaves it out (and says so). ``sandbox_blocker``: for
    a parsed spec, why a shared sandbox can never meet it ("" if it can); the scenario is skipped.
    """

    name: str
    parse: Parse
    check: Check
    arg: str = "required"
    mock_only: bool = False
    help: str = ""
    sandbox_blocker: Callable[[Any], str] = lambda _spec: ""   # why a shared sandbox cannot check it


@dataclass(frozen=True)
class Expectation:
    """One entry of an ``expect`` block, parsed."""

    subject: Subject
    label: str
    spec: Any
    mark: Mark


def compare(label: str, matchers: Mapping[str, Matcher], actual: Mapping[str, Any],
            resolve: Callable[[Any], Any] | None = None) -> list[Mismatch]:
    """A mismatch for every property whose actual value fails its matcher (``${…}`` resolved first)."""
    out = []
    for name, matcher in matchers.items():
        if resolve is not None:
            matcher = matcher.resolved(resolve)
        if not matcher.test(actual.get(name)):
            out.append(Mismatch(label, name, matcher.describe(), actual.get(name)))
    return out


def count_matcher(raw: Any, mark: Mark, what: str) -> Matcher:
    """A count: a plain integer (exactly) or a matcher such as ``{at_most: 5}``."""
    matcher = parse_matcher(raw, mark)
    if matcher.op == "equals" and (isinstance(matcher.value, bool) or not isinstance(matcher.value, int)):
        raise ScenarioError(mark, f"{what}: a count is a whole number or a matcher like {{at_most: 5}}")
    return matcher


def lookup_path(data: Any, path: str) -> Any:
    """``a.b[key].c`` in nested dicts/lists: ``[key]`` picks the list item with a field equal to key;
    ``[2]`` is an index. Missing parts give None."""
    value = data
    for part in _split(path):
        if isinstance(part, tuple):
            value = _pick(value, part[0])
        elif isinstance(value, dict):
            value = value.get(part)
        else:
            return None
        if value is None:
            return None
    return value


def _split(path: str) -> list:
    parts: list = []
    for chunk in path.split("."):
        name, _, rest = chunk.partition("[")
        if name:
            parts.append(name)
        while rest:
            key, _, rest = rest.partition("]")
            parts.append((key,))
            rest = rest.lstrip("[") if rest.startswith("[") else rest
    return parts


def _pick(value: Any, key: str) -> Any:
    """``[2]`` is an index; ``[processed]`` the item with a field equal to it (or a dict's key)."""
    if isinstance(value, dict):
        return value.get(key)
    if not isinstance(value, list):
        return None
    if key.isdigit():
        return value[int(key)] if int(key) < len(value) else None
    for item in value:
        if isinstance(item, dict) and any(str(v) == key for v in item.values() if not isinstance(v, dict | list)):
            return item
    return None
