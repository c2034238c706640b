"""``python -m tools.chaos [--seed N] [--scale K] [--crashes C] [--json PATH]`` (``make chaos``).

Runs the full fault campaign and prints what was injected and what differed; exit 1 on any
difference between the fault-free and the faulty HubSpot end state.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace

from tools.chaos.campaign import FaultPlan, run_campaign
from tools.chaos.report import report_lines
from tools.chaos.shop import ShopPlan
from tools.chaos.world import token_renewal_missing

FULL_STORE = ShopPlan(customers=60, products=20, orders=90, checkouts=15, updates=25, new_orders=15, deletions=2)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.chaos", description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=7, help="seed of every fault draw (default 7)")
    parser.add_argument("--scale", type=float, default=1.0, help="multiply the store's size (default 1)")
    parser.add_argument("--crashes", type=int, default=6, help="connector kills (default 6)")
    parser.add_argument("--rate", type=float, default=None, help="override every request fault rate")
    parser.add_argument("--webhook-faults", action="store_true",
                        help="records created, edited and deleted after the import, their webhooks duplicated, "
                             "reordered, delayed (up to 8 h) and dropped at high rates")
    parser.add_argument("--churn", type=int, default=8, help="with --webhook-faults: short lives per kind (default 8)")
    parser.add_argument("--expire-tokens", action="store_true",
                        help="the connector on OAuth tokens of both services, ended through the mocks' admin API "
                             "after the import, during the webhook rounds and before each pass")
    parser.add_argument("--json", help="also write the differences and counts to this file")
    parser.add_argument("--two-way", action="store_true", help="the data-sync two-way campaign (issue #16)")
    args = parser.parse_args(argv)
    if args.two_way:
        return two_way(args)
    store = ShopPlan(**{k: max(1, round(v * args.scale)) for k, v in vars(FULL_STORE).items()})
    plan = FaultPlan(seed=args.seed, crashes=args.crashes)

    # the issue-13 variants (docs/connector-webhooks.md)
    churn = max(1, round(args.churn * args.scale)) if args.webhook_faults else 0
    store = replace(store, churn=churn)
    plan = replace(plan, webhook_faults=args.webhook_faults, expire_tokens=args.expire_tokens)
    if args.expire_tokens and (why := token_renewal_missing()):
        print(f"--expire-tokens: {why}", file=sys.stderr)
        return 2
    if args.rate is not None:
        plan = replace(plan, rate_429=args.rate, rate_5xx=args.rate, rate_slow=args.rate, rate_drop=args.rate)
    report = run_campaign(store, plan)
    print("\n".join(report_lines(report)))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump({"faults": report.faulty.fault_counts, "outbox": report.faulty.outbox,
                       "retries": report.faulty.retries, "crashes": report.faulty.crashes,
                       "records_compared": report.records_compared,
                       "associations_compared": report.associations_compared,
                       "differences": [d.to_dict() for d in report.differences]}, handle, indent=2)
    return 1 if report.differences else 0


def two_way(args: argparse.Namespace) -> int:
    """``--two-way``: edits on both sides, kills after HubSpot and Shopify writes, a quiet period."""
    from tools.chaos.twoway import TwoWayPlan, run_twoway_campaign, sides_disagree
    base = TwoWayPlan()
    plan = TwoWayPlan(**{k: max(1, round(v * args.scale)) for k, v in vars(base).items()})
    faults = FaultPlan(seed=args.seed, crashes=args.crashes, max_writes_before_crash=3)
    clean, faulty, diff = run_twoway_campaign(plan, faults)
    problems = diff + sides_disagree(faulty.state) + [f"quiet-period write: {w}" for w in faulty.quiet_writes]
    print(f"two-way campaign: seed {args.seed}, {len(clean.state['hubspot contacts'])} contacts, "
          f"kills {dict(faulty.crashes)}, faults {sum(faulty.fault_counts.values())} injected")
    print("\n".join(problems) or "both sides equal to the fault-free run; no write in the quiet period")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump({"faults": faulty.fault_counts, "crashes": faulty.crashes, "problems": problems}, handle, indent=2)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
