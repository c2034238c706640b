"""The ``sandbox`` target: real APIs (or any base URLs) from the environment.

``SHOPIFY_STORE``, ``SHOPIFY_TOKEN``, ``HUBSPOT_TOKEN``; ``SHOPIFY_URL`` / ``HUBSPOT_URL`` override
the real base URLs (tests point them at a second mock process). Mock-only steps are skipped or
skip the scenario (see the step reference). Each scenario run gets its own tag (the target's run
tag and a counter, ``run1a2b3c4ds7``): ``scenarios.tagging`` puts it into every email, title, company
name and phone the scenario writes, and ``scenarios.scope`` keeps expectations on "everything" to
that run's records and deletes them at the end (the runner calls ``Session.cleanup`` in a finally).
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Mapping

from connector.clock import SystemClock
from scenarios.model import Scenario
from scenarios.scope import clean_up, take_baseline
from scenarios.targets.base import Endpoints, Session


class SandboxTarget:
    """Real sandboxes; the scenario's first store is the sandbox store."""

    name = "sandbox"

    def __init__(self, store: str, shopify_url: str, shopify_token: str, hubspot_url: str, hubspot_token: str,
                 run_tag: str) -> None:
        self.store, self.run_tag = store, run_tag
        self.shopify_url, self.shopify_token = shopify_url.rstrip("/"), shopify_token
        self.hubspot_url, self.hubspot_token = hubspot_url.rstrip("/"), hubspot_token
        self.started = 0   # scenario runs begun: each gets the tag f"{run_tag}s{n}"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, run_tag: str | None = None) -> SandboxTarget:
        """Read the credentials; raise a clear error naming what is missing."""
        env = os.environ if env is None else env
        missing = [v for v in ("SHOPIFY_STORE", "SHOPIFY_TOKEN", "HUBSPOT_TOKEN") if not env.get(v)]
        if missing:
            raise RuntimeError(f"sandbox target needs {', '.join(missing)} in the environment")
        store = env["SHOPIFY_STORE"].removesuffix(".myshopify.com")
        return cls(store, env.get("SHOPIFY_URL") or f"https://{store}.myshopify.com", env["SHOPIFY_TOKEN"],
                   env.get("HUBSPOT_URL") or "https://api.hubapi.com", env["HUBSPOT_TOKEN"],
                   run_tag or "run" + uuid.uuid4().hex[:8])

    def cannot_run(self, scenario: Scenario) -> str:
        """Why a scenario cannot run here ("" if it can)."""
        if len(scenario.stores) > 1:
            return "a sandbox has one store; this scenario needs " + ", ".join(scenario.stores)
        for step in scenario.all_steps:
            for expectation in step.spec if step.kind == "expect" else ():
                reason = expectation.subject.sandbox_blocker(expectation.spec)
                if reason:
                    return f"{reason} (step {step.number}, {expectation.label}, at {expectation.mark})"
        return ""

    def begin(self, scenario: Scenario) -> Session:
        endpoints = Endpoints(shopify_url=self.shopify_url, hubspot_url=self.hubspot_url,
                              hubspot_token=self.hubspot_token,
                              store_tokens={scenario.stores[0]: self.shopify_token})
        self.started += 1
        # Real time: the connector reads the system clock; retries of throttled calls really wait.
        session = Session(self.name, scenario, endpoints, SystemClockDriver(), sleep=time.sleep, run_tag=f"{self.run_tag}s{self.started}")
        session.cleanup = lambda: clean_up(session)
        take_baseline(session)
        return session

    def close(self) -> None:
        return None


class SystemClockDriver(SystemClock):
    """The real clock (a sandbox cannot move time: steps that would are never run there)."""

    def advance(self, seconds: float):  # noqa: ANN201
        raise RuntimeError("a sandbox cannot advance the clock")

    def set(self, moment: object):  # noqa: ANN201
        raise RuntimeError("a sandbox cannot set the clock")
