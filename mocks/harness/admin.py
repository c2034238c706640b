"""A client for the ``/__admin`` surface of one mock (:class:`AdminClient`) and of a pair on one
clock (:class:`PairAdmin`): the only place the project builds ``/__admin`` URLs for a caller.

Every method is one documented admin call (docs/harness.md); errors raise :class:`AdminError`
with the mock's message, never a bare ``HTTPError``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import requests

from mocks.core.clock import format_iso, parse_iso

ADMIN = "/__admin"
DEFAULT_TIMEOUT = 600.0   # delivering a large outbox or resetting a 100k store takes a while
MAX_DELIVERY_ROUNDS = 10


class AdminError(RuntimeError):
    """An admin call the mock refused (status and the mock's own message)."""

    def __init__(self, method: str, url: str, status: int, message: str) -> None:
        super().__init__(f"{method} {url}: {status} {message}")
        self.status, self.message = status, message


def seconds_of(seconds: float = 0.0, **delta: float) -> float:
    """``seconds`` plus a ``timedelta``'s keywords (``hours=24, minutes=-1``) in seconds."""
    return float(seconds) + timedelta(**delta).total_seconds()


class Faults:
    """The fault rules of one mock (``/__admin/faults``; rule format in :mod:`mocks.core.faults`)."""

    def __init__(self, admin: AdminClient) -> None:
        self._admin = admin

    def add(self, *rules: dict) -> list[dict]:
        """Add one or more rules; returns them as the mock stored them."""
        body = rules[0] if len(rules) == 1 else list(rules)
        return self._admin.call("POST", "/faults", body)["rules"]

    def list(self) -> list[dict]:
        return self._admin.call("GET", "/faults")["rules"]

    def counts(self) -> dict:
        """How often each rule fired."""
        return self._admin.call("GET", "/faults")["counts"]

    def clear(self) -> None:
        self._admin.call("DELETE", "/faults")


class AdminClient:
    """``/__admin`` of the mock at ``base_url`` (``http://127.0.0.1:PORT``)."""

    def __init__(self, base_url: str, session: requests.Session | None = None,
                 timeout: float = DEFAULT_TIMEOUT) -> None:
        self.base_url = base_url.rstrip("/")
        self.session = session or requests.Session()
        self.timeout = timeout
        self.faults = Faults(self)
        self.clock_observers: list[Callable[[dict], object]] = []   # told every clock answer


    def url(self, path: str) -> str:
        """The full URL of an admin path (``/state`` -> ``http://H:P/__admin/state``)."""
        return f"{self.base_url}{ADMIN}{path}"

    def call(self, method: str, path: str, body: Any = None, params: dict | None = None) -> Any:
        """One admin call; the decoded JSON answer. Raises :class:`AdminError` on a 4xx/5xx."""
        url = self.url(path)
        response = self.session.request(method, url, json=body, params=params, timeout=self.timeout)
        if response.status_code >= 400:
            try:
                message = response.json().get("error", response.text)
            except ValueError:
                message = response.text[:500]
            raise AdminError(method, url, response.status_code, str(message))
        answer = response.json() if response.content else {}
        if method == "POST" and path in ("/clock", "/reset") and self.clock_observers:
            clock = answer.get("clock", answer)
            for observer in self.clock_observers:
                observer(clock)
        return answer

    # --- clock -----------------------------------------------------------------------------
    def clock(self) -> dict:
        """``{"now": ISO, "mode": "frozen"|"running", "simulated": bool}``."""
        return self.call("GET", "/clock")

    def now(self) -> datetime:
        return parse_iso(self.clock()["now"])

    def advance(self, seconds: float = 0.0, **delta: float) -> datetime:
        """Move the clock ahead (``advance(hours=24)``); returns the new time."""
        return parse_iso(self.call("POST", "/clock", {"advance": seconds_of(seconds, **delta)})["now"])

    def set_time(self, moment: datetime | str) -> datetime:
        text = moment if isinstance(moment, str) else format_iso(moment)
        return parse_iso(self.call("POST", "/clock", {"now": text})["now"])

    def set_mode(self, mode: str) -> dict:
        """``"frozen"`` or ``"running"`` (see :mod:`mocks.core.clock`)."""
        return self.call("POST", "/clock", {"mode": mode})

    # --- store, journal, webhooks ----------------------------------------------------------
    def reset(self, now: datetime | str | None = None) -> dict:
        """Empty the store, journal, faults and outbox; ``now`` also sets the clock."""
        body = {} if now is None else {"now": now if isinstance(now, str) else format_iso(now)}
        return self.call("POST", "/reset", body)

    def state(self) -> dict:
        """Every record, as the mock keeps it."""
        return self.call("GET", "/state")

    def requests(self, method: str | None = None, path: str | None = None) -> list[dict]:
        """The request journal (newest last), filtered by method and/or path."""
        params = {k: v for k, v in (("method", method), ("path", path)) if v}
        return self.call("GET", "/requests", params=params)["requests"]

    def clear_requests(self) -> None:
        self.call("DELETE", "/requests")

    def deliver(self) -> int:
        """Send every webhook due now (one round); how many went out."""
        return int(self.call("POST", "/webhooks/deliver").get("count", 0))

    def add_shop(self, name: str, token: str) -> dict:
        """Shopify only: another store on this mock, opened by ``token``."""
        return self.call("POST", "/shops", {"name": name, "token": token})

    def close(self) -> None:
        self.session.close()


class PairAdmin:
    """Both mocks' admin surfaces; the pair shares one clock, so time calls go to one of them."""

    def __init__(self, shopify_url: str, hubspot_url: str, timeout: float = DEFAULT_TIMEOUT) -> None:
        session = requests.Session()
        self.shopify = AdminClient(shopify_url, session, timeout)
        self.hubspot = AdminClient(hubspot_url, session, timeout)

    def side(self, name: str) -> AdminClient:
        """``"shopify"`` or ``"hubspot"``."""
        if name not in ("shopify", "hubspot"):
            raise ValueError(f"no mock called {name!r}; use shopify or hubspot")
        return self.shopify if name == "shopify" else self.hubspot

    def clock(self) -> dict:
        return self.shopify.clock()

    def now(self) -> datetime:
        return self.shopify.now()

    def advance(self, seconds: float = 0.0, **delta: float) -> datetime:
        """Move the one clock ahead (``advance(hours=23, minutes=59)``)."""
        return self.shopify.advance(seconds, **delta)

    def set_time(self, moment: datetime | str) -> datetime:
        return self.shopify.set_time(moment)

    def freeze(self) -> dict:
        return self.shopify.set_mode("frozen")

    def run(self) -> dict:
        return self.shopify.set_mode("running")

    def reset(self, now: datetime | str | None = None) -> None:
        """Both mocks emptied (and the clock set to ``now``, if given)."""
        self.shopify.reset(now)
        self.hubspot.reset()

    def deliver(self, sides: tuple[str, ...] = ("shopify", "hubspot"), until_quiet: bool = True) -> int:
        """Send every due webhook of ``sides``; with ``until_quiet``, again while handling one caused
        more (up to 10 rounds). How many went out."""
        total = 0
        for _ in range(MAX_DELIVERY_ROUNDS if until_quiet else 1):
            sent = sum(self.side(side).deliver() for side in sides)
            total += sent
            if not sent:
                break
        return total

    def clear_faults(self) -> None:
        self.shopify.faults.clear()
        self.hubspot.faults.clear()

    def close(self) -> None:
        self.shopify.close()
