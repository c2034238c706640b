"""Hypothesis over every operation with a JSON body, both mocks: valid samples with random JSON (nested,
wrong-typed, deep) put anywhere in them, and whole random documents. No answer is a 5xx, none comes with a
traceback in the log, and every 4xx carries the service's error shape.

Budget: 20 x ``SHOPHUB_FUZZ_EXAMPLES`` bodies per mock (200 in ``make test``, 6,000 in ``make fuzz``).
"""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.fidelity.bodies import BodyOperation, Sampler, headers_for, operations, put
from tests.fidelity.fuzz import hubspot_error_shape, hypothesis_settings, shopify_error_shape
from tests.fidelity.targets import HUBSPOT, SHOPIFY, Target, fuzz_examples

SHAPES = {"shopify": shopify_error_shape, "hubspot": hubspot_error_shape}
SCALARS = (st.none() | st.booleans() | st.integers() | st.integers(min_value=-(2**70), max_value=2**70)
           | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=12)
           | st.sampled_from(["", " ", "1", "1.5", "0001-01-01T00:00:00Z", "9999-12-31", "true", "null", "\ud7ff"]))
JSON = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
    st.text(max_size=8) | st.sampled_from(["id", "properties", "inputs", "email", "name", "label"]), inner,
    max_size=3), max_leaves=12)


def _paths(value: Any, path: tuple = ()) -> list[tuple]:
    """Every key path of a sample (object keys and each list's first item), the root first."""
    out = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            out.extend(_paths(item, (*path, key)))
    elif isinstance(value, list) and value:
        out.extend(_paths(value[0], (*path, 0)))
    return out


def _fuzz(target: Target, caplog: pytest.LogCaptureFixture) -> None:
    app = target.make_app()
    client = app.test_client()
    sampler = Sampler(app.extensions["openapi"])
    ops: list[BodyOperation] = operations(target, app)
    auth = {op.template: headers_for(op, client) for op in ops}
    samples = {op.template + op.method: sampler.sample(op.schema) for op in ops}
    shape = SHAPES[target.name]

    @given(st.sampled_from(ops), st.data())
    @hypothesis_settings(20 * fuzz_examples())
    def run(op: BodyOperation, data: st.DataObject) -> None:
        sample = samples[op.template + op.method]
        if data.draw(st.booleans(), label="whole document"):
            body = data.draw(JSON, label="body")
        else:
            path = data.draw(st.sampled_from(_paths(sample)), label="path")
            body = put(sample, path, data.draw(JSON, label="value"))
        headers, query = auth[op.template]
        caplog.clear()
        answer = client.open(op.url, method=op.method, data=json.dumps(body), query_string=query,
                             headers={**headers, "Content-Type": "application/json"})
        context = (op.id, body, answer.status_code, answer.get_data(as_text=True)[:300])
        assert answer.status_code < 500, context
        assert not [r for r in caplog.records if r.levelno >= logging.ERROR], context
        if 400 <= answer.status_code < 500 and answer.status_code not in (404, 405):
            assert shape(answer.get_json(silent=True)), context

    run()


@pytest.mark.parametrize("target", [SHOPIFY, HUBSPOT], ids=lambda t: t.name)
def test_no_body_makes_a_5xx_or_a_traceback(target: Target, caplog: pytest.LogCaptureFixture):
    _fuzz(target, caplog)
