"""O9/O10 configuration: mappings with directions, conflict policies, the --mappings file, and the
one-line configuration errors (exit 2) for a mapping that cannot work; the pure conversions."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from connector.__main__ import run
from connector.clients.hubspot_paths import HubSpotPaths
from connector.errors import ConfigError
from connector.reverse.conflicts import resolve
from connector.reverse.mapping import DEFAULTS, build, node_values, rest_values, to_shopify_input
from connector.reverse.memory import digest
from connector.reverse.setup import ensure_mapped_properties, problem
from tests.connector.test_cli_errors import base

T1, T2 = datetime(2026, 1, 1, tzinfo=UTC), datetime(2026, 1, 2, tzinfo=UTC)


def test_defaults_are_the_data_sync_two_way_fields():
    maps = build()
    assert [(m.hubspot, m.shopify) for m in maps.reverse("contacts")] == [
        ("firstname", "firstName"), ("lastname", "lastName"), ("phone", "phone")]   # email is the match key
    assert maps.policy("contacts") == "most-recent"
    assert maps.of("products") == DEFAULTS["products"]


def test_a_custom_entry_replaces_the_default_of_its_property_and_sets_a_direction():
    maps = build({"contacts": [{"hubspot": "firstname", "shopify": "firstName", "direction": "<-"},
                               {"hubspot": "vip_note", "shopify": "note", "direction": "→"}]},
                 {"products": "hubspot-wins"})
    assert maps.hubspot_only("contacts") == {"firstname"}
    assert {m.hubspot for m in maps.reverse("contacts")} == {"firstname", "lastname", "phone"}  # vip_note is ->
    assert [m.hubspot for m in maps.custom("contacts")] == ["firstname", "vip_note"]
    assert maps.policy("products") == "hubspot-wins" and maps.policy("contacts") == "most-recent"


@pytest.mark.parametrize(("custom", "policies", "message"), [
    ({"contacts": [{"hubspot": "x", "shopify": "favouriteColour"}]}, None, "unknown Shopify field 'favouriteColour'"),
    ({"orders": []}, None, "unknown object 'orders'"),
    ({"contacts": [{"hubspot": "x", "shopify": "note", "direction": "=>"}]}, None, "direction must be"),
    ({"contacts": [{"hubspot": "email", "shopify": "email", "direction": "->"}]}, None, "syncs both ways"),
    ({"contacts": [{"hubspot": "", "shopify": "note"}]}, None, "must name a HubSpot property"),
    (None, {"contacts": "newest"}, "is not one of most-recent, hubspot-wins, shopify-wins"),
])
def test_a_mapping_that_cannot_work_is_named(custom, policies, message):
    with pytest.raises(ConfigError, match=message):
        build(custom, policies)


def test_a_type_mismatch_is_a_configuration_error_and_a_missing_property_is_created():
    maps = build({"contacts": [{"hubspot": "score", "shopify": "note"}, {"hubspot": "vip", "shopify": "taxExempt"}]})
    note, vip = maps.custom("contacts")
    assert "type number, which cannot hold Shopify note" in problem(note, {"type": "number"})
    assert problem(note, {"type": "string"}) is None and problem(vip, {"type": "bool"}) is None

    class FakeHubSpot:
        created: list = []
        paths = HubSpotPaths("2026-09")

        def properties(self, object_type):
            return [{"name": "score", "type": "string"}] if object_type == "contacts" else []

        def request(self, method, path, json):
            self.created.append((path, [i["name"] for i in json["inputs"]], [i["type"] for i in json["inputs"]]))

    fake = FakeHubSpot()
    ensure_mapped_properties(fake, maps)
    assert fake.created == [("/crm/properties/2026-09/contacts/batch/create", ["vip"], ["bool"])]

    class Mismatched(FakeHubSpot):
        def properties(self, object_type):
            return [{"name": "score", "type": "datetime"}]

    with pytest.raises(ConfigError, match="HubSpot property score is of type datetime"):
        ensure_mapped_properties(Mismatched(), maps)


def test_the_mappings_file_flag_exits_2_with_one_line(tmp_path, capsys):
    bad = tmp_path / "map.yaml"
    bad.write_text("mappings:\n  contacts:\n    - {hubspot: x, shopify: shoeSize}\n")
    assert run(["sync", *base(tmp_path), "--mode", "data-sync", "--mappings", str(bad)]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "unknown Shopify field 'shoeSize'" in err
    assert run(["sync", *base(tmp_path), "--mappings", str(tmp_path / "missing.json")]) == 2
    assert "cannot be read" in capsys.readouterr().err


def test_pure_conversions_between_hubspot_and_shopify():
    maps = build({"contacts": [{"hubspot": "tags_text", "shopify": "tags"},
                               {"hubspot": "exempt", "shopify": "taxExempt"}]}).reverse("contacts")
    props = {"firstname": "Ada", "lastname": "", "phone": None, "tags_text": "vip, b2b", "exempt": "true"}
    assert to_shopify_input(maps, props) == {"firstName": "Ada", "tags": ["vip", "b2b"], "taxExempt": True}
    node = {"firstName": "Ada", "lastName": None, "phone": "+1", "tags": ["vip", "b2b"], "taxExempt": False}
    assert node_values(maps, node) == {"firstname": "Ada", "lastname": "", "phone": "+1",
                                       "tags_text": "vip, b2b", "exempt": "false"}
    custom = build({"contacts": [{"hubspot": "shop_note", "shopify": "note", "direction": "->"}]}).custom("contacts")
    assert rest_values(custom, {"note": " VIP "}) == {"shop_note": "VIP"}
    assert rest_values(custom, {"note": ""}) == {}


def test_conflicts_follow_the_policy_and_echoes_are_not_changes():
    known = {"firstname": digest("Ada")}
    # HubSpot changed, Shopify did not: written to Shopify
    assert resolve("most-recent", {"firstname": "Augusta"}, {"firstname": "Ada"}, known, T2, T1).to_shopify == {
        "firstname": "Augusta"}
    # the value HubSpot holds is the one agreed last time (an echo): nothing
    quiet = resolve("most-recent", {"firstname": "Ada"}, {"firstname": "Ada"}, known, T2, T1)
    assert (quiet.to_shopify, quiet.conflicts) == ({}, [])
    # both changed: most recent wins; the fixed policies ignore the clocks
    both = {"firstname": "FromHubSpot"}, {"firstname": "FromShopify"}
    assert resolve("most-recent", *both, known, T2, T1).to_shopify == {"firstname": "FromHubSpot"}
    assert resolve("most-recent", *both, known, T1, T2).shopify_won == ["firstname"]
    assert resolve("hubspot-wins", *both, known, T1, T2).to_shopify == {"firstname": "FromHubSpot"}
    assert resolve("shopify-wins", *both, known, T2, T1).shopify_won == ["firstname"]
    # an empty HubSpot value never blanks Shopify
    assert resolve("hubspot-wins", {"firstname": ""}, {"firstname": "Ada"}, {}, T2, T1).to_shopify == {}


def test_push_events_name_the_records_to_read():
    from connector.reverse.detect import changed_objects
    events = [{"subscriptionType": "contact.propertyChange", "objectId": 11, "propertyName": "firstname"},
              {"subscriptionType": "contact.propertyChange", "objectId": 11, "propertyName": "lastname"},
              {"subscriptionType": "product.creation", "objectId": 7},
              {"subscriptionType": "object.propertyChange", "objectTypeId": "0-2", "objectId": 5},
              {"subscriptionType": "contact.deletion", "objectId": 12},          # C5's, not a change
              {"subscriptionType": "deal.propertyChange", "objectId": 3},         # not synced back
              {"subscriptionType": "contact.creation", "objectId": "x"}]          # not an id
    assert changed_objects(events) == {"contacts": {"11"}, "products": {"7"}, "companies": {"5"}}
