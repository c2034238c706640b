"""Property: whatever a correctly signed Shopify delivery carries, the receiver answers 200, 400 or 503
— never an exception (a 500) — and a 400 writes nothing to HubSpot.

Budget: 300 deliveries in ``make test``; ten per ``SHOPHUB_FUZZ_EXAMPLES`` in ``make fuzz`` (3000)."""

from __future__ import annotations

import json
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from connector.webhooks import shopify_hmac
from mocks.shopify import DEFAULT_SECRET
from tests.fidelity.targets import fuzz_examples

TOPICS = ["customers/create", "customers/update", "customers/delete", "products/create", "products/update",
          "products/delete", "orders/create", "orders/updated", "orders/paid", "orders/delete",
          "checkouts/create", "checkouts/update", "app/uninstalled", ""]
scalars = st.one_of(st.none(), st.booleans(), st.integers(-2**70, 2**70), st.floats(allow_nan=False),
                    st.text(max_size=20))
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                        st.dictionaries(st.text(max_size=12), inner, max_size=4)),
                      max_leaves=12)
FIELDS = ["id", "token", "email", "updated_at", "created_at", "line_items", "customer", "variants", "title",
          "first_name", "addresses", "default_address", "billing_address", "checkout_token", "financial_status",
          "quantity", "price", "product_id", "variant_id", "cancelled_at", "fulfillments", "phone", "currency"]
PLAUSIBLE = {"token": st.text("abcdef0123", min_size=1, max_size=8), "email": st.emails(),
             "updated_at": st.sampled_from(["2024-01-15T12:00:01Z", "2024-01-15T13:00:00-05:00", "2030-01-01"]),
             "created_at": st.sampled_from(["2024-01-15T11:00:00Z", "2023-12-31T23:59:59+14:00"]),
             "quantity": st.integers(0, 5), "price": st.sampled_from(["1.00", "0", "19.99", 3, 2.5]),
             "product_id": st.integers(1, 10**6), "variant_id": st.integers(1, 10**6),
             "financial_status": st.sampled_from(["paid", "pending", "refunded", "voided", "x"]),
             "currency": st.sampled_from(["USD", "EUR", "", "XXX"])}


def field(name: str) -> st.SearchStrategy:
    return st.one_of(PLAUSIBLE[name], values) if name in PLAUSIBLE else values


line = st.fixed_dictionaries({}, optional={k: field(k) for k in ("quantity", "price", "product_id", "variant_id",
                                                                 "title", "sku", "variant_title")})
UNCHECKED = ["title", "first_name", "phone", "checkout_token", "customer", "default_address", "billing_address"]
well_typed = st.fixed_dictionaries(
    {"id": st.integers(1, 10**6), "token": PLAUSIBLE["token"]},
    optional={**{k: PLAUSIBLE[k] for k in PLAUSIBLE if k != "token"},
              **{k: values for k in UNCHECKED if k not in ("customer", "default_address", "billing_address")},
              "customer": st.dictionaries(st.sampled_from(["id", "email", "first_name", "phone", "tags"]), values),
              "default_address": st.dictionaries(st.sampled_from(["company", "phone", "country", "zip"]), values),
              "billing_address": st.dictionaries(st.sampled_from(["company", "phone", "country"]), values),
              "variants": st.lists(st.dictionaries(st.sampled_from(["id", "price", "sku", "title"]), values),
                                   max_size=2),
              "addresses": st.lists(values, max_size=2), "fulfillments": st.lists(values, max_size=2),
              "line_items": st.lists(line, max_size=3)})
payloads = st.one_of(
    values, well_typed, well_typed,
    st.fixed_dictionaries({"id": st.one_of(st.integers(1, 10**6), values)},
                          optional={**{k: field(k) for k in FIELDS[1:]},
                                    "line_items": st.lists(st.one_of(line, line, values), max_size=3)}),
)


def test_no_signed_delivery_makes_the_receiver_fail(world):
    connector = world.connector()
    connector.sync()
    counter = iter(range(10**9))
    seen: Counter = Counter()

    @given(topic=st.sampled_from(TOPICS), payload=payloads)
    @settings(max_examples=max(300, 10 * fuzz_examples()), deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    def deliver(topic: str, payload: object) -> None:
        raw = json.dumps(payload).encode()
        headers = {"X-Shopify-Topic": topic, "X-Shopify-Hmac-Sha256": shopify_hmac(DEFAULT_SECRET, raw),
                   "X-Shopify-Event-Id": f"fuzz-{next(counter)}",
                   "X-Shopify-Shop-Domain": "harness-shop.myshopify.com"}
        writes = connector.hubspot.writes
        status, text = connector.handle_shopify_webhook("harness-shop", headers, raw)
        seen[(status, text.split(":")[0])] += 1
        assert status in (200, 400, 503), status
        if status == 400:
            assert connector.hubspot.writes == writes

    deliver()
    applied = sum(n for (status, text), n in seen.items() if status == 200 and text.startswith("applied"))
    assert applied >= 10 and seen[(400, "malformed payload")] >= 50, seen  # both sides were reached
