import pytest

from scenarios.durations import parse_duration


@pytest.mark.parametrize(("text", "seconds"), [
    ("24h", 86400), ("23h59m", 86340), ("90s", 90), ("2d", 172800), ("1d12h", 129600),
    ("23h 59m 59s", 86399), (30, 30), ("0.5h", 1800),
])
def test_durations(text, seconds):
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["24", "h", "24x", "-1h", "soon", True, -5, ""])
def test_bad_durations(text):
    with pytest.raises(ValueError):
        parse_duration(text)
