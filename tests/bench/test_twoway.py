"""The two-way bench section: what counts as a record write, and a small run meeting its targets."""

from __future__ import annotations

from bench.twoway import bench_twoway, records_in, twoway_block


def test_records_in_counts_writes_not_reads():
    assert records_in("POST", "/crm/v3/objects/contacts/batch/upsert", b'{"inputs": [{}, {}, {}]}') == 3
    assert records_in("POST", "/crm/v3/objects/contacts/search", b"{}") == 0
    assert records_in("POST", "/crm/v3/objects/contacts/batch/read", b'{"inputs": [{}]}') == 0
    assert records_in("PATCH", "/crm/v3/objects/contacts/1", b"{}") == 1
    assert records_in("POST", "/admin/api/2026-10/graphql.json", b'{"query": "mutation customerSet(...)"}') == 1
    assert records_in("POST", "/admin/api/2026-10/graphql.json", b'{"query": "query customerById"}') == 0
    assert records_in("GET", "/admin/api/2026-10/customers.json", b"") == 0


def test_a_small_two_way_run_writes_once_per_change_and_nothing_when_quiet():
    section = bench_twoway(40)
    assert section["changes"] == 40 and section["mismatched_records"] == 0
    assert section["writes_per_change"] == 1.0
    assert sum(section["to_shopify"].values()) == 20 and sum(section["to_hubspot"].values()) == 20
    assert section["quiet_writes"] == 0
    text = twoway_block(section)
    assert "Two-way sync" in text and "| 40 " in text
