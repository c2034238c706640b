"""Enumerate the operations of an OpenAPI document as concrete requests (pure functions).

Used by the security tests (every real route, with no or a wrong credential) and by the contract
probes. Path parameters get a plausible value: the schema's example, enum or default, else a
number-looking id (``1001``) so the route matches and only the credential is on trial.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

HTTP_METHODS = ("get", "post", "put", "patch", "delete")
_PARAM = re.compile(r"\{([^}]+)\}")


@dataclass(frozen=True)
class Route:
    """One operation, with a concrete path and the way its credential travels."""

    method: str            # upper case
    template: str          # as in the document, e.g. /crm/v3/objects/{objectType}/{objectId}
    path: str              # with parameters filled in
    credential: str        # "header" | "query" | "none"
    operation_id: str = ""

    @property
    def label(self) -> str:
        return f"{self.method} {self.template}"


def _resolve(spec: Mapping, node: Mapping) -> Mapping:
    ref = node.get("$ref") if isinstance(node, Mapping) else None
    if not ref or not ref.startswith("#/"):
        return node
    target: object = spec
    for part in ref[2:].split("/"):
        target = target[part]  # type: ignore[index]
    return _resolve(spec, target)  # type: ignore[arg-type]


def sample_value(spec: Mapping, parameter: Mapping) -> str:
    """A value for a path parameter that a route will accept as well-formed."""
    parameter = _resolve(spec, parameter)
    schema = _resolve(spec, parameter.get("schema") or {})
    for source in (parameter.get("example"), schema.get("example"), schema.get("default")):
        if source is not None:
            return str(source)
    if schema.get("enum"):
        return str(schema["enum"][0])
    examples = parameter.get("examples") or {}
    for example in examples.values():
        value = _resolve(spec, example).get("value")
        if value is not None:
            return str(value)
    return "1001"


def credential_kind(spec: Mapping, operation: Mapping) -> str:
    """How the operation's credential travels: ``header`` (incl. bearer), ``query``, or ``none``."""
    requirements = operation.get("security", spec.get("security"))
    if not requirements:
        return "none"
    schemes = (spec.get("components") or {}).get("securitySchemes") or {}
    kinds = set()
    for requirement in requirements:
        if not requirement:          # {} in the list: anonymous access allowed
            return "none"
        for name in requirement:
            scheme = _resolve(spec, schemes.get(name) or {})
            kinds.add("query" if scheme.get("in") == "query" else "header")
    return "query" if kinds == {"query"} else "header"


def routes(spec: Mapping) -> Iterator[Route]:
    """Every operation of ``spec`` as a :class:`Route`, in document order."""
    for template, item in (spec.get("paths") or {}).items():
        shared = list(item.get("parameters") or [])
        for method in HTTP_METHODS:
            operation = item.get(method)
            if not isinstance(operation, Mapping):
                continue
            params = {}
            for raw in [*shared, *(operation.get("parameters") or [])]:
                parameter = _resolve(spec, raw)
                if parameter.get("in") == "path":
                    params[parameter["name"]] = sample_value(spec, parameter)
            path = _PARAM.sub(lambda m, p=params: p.get(m.group(1), "1001"), template)
            yield Route(method.upper(), template, path, credential_kind(spec, operation),
                        str(operation.get("operationId") or ""))
