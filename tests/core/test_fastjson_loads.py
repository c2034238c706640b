"""``fastjson.loads`` answers exactly what ``json.loads`` answers for a request body: the same value (types
included) or the same exception type and message; orjson parses only the texts where that holds."""

from __future__ import annotations

import json
import random
import struct

import pytest

from mocks.core import fastjson

TRICKY = [
    b'{"a": 1}', b"[]", b"", b" ", b"{", b'{"a": 1} x', b"nul", b"null", b"true", b'"text"', b"-0", b"-0.0",
    b"123456789012345678", b"1234567890123456789", b"12345678901234567890", b"-9223372036854775808",
    b"-9223372036854775809", b"18446744073709551615", b"18446744073709551616", b'{"id": 123456789012345678901}',
    b'{"id": "1234567890123456789012"}', b"1e400", b"-1e400", b"1e-400", b"NaN", b"Infinity", b"-Infinity",
    b'"\\ud800"', b'"\\udc00\\ud800"', b'"\\ud83d\\ude00"', b'"\xed\xa0\x80"', b'"\xff"', b'"\xc3\xa9"',
    b"\xef\xbb\xbf{}", '{"a": "é"}'.encode("utf-16"), '{"a": 1}'.encode("utf-16-le"), '[1]'.encode("utf-32"),
    b'{"a": 1, "b": 2, "a": 3}', b'"tab\there"', b'"nl\nhere"', b'"\\u0000"', b"\x0c{}", b"{}\x0c", b"01", b"1.",
    b".5", b"+1", b"1e5", b"1E+5", b"[1,]", b'{"a":1,}', b"\t\n\r [ 1 , 2 ]\r\n", b"[" * 150 + b"]" * 150,
    b"[" * 1010 + b"]" * 1010, b"{" * 50, b'{"a":' * 450 + b"1" + b"}" * 450,
]


def _outcome(parse, raw: bytes) -> tuple:  # noqa: ANN001
    try:
        value = parse(raw)
    except RecursionError:
        return ("RecursionError",)
    except Exception as exc:  # noqa: BLE001 - the exception itself is the outcome compared
        return (type(exc), str(exc))
    return ("ok", repr(value), json.dumps(value, default=repr, allow_nan=True))


@pytest.mark.parametrize("raw", TRICKY, ids=range(len(TRICKY)))
def test_tricky_texts_parse_as_json_loads_parses_them(raw: bytes) -> None:
    assert _outcome(fastjson.loads, raw) == _outcome(json.loads, raw)


def test_random_numbers_and_bodies_parse_as_json_loads_parses_them() -> None:
    rng = random.Random(12)
    texts = []
    for _ in range(3000):
        pick = rng.random()
        if pick < 0.3:
            texts.append(repr(struct.unpack("d", rng.getrandbits(64).to_bytes(8, "little"))[0]).encode())
        elif pick < 0.6:
            texts.append(f"{rng.randint(-10**25, 10**25)}e{rng.randint(-330, 310)}".encode())
        else:
            digits = rng.randint(1, 25)
            texts.append(str(rng.randint(-10**digits, 10**digits)).encode())
    inputs = [{"id": f"u{i}@example.com", "idProperty": "email", "properties": {"n": str(rng.random())}}
              for i in range(100)]
    texts.append(json.dumps({"inputs": inputs}).encode())
    texts.append(json.dumps({"inputs": inputs}, ensure_ascii=False).replace("u1@", "ü1@").encode())
    for raw in texts:
        assert _outcome(fastjson.loads, raw) == _outcome(json.loads, raw), raw
