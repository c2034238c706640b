"""``--connector SPEC``: which connector a scenario run tests.

``reference`` (default)      the built-in connector, in-process, reading Shopify through GraphQL
``reference:rest``           the same, reading Shopify through REST (``--shopify-api rest``)
``python:MODULE:FACTORY``    ``FACTORY(settings)`` returns an object with the protocol in ``python.py``
``cmd:COMMAND``              an external program run for every ``connect``, ``sync`` and ``run timers`` step
``serve:COMMAND``            with ``cmd:``: a long-running webhook receiver on ``SHOPHUB_RECEIVER_PORT``

``--connector`` may be given twice to pair ``cmd:`` with ``serve:``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

KINDS = ("reference", "python", "cmd")
HELP = ("the connector under test: reference (default, in-process; reference:rest reads Shopify through REST), "
        "python:MODULE:FACTORY, cmd:COMMAND "
        "(run per connect/sync/run-timers step), plus serve:COMMAND (a webhook receiver; give --connector twice)")


class ConnectorSpecError(ValueError):
    """A ``--connector`` value that cannot be used."""


@dataclass(frozen=True)
class ConnectorSpec:
    """The parsed ``--connector`` option(s)."""

    kind: str = "reference"
    command: str = ""          # cmd:
    serve: str = ""            # serve:
    module: str = ""           # python:
    factory: str = ""          # python:
    shopify_api: str = "graphql"  # reference: how the built-in connector reads Shopify (graphql or rest)

    def describe(self) -> str:
        if self.kind == "python":
            return f"python:{self.module}:{self.factory}"
        if self.kind == "cmd":
            return f"cmd:{self.command}" + (f" + serve:{self.serve}" if self.serve else "")
        return "reference" if self.shopify_api == "graphql" else f"reference:{self.shopify_api}"


def parse_connector(values: str | Sequence[str] | None) -> ConnectorSpec:
    """One spec from the ``--connector`` values (None or [] is the reference connector)."""
    if values is None:
        values = []
    if isinstance(values, str):
        values = [values]
    kind, command, serve, module, factory, api = "reference", "", "", "", "", "graphql"
    for raw in values:
        value = raw.strip()
        if value in ("reference", "reference:graphql", "reference:rest"):
            api = value.partition(":")[2] or "graphql"
            continue
        head, sep, rest = value.partition(":")
        if not sep or head not in ("python", "cmd", "serve"):
            raise ConnectorSpecError(f"--connector {raw!r}: use reference, python:MODULE:FACTORY, cmd:COMMAND "
                                     "or serve:COMMAND")
        if not rest.strip():
            raise ConnectorSpecError(f"--connector {raw!r}: nothing after {head}:")
        if head == "serve":
            serve = rest.strip()
            continue
        if kind != "reference":
            raise ConnectorSpecError(f"--connector {raw!r}: only one of python: or cmd: per run")
        if head == "python":
            module, _, factory = rest.strip().rpartition(":")
            if not module or not factory:
                raise ConnectorSpecError(f"--connector {raw!r}: write python:MODULE:FACTORY, e.g. "
                                         "python:my_sync.harness:make_connector")
            kind = "python"
        else:
            kind, command = "cmd", rest.strip()
    if serve and kind != "cmd":
        raise ConnectorSpecError("--connector serve:COMMAND goes with cmd:COMMAND (give --connector twice)")
    return ConnectorSpec(kind, command, serve, module, factory, api)
