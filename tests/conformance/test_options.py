"""--connector, --profile, --tags/--rules and what an external connector cannot run."""

import re

import pytest

from scenarios.connectors import ConnectorSpecError, cannot_run, parse_connector
from scenarios.loader import load_text
from scenarios.profile import Profile, ProfileError, load_profile, profile_from_dict
from scenarios.selection import names, selected
from tests.conformance.support import EXAMPLE_PROFILE

SCENARIO = "name: x\nrules: [C1, my-rule]\ntags: [portable]\n{extra}steps:\n  - sync\n{steps}"


def scenario(extra: str = "", steps: str = ""):  # noqa: ANN201
    return load_text(SCENARIO.format(extra=extra, steps=steps), "x.yaml")


def test_connector_specs():
    assert parse_connector(None).kind == parse_connector([]).kind == parse_connector("reference").kind == "reference"
    spec = parse_connector(["cmd:./my-sync --now {now}", "serve:./my-sync --serve"])
    assert (spec.kind, spec.command, spec.serve) == ("cmd", "./my-sync --now {now}", "./my-sync --serve")
    spec = parse_connector("python:my_pkg.harness:make")
    assert (spec.kind, spec.module, spec.factory) == ("python", "my_pkg.harness", "make")


@pytest.mark.parametrize(("values", "says"), [
    ("java:Main", "use reference, python:MODULE:FACTORY"),
    ("cmd:", "nothing after cmd:"),
    ("python:onlymodule", "write python:MODULE:FACTORY"),
    ("serve:./x", "goes with cmd:COMMAND"),
    (["cmd:a", "python:m:f"], "only one of python: or cmd:"),
])
def test_bad_connector_specs_say_what_to_write(values, says):
    with pytest.raises(ConnectorSpecError, match=says):
        parse_connector(values)


def test_what_an_external_connector_cannot_run():
    cmd_only, with_receiver = parse_connector("cmd:x"), parse_connector(["cmd:x", "serve:x"])
    two_stores = scenario("stores: [a, b]\n")
    assert "one store (SHOPIFY_STORE)" in cannot_run(cmd_only, two_stores)
    assert cannot_run(parse_connector("reference"), two_stores) == ""
    webhook = scenario(steps="  - send webhook: {topic: customers/update, payload: {id: 1}}\n")
    assert "needs a webhook receiver: add --connector serve:COMMAND" in cannot_run(cmd_only, webhook)
    assert cannot_run(with_receiver, webhook) == ""
    dropped = scenario(steps="  - fault: {mock: shopify, webhook: 'customers/*', action: drop, times: 1}\n")
    assert "step 2 (fault) needs a webhook receiver" in cannot_run(cmd_only, dropped)
    assert cannot_run(cmd_only, scenario(steps="  - fault: {mock: hubspot, path: '*', status: 429, times: 1}\n")) == ""


def test_the_default_profile_is_the_native_names():
    native = Profile()
    assert native.prop("ip__ecomm_bridge__source_store_id") == "ip__ecomm_bridge__source_store_id"
    assert native.stage("checkout_pending") == "checkout_pending" and native.order_value({"order_number": 1001}) == "1001"
    assert load_profile(None) == native


def test_the_example_profile():
    profile = load_profile(EXAMPLE_PROFILE)
    assert profile.name == "shopsync" and profile.store == "shopsync_store"
    assert profile.prop("ip__ecomm_bridge__source_store_id") == "shopsync_store"
    assert profile.prop("ip__shopify__note") == "shopsync_note" and profile.prop("firstname") == "firstname"
    assert profile.stage("processed") == "Paid" and profile.checkout_token == ("shopsync_checkout_token",)


@pytest.mark.parametrize(("data", "says"), [
    ({"deals": {}}, "unknown key(s) deals"),
    ({"deal": {"stroe": "x"}}, "deal: unknown key(s) stroe"),
    ({"deal": {"order_field": "number"}}, "one of id, order_number, name"),
    ({"deal": {"stages": {"won": "Won"}}}, "deal.stages"),
    ({"deal": {"store": ""}}, "deal.store"),
    ({"properties": ["a"]}, "properties: a mapping"),
])
def test_a_bad_profile_names_the_key(data, says):
    with pytest.raises(ProfileError, match=re.escape(says)):
        profile_from_dict(data, "p.yaml")


def test_a_missing_profile_file_is_an_error(tmp_path):
    with pytest.raises(ProfileError, match="cannot read the profile"):
        load_profile(tmp_path / "nope.yaml")


def test_tags_and_rules_select():
    one = scenario()
    assert names(["portable,reference", " C1 "]) == {"portable", "reference", "C1"} and names(None) == set()
    assert selected(one) and selected(one, {"portable"}) and not selected(one, {"reference"})
    assert selected(one, rules={"my-rule"}) and not selected(one, rules={"D4"})
    assert not selected(one, {"portable"}, {"D4"})


def test_every_library_scenario_is_portable_or_reference():
    from scenarios.loader import load_file
    from tests.conformance.support import LIBRARY, portable
    untagged = [p.name for p in LIBRARY.rglob("*.yaml")
                if len({"portable", "reference"} & set(load_file(p).tags)) != 1]
    assert not untagged, f"tag these portable or reference: {untagged}"
    assert len(portable()) == 16
