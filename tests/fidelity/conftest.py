"""Parametrize the fuzz test with one item per (mock, operation), read from each mock's own spec.

One pytest item per operation lets ``pytest -n`` spread the operations over workers.
(``schemathesis.pytest.from_fixture`` would run them as subtests of one item, and it does not work
with pytest 9.)
"""

from __future__ import annotations

import pytest

from tests.fidelity.routes import routes
from tests.fidelity.targets import TARGETS


def _operations() -> list[tuple[str, str, str]]:
    found = []
    for target in TARGETS:
        try:
            spec = target.make_app().test_client().get("/openapi.json").get_json() or {}
        except Exception as error:  # noqa: BLE001 - report it as a failing item, not a collection crash
            found.append((target.name, "SPEC", f"unavailable: {error}"))
            continue
        operations = [(target.name, r.method, r.template) for r in routes(spec)]
        found.extend(operations or [(target.name, "SPEC", "declares no operations")])
    return found


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "fuzz_operation" in metafunc.fixturenames:
        operations = _operations()
        metafunc.parametrize("fuzz_operation", operations, ids=[f"{n} {m} {p}" for n, m, p in operations])
