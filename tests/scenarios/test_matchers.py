import pytest

from scenarios.errors import Mark, ScenarioError
from scenarios.matchers import parse_matcher

HERE = Mark("f.yaml", 3)


@pytest.mark.parametrize(("raw", "actual", "ok"), [
    ("Ada", "Ada", True), ("Ada", "ada", False), (10, "10.00", True), (10, "10.01", False),
    (True, "true", True), (False, "true", False), ("absent", None, True), ("absent", "", True),
    ("absent", "x", False), (None, None, True), ("any", "x", True), ("any", "", False), ("any", None, False),
    ({"approx": 10.5}, "10.504", True), ({"approx": 10.5}, "10.51", False),
    ({"approx": 10, "tol": 1}, "10.9", True), ({"approx": 10}, None, False),
    ({"equals": "absent"}, "absent", True), ({"contains": "rec"}, "https://x/recover", True),
    ({"one_of": ["a", "b"]}, "b", True), ({"at_most": 5}, 5, True), ({"at_most": 5}, 6, False),
    ({"at_least": 1}, 0, False), ({"equals": [1, 2]}, [1, 2], True), ("10", "10.0", False),
])
def test_matchers(raw, actual, ok):
    assert parse_matcher(raw, HERE).test(actual) is ok


@pytest.mark.parametrize(("raw", "fragment"), [
    ({"aprox": 1}, "bad matcher ['aprox']"), ({"approx": "x"}, "approx needs a number"),
    ({"equals": 1, "tol": 2}, "tol only goes with approx"), ({"one_of": "a"}, "one_of needs a list"),
    ({"approx": 1, "equals": 1}, "bad matcher"),
])
def test_bad_matchers_name_the_line(raw, fragment):
    with pytest.raises(ScenarioError) as info:
        parse_matcher(raw, HERE)
    assert str(info.value).startswith("f.yaml:3: ") and fragment in str(info.value)


def test_descriptions_read_as_expected_values():
    assert parse_matcher("Ada", HERE).describe() == "'Ada'"
    assert parse_matcher("absent", HERE).describe() == "absent"
    assert parse_matcher({"approx": 10.5}, HERE).describe() == "≈ 10.5 (±0.005)"
