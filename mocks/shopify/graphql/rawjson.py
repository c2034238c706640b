"""A response body joined from JSON text kept per record: the lean executor answers a record it already
completed for the same selection with :class:`Text` (its JSON, encoded once), a list of such with
:class:`Joined`, and :func:`encode` writes the body byte for byte as ``json.dumps`` with the same
settings would, descending only into the dicts and lists that hold kept text (``marked``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class Text:
    """One completed object's JSON text (``value`` is the object itself)."""

    __slots__ = ("value", "text")

    def __init__(self, value: dict, text: str) -> None:
        self.value, self.text = value, text


class Joined:
    """A list of completed objects, each as JSON text."""

    __slots__ = ("items",)

    def __init__(self, items: list[Text]) -> None:
        self.items = items


RAW = (Text, Joined)


def encode(value: Any, dumps: Callable[[Any], str], marked: set[int]) -> str:
    """``dumps(value)`` where ``value`` may hold :class:`Text` and :class:`Joined` inside the dicts and
    lists whose ids are in ``marked`` (every container on the way from the top to them)."""
    kind = type(value)
    if kind is Text:
        return value.text
    if kind is Joined:
        return "[" + ",".join(item.text for item in value.items) + "]"
    if kind is dict and id(value) in marked:
        return "{" + ",".join(f"{dumps(key)}:{encode(item, dumps, marked)}" for key, item in value.items()) + "}"
    if kind is list and id(value) in marked:
        return "[" + ",".join(encode(item, dumps, marked) for item in value) + "]"
    return dumps(value)
