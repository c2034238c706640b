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
import re
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


_TOKEN = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}")  # an HTTP header name (RFC 9110 token)
MAX_DELAY_SECONDS = 7 * 86400.0
FIELDS = {"target", "action", "method", "path", "topic", "status", "body", "headers", "delay_ms",
          "delay_seconds", "times", "probability", "seed"}


def _integer(raw: dict, name: str) -> Any:
    value = raw.get(name)
    if isinstance(value, bool):
        raise FaultRuleError(f"{name} must be a number, not true/false")
    return value


def _text(raw: dict, name: str, default: str = "*") -> str:
    value = raw.get(name, default)
    if not isinstance(value, str) or not value or len(value) > 1000 or any(ord(c) < 0x20 for c in value):
        raise FaultRuleError(f"{name} must be a non-empty string without control characters")
    return value


def _headers(raw: dict) -> dict[str, str]:
    """Header names must be HTTP tokens and values printable Latin-1 without CR/LF: a header that
    cannot be sent would break every matching answer (or split it)."""
    headers = raw.get("headers") or {}
    if not isinstance(headers, dict):
        raise FaultRuleError("headers must be an object")
    out: dict[str, str] = {}
    for name, value in headers.items():
        if not _TOKEN.fullmatch(str(name)):
            raise FaultRuleError(f"header name {str(name)[:40]!r} is not a valid HTTP header name")
        if isinstance(value, dict | list) or value is None:
            raise FaultRuleError(f"header {name} must have a string or number value")
        text = str(value)
        if len(text) > 4096 or any(c in "\r\n\x00" or ord(c) > 0xFF for c in text):
            raise FaultRuleError(f"header {name} must be one line of Latin-1 text (no CR, LF or NUL)")
        out[str(name)] = text
    return out


def _parse_rule(raw: dict, rule_id: int) -> FaultRule:
    if not isinstance(raw, dict):
        raise FaultRuleError("a fault rule must be a JSON object")
    unknown = sorted(str(k) for k in raw if k not in FIELDS)
    if unknown:
        raise FaultRuleError(f"unknown field(s) {', '.join(unknown)[:200]}; a rule has {', '.join(sorted(FIELDS))}")
    target = raw.get("target", "request")
    if target not in ("request", "webhook"):
        raise FaultRuleError("target must be 'request' or 'webhook'")
    action = raw.get("action")
    allowed = REQUEST_ACTIONS if target == "request" else WEBHOOK_ACTIONS
    if action not in allowed:
        raise FaultRuleError(f"action must be one of {sorted(allowed)} for target {target!r}")
    times = _integer(raw, "times")
    if times is not None and (not isinstance(times, int) or not 1 <= times <= 10**9):
        raise FaultRuleError("times must be a positive integer or absent")
    probability = _integer(raw, "probability")
    if probability is not None and not (isinstance(probability, int | float) and 0 <= probability <= 1):
        raise FaultRuleError("probability must be a number between 0 and 1")
    status = _integer(raw, "status") if "status" in raw else 500
    if not isinstance(status, int) or not 100 <= status <= 599:
        raise FaultRuleError("status must be an HTTP status code")
    delay_ms = _integer(raw, "delay_ms") if "delay_ms" in raw else 0
    if not isinstance(delay_ms, int) or not 0 <= delay_ms <= MAX_DELAY_MS:
        raise FaultRuleError(f"delay_ms must be an integer from 0 to {MAX_DELAY_MS}")
    delay_seconds = _integer(raw, "delay_seconds") or 0
    if not isinstance(delay_seconds, int | float) or not 0 <= delay_seconds <= MAX_DELAY_SECONDS:
        raise FaultRuleError(f"delay_seconds must be a number from 0 to {MAX_DELAY_SECONDS:g}")
    seed = _integer(raw, "seed")
    if seed is not None and (not isinstance(seed, int) or abs(seed) > 2**63):
        raise FaultRuleError("seed must be an integer")
    return FaultRule(
        id=rule_id, action=action, target=target, method=_text(raw, "method").upper(), path=_text(raw, "path"),
        topic=_text(raw, "topic"), status=status, body=raw.get("body"), headers=_headers(raw),
        delay_ms=delay_ms, delay_seconds=float(delay_seconds), times=times, probability=probability, seed=seed,
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
