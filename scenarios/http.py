"""A small JSON-over-HTTP helper the steps use to talk to either side (or a mock's /__admin)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

import requests

from connector.clients.http import HttpCore, RetryPolicy
from connector.errors import ApiError
from scenarios.errors import StepFailed

RETRY_STATUSES = frozenset({429, 502, 503, 504})


class Unreachable(ApiError):
    """No answer at all (the connection dropped or timed out)."""


class Api:
    """Calls against one base URL with fixed headers; failures become :class:`StepFailed`.

    Sent through the one shared HTTP core (``connector.clients.http.HttpCore``): a throttled or
    unavailable answer (429/502/503/504) is retried, at most ``attempts`` times in all; a dropped
    connection is not (a step's POST may have been carried out). ``sleep`` waits before a retry
    (sandbox: real time; the mocks: no wait, since the harness must never move the simulated clock by
    itself); a Retry-After hint is capped at 10 s.
    """

    def __init__(self, name: str, base_url: str, headers: dict[str, str] | None = None, *,
                 sleep: Callable[[float], None] = lambda _s: None, attempts: int = 4,
                 timeout: float = 30.0) -> None:
        self.name, self.base_url = name, base_url.rstrip("/")
        policy = RetryPolicy(max_attempts=attempts, base_delay=1.0, max_delay=10.0, jitter=0.0,
                             statuses=RETRY_STATUSES, transport=False, max_retry_after=10.0)
        self.http = HttpCore(self.base_url, headers or {}, error_cls=Unreachable, sleep=sleep, timeout=timeout,
                             policy=policy, check_body=False)
        self.session = self.http.session

    def raw(self, method: str, path: str, *, json_body: Any = None, params: dict | None = None,
            headers: dict[str, str] | None = None, data: bytes | None = None) -> requests.Response:
        """One request, retried on 429/502/503/504; the response whatever its status."""
        try:
            return self.http.exchange(method, path, json=json_body, params=params, headers=headers, data=data)
        except Unreachable as exc:
            raise StepFailed(f"{self.name} {exc}") from None

    def call(self, method: str, path: str, *, json_body: Any = None, params: dict | None = None,
             ok: Iterable[int] = (200, 201, 204)) -> Any:
        """The decoded JSON of a successful call (None for an empty body); otherwise StepFailed."""
        response = self.raw(method, path, json_body=json_body, params=params)
        if response.status_code not in tuple(ok):
            raise StepFailed(f"{self.name} {method} {path} answered {response.status_code}: "
                             f"{response.text[:400]}")
        if not response.content:
            return None
        try:
            return response.json()
        except json.JSONDecodeError:
            raise StepFailed(f"{self.name} {method} {path}: not JSON: {response.text[:200]}") from None

    def close(self) -> None:
        self.session.close()
