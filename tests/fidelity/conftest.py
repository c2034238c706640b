"""Parametrize the fuzz test with one item per (mock, operation), read from each mock's own spec.

One pytest item per operation lets ``pytest -n`` spread the operations over workers.
(``schemathesis.pytest.from_fixture`` would run them as subtests of one item, and it does not work
with pytest 9.)
"""

from __future__ import annotations

import pytest

from tests.fidelity.routes import routes
from tests.fidelity.targets import TARGETS

# Operations not fuzzed on their own: real HubSpot operations the mock answers with a documented 501, and
# path aliases served by the very same view as a fuzzed twin (HubSpot's /crm/associations/v4 spelling).
ALIAS_SUFFIXES = ("V4Alias", "V4Legacy")


def _fuzzed(spec: dict, method: str, template: str) -> bool:
    operation = (spec.get("paths") or {}).get(template, {}).get(method.lower(), {})
    return not operation.get("x-mock-unimplemented") and not str(operation.get("operationId", "")).endswith(
        ALIAS_SUFFIXES)


def _operations() -> list[tuple[str, str, str]]:
    found = []
    for target in TARGETS:
        try:
            spec = target.make_app().test_client().get("/openapi.json").get_json() or {}
        except Exception as error:  # noqa: BLE001 - report it as a failing item, not a collection crash
            found.append((target.name, "SPEC", f"unavailable: {error}"))
            continue
        operations = [(target.name, r.method, r.template) for r in routes(spec) if _fuzzed(spec, r.method,
                                                                                            r.template)]
        found.extend(operations or [(target.name, "SPEC", "declares no operations")])
    return found


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "fuzz_operation" in metafunc.fixturenames:
        operations = _operations()
        metafunc.parametrize("fuzz_operation", operations, ids=[f"{n} {m} {p}" for n, m, p in operations])
