"""A small JSON-over-HTTP helper the steps use to talk to either side (or a mock's /__admin)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

import requests

from scenarios.errors import StepFailed

RETRY_STATUSES = (429, 502, 503, 504)


class Api:
    """Calls against one base URL with fixed headers; failures become :class:`StepFailed`.

    ``sleep`` waits before a retry of a throttled answer (sandbox: real time; the mocks: no wait,
    since the harness must never move the simulated clock by itself).
    """

    def __init__(self, name: str, base_url: str, headers: dict[str, str] | None = None, *,
                 sleep: Callable[[float], None] = lambda _s: None, attempts: int = 4,
                 timeout: float = 30.0) -> None:
        self.name, self.base_url = name, base_url.rstrip("/")
        self.session = requests.Session()
        self.session.headers.update(headers or {})
        self.sleep, self.attempts, self.timeout = sleep, attempts, timeout

    def raw(self, method: str, path: str, *, json_body: Any = None, params: dict | None = None,
            headers: dict[str, str] | None = None, data: bytes | None = None) -> requests.Response:
        """One request, retried on 429/5xx; the response whatever its status."""
        url = path if path.startswith("http") else self.base_url + path
        response = None
        for attempt in range(self.attempts):
            response = self.session.request(method, url, json=json_body, params=params, headers=headers,
                                            data=data, timeout=self.timeout)
            if response.status_code not in RETRY_STATUSES or attempt + 1 == self.attempts:
                break
            self.sleep(_retry_after(response))
        assert response is not None
        return response

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


def _retry_after(response: requests.Response) -> float:
    try:
        return min(float(response.headers.get("Retry-After", "1")), 10.0)
    except ValueError:
        return 1.0
