"""``POST /__admin/oauth/expire``: issued OAuth access tokens end now (chaos token expiries)."""

from __future__ import annotations

from tests.hubspot.journal_helpers import PAT, SUBS, make_app, token


def test_expire_ends_issued_tokens_and_leaves_static_ones():
    _, web, _ = make_app()
    first, second = token(web), token(web)
    assert web.get(SUBS, headers=first).status_code == 200
    answer = web.post("/__admin/oauth/expire", json={"token": first["Authorization"].split()[1]})
    assert answer.get_json() == {"expired": 1}
    refused = web.get(SUBS, headers=first)
    assert refused.status_code == 401 and refused.get_json()["category"] == "EXPIRED_AUTHENTICATION"
    assert web.get(SUBS, headers=second).status_code == 200
    assert web.post("/__admin/oauth/expire", json={}).get_json() == {"expired": 1}   # the first one already ended
    assert web.get(SUBS, headers=second).status_code == 401
    assert web.get(SUBS, headers=token(web)).status_code == 200          # a renewed token works
    assert web.get("/crm/v3/objects/contacts", headers=PAT).status_code == 200   # static tokens never expire


def test_expire_refuses_a_malformed_body():
    _, web, _ = make_app()
    for body in (b"[1]", b"{\"token\": 5}", b"not json"):
        answer = web.post("/__admin/oauth/expire", data=body, content_type="application/json")
        assert answer.status_code == 400, body
