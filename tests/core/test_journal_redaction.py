"""Credentials never appear in clear in what a mock shows (issue 15): the journal (headers, the token
field, query strings, JSON and form bodies), ``/__admin/state`` and the mock's log lines."""

from __future__ import annotations

import json
import logging

import pytest

from mocks.core import redact
from tests.fidelity.targets import TARGETS, Target

SECRET = "pat-na1-0123456789abcdef-SECRET"
SHOPIFY_SECRET = "shpat_0123456789abcdef_SECRET"


def _everything_shown(client) -> str:
    return json.dumps([client.get("/__admin/requests").get_json(), client.get("/__admin/state").get_json()])


@pytest.mark.parametrize("target", TARGETS, ids=lambda t: t.name)
def test_the_journal_and_state_never_hold_a_credential_in_clear(target: Target, caplog):
    client = target.make_app().test_client()
    caplog.set_level(logging.DEBUG)
    client.get("/crm/v3/objects/contacts", headers={"Authorization": f"Bearer {SECRET}"})
    client.get("/admin/api/2024-10/customers.json", headers={"X-Shopify-Access-Token": SHOPIFY_SECRET})
    client.get(f"/crm/v3/objects/contacts?hapikey={SECRET}&limit=5")
    client.get(f"/webhooks/v3/1/settings?hapikey={SECRET}")
    client.post("/oauth/v1/token", data={"grant_type": "refresh_token", "client_secret": SECRET,
                                         "refresh_token": SHOPIFY_SECRET})
    client.post("/admin/oauth/access_token", json={"client_id": "x", "client_secret": SECRET,
                                                   "code": "abc"})
    client.get("/x", headers={"Cookie": f"session={SECRET}", "Proxy-Authorization": f"Basic {SECRET}"})
    shown = _everything_shown(client)
    for secret in (SECRET, SHOPIFY_SECRET):
        assert secret not in shown, f"a credential is in clear in the journal or state of {target.name}"
        assert secret not in caplog.text, f"a credential is in clear in the logs of {target.name}"
    entries = client.get("/__admin/requests").get_json()["requests"]
    assert any("[redacted" in (e["token"] or "") for e in entries), "the token field shows it was redacted"
    assert any("limit=5" in e["query"] for e in entries), "other query parameters stay readable"


def test_data_named_like_a_credential_stays_readable_in_bodies():
    raw = json.dumps({"checkout": {"token": "abc123", "discount_codes": [{"code": "SAVE10"}]}}).encode()
    assert redact.body(raw, "application/json") == raw
    assert "SAVE10" in redact.body(raw, "application/json").decode()


def test_redaction_keeps_the_last_characters_of_long_values_only():
    assert redact.mask("short") == "[redacted]"
    assert redact.mask(SECRET) == "[redacted …CRET]"
    assert redact.query("code=abc&state=1") == "code=%5Bredacted%5D&state=1"
    assert redact.headers({"Authorization": "Bearer x", "Accept": "a"}) == {"Authorization": "[redacted]",
                                                                           "Accept": "a"}



@pytest.mark.parametrize("field", sorted(redact.SECRET_FIELDS))
def test_every_secret_field_is_caught_by_the_stem_prefilter_and_masked(field: str):
    """The body scan first looks for a few stems; a secret field name without one would slip through."""
    assert any(stem.decode() in field for stem in redact.SECRET_STEMS)
    raw = json.dumps({"outer": [{field.upper(): SECRET}]}).encode()
    masked = redact.body(raw, "application/json")
    assert SECRET not in masked.decode()
    assert redact.body(b'{"inputs":[{"id":"a@b.example"}]}', "application/json") == b'{"inputs":[{"id":"a@b.example"}]}'


def test_the_stem_gates_answer_as_the_plain_stem_scan():
    """Each gate's letter is in its stem, every stem has a gate, and the gated scan answers as scanning
    for every stem does, on texts with and without each letter."""
    from mocks.core.redact import _STEM_GATES, SECRET_STEMS, _holds_a_stem

    assert sorted(stem for _, stem in _STEM_GATES) == sorted(SECRET_STEMS)
    assert all(letter in stem for letter, stem in _STEM_GATES)
    texts = [b"", b"k", b"w", b"c", b"ke", b"kez", b"key", b"my_token", b"tokn", b"secre", b"client_secret",
             b"passwor", b"password", b'{"inputs":[{"id":"a@b.example","idProperty":"email"}]}', b"k" * 50]
    for text in texts:
        assert _holds_a_stem(text) == any(stem in text for stem in SECRET_STEMS), text
