"""All or nothing for a store write: an update Shopify refuses (any error) leaves the record as it was.

Updates read and check a body field by field; rather than trust every path to check everything before
its first change, :func:`all_or_nothing` keeps a copy of the one record a write touches and puts it back
(with the record's index entries) when the write raises. Events and webhooks are only sent at the end of
a write, after every check, so a refused write sends nothing. The copy costs the record, not the shop:
:func:`snapshot` is ``copy.deepcopy`` that keeps immutable values (text, numbers, times) as they are.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Callable
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])
IMMUTABLE = frozenset({str, int, float, bool, bytes, type(None), datetime, date, time, timedelta, timezone,
                       Decimal})


def snapshot(value: Any, memo: dict[int, Any] | None = None) -> Any:
    """A deep copy of ``value`` (shared parts stay shared, as with ``copy.deepcopy``), without copying
    immutable values: a record's plain lists and dicts are copied here, other objects by ``deepcopy``."""
    memo = {} if memo is None else memo
    kind = type(value)
    if kind in IMMUTABLE:
        return value
    found = memo.get(id(value))
    if found is not None:
        return found
    if kind is list:  # immutable items are kept without a call (most of a record's values)
        items: list = []
        memo[id(value)] = items
        items.extend(item if type(item) in IMMUTABLE else snapshot(item, memo) for item in value)
        return items
    if kind is dict:
        mapping: dict = {}
        memo[id(value)] = mapping
        for key, item in value.items():
            mapping[key if type(key) in IMMUTABLE else snapshot(key, memo)] = (
                item if type(item) in IMMUTABLE else snapshot(item, memo))
        return mapping
    return copy.deepcopy(value, memo)


def all_or_nothing(find: str, unindex: str | None = None, index: str | None = None) -> Callable[[F], F]:
    """Decorate ``method(self, key, ...)`` of a shop store: ``getattr(self, find)(key)`` is the record it
    changes; ``unindex``/``index`` name the store methods that drop and add that record's index entries."""
    def decorate(method: F) -> F:
        @functools.wraps(method)
        def run(self: Any, key: Any, *args: Any, **kwargs: Any) -> Any:
            record = getattr(self, find)(key)
            saved = snapshot(vars(record))
            try:
                return method(self, key, *args, **kwargs)
            except Exception:
                if unindex:
                    getattr(self, unindex)(record)
                vars(record).clear()
                vars(record).update(saved)
                if index:
                    getattr(self, index)(record)
                raise
        return run  # type: ignore[return-value]
    return decorate
