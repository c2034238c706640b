"""Scaling: time, memory and calls per record at each size, and how they grow (derived from the import)."""

from __future__ import annotations

from bench.stats import marginal_ratio, per_record, slope_ratio


def scaling_from_import(section: dict) -> dict:
    """Per-record costs per size, slope ratios of the largest size over the smallest, and the peak
    RSS of the largest size over the size before it (flat memory: within 10 %)."""
    rows = []
    for row in section["rows"]:
        records = row["records"]
        rows.append({
            "customers": row["customers"], "records": records,
            "ms_per_record": per_record(row["wall_s"] * 1000, records),
            "kib_per_record": per_record(max(row["peak_rss_kib"] - row["idle_rss_kib"], 0), records),
            "calls_per_record": per_record(row["hubspot_calls"], records),
        })
    if len(rows) < 2:
        return {"rows": rows, "smallest": rows[0]["customers"] if rows else None, "largest": None,
                "time_slope_ratio": None, "memory_slope_ratio": None, "marginal_time_ratio": None}
    first, last = section["rows"][0], section["rows"][-1]
    time_points = [(r["records"], r["wall_s"]) for r in section["rows"]]
    memory = [(r["records"], max(r["peak_rss_kib"] - r["idle_rss_kib"], 0)) for r in section["rows"]]
    return {
        "rows": rows, "smallest": f"{first['customers']:,}", "largest": f"{last['customers']:,}",
        "time_slope_ratio": slope_ratio(time_points[0], time_points[-1]),
        "memory_slope_ratio": slope_ratio(memory[0], memory[-1]),
        "marginal_time_ratio": marginal_ratio(time_points),
        "previous": f"{section['rows'][-2]['customers']:,}",
        "peak_rss_growth": last["peak_rss_kib"] / section["rows"][-2]["peak_rss_kib"]
        if section["rows"][-2]["peak_rss_kib"] else None,
    }
