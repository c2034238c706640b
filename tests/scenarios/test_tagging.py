"""The sandbox mapping: readable scenario values out, the same mapping for expectation keys and values."""

from types import SimpleNamespace

from scenarios.loader import load_text
from scenarios.matchers import parse_matcher
from scenarios.tagging import Tagging
from scenarios.world import Record, World


def test_no_tag_is_the_identity():
    tagging = Tagging("")
    tagging.order_created({"order_number": 1042, "name": "#1042"})
    assert tagging.name("Tee") == "Tee"
    assert tagging.value({"email": "ada@example.com", "phone": "+16135550101", "n": 1001, "t": "#1001"}) == {
        "email": "ada@example.com", "phone": "+16135550101", "n": 1001, "t": "#1001"}


def test_emails_names_variants_and_handles_map_the_same_way_out_and_back():
    tagging = Tagging("r1s3")
    assert tagging.text("ada@example.com") == "ada+r1s3@example.com"
    assert tagging.text("ada+r1s3@example.com") == "ada+r1s3@example.com"      # never twice
    assert tagging.name("Linen Shirt") == "Linen Shirt r1s3" == tagging.text("Linen Shirt")
    assert tagging.name("Linen Shirt r1s3") == "Linen Shirt r1s3"
    assert tagging.text("Linen Shirt - Large") == "Linen Shirt r1s3 - Large"   # a variant's line item
    assert tagging.text("linen-shirt") == "linen-shirt-r1s3"                   # Shopify's handle
    assert tagging.text("Mug") == "Mug"                                        # never created: as written
    assert tagging.emails == {"ada+r1s3@example.com"}


def test_phones_are_unique_per_tag_stable_within_a_run_and_still_phone_numbers():
    one, two = Tagging("r1s1"), Tagging("r1s2")
    first = one.text("+16135550101")
    assert first == one.text("+16135550101") and first.startswith("+1613555") and len(first) == 12
    assert first != "+16135550101"
    assert one.text("+16135550102") != first
    assert two.text("+16135550101") != first                                   # another run: another number
    assert one.text(first) == first


def test_order_numbers_map_in_creation_order():
    tagging = Tagging("r1s1")
    tagging.order_created({"order_number": 1207, "name": "#1207"})
    tagging.order_created({"order_number": 1208, "name": "#1208"})
    assert tagging.value("#1001") == "#1207" and tagging.value(1002) == 1208
    assert tagging.value(1003) == 1003 and tagging.value(True) is True


def test_expectation_keys_and_values_resolve_through_the_mapping():
    scenario = load_text("name: x\nrules: [C1]\nsteps:\n  - sync\n", "x.yaml")
    world = World(scenario, SimpleNamespace(run_tag="r1s1", tagging=Tagging("r1s1")))
    world.title("Tee")
    world.refs["tee"] = Record("tee", "product", "harness-shop", {"id": 7, "title": "Tee r1s1"})
    assert world.resolve("tee") == "tee"                                       # a reference, not a value
    assert parse_matcher("Tee - Red", None).resolved(world.resolve).test("Tee r1s1 - Red")
    assert not parse_matcher("Tee - Red", None).resolved(world.resolve).test("Tee - Red")
    assert parse_matcher(["bo@example.com"], None).resolved(world.resolve).value == ["bo+r1s1@example.com"]
