"""Drift between a real API and a mock (pure functions): real responses validated against the mock's
own ``/openapi.json``, and real vs mock bodies compared field by field.

A drift entry is ``{service, endpoint, field, kind, mock, real}``:
- ``schema``: the real response breaks the mock's spec (the spec, so the mock, is wrong);
- ``status``: the real status is not documented for that operation, or differs from the mock's;
- ``only-real`` / ``only-mock``: a field one side returns and the other does not;
- ``type``: both return the field with different JSON types.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from typing import Any

import jsonschema_rs

# Fields whose presence depends on data, not on the API's shape (e.g. only set on some records).
IGNORED_FIELDS = frozenset()


@dataclass(frozen=True)
class Call:
    """One probe call and its answer."""

    service: str          # shopify | hubspot
    step: str             # the probe's name for it, e.g. "create contact"
    method: str
    template: str         # the spec's path template
    status: int
    body: Any = None

    @property
    def endpoint(self) -> str:
        return f"{self.method} {self.template}"


@dataclass(frozen=True)
class Drift:
    service: str
    endpoint: str
    field: str
    kind: str
    mock: str
    real: str

    def to_dict(self) -> dict:
        return asdict(self)


def _type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"


def shape(value: Any, prefix: str = "") -> dict[str, set[str]]:
    """Every field path of a JSON value and the types seen there (list items under ``[]``)."""
    found: dict[str, set[str]] = {}
    if isinstance(value, Mapping):
        for key, item in value.items():
            path = f"{prefix}.{key}" if prefix else str(key)
            found.setdefault(path, set()).add(_type(item))
            for sub, types in shape(item, path).items():
                found.setdefault(sub, set()).update(types)
    elif isinstance(value, list):
        for item in value:
            for sub, types in shape(item, f"{prefix}[]").items():
                found.setdefault(sub, set()).update(types)
            if not isinstance(item, Mapping | list):
                found.setdefault(f"{prefix}[]", set()).add(_type(item))
    return found


def response_schema(spec: Mapping, method: str, template: str, status: int) -> tuple[bool, dict | None]:
    """(status documented?, JSON schema of that response or None) from an OpenAPI document."""
    operation = ((spec.get("paths") or {}).get(template) or {}).get(method.lower())
    if not isinstance(operation, Mapping):
        return False, None
    responses = operation.get("responses") or {}
    response = responses.get(str(status)) or responses.get(f"{str(status)[0]}XX") or responses.get("default")
    if response is None:
        return False, None
    if "$ref" in response:
        response = _follow(spec, response["$ref"])
    content = (response.get("content") or {}).get("application/json") or {}
    return True, content.get("schema")


def _follow(spec: Mapping, ref: str) -> Mapping:
    node: Any = spec
    for part in ref.removeprefix("#/").split("/"):
        node = node[part]
    return node


def schema_errors(spec: Mapping, call: Call) -> list[tuple[str, str]]:
    """(field path, message) for each way ``call``'s answer breaks the spec (status included)."""
    documented, schema = response_schema(spec, call.method, call.template, call.status)
    if not documented:
        return [("(status)", f"status {call.status} is not documented for {call.endpoint}")]
    if schema is None or call.body is None:
        return []
    validator = jsonschema_rs.validator_for({**schema, "components": spec.get("components") or {}})
    return [("/".join(str(p) for p in error.instance_path) or "(body)", error.message[:300])
            for error in validator.iter_errors(call.body)]


def compare_calls(spec: Mapping, real: Call, mock: Call | None) -> list[Drift]:
    """Drift of one probe step: the real answer against the spec, then against the mock's answer."""
    out = [Drift(real.service, real.endpoint, field, "schema" if field != "(status)" else "status",
                 "per /openapi.json", message) for field, message in schema_errors(spec, real)]
    if mock is None:
        return out
    if mock.status != real.status:
        out.append(Drift(real.service, real.endpoint, "(status)", "status", str(mock.status), str(real.status)))
        return out
    mine, theirs = shape(mock.body), shape(real.body)
    for field in sorted(set(mine) | set(theirs)):
        if field in IGNORED_FIELDS:
            continue
        if field not in mine:
            out.append(Drift(real.service, real.endpoint, field, "only-real", "-", _types(theirs[field])))
        elif field not in theirs:
            out.append(Drift(real.service, real.endpoint, field, "only-mock", _types(mine[field]), "-"))
        elif (mine[field] - {"null"}) and (theirs[field] - {"null"}) and not (mine[field] & theirs[field]):
            out.append(Drift(real.service, real.endpoint, field, "type", _types(mine[field]), _types(theirs[field])))
    return out


def _types(types: set[str]) -> str:
    return "|".join(sorted(types))


def unique(drifts: Iterable[Drift]) -> list[Drift]:
    """Drift entries without repeats, in a stable order."""
    return sorted(set(drifts), key=lambda d: (d.service, d.endpoint, d.kind, d.field))


def render_table(drifts: list[Drift]) -> str:
    """A readable Markdown table of the drift (or a line saying there is none)."""
    if not drifts:
        return "No drift: every real response matched the mock's /openapi.json and the mock's answer.\n"
    rows = ["| service | endpoint | field | kind | mock | real |", "|---|---|---|---|---|---|"]
    rows += [f"| {d.service} | `{d.endpoint}` | `{d.field}` | {d.kind} | {d.mock} | {_cell(d.real)} |"
             for d in drifts]
    return "\n".join(rows) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def report_json(drifts: list[Drift], run_tag: str, targets: Mapping[str, str]) -> str:
    return json.dumps({"run_tag": run_tag, "targets": dict(targets), "count": len(drifts),
                       "drift": [d.to_dict() for d in drifts]}, indent=2)
