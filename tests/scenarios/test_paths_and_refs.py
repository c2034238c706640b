"""Report paths, ``${…}`` references and the sandbox run tag."""

from types import SimpleNamespace

import pytest

from scenarios.errors import StepFailed
from scenarios.expectations.base import lookup_path
from scenarios.loader import load_text
from scenarios.world import Record, World, tag_emails

REPORT = {"count": 2, "amount": {"USD": "30.00"},
          "stages": [{"stage": "checkout_pending", "count": 1}, {"stage": "processed", "count": 2}],
          "days": [{"day": "2024-03-10", "count": 1}], "ids": ["7", "9"]}


@pytest.mark.parametrize(("path", "value"), [
    ("count", 2), ("amount.USD", "30.00"), ("stages[processed].count", 2), ("stages[1].count", 2),
    ("days[2024-03-10].count", 1), ("ids[1]", "9"), ("stages[shipped].count", None), ("nope.x", None),
])
def test_lookup_path(path, value):
    assert lookup_path(REPORT, path) == value


def world(tag: str = "") -> World:
    scenario = load_text("name: x\nrules: [C1]\nsteps:\n  - sync\n", "x.yaml")
    w = World(scenario, SimpleNamespace(run_tag=tag))
    w.refs["o1"] = Record("o1", "order", "harness-shop", {"id": 42, "order_number": 1001, "email": "a@x.com"})
    return w


def test_references_keep_their_type_alone_and_interpolate_in_text():
    w = world()
    assert w.resolve("${o1}") == 42 and w.resolve("${o1.order_number}") == 1001
    assert w.resolve({"note": "order #${o1.order_number}", "list": ["${o1.id}"]}) == {
        "note": "order #1001", "list": [42]}
    with pytest.raises(StepFailed, match="no field 'missing'"):
        w.resolve("${o1.missing}")


def test_run_tag_goes_into_every_email_once():
    assert tag_emails("ada@example.com, Bo@Example.COM", "run1") == "ada+run1@example.com, Bo+run1@Example.COM"
    assert tag_emails("ada+run1@example.com", "run1") == "ada+run1@example.com"
    assert tag_emails("ada@example.com", "") == "ada@example.com"
    w = world("run1")
    assert w.resolve("contact ada@example.com") == "contact ada+run1@example.com"
    assert w.title("Tee") == "Tee run1" and world().title("Tee") == "Tee"
