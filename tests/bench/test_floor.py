"""Smoke test of ``python -m bench.floor``: both rows measure, and the floor is the sum of its parts."""

from __future__ import annotations

from bench import floor


def test_floor_rows_measure_their_parts(monkeypatch):
    real = floor.cpu_ms
    monkeypatch.setattr(floor, "cpu_ms", lambda run, n, rounds=5: real(run, 2, 1))  # a smoke run: 2 calls
    for row in (floor.hubspot(), floor.shopify()):
        assert row["endpoint_ms"] > 0 and row["bare_ms"] > 0 and row["answer_bytes"] > 1000
        parts = row["parse_ms"] + row["encode_ms"] + row["store_ms"]
        assert abs(row["floor_ms"] - parts) < 0.01, row
