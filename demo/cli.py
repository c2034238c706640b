"""``python -m demo [--once] [--mocks-only] [--seed N] [--customers N] [ports...]``."""

from __future__ import annotations

import argparse
import sys
import threading
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import TextIO

from demo.seed import build_plan

BANNER = "shophub demo: Shopify mock -> connector -> HubSpot mock, on a simulated clock"


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m demo", description=BANNER)
    p.add_argument("--once", action="store_true", help="print the reports and exit (no dashboard)")
    p.add_argument("--mocks-only", action="store_true", help="only start both mocks (and store B) on one running clock")
    p.add_argument("--seed", type=int, default=42, help="Faker/random seed of the store (default 42)")
    p.add_argument("--customers", type=int, default=300, help="customers in the main store (default 300)")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    p.add_argument("--shopify-port", type=int, default=0, help="Shopify mock port (0 = a free one)")
    p.add_argument("--hubspot-port", type=int, default=0, help="HubSpot mock port (0 = a free one)")
    p.add_argument("--dashboard-port", type=int, default=0, help="dashboard port (0 = a free one)")
    p.add_argument("--goal", type=Decimal, default=Decimal("60000"), help="R6 monthly goal in USD (default 60000)")
    p.add_argument("--state", default=":memory:", help="connector state file (default: in memory)")
    return p


def wait_forever(stop: threading.Event | None = None) -> None:
    """Block until Ctrl-C (or ``stop`` is set)."""
    event = stop or threading.Event()
    try:
        while not event.wait(3600):
            pass
    except KeyboardInterrupt:
        pass


def mocks_only(args: argparse.Namespace, out: TextIO, wait: Callable[[], None]) -> int:
    from demo.servers import HUBSPOT_TOKEN, SHOPIFY_TOKEN, start_mocks
    from mocks.core.clock import Clock

    with start_mocks(Clock.running(), args.host, args.shopify_port, args.hubspot_port) as mocks:
        out.write(f"Shopify mock  {mocks.shopify_url}  (token {SHOPIFY_TOKEN}; store-b: shpat_demo_store_b)\n"
                  f"HubSpot mock  {mocks.hubspot_url}  (token {HUBSPOT_TOKEN})\n"
                  "One running clock (GET /__admin/clock on either); webhooks go out by themselves. "
                  "Ctrl-C stops both.\n")
        out.flush()
        wait()
    return 0


def full_demo(args: argparse.Namespace, out: TextIO, err: TextIO, wait: Callable[[], None]) -> int:
    from connector.dashboard import dashboard_app
    from connector.reporting.config import ReportConfig
    from demo.run import DemoRun, print_result
    from demo.servers import HUBSPOT_TOKEN, SHOPIFY_TOKEN, start_mocks
    from mocks.core.clock import Clock
    from mocks.core.server import serve

    plan = build_plan(args.seed, args.customers)
    mocks = start_mocks(Clock.simulated(plan.steps[0].at), args.host, args.shopify_port, args.hubspot_port)
    run = None
    try:
        out.write(f"{BANNER}\nShopify mock  {mocks.shopify_url}  (token {SHOPIFY_TOKEN})\n"
                  f"HubSpot mock  {mocks.hubspot_url}  (token {HUBSPOT_TOKEN})\n"
                  f"seed {args.seed}, {args.customers} customers\n\n")
        config = ReportConfig(goal=args.goal)
        run = DemoRun(plan, mocks, out, err, state_path=args.state, report_config=config)
        result = run.run()
        print_result(result, out)
        if args.once:
            return 0
        links = {"Shopify mock": mocks.admin.shopify.url("/state"), "HubSpot mock": mocks.admin.hubspot.url("/state")}
        app = dashboard_app(mocks.hubspot_url, HUBSPOT_TOKEN, clock=mocks.clock, logs=run.logs, links=links,
                            config=config, sleep=mocks.clock.advance, synced=run.totals)
        dashboard = serve(app, args.host, args.dashboard_port)
        out.write(f"\nEverything is up (Ctrl-C stops it):\n  Shopify mock  {mocks.shopify_url}\n"
                  f"  HubSpot mock  {mocks.hubspot_url}\n  Dashboard     {dashboard.url}/\n")
        out.flush()
        try:
            wait()
        finally:
            dashboard.shutdown()
        return 0
    finally:
        if run is not None:
            run.close()
        mocks.close()


def main(argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None,
         wait: Callable[[], None] = wait_forever) -> int:
    """Run the demo; returns the exit status. ``wait`` blocks while servers stay up (tests pass a no-op)."""
    args = parser().parse_args(argv)
    out, err = out or sys.stdout, err or sys.stderr
    if args.customers < 1:
        err.write("error: --customers must be at least 1\n")
        return 2
    try:
        if args.mocks_only:
            return mocks_only(args, out, wait)
        return full_demo(args, out, err, wait)
    except KeyboardInterrupt:  # Ctrl-C before the servers were up: they were shut down on the way out
        err.write("\ninterrupted\n")
        return 130
