"""``dumps_compact`` writes exactly what ``json.dumps(value, separators=(",", ":"))`` writes, whichever
encoder answers (orjson for plain ASCII records, json.dumps for anything orjson would write differently)."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, datetime

import pytest

from mocks.core import fastjson
from mocks.core.fastjson import dumps_compact


class Text(str):
    pass


@dataclasses.dataclass
class Point:
    x: int


def _plain(value: object) -> str:
    return json.dumps(value, separators=(",", ":"))


RECORD = {"id": "1001", "properties": {"email": "a@example.com", "firstname": None, "hs_object_id": "1001"},
          "createdAt": "2026-12-01T00:00:00.000Z", "archived": False, "new": True}
CASES = [
    RECORD,
    {"results": [RECORD] * 3, "total": 3, "paging": {"next": {"after": "3"}}},
    {"control": "".join(chr(c) for c in range(128))},          # every ASCII character, DEL included
    {"accents": "José Müller", "emoji": "\U0001f600", "cjk": "東京"},  # json.dumps escapes, orjson would not
    {"big": 2**64, "small": -(2**63), "max": 2**63 - 1},         # beyond 64 bits orjson refuses
    {1: "int key", "b": [True, None]},                            # a key that is not text
    {"sub": Text("a subclass of str")},
    ["nested", [[[]]], {}, {"": ""}],
]


@pytest.mark.parametrize("value", CASES, ids=range(len(CASES)))
def test_the_same_text_as_json_dumps(value: object):
    assert dumps_compact(value) == _plain(value)


def test_what_json_dumps_refuses_is_refused_alike():
    for value in ({"when": datetime(2026, 12, 1, tzinfo=UTC)}, {"point": Point(1)}, {"set": {1}}):
        with pytest.raises(TypeError):
            _plain(value)
        with pytest.raises(TypeError):
            dumps_compact(value)


def test_without_orjson_json_dumps_answers(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(fastjson, "orjson", None)
    for value in CASES:
        assert dumps_compact(value) == _plain(value)


def test_orjson_answers_plain_ascii_records(monkeypatch: pytest.MonkeyPatch):
    if fastjson.orjson is None:
        pytest.skip("orjson is not installed")
    batch = {"results": [RECORD] * 100}
    expected = _plain(batch)
    calls: list[object] = []
    real = json.dumps
    monkeypatch.setattr(fastjson.json, "dumps", lambda *a, **k: calls.append(a) or real(*a, **k))
    assert dumps_compact(batch) == expected and calls == []  # the fast path wrote it
    dumps_compact({"name": "José"})
    assert len(calls) == 1  # non-ASCII text: json.dumps wrote it
