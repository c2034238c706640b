"""The demo run: mocks up, history seeded, the connector connected, live days and checkouts played
through on the simulated clock, then the summary, reports and workflow enrollments printed."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TextIO

import requests

from connector.config import ConnectorConfig, StoreConfig
from connector.dashboard import LogBuffer
from connector.reporting.config import ReportConfig
from connector.reporting.figures import compute_all
from connector.reporting.loader import load
from connector.reporting.text import reports_text, workflows_text
from connector.summary import SyncSummary
from connector.sync import Connector
from connector.workflows import compute_workflows
from demo.progress import LogProgress, Progress
from demo.push import Pusher, Target
from demo.seed import Checkpoint, Plan, Step
from demo.servers import HUBSPOT_SECRET, HUBSPOT_TOKEN, SHOPIFY_SECRET, TOKENS
from mocks.core.server import ServerHandle, serve
from mocks.harness import MockPair
from mocks.harness.receiver import SwappableApp

LOG = logging.getLogger("connector")


@dataclass
class Result:
    """What a run produced (the CLI prints it; tests inspect it)."""

    summary: SyncSummary
    reports: dict
    workflows: dict
    moved: int = 0
    throttled: int = 0
    steps: int = 0
    checkpoints: list[str] = field(default_factory=list)


def connector_config(mocks: MockPair, receiver_url: str, state_path: str) -> ConnectorConfig:
    """Both stores on the one HubSpot mock; Shopify webhooks go to the connector's receiver."""
    stores = [StoreConfig(store_id=name, shopify_url=mocks.shopify_url, shopify_token=token,
                          webhook_secret=SHOPIFY_SECRET) for name, token in TOKENS.items()]
    return ConnectorConfig(hubspot_url=mocks.hubspot_url, hubspot_token=HUBSPOT_TOKEN, stores=stores,
                           mode="ecommerce-deals", state_path=state_path, hubspot_client_secret=HUBSPOT_SECRET,
                           webhook_base_url=receiver_url)


def merge(total: SyncSummary, part: SyncSummary) -> None:
    """Add one sync's counts to the running S7 summary (totals: the latest id-map counts)."""
    total.actions.extend(a for a in part.actions if not a.startswith("incremental"))
    for store_id, store in part.stores.items():
        into = total.store(store_id)
        into.synced.update(store.synced)
        into.deleted.update(store.deleted)
        into.skipped.update(store.skipped)
        into.errors += store.errors
        into.duplicates += store.duplicates
        into.error_messages.extend(store.error_messages[: 20 - len(into.error_messages)])
        if store.totals:
            into.totals = dict(store.totals)
    total.calls = dict(part.calls)


class DemoRun:
    """One run of the plan against running mocks; ``out`` gets the story, ``err`` the progress bars."""

    def __init__(self, plan: Plan, mocks: MockPair, out: TextIO, err: TextIO, state_path: str = ":memory:",
                 report_config: ReportConfig | None = None) -> None:
        self.plan, self.mocks, self.out, self.err = plan, mocks, out, err
        self.state_path = state_path
        self.report_config = report_config or ReportConfig()
        self.session = requests.Session()
        self.pusher = Pusher(Target(mocks.shopify_url, TOKENS, mocks.hubspot_url, HUBSPOT_TOKEN),
                             session=self.session, read_clock=mocks.clock.now, admin=mocks.admin.shopify)
        self.logs = LogBuffer(capacity=500, clock=mocks.clock)
        self.receiver: ServerHandle | None = None
        self.connector: Connector | None = None
        self.summary = SyncSummary("ecommerce-deals")
        self.moved = 0
        self.done: list[str] = []

    def say(self, text: str) -> None:
        self.out.write(text + "\n")
        self.out.flush()

    # -- phases ------------------------------------------------------------------------------------
    def seed(self, steps: list[Step], label: str) -> None:
        bar = Progress(self.err, label, len(steps))
        self.pusher.push_all(steps, bar.update)
        bar.done(f"(rate limit waited out on the clock {self.pusher.throttled}x)" if self.pusher.throttled else "")

    def deliver(self) -> int:
        return self.mocks.admin.shopify.deliver()

    def connect(self, expected: int) -> None:
        late = SwappableApp("connector not started yet")
        self.receiver = serve(late, self.mocks.host, 0)
        config = connector_config(self.mocks, self.receiver.url, self.state_path)
        self.connector = Connector(config, clock=self.mocks.clock, sleep=self.mocks.clock.advance)
        late.app = self.connector.receiver_app()
        bar = Progress(self.err, "initial import", expected)
        handler = LogProgress(bar)
        LOG.addHandler(handler)
        try:
            self.connector.setup()
            merge(self.summary, self.connector.sync())
        finally:
            LOG.removeHandler(handler)
        bar.done()

    def checkpoint(self, point: Checkpoint) -> str:
        assert self.connector is not None
        self.pusher.move_to(point.at)
        delivered = self.deliver()
        if point.kind == "tick":
            moved = self.connector.tick()
            self.moved += moved
            return f"{moved} deals moved"
        part = self.connector.sync()
        merge(self.summary, part)
        moved = next((int(a.split()[2]) for a in part.actions if a.startswith("timers moved")), 0)
        self.moved += moved
        written = sum(sum(s.synced.values()) for s in part.stores.values())
        return f"{delivered} webhooks delivered, {written} records written" + (f", {moved} deals moved" if moved else "")

    def run(self) -> Result:
        """Seed history, connect, play the live checkpoints, and compute the reports."""
        LOG.addHandler(self.logs)
        previous_level = LOG.level
        LOG.setLevel(logging.INFO)
        try:
            return self._run()
        finally:
            LOG.setLevel(previous_level)

    def _run(self) -> Result:
        t = self.plan.timeline
        history = [s for s in self.plan.steps if s.at < t.go_live]
        live = [s for s in self.plan.steps if s.at >= t.go_live]
        self.say(f"Seeding {len(history)} API calls of store history ({t.start:%b %d} .. {t.go_live:%b %d %Y}) ...")
        self.seed(history, "seeding history")
        records = sum(1 for s in history if s.action in ("customer", "product", "order", "hubspot_contact"))
        self.say(f"Connecting the connector to both stores at {t.go_live:%Y-%m-%d %H:%M} UTC (simulated) ...")
        self.pusher.move_to(t.go_live)
        self.connect(records)
        for point in self.plan.checkpoints[1:]:
            due = [s for s in live if s.at < point.at]
            live = live[len(due):]
            self.pusher.push_all(due)
            note = self.checkpoint(point)
            line = f"  {point.at:%a %b %d %H:%M}  {point.label:<56} {len(due):>3} store changes; {note}"
            self.done.append(line)
            if point.kind != "sync" or not point.label.startswith("live sync"):
                self.say(line)
            elif point.at.day % 4 == 0:
                self.say(line)
        self.pusher.push_all(live)
        return self.result()

    def totals(self) -> dict[str, int]:
        """What the connector holds per object, summed over stores (the S7 summary's totals)."""
        summed: dict[str, int] = {}
        if self.connector is not None:
            for info in self.connector.status()["stores"].values():
                for name, n in info["counts"].items():
                    if name not in ("orders", "carts"):
                        summed[name] = summed.get(name, 0) + int(n)
        return summed

    def result(self) -> Result:
        assert self.connector is not None
        merge(self.summary, self.connector.events_summary)
        for store_id, info in self.connector.status()["stores"].items():  # id-map totals (S7)
            self.summary.store(store_id).totals = {k: v for k, v in info["counts"].items() if k not in ("orders", "carts")}
        self.summary.calls = {"hubspot": self.connector.hubspot.calls,
                              "shopify": sum(c.calls for c in self.connector.shopify.values())}
        now = self.mocks.clock.now()
        dataset = load(self.connector.hubspot, now, default_currency=self.report_config.default_currency)
        reports = compute_all(dataset, "this_month", now, self.report_config)
        flows = compute_workflows(dataset, now, self.report_config)
        return Result(self.summary, reports, flows, self.moved, self.pusher.throttled,
                      self.pusher.calls, list(self.done))

    def close(self) -> None:
        if self.connector is not None:
            self.connector.close()
        if self.receiver is not None:
            self.receiver.shutdown()
        self.session.close()


SHOWN = 8  # enrollments printed per workflow (the dashboard and --json have them all)


def latest(doc: dict, n: int) -> dict:
    """A workflows document with only the ``n`` most recent enrollments of each workflow."""
    flows = {key: {**flow, "enrollments": flow["enrollments"][-n:]} for key, flow in doc["workflows"].items()}
    return {**doc, "workflows": flows}


def print_result(result: Result, out: TextIO) -> None:
    """The S7 summary, the eight reports and the workflow enrollments (the CLI's text formats)."""
    out.write("\n== Connector summary (S7) ==\n" + result.summary.text() + "\n")
    out.write(f"timers moved {result.moved} deals; the demo made {result.steps} seeding calls"
              f" ({result.throttled} throttled by Shopify and waited out on the simulated clock)\n")
    out.write("\n== Reports (R1-R8) ==\n" + reports_text(result.reports))
    out.write(f"\n== Workflow enrollments (W1-W3; the latest {SHOWN} of each) ==\n"
              + workflows_text(latest(result.workflows, SHOWN)))
    out.flush()
