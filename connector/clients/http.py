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
from typing import Any, Protocol
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

    statuses: frozenset[int] | None = None  # retried answers; None: 429 and every 5xx
    transport: bool = True                  # retry dropped connections and timeouts too
    max_retry_after: float = 120.0          # a longer Retry-After hint waits this long

    def retries(self, status: int) -> bool:
        """Whether an answer with this status is worth another attempt."""
        if self.statuses is not None:
            return status in self.statuses
        return status == 429 or status >= 500

    def backoff(self, attempt: int, rng: random.Random) -> float:
        """Delay before retry number ``attempt`` (1-based): base * 2^(attempt-1), capped, plus jitter."""
        delay = min(self.max_delay, self.base_delay * (2 ** (attempt - 1)))
        return delay * (1 + self.jitter * rng.random())


class TokenSource(Protocol):
    """Where an access token comes from (``connector.clients.auth`` has the static and OAuth ones)."""

    def token(self) -> str:
        """A token to send now (renewed first if it is about to expire)."""
        ...

    def renew(self, rejected: str) -> bool:
        """After a 401 for ``rejected``: get another token; False when this source cannot."""
        ...


@dataclass(frozen=True)
class Authorizer:
    """A token source and the header it goes in (``Authorization: Bearer`` or Shopify's own header)."""

    source: TokenSource
    header: str = "Authorization"
    prefix: str = "Bearer "

    def headers(self, token: str) -> dict[str, str]:
        return {self.header: self.prefix + token}


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
    """One ``requests.Session`` plus the retry/pacing loop; the API clients, the demo and the tools wrap it.

    ``auth`` (optional) puts a token on every attempt and renews it once on a 401 (then the call is
    retried); ``check_body`` turns a 2xx that is not a JSON object into a retried failure (the APIs'
    clients want that; a harness that inspects raw answers does not)."""

    def __init__(self, base_url: str, headers: dict[str, str], *, error_cls: type[ApiError],
                 sleep: Callable[[float], None], timeout: float = 30.0,
                 session: requests.Session | None = None, rng: random.Random | None = None,
                 policy: RetryPolicy | None = None, pacer: Pacer | None = None,
                 auth: Authorizer | None = None, check_body: bool = True) -> None:
        self.base_url = base_url.rstrip("/")
        self.session = session or requests.Session()
        self.session.headers.update(headers)
        self.error_cls = error_cls
        self.sleep = sleep
        self.timeout = timeout
        self.rng = rng or random.Random(0)
        self.policy = policy or RetryPolicy()
        self.pacer = pacer
        self.auth = auth
        self.check_body = check_body
        self.stats = CallStats()
        self.on_success: Callable[[str, str, requests.Response], None] | None = None

    def _wait(self, seconds: float) -> None:
        if seconds > 0:
            self.stats.slept += seconds
            self.sleep(seconds)

    def exchange(self, method: str, path: str, *, params: Any = None, json: Any = None, data: Any = None,
                 headers: dict[str, str] | None = None, route: str | None = None) -> requests.Response:
        """Send under the retry policy and return the last answer whatever its status (a retryable
        one once the attempts are spent). Raises ``error_cls`` only when no attempt got an answer."""
        return self._exchange(method, path, params, json, data, headers, route).response_or_raise(self, method)

    def send(self, method: str, path: str, *, params: Any = None, json: Any = None, data: Any = None,
             headers: dict[str, str] | None = None, route: str | None = None) -> requests.Response:
        """Send with retries; return the 2xx response or raise ``error_cls`` naming the call."""
        outcome = self._exchange(method, path, params, json, data, headers, route)
        response = outcome.response
        if response is not None and response.status_code < 400:
            return response
        if outcome.gave_up or response is None:
            status = response.status_code if response is not None else None
            raise self.error_cls(method, outcome.label, status, f"gave up after {outcome.attempts} "
                                 f"attempt{'s' if outcome.attempts != 1 else ''}: {outcome.last_error}",
                                 _body(response) if response is not None else None)
        detail = _detail(response)
        if response.status_code == 401 and outcome.renewed:
            detail = f"still unauthorized after renewing the access token ({detail})"
        raise self.error_cls(method, outcome.label, response.status_code, detail, _body(response))

    def _exchange(self, method: str, path: str, params: Any, json: Any, data: Any,
                  headers: dict[str, str] | None, route: str | None) -> _Outcome:
        url = path if path.startswith("http") else self.base_url + path
        outcome = _Outcome(route or path.split("?")[0])
        attempt = 0
        while attempt < self.policy.max_attempts:
            attempt += 1
            outcome.attempts += 1
            sent_token = None
            extra = dict(headers or {})
            if self.auth is not None:  # may renew first (its own calls); a refused grant raises here
                sent_token = self.auth.source.token()
                extra.update(self.auth.headers(sent_token))
            self.stats.calls += 1
            self.stats.by_route[f"{method} {outcome.label}"] += 1
            try:
                response = self.session.request(method, url, params=params, json=json, data=data,
                                                headers=extra or None, timeout=self.timeout)
            except requests.Timeout as exc:
                cause, outcome.last_error, response = "timeout", f"timeout ({exc.__class__.__name__})", None
            except requests.ConnectionError as exc:
                cause, outcome.last_error, response = ("connection",
                                                       f"connection dropped ({exc.__class__.__name__})", None)
            if (self.check_body and response is not None and response.status_code < 400
                    and (problem := body_problem(response))):
                cause, outcome.last_error, response = "bad body", problem, None
            outcome.response = response
            if response is not None:
                if response.status_code < 400:
                    self._succeeded(method, outcome.label, response)
                    return outcome
                if (response.status_code == 401 and self.auth is not None and sent_token is not None
                        and not outcome.renewed):  # once per call: a 401 renewal cannot fix is final
                    if self.auth.source.renew(sent_token):
                        outcome.renewed = True
                        self.stats.retries["401 renewed"] += 1
                        attempt -= 1  # a renewal is not a failed attempt: the retry budget stays whole
                        continue
                if not self.policy.retries(response.status_code):
                    return outcome
                cause = "429" if response.status_code == 429 else str(response.status_code)[0] + "xx"
                outcome.last_error = f"{response.status_code} {_detail(response)}"
            if attempt == self.policy.max_attempts or (response is None and cause in ("timeout", "connection")
                                                       and not self.policy.transport):
                break
            self.stats.retries[cause] += 1
            hinted = retry_after_seconds(response, self.policy.max_retry_after) if response is not None else None
            self._wait(hinted if hinted is not None else self.policy.backoff(attempt, self.rng))
        outcome.gave_up = True
        return outcome

    def _succeeded(self, method: str, label: str, response: requests.Response) -> None:
        if self.on_success is not None:
            self.on_success(method, label, response)
        if self.pacer is not None:
            pause = self.pacer(response)
            if pause > 0:
                self.stats.paced += 1
                self._wait(pause)


@dataclass
class _Outcome:
    """What one call came to: its last answer, why the last attempt failed, whether it gave up."""

    label: str
    response: requests.Response | None = None
    last_error: str = "no attempt"
    attempts: int = 0
    gave_up: bool = False
    renewed: bool = False

    def response_or_raise(self, core: HttpCore, method: str) -> requests.Response:
        if self.response is None:
            raise core.error_cls(method, self.label, None, f"gave up after {self.attempts} "
                                 f"attempt{'s' if self.attempts != 1 else ''}: {self.last_error}", None)
        return self.response


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

