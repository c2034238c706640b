"""Fault rules: make a mock answer with an error, answer slowly, or drop the connection.

A rule matches requests by method and a glob on the path (or, for webhook rules, on the topic), and
fires for the next ``times`` matches or with a ``probability`` drawn from a seeded RNG, so a fault
campaign replays identically. Posted as JSON to ``/__admin/faults``::

    {"method": "POST", "path": "/crm/v3/objects/contacts/batch/*", "action": "respond",
     "status": 429, "body": {...}, "headers": {"Retry-After": "1"}, "times": 2}
    {"path": "*", "action": "drop", "probability": 0.05, "seed": 7}
    {"path": "/admin/api/*/customers.json", "action": "delay", "delay_ms": 300, "times": 1}
    {"target": "webhook", "topic": "orders/*", "action": "duplicate" | "drop" | "delay" | "reorder",
     "delay_seconds": 600, "times": 1}
"""

from __future__ import annotations

import fnmatch
import random
import threading
from dataclasses import asdict, dataclass, field
from typing import Any

REQUEST_ACTIONS = {"respond", "delay", "drop"}
WEBHOOK_ACTIONS = {"duplicate", "drop", "delay", "reorder"}
MAX_DELAY_MS = 30_000


class FaultRuleError(ValueError):
    """A fault rule that cannot be used; the message says which field is wrong."""


@dataclass
class FaultRule:
    id: int
    action: str
    target: str = "request"
    method: str = "*"
    path: str = "*"
    topic: str = "*"
    status: int = 500
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    delay_ms: int = 0
    delay_seconds: float = 0.0
    times: int | None = None
    probability: float | None = None
    seed: int | None = None
    fired: int = 0

    def to_dict(self) -> dict:
        return asdict(self)

    def matches_request(self, method: str, path: str) -> bool:
        return (self.target == "request"
                and self.method in ("*", method.upper())
                and fnmatch.fnmatchcase(path, self.path))

    def matches_topic(self, topic: str) -> bool:
        return self.target == "webhook" and fnmatch.fnmatchcase(topic, self.topic)

    @property
    def exhausted(self) -> bool:
        return self.times is not None and self.fired >= self.times


def _parse_rule(raw: dict, rule_id: int) -> FaultRule:
    if not isinstance(raw, dict):
        raise FaultRuleError("a fault rule must be a JSON object")
    target = raw.get("target", "request")
    if target not in ("request", "webhook"):
        raise FaultRuleError("target must be 'request' or 'webhook'")
    action = raw.get("action")
    allowed = REQUEST_ACTIONS if target == "request" else WEBHOOK_ACTIONS
    if action not in allowed:
        raise FaultRuleError(f"action must be one of {sorted(allowed)} for target {target!r}")
    times = raw.get("times")
    if times is not None and (not isinstance(times, int) or times < 1):
        raise FaultRuleError("times must be a positive integer or absent")
    probability = raw.get("probability")
    if probability is not None and not (isinstance(probability, int | float) and 0 <= probability <= 1):
        raise FaultRuleError("probability must be a number between 0 and 1")
    status = raw.get("status", 500)
    if not isinstance(status, int) or not 100 <= status <= 599:
        raise FaultRuleError("status must be an HTTP status code")
    delay_ms = raw.get("delay_ms", 0)
    if not isinstance(delay_ms, int) or not 0 <= delay_ms <= MAX_DELAY_MS:
        raise FaultRuleError(f"delay_ms must be an integer from 0 to {MAX_DELAY_MS}")
    headers = raw.get("headers") or {}
    if not isinstance(headers, dict):
        raise FaultRuleError("headers must be an object")
    return FaultRule(
        id=rule_id, action=action, target=target,
        method=str(raw.get("method", "*")).upper(), path=str(raw.get("path", "*")),
        topic=str(raw.get("topic", "*")), status=status, body=raw.get("body"),
        headers={str(k): str(v) for k, v in headers.items()}, delay_ms=delay_ms,
        delay_seconds=float(raw.get("delay_seconds", 0) or 0), times=times,
        probability=probability, seed=raw.get("seed"),
    )


class FaultSet:
    """The rules of one mock; thread-safe. The first live rule that matches and fires wins."""

    def __init__(self, seed: int = 0) -> None:
        self._rules: list[FaultRule] = []
        self._lock = threading.Lock()
        self._next_id = 1
        self._seed = seed
        self._rng = random.Random(seed)
        self.counts: dict[str, int] = {}

    def add(self, raw: dict | list) -> list[FaultRule]:
        items = raw.get("rules") if isinstance(raw, dict) and "rules" in raw else raw
        items = items if isinstance(items, list) else [items]
        with self._lock:
            parsed = []
            for offset, item in enumerate(items):
                parsed.append(_parse_rule(item, self._next_id + offset))
            self._next_id += len(parsed)
            for rule in parsed:
                if rule.seed is not None:
                    self._rng = random.Random(rule.seed)
            self._rules.extend(parsed)
            return parsed

    def rules(self) -> list[FaultRule]:
        with self._lock:
            return list(self._rules)

    def clear(self) -> None:
        with self._lock:
            self._rules.clear()
            self._rng = random.Random(self._seed)
            self.counts = {}

    def _fire(self, candidates: list[FaultRule]) -> FaultRule | None:
        for rule in candidates:
            if rule.exhausted:
                continue
            if rule.probability is not None and self._rng.random() >= rule.probability:
                continue
            rule.fired += 1
            key = f"{rule.target}:{rule.action}" + (f":{rule.status}" if rule.action == "respond" else "")
            self.counts[key] = self.counts.get(key, 0) + 1
            return rule
        return None

    def for_request(self, method: str, path: str) -> FaultRule | None:
        with self._lock:
            return self._fire([r for r in self._rules if r.matches_request(method, path)])

    def for_webhook(self, topic: str) -> FaultRule | None:
        with self._lock:
            return self._fire([r for r in self._rules if r.matches_topic(topic)])
