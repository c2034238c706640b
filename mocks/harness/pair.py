"""Both mocks on one clock, started in this process (threads) or as one child process.

In the spirit of moto's ``ThreadedMotoServer``::

    with MockPair.start() as mocks:                 # threads, a frozen clock at 2024-01-15T12:00Z
        requests.get(mocks.shopify_url + "/admin/api/2026-10/customers.json",
                     headers={"X-Shopify-Access-Token": mocks.credentials.shopify_token})
        mocks.admin.advance(hours=24)
        mocks.admin.deliver()

    with MockPair.spawn(now="2024-03-01T09:00:00Z") as mocks:   # ``python -m mocks`` as a child, running clock
        ...

Both forms have the same surface: ``shopify_url``, ``hubspot_url``, ``clock`` (the shared
:class:`~mocks.core.clock.Clock` in-process; a :class:`LinkedClock` for a child), ``admin``
(:class:`PairAdmin`), ``credentials`` and ``close()``.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from mocks.core.clock import FROZEN, MODES, Clock, format_iso
from mocks.core.server import ServerHandle, serve
from mocks.harness.admin import PairAdmin
from mocks.harness.linked_clock import LinkedClock

START_TIMEOUT = 30.0


@dataclass(frozen=True)
class Credentials:
    """What the mocks accept by default (the values ``python -m mocks`` prints)."""

    shopify_store: str = "harness-shop"
    shopify_token: str = "shpat_harness_default"
    shopify_webhook_secret: str = "shpss_harness_secret"
    shopify_api_version: str = "2026-10"
    hubspot_token: str = "pat-na1-harness-default"
    hubspot_client_secret: str = "hubspot-harness-secret"
    hubspot_developer_key: str = "harness-developer-key"
    hubspot_app_id: int = 1160452


CREDENTIALS = Credentials()


class MockPair:
    """A running Shopify mock and HubSpot mock that share one clock. Use as a context manager."""

    def __init__(self, shopify_url: str, hubspot_url: str, clock: Any, stop: Callable[[], None], *,
                 host: str = "127.0.0.1", apps: tuple[Any, Any] | None = None,
                 handles: tuple[ServerHandle, ServerHandle] | None = None,
                 process: subprocess.Popen | None = None) -> None:
        self.shopify_url, self.hubspot_url, self.clock, self.host = shopify_url, hubspot_url, clock, host
        self.admin = PairAdmin(shopify_url, hubspot_url)
        self.credentials = CREDENTIALS
        self.apps, self.handles, self.process = apps, handles, process
        self._stop = stop
        self._closed = False

    # --- starting --------------------------------------------------------------------------
    @classmethod
    def start(cls, clock: Clock | None = None, *, host: str = "127.0.0.1", shopify_port: int = 0,
              hubspot_port: int = 0, rate_limit: bool = True, shopify: Any = None, hubspot: Any = None) -> MockPair:
        """Both mock apps on daemon threads of this process, sharing ``clock`` (default: frozen at
        2024-01-15T12:00Z). ``shopify``/``hubspot`` are optional ``ShopifyConfig``/``HubSpotConfig``
        (their ``clock`` is replaced by the shared one; ``rate_limit`` applies only without them).
        Port 0 picks a free port."""
        from mocks.hubspot import HubSpotConfig
        from mocks.hubspot import create_app as hubspot_app
        from mocks.shopify import ShopifyConfig
        from mocks.shopify import create_app as shopify_app

        clock = clock or Clock.simulated()
        shopify_config = replace(shopify or ShopifyConfig(rate_limit=rate_limit), clock=clock)
        hubspot_config = replace(hubspot or HubSpotConfig(rate_limit=rate_limit), clock=clock)
        apps = (shopify_app(shopify_config), hubspot_app(hubspot_config))
        shop = serve(apps[0], host, shopify_port)
        try:
            hub = serve(apps[1], host, hubspot_port)
        except BaseException:
            shop.shutdown()
            raise

        def stop() -> None:
            for app in apps:
                _stop_outboxes(app)
            shop.shutdown()
            hub.shutdown()

        return cls(shop.url, hub.url, clock, stop, host=host, apps=apps, handles=(shop, hub))

    @classmethod
    def spawn(cls, *, now: datetime | str | None = None, mode: str | None = None, host: str = "127.0.0.1",
              shopify_port: int = 0, hubspot_port: int = 0, rate_limit: bool = True,
              args: Sequence[str] = (), timeout: float = START_TIMEOUT) -> MockPair:
        """``python -m mocks`` as a child process (one clock for both mocks); ``mode`` is
        ``"running"`` (default) or ``"frozen"``. ``clock`` is a :class:`LinkedClock` on it."""
        command = [sys.executable, "-m", "mocks", "--host", host, "--shopify-port", str(shopify_port),
                   "--hubspot-port", str(hubspot_port), "--clock", mode or "running"]
        if mode not in (None, *MODES):
            raise ValueError(f"mode must be one of {', '.join(MODES)}")
        if now is not None:
            command += ["--now", now if isinstance(now, str) else format_iso(now)]
        if not rate_limit:
            command += ["--rate-limit", "off"]
        command += list(args)
        errors = tempfile.TemporaryFile(mode="w+")
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=errors, text=True)
        try:
            urls = _read_urls(process, timeout)
        except BaseException:
            stop_process(process)
            errors.seek(0)
            detail = errors.read()[-2000:]
            errors.close()
            raise RuntimeError(f"python -m mocks did not start: {detail.strip() or 'no output'}") from None
        threading.Thread(target=_drain, args=(process,), daemon=True).start()

        def stop() -> None:
            stop_process(process)
            errors.close()

        pair = cls(urls["shopify"], urls["hubspot"], None, stop, host=host, process=process)
        pair.clock = LinkedClock(pair.admin.shopify)
        pair.admin.hubspot.clock_observers.append(pair.clock.copy)
        return pair

    # --- using -----------------------------------------------------------------------------
    @property
    def in_process(self) -> bool:
        return self.apps is not None

    @property
    def frozen(self) -> bool:
        return self.clock.mode == FROZEN

    def store(self, side: str) -> Any:
        """The in-process store of ``"shopify"`` or ``"hubspot"`` (white-box tests only)."""
        if self.apps is None:
            raise RuntimeError("the mocks run in another process: read them through admin.state()")
        return self.apps[0 if side == "shopify" else 1].extensions["store"]

    def env(self) -> dict[str, str]:
        """The fixed environment of a ``cmd:`` connector (issue #14), for this pair."""
        c = self.credentials
        return {"SHOPIFY_URL": self.shopify_url, "SHOPIFY_TOKEN": c.shopify_token,
                "SHOPIFY_API_VERSION": c.shopify_api_version, "SHOPIFY_WEBHOOK_SECRET": c.shopify_webhook_secret,
                "SHOPIFY_STORE": c.shopify_store, "HUBSPOT_URL": self.hubspot_url, "HUBSPOT_TOKEN": c.hubspot_token,
                "HUBSPOT_CLIENT_SECRET": c.hubspot_client_secret, "SHOPHUB_NOW": format_iso(self.clock.now())}

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self.admin.close()
        self._stop()

    def __enter__(self) -> MockPair:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _stop_outboxes(app: Any) -> None:
    """Stop a real-clock app's background webhook delivery before its server goes."""
    outbox = getattr(app.extensions.get("webhooks"), "outbox", None)
    if outbox is not None:
        outbox.stop_auto()


def _read_urls(process: subprocess.Popen, timeout: float) -> dict[str, str]:
    """The two ``<side> listening on URL`` lines ``python -m mocks`` prints first."""
    urls: dict[str, str] = {}
    done = threading.Event()

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            side, _, url = line.strip().partition(" listening on ")
            if url and side in ("shopify", "hubspot"):
                urls[side] = url
            if len(urls) == 2:
                break
        done.set()

    threading.Thread(target=read, daemon=True).start()
    if not done.wait(timeout) or len(urls) < 2:
        raise RuntimeError("no URLs")
    return urls


def _drain(process: subprocess.Popen) -> None:
    if process.stdout is not None:
        for _ in process.stdout:
            pass


def stop_process(process: subprocess.Popen) -> None:
    """Terminate ``process`` (kill after 10 s) and close its stdout."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
    if process.stdout is not None:
        process.stdout.close()
