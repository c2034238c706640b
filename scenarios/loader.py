"""Read a scenario file into a :class:`Scenario`, checking every step against the registry.

Every problem is a :class:`ScenarioError` naming ``file:line``: unknown keys and steps (with the
nearest known names), options a step does not take, bad matchers, and references to names no
earlier ``as:`` defined.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from mocks.core.clock import parse_iso
from scenarios.errors import Mark, ScenarioError
from scenarios.model import DEFAULT_START, DEFAULT_STORE, MODES, LoadContext, Scenario, Step, StepKind
from scenarios.yamlnodes import YList, YMap, load_yaml, mark_of, node_mark

TOP_KEYS = ("name", "description", "rules", "tags", "mode", "stores", "at", "given", "steps")
RULE_ID = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")   # C5, D10, or a user's own id
TAG = RULE_ID
NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
REFERENCE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_-]*)((?:\.[A-Za-z0-9_]+)*)\}")


def _suggest(word: str, known: list[str]) -> str:
    close = difflib.get_close_matches(word, known, n=3, cutoff=0.5)
    return f" (did you mean {' or '.join(repr(c) for c in close)}?)" if close else ""


def strings_with_marks(value: Any, mark: Mark) -> Iterator[tuple[str, Mark]]:
    """Every string inside ``value`` (keys too), each with the nearest line known."""
    if isinstance(value, str):
        yield value, mark
    elif isinstance(value, dict):
        for key, item in value.items():
            inner = mark_of(value, key, mark)
            yield from strings_with_marks(key, inner)
            yield from strings_with_marks(item, inner)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from strings_with_marks(item, mark_of(value, index, mark))


def _values_at(data: Any, path: str, mark: Mark) -> Iterator[tuple[Any, Mark]]:
    """The values a reference path names: ``@`` the whole argument, ``a.b``, ``lines[].product``."""
    if path == "@":
        if isinstance(data, str):
            yield data, mark
        return
    head, _, rest = path.partition(".")
    many = head.endswith("[]")
    key = head[:-2] if many else head
    if not isinstance(data, dict) or key not in data:
        return
    value, inner = data[key], mark_of(data, key, mark)
    items = list(enumerate(value)) if many and isinstance(value, list) else [(None, value)]
    for index, item in items:
        item_mark = mark_of(value, index, inner) if index is not None else inner
        if rest:
            yield from _values_at(item, rest, item_mark)
        else:
            yield item, item_mark


def check_reference(name: Any, kinds: tuple[str, ...], mark: Mark, ctx: LoadContext) -> None:
    """``name`` must be a reference defined earlier, to a record of one of ``kinds``."""
    if not isinstance(name, str) or name not in ctx.names:
        defined = ", ".join(sorted(ctx.names)) or "none yet"
        raise ScenarioError(mark, f"unknown reference {name!r}{_suggest(str(name), list(ctx.names))} "
                                  f"(defined so far: {defined}; name a record with `as:`)")
    if kinds and ctx.names[name] not in kinds:
        raise ScenarioError(mark, f"reference {name!r} is a {ctx.names[name]}, "
                                  f"but here it must name: {' or '.join(kinds)}")


def _check_refs(kind: StepKind, step: Step, ctx: LoadContext) -> None:
    for spec in kind.refs:
        path, _, kinds = spec.partition(":")
        for value, mark in _values_at(step.arg, path, step.mark):
            if isinstance(value, str) and REFERENCE.fullmatch(value):
                continue  # an interpolation: checked below
            check_reference(value, tuple(k for k in kinds.split("|") if k), mark, ctx)
    for text, mark in strings_with_marks({"arg": step.arg, **step.options}, step.mark):
        for match in REFERENCE.finditer(text):
            check_reference(match.group(1), (), mark, ctx)


def _step_parts(raw: Any, mark: Mark) -> tuple[str, Any, dict]:
    if isinstance(raw, str):
        return raw.strip(), None, {}
    if isinstance(raw, dict) and raw:
        first = next(iter(raw))
        options = {k: v for k, v in raw.items() if k != first}
        if isinstance(raw, YMap):
            options = _with_marks(options, raw)
        return str(first).strip(), raw[first], options
    raise ScenarioError(mark, "a step is a name (`- sync`) or a mapping whose first key names the step "
                              "(`- advance: 24h`)")


def _with_marks(options: dict, source: YMap) -> YMap:
    result = YMap(options)
    result.mark, result.marks = source.mark, {k: source.mark_of(k) for k in options}
    return result


def parse_step(raw: Any, mark: Mark, number: int, section: str, registry: Mapping[str, StepKind],
               ctx: LoadContext) -> Step:
    """One step, checked: known kind, argument present or not as required, known options, references."""
    name, arg, options = _step_parts(raw, mark)
    mark = node_mark(raw, mark) if isinstance(raw, dict) else mark
    kind = registry.get(name)
    if kind is None:
        raise ScenarioError(mark, f"unknown step {name!r}{_suggest(name, list(registry))}; "
                                  "see docs/scenarios.md for the step reference")
    if kind.arg == "required" and arg is None:
        raise ScenarioError(mark, f"step {name!r} needs a value (`- {name}: ...`)")
    if kind.arg == "none" and arg is not None:
        raise ScenarioError(mark, f"step {name!r} takes no value; write `- {name}`")
    allowed = set(kind.options) | ({"as"} if kind.defines else set())
    for key in options:
        if key not in allowed:
            hint = f"; it takes {', '.join(sorted(allowed))}" if allowed else "; it takes no options"
            raise ScenarioError(mark_of(options, key, mark),
                                f"step {name!r} has no option {key!r}{_suggest(str(key), sorted(allowed))}{hint}")
    if section == "given" and not kind.given:
        raise ScenarioError(mark, f"step {name!r} cannot be in `given` (only create steps: records that "
                                  "exist before the connector is connected)")
    step = Step(name, arg, options, mark, number, section)
    _check_refs(kind, step, ctx)
    if kind.parse is not None:
        step = Step(name, arg, options, mark, number, section, kind.parse(step, ctx))
    if "as" in options:
        label = options["as"]
        where = mark_of(options, "as", mark)
        if not isinstance(label, str) or not NAME.match(label):
            raise ScenarioError(where, f"`as:` needs a plain name (letters, digits, _ or -), got {label!r}")
        if label in ctx.names:
            raise ScenarioError(where, f"the name {label!r} is already used")
        ctx.names[label] = kind.defines or "record"
    return step


def _require(data: YMap, key: str) -> Any:
    if key not in data:
        raise ScenarioError(data.mark, f"a scenario needs `{key}:`")
    return data[key]


def _string_list(value: Any, mark: Mark, what: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise ScenarioError(mark, f"`{what}:` must be a non-empty list of names")
    return tuple(value)


def _steps(data: YMap, key: str, registry: Mapping[str, StepKind], ctx: LoadContext, first: int) -> tuple:
    raw = data.get(key) or []
    if not isinstance(raw, list):
        raise ScenarioError(data.mark_of(key), f"`{key}:` must be a list of steps")
    return tuple(parse_step(item, mark_of(raw, index, data.mark_of(key)), first + index, key, registry, ctx)
                 for index, item in enumerate(raw))


def parse_scenario(data: Any, file: str, registry: Mapping[str, StepKind]) -> Scenario:
    """A scenario from already-parsed YAML (see :func:`load_text`)."""
    top = Mark(file, 1)
    if not isinstance(data, YMap):
        raise ScenarioError(top, "a scenario file is a mapping with name, rules and steps")
    for key in data:
        if key not in TOP_KEYS:
            raise ScenarioError(data.mark_of(key), f"unknown key {key!r}{_suggest(str(key), list(TOP_KEYS))}; "
                                                   f"a scenario has {', '.join(TOP_KEYS)}")
    name = _require(data, "name")
    if not isinstance(name, str) or not name.strip():
        raise ScenarioError(data.mark_of("name"), "`name:` must be a sentence saying what is proven")
    rules = _string_list(_require(data, "rules"), data.mark_of("rules"), "rules")
    for rule in rules:
        if not RULE_ID.match(rule):
            raise ScenarioError(data.mark_of("rules"), f"rule id {rule!r} is not an identifier (like C5 or my-rule-1)")
    tags = _string_list(data["tags"], data.mark_of("tags"), "tags") if "tags" in data else ()
    for tag in tags:
        if not TAG.match(tag):
            raise ScenarioError(data.mark_of("tags"), f"tag {tag!r} is not an identifier (like portable)")
    mode = data.get("mode", MODES[0])
    if mode not in MODES:
        raise ScenarioError(data.mark_of("mode"), f"mode must be one of {', '.join(MODES)}, got {mode!r}")
    stores = _string_list(data.get("stores", [DEFAULT_STORE]), data.mark_of("stores"), "stores")
    if len(set(stores)) != len(stores):
        raise ScenarioError(data.mark_of("stores"), "a store is listed twice")
    at = str(data.get("at", DEFAULT_START))
    try:
        parse_iso(at)
    except ValueError:
        raise ScenarioError(data.mark_of("at"), f"`at:` must be an ISO 8601 time, got {at!r}") from None
    ctx = LoadContext(stores=stores, mode=mode)
    given = _steps(data, "given", registry, ctx, 1)
    _require(data, "steps")
    steps = _steps(data, "steps", registry, ctx, len(given) + 1)
    if not steps:
        raise ScenarioError(data.mark_of("steps"), "`steps:` is empty")
    return Scenario(name=name.strip(), rules=rules, file=file, mark=top, mode=mode, stores=stores, at=at,
                    tags=tags, given=given, steps=steps)


def load_text(text: str, file: str, registry: Mapping[str, StepKind] | None = None) -> Scenario:
    """Parse scenario text; ``file`` is only used in messages."""
    if registry is None:
        from scenarios.registry import step_registry
        registry = step_registry()
    return parse_scenario(load_yaml(text, file), file, registry)


def load_file(path: str | Path, registry: Mapping[str, StepKind] | None = None) -> Scenario:
    """Read and parse one scenario file."""
    path = Path(path)
    return load_text(path.read_text(encoding="utf-8"), str(path), registry)


__all__ = ["YList", "load_file", "load_text", "parse_scenario", "parse_step", "check_reference"]
