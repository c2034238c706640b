"""A request's JSON body parsed once: the body edge (:mod:`mocks.core.body_schema`) and the route that
answers the request read the same parsed value instead of parsing the same bytes twice."""

from __future__ import annotations

from typing import Any

from flask import request

from mocks.core.fastjson import loads

ENVIRON_KEY = "shophub.parsed_json"


def parse_once(raw: bytes) -> Any:
    """``json.loads(raw)`` (by :func:`mocks.core.fastjson.loads`: the same values and errors), kept with the request for ``raw`` (the body bytes ``request.get_data(cache=True)``
    returns, the same object on every call). Raises what ``json.loads`` raises; a failure is not kept, so
    each caller gets the error. The value is shared: callers must not change it."""
    environ = request.environ
    kept = environ.get(ENVIRON_KEY)
    if kept is not None and kept[0] is raw:
        return kept[1]
    value = loads(raw)  # json.loads, faster (mocks.core.fastjson)
    environ[ENVIRON_KEY] = (raw, value)
    return value
