"""Schemathesis over each mock's own ``/openapi.json``: no server error, conforming status codes,
content types, headers and bodies, negative data rejected with the real error shape, and stateful
runs that follow the spec's OpenAPI links (create -> get -> delete -> get 404).

Budget: ``SHOPHUB_FUZZ_EXAMPLES`` per operation (small in ``make test``, 300 in ``make fuzz``).
"""

from __future__ import annotations

import pytest
from flask import Flask
from hypothesis import given
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance

from tests.fidelity.fuzz import (
    error_shape_check,
    hubspot_error_shape,
    hypothesis_settings,
    load_schema,
    shopify_error_shape,
)
from tests.fidelity.routes import credential_kind
from tests.fidelity.targets import HUBSPOT, SHOPIFY, Target, fuzz_examples

CHECKS = {"shopify": error_shape_check("shopify", shopify_error_shape),
          "hubspot": error_shape_check("hubspot", hubspot_error_shape)}
BY_NAME = {"shopify": SHOPIFY, "hubspot": HUBSPOT}
# Schema-valid requests the real APIs still refuse: cross-parameter rules OpenAPI cannot state (Shopify's
# ``page_info`` excludes every filter; HubSpot's batch limits and known property names). The mocks
# refuse them as the real services do, so "positive data accepted" is not asked of them.
EXCLUDED = [positive_data_acceptance]
# Operations that would stop the fuzzing itself (none so far); each entry says why.
def test_operation_conforms_to_the_mocks_openapi(fuzz_operation: tuple[str, str, str]):
    name, method, path = fuzz_operation
    assert method != "SPEC", f"{name}: /openapi.json {path}"
    target = BY_NAME[name]
    operation = load_schema(target.make_app())[path][method]
    cases = st.one_of(operation.as_strategy(generation_mode=GenerationMode.POSITIVE),
                      operation.as_strategy(generation_mode=GenerationMode.NEGATIVE))

    query_key = credential_kind(operation.schema.raw_schema, operation.definition.raw) == "query"

    # The dated twins run the same views as the legacy paths (fuzzed in full): a third of the budget each.
    budget = max(2, fuzz_examples() // 3) if "{version}" in path else None

    @given(cases)
    @hypothesis_settings(budget)
    def run(case) -> None:  # noqa: ANN001
        if query_key:  # the developer key travels in the query string (HubSpot's app-webhooks API)
            case.query = {**(case.query or {}), **target.good_query()}
        case.call_and_validate(headers=target.good_headers(), additional_checks=[CHECKS[name]],
                               excluded_checks=EXCLUDED)

    run()


def _links(raw: dict) -> int:
    return sum(len(response.get("links") or {})
               for item in (raw.get("paths") or {}).values() for op in item.values() if isinstance(op, dict)
               for response in (op.get("responses") or {}).values() if isinstance(response, dict))


def _run_stateful(target: Target, app: Flask) -> None:
    """Follow the spec's links in seeded random walks, each from an empty store."""
    schema = load_schema(app, modes=("positive",))
    assert _links(schema.raw_schema), f"{target.name}: /openapi.json declares no links, nothing stateful runs"
    client, check = app.test_client(), CHECKS[target.name]

    class Workflow(schema.as_state_machine()):
        def setup(self) -> None:
            client.post("/__admin/reset", json={})

        def before_call(self, case) -> None:  # noqa: ANN001
            case.headers = {**(case.headers or {}), **target.good_headers()}

        def validate_response(self, response, case, additional_checks=None, **kwargs):  # noqa: ANN001, ANN202
            case.validate_response(response, additional_checks=[check], excluded_checks=EXCLUDED,
                                   transport_kwargs=kwargs or None, recorder=self.recorder)

    Workflow.run(settings=hypothesis_settings(max(3, fuzz_examples() // 3), stateful_step_count=6))


@pytest.mark.parametrize("target", [SHOPIFY, HUBSPOT], ids=lambda t: t.name)
def test_stateful_walks_over_openapi_links(target: Target):
    _run_stateful(target, target.make_app())
