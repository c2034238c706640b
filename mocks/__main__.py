"""``python -m mocks [--shopify-port P] [--hubspot-port Q] [--now ISO] [--clock frozen|running]``.

Both mocks in one process on ONE clock. The first two lines are fixed:
``shopify listening on http://H:P`` and ``hubspot listening on http://H:Q``; then the credentials
and how to read the clock (``GET /__admin/clock`` on either mock answers the same).
"""

from __future__ import annotations

import argparse
import sys
import threading
from collections.abc import Callable, Sequence
from typing import TextIO

from mocks.core.clock import format_iso
from mocks.core.server import add_clock_arguments, clock_from_arguments


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m mocks",
                                description="Serve the Shopify mock and the HubSpot mock on one shared clock.")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    p.add_argument("--shopify-port", type=int, default=0, help="Shopify mock port (default 0: a free one)")
    p.add_argument("--hubspot-port", type=int, default=0, help="HubSpot mock port (default 0: a free one)")
    p.add_argument("--rate-limit", choices=["on", "off"], default="on", help="the mocks' rate limiters")
    add_clock_arguments(p, default_mode="running")
    return p


def wait_for_ctrl_c() -> None:
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass


def main(argv: Sequence[str] | None = None, out: TextIO | None = None,
         wait: Callable[[], None] = wait_for_ctrl_c) -> int:
    from mocks.harness.pair import MockPair

    p = parser()
    args = p.parse_args(argv)
    out = out or sys.stdout
    clock = clock_from_arguments(p, args)
    try:
        pair = MockPair.start(clock, host=args.host, shopify_port=args.shopify_port,
                              hubspot_port=args.hubspot_port, rate_limit=args.rate_limit == "on")
    except OSError as error:
        sys.stderr.write(f"python -m mocks: {error} "
                         f"(--shopify-port {args.shopify_port}, --hubspot-port {args.hubspot_port})\n")
        return 1
    with pair:
        c = pair.credentials
        out.write(f"shopify listening on {pair.shopify_url}\nhubspot listening on {pair.hubspot_url}\n"
                  f"  Shopify: store {c.shopify_store}, token {c.shopify_token}, "
                  f"webhook secret {c.shopify_webhook_secret}, API {c.shopify_api_version}\n"
                  f"  HubSpot: token {c.hubspot_token}, client secret {c.hubspot_client_secret}\n"
                  f"  one {clock.mode} clock at {format_iso(clock.now())}: GET {pair.shopify_url}/__admin/clock "
                  f"(either mock answers the same); POST it {{\"advance\": seconds}} to jump\n"
                  "Ctrl-C stops both.\n")
        out.flush()
        wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
