"""The loader turns files into scenarios and names file:line for every mistake."""

import textwrap

import pytest

from scenarios.errors import ScenarioError
from scenarios.loader import load_text

GOOD = """\
name: A customer becomes a contact
rules: [C1, C2]
at: 2024-05-01T10:00:00Z
given:
  - create customer: {email: ada@example.com, first_name: Ada}
    as: ada
  - create product: {title: Tee, price: 10}
    as: tee
steps:
  - connect
  - create order: {customer: ada, lines: [{product: tee, quantity: 2}]}
    as: o1
  - sync
  - advance: 23h59m
  - expect:
      contact ada@example.com: {firstname: Ada, phone: absent, deals: 1}
      deal o1: {amount: {approx: 20}, contact: ada@example.com, line_items: 1}
      counts: {contacts: 1}
"""


def load(text: str):
    return load_text(textwrap.dedent(text), "s.yaml")


def error(text: str) -> str:
    with pytest.raises(ScenarioError) as info:
        load(text)
    return str(info.value)


def test_a_good_file():
    scenario = load(GOOD)
    assert scenario.rules == ("C1", "C2") and scenario.at.startswith("2024-05-01T10:00:00")
    assert [s.kind for s in scenario.given] == ["create customer", "create product"]
    assert [s.kind for s in scenario.steps] == ["connect", "create order", "sync", "advance", "expect"]
    assert [s.mark.line for s in scenario.steps] == [10, 11, 13, 14, 15]
    assert [s.number for s in scenario.all_steps] == list(range(1, 8))
    assert scenario.steps[3].spec == 86340
    assert [e.label for e in scenario.steps[4].spec] == ["contact ada@example.com", "deal o1", "counts"]
    assert scenario.stores == ("harness-shop",) and scenario.mode == "ecommerce-deals"


def test_unknown_step_names_its_line_and_the_nearest_step():
    message = error(GOOD.replace("  - sync\n", "  - synk\n"))
    assert message.startswith("s.yaml:13: unknown step 'synk'") and "did you mean 'sync'" in message


def test_unknown_option():
    message = error(GOOD.replace("    as: o1\n", "    ass: o1\n"))
    assert message.startswith("s.yaml:12: step 'create order' has no option 'ass'")


def test_bad_matcher_points_at_the_property():
    message = error(GOOD.replace("{approx: 20}", "{aprox: 20}"))
    assert message.startswith("s.yaml:17: bad matcher ['aprox']")


def test_unknown_reference():
    message = error(GOOD.replace("{customer: ada,", "{customer: bob,"))
    assert message.startswith("s.yaml:11: unknown reference 'bob'") and "ada" in message


def test_reference_used_before_it_is_defined():
    text = GOOD.replace("  - connect\n", "  - update order: o1\n    set: {note: x}\n")
    assert error(text).startswith("s.yaml:10: unknown reference 'o1'")


def test_reference_of_the_wrong_kind():
    message = error(GOOD.replace("deal o1:", "deal ada:"))
    assert message.startswith("s.yaml:17: reference 'ada' is a customer")


def test_interpolated_reference_must_exist():
    message = error(GOOD.replace("contact ada@example.com:", "contact ${zed.email}:"))
    assert message.startswith("s.yaml:16: unknown reference 'zed'")


def test_bad_duration():
    assert error(GOOD.replace("advance: 23h59m", "advance: soon")).startswith("s.yaml:14: not a duration")


def test_unknown_expectation_subject():
    message = error(GOOD.replace("counts:", "cuonts:"))
    assert message.startswith("s.yaml:18: unknown expectation 'cuonts'") and "counts" in message


def test_only_create_steps_in_given():
    text = GOOD.replace("given:\n", "given:\n  - sync\n")
    assert error(text).startswith("s.yaml:5: step 'sync' cannot be in `given`")


def test_step_needs_or_refuses_a_value():
    assert error(GOOD.replace("  - advance: 23h59m\n", "  - advance\n")).startswith(
        "s.yaml:14: step 'advance' needs a value")
    assert error(GOOD.replace("  - sync\n", "  - sync: now\n")).startswith("s.yaml:13: step 'sync' takes no value")


def test_top_level_mistakes():
    assert error(GOOD.replace("rules:", "rulez:")).startswith("s.yaml:2: unknown key 'rulez'")
    assert error(GOOD.replace("[C1, C2]", "[C1, two words]")).startswith("s.yaml:2: rule id 'two words'")
    assert load_text(GOOD.replace("[C1, C2]", "[C1, my-rule.2]"), "s.yaml").rules == ("C1", "my-rule.2")  # a user's own ids
    assert error(GOOD + "tags: [portable, two words]\n").startswith("s.yaml:19: tag 'two words'")
    assert load_text(GOOD + "tags: [portable]\n", "s.yaml").tags == ("portable",)
    assert error(GOOD.replace("at: 2024-05-01T10:00:00Z", "at: tomorrow")).startswith("s.yaml:3: `at:`")
    assert "needs `steps:`" in error("name: x\nrules: [C1]\n")
    assert error(GOOD + "mode: both\n").startswith("s.yaml:19: mode must be one of")


def test_yaml_errors_and_duplicate_keys():
    assert error(GOOD.replace("rules: [C1, C2]", "rules: [C1, C2")).startswith("s.yaml:")
    assert error(GOOD.replace("  - connect\n", "  - connect\n  - advance: 1h\n    advance: 2h\n")).startswith(
        "s.yaml:12: duplicate key 'advance'")


def test_name_defined_twice():
    assert error(GOOD.replace("as: tee", "as: ada")).startswith("s.yaml:8: the name 'ada' is already used")


def test_yaml_12_booleans():
    scenario = load(GOOD.replace("first_name: Ada}", "first_name: Ada, country: NO, note: on}"))
    assert scenario.given[0].arg["country"] == "NO" and scenario.given[0].arg["note"] == "on"
