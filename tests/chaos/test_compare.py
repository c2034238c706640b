"""Unit tests of the campaign's end-state comparison (pure functions, no servers)."""

from __future__ import annotations

import copy

from tools.chaos.compare import (
    TIMESTAMP,
    apply_aliases,
    compare,
    is_volatile,
    normalise_value,
    record_key,
    snapshot,
    token_aliases,
)


def _state() -> dict:
    return {
        "objects": {
            "contacts": {"records": [
                {"id": "1001", "properties": {"email": "Ann@Example.com", "firstname": "Ann",
                                              "hs_object_id": "1001", "createdate": "2024-01-01T00:00:00Z"}},
            ], "archived": []},
            "products": {"records": [
                {"id": "1002", "properties": {"name": "Mug", "price": "12.50",
                                              "ip__ecomm_bridge__product_key": "shop:product:7"}},
            ], "archived": []},
            "line_items": {"records": [
                {"id": "1004", "properties": {"ip__ecomm_bridge__line_item_key": "shop:li:1",
                                              "hs_product_id": "1002", "quantity": "2"}},
            ], "archived": []},
            "deals": {"records": [
                {"id": "1003", "properties": {"ip__ecomm_bridge__deal_key": "shop:order:1", "amount": "25.00",
                                              "dealstage": "processed", "pipeline": "abc",
                                              "hs_date_entered_processed": "1704067200000"}},
            ], "archived": []},
        },
        "associations": [
            {"fromType": "deals", "fromId": "1003", "toType": "contacts", "toId": "1001", "typeIds": [3]},
            {"fromType": "deals", "fromId": "1003", "toType": "line_items", "toId": "1004", "typeIds": [19]},
        ],
    }


def _renumbered(state: dict, offset: int) -> dict:
    """The same state with every HubSpot id shifted (another run assigns other ids)."""
    out = copy.deepcopy(state)
    for groups in out["objects"].values():
        for record in groups["records"]:
            record["id"] = str(int(record["id"]) + offset)
            props = record["properties"]
            for name in ("hs_object_id", "hs_product_id"):
                if name in props:
                    props[name] = str(int(props[name]) + offset)
    for link in out["associations"]:
        link["fromId"] = str(int(link["fromId"]) + offset)
        link["toId"] = str(int(link["toId"]) + offset)
    return out


def test_equal_states_with_other_ids_and_timestamps_compare_equal():
    other = _renumbered(_state(), 500)
    other["objects"]["contacts"]["records"][0]["properties"]["createdate"] = "2024-05-05T10:00:00.123Z"
    other["objects"]["deals"]["records"][0]["properties"]["pipeline"] = "other-pipeline-id"
    other["objects"]["deals"]["records"][0]["properties"]["amount"] = "25.0"
    assert compare(snapshot(_state()), snapshot(other)) == []


def test_a_missing_record_and_its_associations_are_reported():
    other = _state()
    other["objects"]["contacts"]["records"] = []
    other["associations"] = other["associations"][1:]
    kinds = sorted(d.kind for d in compare(snapshot(_state()), snapshot(other)))
    assert kinds == ["association", "missing"]


def test_a_duplicate_record_is_reported():
    other = _state()
    dup = copy.deepcopy(other["objects"]["deals"]["records"][0])
    dup["id"] = "2000"
    other["objects"]["deals"]["records"].append(dup)
    diffs = compare(snapshot(_state()), snapshot(other))
    assert [(d.kind, d.object_type, d.expected, d.actual) for d in diffs] == [("duplicate", "deals", "1", "2")]


def test_a_changed_property_is_reported_with_both_values():
    other = _state()
    other["objects"]["deals"]["records"][0]["properties"]["dealstage"] = "shipped"
    (diff,) = compare(snapshot(_state()), snapshot(other))
    assert (diff.kind, diff.key, diff.field, diff.expected, diff.actual) == (
        "property", "shop:order:1", "dealstage", "processed", "shipped")
    assert "dealstage" in diff.line()


def test_an_id_reference_is_compared_as_the_referenced_key():
    other = _state()
    other["objects"]["products"]["records"].append(
        {"id": "1009", "properties": {"name": "Cup", "ip__ecomm_bridge__product_key": "shop:product:8"}})
    other["objects"]["line_items"]["records"][0]["properties"]["hs_product_id"] = "1009"
    fields = {(d.kind, d.field) for d in compare(snapshot(_state()), snapshot(other))}
    assert ("property", "hs_product_id") in fields and ("unexpected", "") in fields


def test_archived_records_are_counted_by_key():
    other = _state()
    other["objects"]["contacts"]["archived"] = [{"id": "7", "properties": {"email": "ann@example.com"}}]
    (diff,) = compare(snapshot(_state()), snapshot(other))
    assert (diff.kind, diff.key, diff.expected, diff.actual) == ("archived", "ann@example.com", "0", "1")


def test_record_keys_prefer_connector_keys_then_natural_keys():
    assert record_key("contacts", {"email": "A@B.C"}) == "a@b.c"
    assert record_key("deals", {"ip__ecomm_bridge__order_number": "#1001",
                                "ip__ecomm_bridge__source_store_id": "s"}) == "#1001|s"
    assert record_key("products", {"name": "Mug"}) == "Mug"
    assert record_key("contacts", {"firstname": "X", "hs_object_id": "5"}).startswith("props:")
    assert record_key("contacts", {"firstname": "X", "hs_object_id": "5"}) == record_key(
        "contacts", {"firstname": "X", "hs_object_id": "6"})


def test_value_normalisation_and_volatile_names():
    assert normalise_value("2024-01-01T00:00:00Z") == TIMESTAMP
    assert normalise_value("1704067200000") == TIMESTAMP
    assert normalise_value("12.500") == "12.5" and normalise_value("3.0") == "3"
    assert normalise_value(None) == "" and normalise_value(7) == "7"
    assert is_volatile("hs_date_entered_processed") and is_volatile("hs_object_id")
    assert not is_volatile("dealstage") and not is_volatile("hs_analytics_source")


def test_random_shopify_tokens_are_aliased_by_record_id():
    shop_a = {"shops": {"s": {"checkouts": [{"id": 5, "token": "aaa111", "cart_token": "ccc"}],
                              "orders": [{"id": 9, "token": "ord1", "checkout_token": "aaa111"}]}}}
    shop_b = {"shops": {"s": {"checkouts": [{"id": 5, "token": "bbb222", "cart_token": "ddd"}],
                              "orders": [{"id": 9, "token": "ord2", "checkout_token": "bbb222"}]}}}

    def hub(token: str) -> dict:
        return {"objects": {"deals": {"records": [{"id": "1", "properties": {
            "ip__ecomm_bridge__deal_key": f"s:checkout:{token}",
            "ip__ecomm_bridge__abandoned_cart_url": f"http://x/checkouts/{token}/recover"}}]}}}

    a = apply_aliases(hub("aaa111"), token_aliases(shop_a))
    b = apply_aliases(hub("bbb222"), token_aliases(shop_b))
    assert compare(snapshot(a), snapshot(b)) == []
    assert compare(snapshot(hub("aaa111")), snapshot(hub("bbb222")))
    assert token_aliases(shop_a)["ord1"] == "<s order 9 token>"
