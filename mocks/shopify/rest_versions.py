"""Which keys each REST API version serves, as data, and the pure function that applies it.

Records render every key any supported version serves (see ``records.py``); an answer is then cut to
the version that answers it. A change is ``(first version, keys added, keys removed)``: a key added at
``V`` is absent before ``V``; a key removed at ``V`` is absent from ``V`` on. Versions are ``YYYY-MM``
strings (they sort as text) and ``unstable`` comes after every dated version.

What changed, per Shopify's REST resource declarations for each version:
- 2025-01: the shop gains ``auto_configure_tax_inclusivity`` and loses ``eligible_for_card_reader_giveaway``;
  customers lose ``accepts_marketing`` and ``accepts_marketing_updated_at`` (``marketing_opt_in_level``
  stays); orders gain ``duties_included`` and the two cash-rounding adjustment sets and lose ``gateway``.
- 2025-04 to 2026-10 and ``unstable``: no change to the resources the mock serves.
"""

from __future__ import annotations

from collections.abc import Mapping

Change = tuple[str, frozenset[str], frozenset[str]]

CHANGES: Mapping[str, tuple[Change, ...]] = {
    "shop": (("2025-01", frozenset({"auto_configure_tax_inclusivity"}),
              frozenset({"eligible_for_card_reader_giveaway"})),),
    "customer": (("2025-01", frozenset(), frozenset({"accepts_marketing", "accepts_marketing_updated_at"})),),
    "order": (("2025-01", frozenset({"duties_included", "total_cash_rounding_payment_adjustment_set",
                                     "total_cash_rounding_refund_adjustment_set"}), frozenset({"gateway"})),),
}

# Where one resource holds another: (kind, key) -> the kind of the record(s) under that key.
NESTED: Mapping[str, Mapping[str, str]] = {
    "order": {"customer": "customer"},
    "checkout": {"customer": "customer"},
}

# The root key of an answer (singular or plural) -> the kind of record under it.
ROOTS: Mapping[str, str] = {
    "shop": "shop", "customer": "customer", "customers": "customer", "order": "order", "orders": "order",
    "checkout": "checkout", "checkouts": "checkout",
}

# A webhook topic's resource (the part before the slash) -> the kind of its payload.
TOPIC_KINDS: Mapping[str, str] = {"customers": "customer", "orders": "order", "checkouts": "checkout",
                                  "app": "shop", "shop": "shop"}


def _rank(version: str) -> str:
    """A sortable form of a version: ``unstable`` after every ``YYYY-MM``."""
    return "9999-99" if version == "unstable" else version


def absent_keys(kind: str, version: str) -> frozenset[str]:
    """The keys a record of ``kind`` does not carry in ``version``."""
    rank, absent = _rank(version), set()
    for since, added, removed in CHANGES.get(kind, ()):
        absent |= (removed if rank >= since else added)
    return frozenset(absent)


def shape(kind: str | None, data: object, version: str) -> object:
    """``data`` (one record or a list of them, in the all-versions shape) as ``version`` serves it."""
    if kind is None:
        return data
    if isinstance(data, list):
        return [shape(kind, item, version) for item in data]
    if not isinstance(data, dict):
        return data
    absent = absent_keys(kind, version)
    nested = NESTED.get(kind, {})
    if not absent and not nested:
        return data
    return {key: (shape(nested[key], value, version) if key in nested else value)
            for key, value in data.items() if key not in absent}


def shape_root(root: str, data: object, version: str) -> object:
    """``shape`` by the answer's root key (``customer``, ``orders`` ...); other roots pass unchanged."""
    return shape(ROOTS.get(root), data, version)


def shape_topic(topic: str, payload: dict, version: str) -> dict:
    """A webhook payload as the subscription's version serves it (delete topics send only ids)."""
    shaped = shape(TOPIC_KINDS.get(topic.split("/", 1)[0]), payload, version)
    return shaped if isinstance(shaped, dict) else payload
