"""Shared HTTP core: timeouts, retries with capped exponential backoff + jitter, Retry-After, pacing.

All waiting goes through the injected ``sleep`` so a simulated clock can absorb it. Retried:
429, 5xx, dropped connections and timeouts. Writes are designed to be idempotent (upserts by a
unique key), so retrying a POST whose connection dropped never duplicates a record.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import requests

from connector.errors import ApiError

Pacer = Callable[[requests.Response], float]  # seconds to wait after a response (0 = none)


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how long to retry."""

    max_attempts: int = 6
    base_delay: float = 0.5
    max_delay: float = 30.0
    jitter: float = 0.25  # fraction of the delay added at random

    def backoff(self, attempt: int, rng: random.Random) -> float:
        """Delay before retry number ``attempt`` (1-based): base * 2^(attempt-1), capped, plus jitter."""
        delay = min(self.max_delay, self.base_delay * (2 ** (attempt - 1)))
        return delay * (1 + self.jitter * rng.random())


@dataclass
class CallStats:
    """What a client did: calls made, retries by cause, waiting."""

    calls: int = 0
    retries: Counter = field(default_factory=Counter)
    paced: int = 0
    slept: float = 0.0
    by_route: Counter = field(default_factory=Counter)

    def to_dict(self) -> dict[str, Any]:
        return {"calls": self.calls, "retries": dict(self.retries), "paced": self.paced,
                "slept": round(self.slept, 3), "by_route": dict(self.by_route)}


_SECONDS = re.compile(r"[0-9]{1,12}(\.[0-9]{1,6})?")
MAX_RETRY_AFTER = 120.0  # seconds: a longer hint is a misconfigured or hostile server, not a plan


def retry_after_seconds(response: requests.Response, cap: float = MAX_RETRY_AFTER) -> float | None:
    """The Retry-After header in seconds (delta-seconds only), clamped to ``[0, cap]``.

    Anything but plain ASCII digits (with an optional fraction) is ignored — ``inf``, ``nan``, ``-5``,
    exponents, an HTTP date, junk — so the client falls back to its own backoff; a huge number waits
    ``cap`` seconds, never a day."""
    value = (response.headers.get("Retry-After") or "").strip()
    if not _SECONDS.fullmatch(value):
        return None
    return min(cap, float(value))


def body_problem(response: requests.Response) -> str | None:
    """Why a 2xx answer cannot be used, or None. Both APIs answer a JSON object or nothing at all;
    an HTML page (a proxy's error page, a captive portal) or a JSON array/string is a bad answer."""
    if not response.content or response.status_code == 204:
        return None
    try:
        body = response.json()
    except ValueError:
        kind = response.headers.get("Content-Type", "unknown content type").split(";")[0]
        return f"answered {response.status_code} with a body that is not JSON ({kind})"
    if not isinstance(body, dict):
        return f"answered {response.status_code} with JSON that is not an object ({type(body).__name__})"
    return None


class HttpCore:
    """One ``requests.Session`` plus the retry/pacing loop; the API clients wrap it."""

    def __init__(self, base_url: str, headers: dict[str, str], *, error_cls: type[ApiError],
                 sleep: Callable[[float], None], timeout: float = 30.0,
                 session: requests.Session | None = None, rng: random.Random | None = None,
                 policy: RetryPolicy | None = None, pacer: Pacer | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self.session = session or requests.Session()
        self.session.headers.update(headers)
        self.error_cls = error_cls
        self.sleep = sleep
        self.timeout = timeout
        self.rng = rng or random.Random(0)
        self.policy = policy or RetryPolicy()
        self.pacer = pacer
        self.stats = CallStats()
        self.on_success: Callable[[str, str, requests.Response], None] | None = None

    def _wait(self, seconds: float) -> None:
        if seconds > 0:
            self.stats.slept += seconds
            self.sleep(seconds)

    def send(self, method: str, path: str, *, params: Any = None, json: Any = None,
             route: str | None = None) -> requests.Response:
        """Send with retries; return the 2xx response or raise ``error_cls`` naming the call."""
        url = path if path.startswith("http") else self.base_url + path
        label = route or path.split("?")[0]
        last_error = "no attempt"
        for attempt in range(1, self.policy.max_attempts + 1):
            self.stats.calls += 1
            self.stats.by_route[f"{method} {label}"] += 1
            try:
                response = self.session.request(method, url, params=params, json=json, timeout=self.timeout)
            except requests.Timeout as exc:
                cause, last_error, response = "timeout", f"timeout ({exc.__class__.__name__})", None
            except requests.ConnectionError as exc:
                cause, last_error, response = "connection", f"connection dropped ({exc.__class__.__name__})", None
            if response is not None and response.status_code < 400 and (problem := body_problem(response)):
                cause, last_error, response = "bad body", problem, None
            if response is not None:
                if response.status_code < 400:
                    if self.on_success is not None:
                        self.on_success(method, label, response)
                    if self.pacer is not None:
                        pause = self.pacer(response)
                        if pause > 0:
                            self.stats.paced += 1
                            self._wait(pause)
                    return response
                if response.status_code != 429 and response.status_code < 500:
                    raise self.error_cls(method, label, response.status_code, _detail(response), _body(response))
                cause = "429" if response.status_code == 429 else "5xx"
                last_error = f"{response.status_code} {_detail(response)}"
            if attempt == self.policy.max_attempts:
                break
            self.stats.retries[cause] += 1
            hinted = retry_after_seconds(response) if response is not None else None
            self._wait(hinted if hinted is not None else self.policy.backoff(attempt, self.rng))
        status = None
        if response is not None:
            status = response.status_code
        raise self.error_cls(method, label, status, f"gave up after {self.policy.max_attempts} attempts: "
                             f"{last_error}", _body(response) if response is not None else None)


def _body(response: requests.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return response.text


def _detail(response: requests.Response) -> str:
    body = _body(response)
    if isinstance(body, dict):
        for key in ("message", "errors", "error"):
            if key in body:
                return str(body[key])[:500]
    return str(body)[:500]


class ApiClient:
    """What both API clients share: the retrying HTTP core and its counters."""

    http: HttpCore

    @property
    def calls(self) -> int:
        """HTTP calls made, retries included."""
        return self.http.stats.calls

    @property
    def stats(self) -> CallStats:
        return self.http.stats

    def records(self, response: requests.Response, key: str) -> list[dict]:
        """``body[key]`` of a 2xx answer, which must be a list of objects (absent: none). A wrong
        shape is this client's ApiError naming the call, reported like any failed call."""
        body = response.json() if response.content else {}
        items = body.get(key, []) if isinstance(body, dict) else None
        if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
            request = response.request
            raise self.http.error_cls(request.method or "?", urlsplit(request.url or "").path,
                                      response.status_code, f"answered {response.status_code} with a wrong "
                                      f"shape: {key!r} is not a list of objects", None)
        return items

