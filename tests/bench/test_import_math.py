"""The import section's arithmetic: holdings, the minimum, per-size summaries and scaling."""

from types import SimpleNamespace

import pytest

from bench.importing import hubspot_holdings, minimum_calls, summarise
from bench.scaling import scaling_from_import


def _fake_app(state):
    return SimpleNamespace(extensions={"mock": SimpleNamespace(state=lambda: state)})


def test_holdings_count_each_association_pair_once():
    state = {"objects": {"contacts": {"records": [{}] * 150}, "deals": {"records": [{}] * 201},
                         "tickets": {"records": []}},
             "associations": [{"fromType": "contacts", "toType": "deals"}, {"fromType": "deals", "toType": "contacts"}] * 3}
    holdings = hubspot_holdings(_fake_app(state))
    assert holdings == {"objects": {"contacts": 150, "deals": 201}, "associations": {"contacts<->deals": 3}}
    assert minimum_calls(holdings) == 2 + 3 + 1


def test_the_minimum_counts_the_set_up_writes_one_call_per_group_and_pipeline_and_a_batch_per_100_properties():
    holdings = {"objects": {"contacts": 150}, "associations": {},
                "schema": {"groups:contacts": 1, "properties:contacts": 101, "properties:deals": 3,
                           "groups:deals": 1, "pipelines:deals": 1}}
    assert minimum_calls(holdings) == 2 + (1 + 1 + 1) + (2 + 1)


def test_schema_added_is_what_a_fresh_portal_lacks():
    from bench.importing import schema_added
    from bench.mockproc import HUBSPOT_TOKEN, build_app

    app = build_app("hubspot")
    client, auth = app.test_client(), {"Authorization": f"Bearer {HUBSPOT_TOKEN}"}
    assert client.post("/crm/v3/properties/deals/groups", headers=auth,
                       json={"name": "shop_group", "label": "Shop"}).status_code == 201
    inputs = [{"name": f"shop_{i}", "label": f"Shop {i}", "type": "string", "fieldType": "text",
               "groupName": "shop_group"} for i in range(3)]
    assert client.post("/crm/v3/properties/deals/batch/create", headers=auth, json={"inputs": inputs}).status_code == 201
    stages = [{"label": "Open", "displayOrder": 0, "metadata": {"probability": "0.5"}}]
    assert client.post("/crm/v3/pipelines/deals", headers=auth,
                       json={"label": "Shop pipeline", "displayOrder": 1, "stages": stages}).status_code == 201
    assert schema_added(app, ["contacts", "deals"]) == {"groups:deals": 1, "properties:deals": 3, "pipelines:deals": 1}


def _run(customers, wall, calls=110, rss=80_000):
    return {"customers": customers, "seeded": {"records": customers * 3}, "wall_s": wall, "peak_rss_kib": rss,
            "hubspot_calls": calls, "hubspot_search_calls": 0, "min_hubspot_calls": 100, "shopify_calls": 9,
            "holdings": {}, "hubspot_by_endpoint": {}, "shopify_by_endpoint": {}, "hubspot_server_s": {},
            "shopify_server_s": {}}


def test_summary_takes_medians_and_the_limit_time():
    row = summarise([_run(1000, 3.0), _run(1000, 1.0, calls=400), _run(1000, 2.0)], idle_kib=50_000)
    assert row["wall_s"] == 2.0 and row["runs"] == 3 and row["call_ratio"] == pytest.approx(1.1)
    assert row["records_per_s"] == pytest.approx(1500) and row["real_limit_s"] == 2.0
    big = summarise([_run(100_000, 30.0, calls=3800)], idle_kib=50_000)
    assert big["real_limit_s"] == 190.0     # 20 windows of 190 calls: 19 waits of 10 s


def test_scaling_ratios():
    rows = [summarise([_run(n, n / 1000 + 1, rss=50_000 + n)], idle_kib=50_000) for n in (1000, 10000, 100000)]
    scaling = scaling_from_import({"rows": rows})
    assert scaling["largest"] == "100,000" and scaling["time_slope_ratio"] < 1
    assert scaling["marginal_time_ratio"] == pytest.approx(1.0)
    assert scaling["memory_slope_ratio"] == pytest.approx(1.0)
    assert scaling["previous"] == "10,000"
    assert scaling["peak_rss_growth"] == pytest.approx(150_000 / 60_000)
    assert scaling_from_import({"rows": rows[:1]})["largest"] is None


def test_shopify_calls_by_kind():
    from bench.importing import shopify_kinds
    kinds = shopify_kinds({"POST /admin/api/{v}/graphql.json": 9, "GET /__bulk/abc.jsonl": 3,
                           "GET /admin/api/{v}/checkouts.json": 4, "GET /admin/api/{v}/shop.json": 1})
    assert kinds == {"graphql": 9, "bulk_downloads": 3, "rest": 5}
