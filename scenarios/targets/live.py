"""The ``live`` target: each mock is its own process (``python -m mocks.<side> --port 0``), driven
over HTTP; time is set through ``/__admin/clock`` on both, and the in-process connector reads a
clock that follows theirs."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime

from mocks.core import Clock, serve
from mocks.core.clock import format_iso, parse_iso
from scenarios.http import Api
from scenarios.model import DEFAULT_START, Scenario
from scenarios.targets.base import Dispatcher, Endpoints, Session
from scenarios.targets.prepare import prepare_mocks

START_TIMEOUT = 20.0


def start_mock(module: str, now: str | None) -> tuple[subprocess.Popen, str]:
    """Start ``python -m <module> --port 0`` and read its URL from the ``listening on`` line
    (``now``: a simulated clock start; None keeps the mock on the real clock)."""
    command = [sys.executable, "-m", module, "--port", "0", "--rate-limit", "off"]
    if now is not None:
        command += ["--now", now]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert process.stdout is not None
    line = process.stdout.readline().strip()  # blocks until the server prints its first line (or exits)
    if not line.startswith("listening on "):
        process.kill()
        raise RuntimeError(f"{module} did not start: first line was {line!r}")
    return process, line.removeprefix("listening on ").strip()


class LinkedClock:
    """The connector's clock on the live target: a local copy that every set/advance pushes to both
    mocks' ``/__admin/clock``, so the three always agree without a request per ``now()``."""

    def __init__(self, admins: list[Api]) -> None:
        self.admins = admins
        self.local = Clock.simulated(DEFAULT_START)

    def now(self) -> datetime:
        return self.local.now()

    def advance(self, seconds: float) -> datetime:
        for admin in self.admins:
            admin.call("POST", "/clock", json_body={"advance": seconds})
        return self.local.advance(seconds)

    def set(self, moment: datetime | str) -> datetime:
        moment = parse_iso(moment) if isinstance(moment, str) else moment
        for admin in self.admins:
            admin.call("POST", "/clock", json_body={"now": format_iso(moment)})
        return self.local.set(moment)

    def follow(self, admin: Api) -> None:
        """Start from the mocks' clock (read once)."""
        self.local.set(parse_iso(admin.call("GET", "/clock")["now"]))


class LiveTarget:
    """Mock processes on port 0; the connector and its webhook receiver in this process."""

    name = "live"

    def __init__(self) -> None:
        self._processes = []
        urls = []
        for module in ("mocks.shopify", "mocks.hubspot"):
            process, url = start_mock(module, DEFAULT_START)
            self._processes.append(process)
            urls.append(url)
        self.shopify_url, self.hubspot_url = urls
        self.dispatcher = Dispatcher()
        self._receiver = serve(self.dispatcher)

    def begin(self, scenario: Scenario) -> Session:
        endpoints = Endpoints(shopify_url=self.shopify_url, hubspot_url=self.hubspot_url,
                              receiver_url=self._receiver.url)
        admins = [Api("shopify admin", self.shopify_url + "/__admin"), Api("hubspot admin", self.hubspot_url + "/__admin")]
        clock = LinkedClock(admins)
        session = Session(self.name, scenario, endpoints, clock, self.dispatcher)
        prepare_mocks(session, {"now": scenario.at})
        clock.follow(admins[0])
        return session

    def close(self) -> None:
        self._receiver.shutdown()
        for process in self._processes:
            process.terminate()
            try:
                process.wait(timeout=START_TIMEOUT)
            except subprocess.TimeoutExpired:
                process.kill()
