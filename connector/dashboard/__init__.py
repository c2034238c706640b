"""The ecommerce dashboard: R1-R8 as charts and tables, record counts and recent sync actions.

``dashboard_app(hubspot_url, token, ...) -> Flask`` reads everything through the public HubSpot
API on each page view (``connector.reporting.loader`` + ``connector.reporting.figures``), so it works against
a real account as well as the mock. ``GET /`` is the page (``?period=last_month`` etc.),
``GET /reports.json`` the same data as JSON. The page has no scripts and fetches nothing.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from flask import Flask, Response, request

from connector.clients.hubspot import HubSpotClient
from connector.clients.hubspot_paths import HubSpotPaths
from connector.clock import ClockLike, SystemClock
from connector.dashboard.logbuffer import LogBuffer, LogLine
from connector.dashboard.page import render_page
from connector.reporting.config import ReportConfig
from connector.reporting.figures import compute_all
from connector.reporting.loader import load
from connector.reporting.periods import PeriodError, parse_period
from connector.workflows import compute_workflows

__all__ = ["COUNTED_OBJECTS", "LogBuffer", "LogLine", "dashboard_app", "record_counts", "snapshot"]

COUNTED_OBJECTS = ("contacts", "deals", "line_items", "products", "companies")
MODE_OBJECTS = {"ecommerce-deals": ("contacts", "deals", "line_items", "products"),
                "data-sync": ("contacts", "companies", "products", "line_items")}


def _client(url: str, token: str, sleep: Callable[[float], None]) -> Any:
    """The connector's HubSpotClient (retries, pacing)."""
    return HubSpotClient(url, token, sleep=sleep)


def record_counts(client: Any, objects: Sequence[str] = COUNTED_OBJECTS) -> dict[str, int | None]:
    """Records per object type: a one-result search and its ``total`` (None where it failed)."""
    counts: dict[str, int | None] = {}
    for name in objects:
        try:
            response = client.request("POST", getattr(client, "paths", HubSpotPaths()).search(name), json={"limit": 1, "filterGroups": []})
            counts[name] = int(response.json().get("total", 0))
        except Exception:  # noqa: BLE001 - one missing object type must not blank the dashboard
            counts[name] = None
    return counts


def snapshot(client: Any, now: Any, period: str, config: ReportConfig,
             objects: Sequence[str] = COUNTED_OBJECTS) -> dict:
    """Everything the page shows, as one JSON-ready dict: reports, workflows, record counts."""
    dataset = load(client, now, default_currency=config.default_currency)
    return {"reports": compute_all(dataset, period, now, config),
            "workflows": compute_workflows(dataset, now, config),
            "counts": record_counts(client, objects) if hasattr(client, "request") else {}}


def dashboard_app(hubspot_url: str, hubspot_token: str, *, clock: ClockLike | None = None,
                  logs: LogBuffer | None = None, config: ReportConfig | None = None, period: str = "this_month",
                  client: Any = None, links: Mapping[str, str] | None = None, log_lines: int = 40,
                  title: str = "Ecommerce dashboard", sleep: Callable[[float], None] = time.sleep,
                  mode: str = "ecommerce-deals", synced: Callable[[], Mapping[str, int]] | None = None) -> Flask:
    """A Flask app serving the dashboard for one HubSpot account.

    ``clock`` gives "now" for the periods (default: the system clock; the demo passes its simulated
    one). ``logs`` is a :class:`LogBuffer` attached to the ``connector`` logger; its last
    ``log_lines`` lines are shown. ``links`` adds buttons to the header (e.g. the mocks' URLs).
    ``sleep`` is how the HubSpot client waits out a 429: on a simulated clock, pass its ``advance``.
    ``mode`` picks the record tiles (no companies tile in ecommerce-deals mode); ``synced`` returns
    the connector's totals (its S7 summary's, summed over stores): the tiles then show them, so they
    add up to the summary, with HubSpot's own count beside them.
    """
    objects = MODE_OBJECTS.get(mode, COUNTED_OBJECTS)
    clock = clock or SystemClock()
    config = config or ReportConfig()
    reader = client or _client(hubspot_url, hubspot_token, sleep)
    app = Flask("connector.dashboard")

    def current() -> tuple[dict, str]:
        chosen = request.args.get("period") or period
        now = clock.now()
        parse_period(chosen, now)  # PeriodError -> 400 below
        data = snapshot(reader, now, chosen, config, objects)
        if synced is not None:
            data["synced"] = dict(synced())
        return data, chosen

    @app.get("/")
    def page() -> Response:
        try:
            data, _ = current()
        except PeriodError as exc:
            return Response(f"bad period: {exc}", status=400, mimetype="text/plain")
        html = render_page(data["reports"], data["workflows"], data["counts"],
                           logs.recent(log_lines) if logs else [], chart_currency=config.default_currency,
                           title=title, links=links, synced=data.get("synced"))
        return Response(html, mimetype="text/html")

    @app.get("/reports.json")
    def as_json() -> Response:
        try:
            data, _ = current()
        except PeriodError as exc:
            return Response(json.dumps({"error": str(exc)}), status=400, mimetype="application/json")
        data["logs"] = [{"at": line.at.isoformat() if line.at else None, "level": line.level, "message": line.message}
                        for line in (logs.recent(log_lines) if logs else [])]
        return Response(json.dumps(data, indent=2), mimetype="application/json")

    @app.get("/healthz")
    def health() -> Response:
        return Response("ok", mimetype="text/plain")

    return app
