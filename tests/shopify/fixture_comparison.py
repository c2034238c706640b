"""Dev-only: compare the mock's REST answers with Shopify's own recorded answers (not run by pytest).

    .venv/bin/python -m tests.shopify.fixture_comparison /path/to/shopify_python_api/test/fixtures

Reads the ``*.json`` fixtures of Shopify's Python library from the directory given (nothing in the project
ships or reads them otherwise), walks each record with the kinds of ``test_reference_keys``, and prints,
per kind, the keys the fixtures have that a 2024-10 answer of the mock lacks, and the reverse. The
fixtures predate 2024-10, so some of their keys are expected to be gone; those are listed in RETIRED.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

from .test_reference_keys import NESTED, Client, exercise

FILES = {"checkouts.json": ("checkouts", "abandoned_checkout"), "customer.json": ("customer", "customer"),
         "events.json": ("events", "event"), "fulfillment.json": ("fulfillment", "fulfillment"),
         "order.json": ("order", "order"), "orders.json": ("orders", "order"), "product.json": ("product", "product"),
         "products.json": (None, "product"), "shop.json": ("shop", "shop"), "variant.json": ("variant", "variant"),
         "variants.json": ("variants", "variant")}
ROOTS = {"shop": "shop", "customer": "customer", "customers": "customer", "product": "product", "products": "product",
         "order": "order", "orders": "order", "fulfillment": "fulfillment", "fulfillments": "fulfillment",
         "checkouts": "abandoned_checkout", "event": "event", "events": "event"}
# Keys of the old fixtures that Shopify's own 2024-10 declarations no longer list.
RETIRED = {"order": {"payment_details", "processing_method", "total_price_usd", "source"}, "shop": {"public"}}


def collect(kind: str, record: object, into: dict[str, set[str]]) -> None:
    if isinstance(record, list):
        for item in record:
            collect(kind, item, into)
        return
    if not isinstance(record, dict):
        return
    into[kind] |= set(record)
    for key, inner in NESTED.get(kind, {}).items():
        if record.get(key) is not None:
            collect(inner, record[key], into)


def main(folder: str) -> int:
    fixtures: dict[str, set[str]] = defaultdict(set)
    for name, (root, kind) in FILES.items():
        path = Path(folder) / name
        if path.exists():
            data = json.loads(path.read_text())
            collect(kind, data[root] if root else data, fixtures)
    client = Client("2024-10")
    exercise(client)
    mock: dict[str, set[str]] = defaultdict(set)
    for _what, body, _version in client.answers:
        for root, value in body.items():
            if root in ROOTS:
                collect(ROOTS[root], value, mock)
    missing_total = 0
    for kind in sorted(fixtures):
        missing = fixtures[kind] - mock[kind] - RETIRED.get(kind, set())
        retired = fixtures[kind] & RETIRED.get(kind, set())
        extra = mock[kind] - fixtures[kind]
        missing_total += len(missing)
        print(f"{kind}: fixture keys {len(fixtures[kind])}, mock keys {len(mock[kind])}; "
              f"missing from the mock: {sorted(missing) or 'none'}; retired: {sorted(retired) or 'none'}; "
              f"only in the mock (newer than the fixtures): {len(extra)}")
    return 1 if missing_total else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
