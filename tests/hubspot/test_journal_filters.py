"""Journal subscription filters: validation of the body and every operator against record values."""

from __future__ import annotations

import pytest

from mocks.hubspot.errors import ApiError
from mocks.hubspot.journal_filters import check_filter, filter_passes


def cond(operator: str, **extra) -> dict:
    return {"filterType": "CRM_OBJECT_PROPERTY", "operator": operator, "property": "amount", **extra}


@pytest.mark.parametrize(("condition", "value", "holds"), [
    (cond("EQ", value="10"), "10", True), (cond("EQ", value="abc"), "ABC", True), (cond("N_EQ", value="10"), "11", True),
    (cond("LT", value="9"), "10", False), (cond("LT", value="100"), "20", True),  # numbers compare as numbers
    (cond("GT", value="9"), "10", True), (cond("LTE", value="10"), "10", True), (cond("GTE", value="11"), "10", False),
    (cond("GT", value="1"), "", False), (cond("CONTAINS", value="ell"), "Hello", True),
    (cond("STARTS_WITH", value="he"), "Hello", True), (cond("ENDS_WITH", value="LO"), "hello", True),
    (cond("IN", values=["a", "b"]), "B", True), (cond("NOT_IN", values=["a", "b"]), "c", True),
    (cond("IS_EMPTY"), "", True), (cond("IS_NOT_EMPTY"), "", False), (cond("IS_NOT_EMPTY"), "x", True),
])
def test_each_operator(condition: dict, value: str, holds: bool):
    definition = check_filter({"conditions": [condition]})
    assert filter_passes(definition, {"amount": value} if value else {}) is holds


def test_all_conditions_of_a_filter_must_hold():
    definition = check_filter({"conditions": [cond("GT", value="5"), cond("LT", value="10")]})
    assert filter_passes(definition, {"amount": "7"}) and not filter_passes(definition, {"amount": "12"})


@pytest.mark.parametrize("body", [
    {}, {"conditions": []}, {"conditions": ["x"]}, {"conditions": [cond("LIKE", value="x")]},
    {"conditions": [{**cond("EQ", value="x"), "filterType": "OTHER"}]}, {"conditions": [cond("EQ")]},
    {"conditions": [cond("IN", values="a")]}, {"conditions": [{"operator": "EQ", "value": "x"}]},
])
def test_malformed_filters_are_400(body: dict):
    with pytest.raises(ApiError) as caught:
        check_filter(body)
    assert caught.value.status == 400 and caught.value.category == "VALIDATION_ERROR"


def test_stored_filter_keeps_only_the_schema_fields():
    stored = check_filter({"conditions": [{**cond("EQ", value="x"), "extra": 1, "values": ["ignored"]}]})
    assert stored == {"conditions": [cond("EQ", value="x")]}
