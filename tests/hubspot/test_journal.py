"""The Webhooks Journal: what is journaled, reading by offset, retention, local vs global, files."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

from tests.hubspot.journal_helpers import (
    GLOBAL,
    LOCAL,
    PAT,
    PORTAL,
    SUBS,
    contact,
    event_of,
    events,
    make_app,
    subscribe,
    token,
)


def test_creates_updates_of_subscribed_properties_and_deletes_are_journaled_in_order():
    _, web, clock = make_app()
    auth = token(web)
    sub = subscribe(web, auth)
    cid = contact(web, email="a@example.com", firstname="Ann")
    web.patch(f"/crm/v3/objects/contacts/{cid}", json={"properties": {"firstname": "Anna"}}, headers=PAT)
    web.patch(f"/crm/v3/objects/contacts/{cid}", json={"properties": {"email": "b@example.com"}}, headers=PAT)
    assert web.delete(f"/crm/v3/objects/contacts/{cid}", headers=PAT).status_code == 204
    seen = events(web, auth)
    assert [(e["action"], e.get("propertyName"), e.get("propertyValue")) for e in seen] == [
        ("CREATE", None, None), ("UPDATE", "email", "a@example.com"), ("UPDATE", "email", "b@example.com"),
        ("DELETE", None, None)]  # firstname is not subscribed: no entry
    first = seen[0]
    assert first["objectTypeId"] == "0-1" and first["objectId"] == cid and first["portalId"] == PORTAL
    assert first["subscriptionIds"] == [sub["id"]] and first["occurredAt"] == int(clock.timestamp() * 1000)


def test_subscription_filters_actions_object_ids_object_type_and_conditions():
    _, web, _ = make_app()
    auth = token(web)
    keep = contact(web, email="keep@vip.example.com")
    skip = contact(web, email="skip@example.com")
    subscribe(web, auth, actions=["UPDATE"], properties=["firstname"], object_ids=[keep, skip])
    subscribe(web, auth, object_type="0-2", actions=["CREATE"], properties=[])
    sub = web.get(SUBS, headers=auth).get_json()["results"][0]
    made = web.post(f"{SUBS}/filters", headers=auth, json={"subscriptionId": sub["id"], "filter": {"conditions": [
        {"filterType": "CRM_OBJECT_PROPERTY", "operator": "CONTAINS", "property": "email", "value": "@vip."}]}})
    assert made.status_code == 200
    fid = made.get_json()["filterId"]
    for cid in (keep, skip):
        web.patch(f"/crm/v3/objects/contacts/{cid}", json={"properties": {"firstname": "X"}}, headers=PAT)
    other = contact(web, email="o@vip.example.com")  # CREATE is not subscribed, nor is this id
    web.patch(f"/crm/v3/objects/contacts/{other}", json={"properties": {"firstname": "X"}}, headers=PAT)
    web.post("/crm/v3/objects/companies", json={"properties": {"name": "Acme"}}, headers=PAT)
    web.post("/crm/v3/objects/deals", json={"properties": {"dealname": "D"}}, headers=PAT)  # no subscription
    seen = [(e["action"], e["objectTypeId"], e["objectId"]) for e in events(web, auth)]
    assert seen[0] == ("UPDATE", "0-1", keep)
    assert [s[:2] for s in seen] == [("UPDATE", "0-1"), ("CREATE", "0-2")]
    assert web.get(f"{SUBS}/filters/{fid}", headers=auth).get_json()["filter"]["conditions"][0]["value"] == "@vip."
    assert [f["id"] for f in web.get(f"{SUBS}/filters/subscription/{sub['id']}", headers=auth).get_json()] == [fid]
    assert web.delete(f"{SUBS}/filters/{fid}", headers=auth).status_code == 204
    assert web.get(f"{SUBS}/filters/{fid}", headers=auth).status_code == 404


def test_association_changes_are_journaled_for_each_subscribed_side():
    _, web, _ = make_app()
    auth = token(web)
    web.post(SUBS, headers=auth, json={"subscriptionType": "ASSOCIATION", "objectTypeId": "0-1", "portalId": PORTAL,
                                       "actions": ["ASSOCIATION_ADDED", "ASSOCIATION_REMOVED"], "objectIds": [],
                                       "associatedObjectTypeIds": ["0-2"]})
    cid = contact(web, email="c@example.com")
    company = int(web.post("/crm/v3/objects/companies", json={"properties": {"name": "Acme"}},
                           headers=PAT).get_json()["id"])
    deal = int(web.post("/crm/v3/objects/deals", json={"properties": {"dealname": "D"}}, headers=PAT).get_json()["id"])
    assert web.put(f"/crm/v4/objects/contacts/{cid}/associations/default/companies/{company}",
                   headers=PAT).status_code == 200
    web.put(f"/crm/v4/objects/contacts/{cid}/associations/default/companies/{company}", headers=PAT)  # already there
    web.put(f"/crm/v4/objects/deals/{deal}/associations/default/contacts/{cid}", headers=PAT)  # deals not wanted
    assert web.delete(f"/crm/v4/objects/companies/{company}/associations/contacts/{cid}", headers=PAT).status_code == 204
    seen = [(e["action"], e["objectId"], e["associatedObjectTypeId"], e["associatedObjectId"])
            for e in events(web, auth)]
    assert seen == [("ASSOCIATION_ADDED", cid, "0-2", company), ("ASSOCIATION_REMOVED", cid, "0-2", company)]


def test_reading_by_offset_walks_every_entry_once_then_reports_caught_up():
    _, web, _ = make_app()
    auth = token(web)
    subscribe(web, auth, actions=["CREATE"])
    ids = [contact(web, email=f"n{i}@example.com") for i in range(5)]
    earliest = web.get(f"{GLOBAL}/earliest", headers=auth).get_json()
    assert set(earliest) == {"url", "expiresAt", "currentOffset"}
    walked, offset = [event_of(web, earliest)["objectId"]], earliest["currentOffset"]
    while True:
        step = web.get(f"{GLOBAL}/offset/{offset}/next", headers=auth)
        if step.status_code == 204:
            break
        walked.append(event_of(web, step.get_json())["objectId"])
        offset = step.get_json()["currentOffset"]
    assert walked == ids
    assert offset == web.get(f"{GLOBAL}/latest", headers=auth).get_json()["currentOffset"]
    batch = web.get(f"{GLOBAL}/batch/{earliest['currentOffset']}/next/2", headers=auth).get_json()
    assert [event_of(web, r)["objectId"] for r in batch["results"]] == ids[1:3]
    latest = web.get(f"{GLOBAL}/batch/latest/2", headers=auth).get_json()
    assert [event_of(web, r)["objectId"] for r in latest["results"]] == ids[3:]
    assert web.get(f"{GLOBAL}/batch/earliest/0", headers=auth).status_code == 400
    assert web.get(f"{GLOBAL}/offset/not-an-offset/next", headers=auth).status_code == 404


def test_a_read_after_four_days_has_lost_what_is_older_than_three_days():
    _, web, clock = make_app()
    auth = token(web)
    subscribe(web, auth, actions=["CREATE"])
    old = [contact(web, email=f"old{i}@example.com") for i in range(3)]
    old_offset = web.get(f"{GLOBAL}/latest", headers=auth).get_json()["currentOffset"]
    clock.advance(2 * 86400)
    recent = [contact(web, email=f"new{i}@example.com") for i in range(2)]
    clock.advance(2 * 86400)  # 4 days after the first writes, 2 after the recent ones
    auth = token(web)  # the first token expired long ago
    assert [e["objectId"] for e in events(web, auth)] == recent
    assert event_of(web, web.get(f"{GLOBAL}/earliest", headers=auth).get_json())["objectId"] == recent[0]
    gone = web.get(f"{GLOBAL}/offset/{old_offset}/next", headers=auth)
    assert gone.status_code == 404 and gone.get_json()["category"] == "OBJECT_NOT_FOUND"
    read = web.post(f"{GLOBAL}/batch/read", headers=auth, json={"inputs": [old_offset]})
    assert read.status_code == 207 and read.get_json()["numErrors"] == 1 and read.get_json()["results"] == []
    clock.advance(86400)  # the recent ones are exactly 3 days old: still there
    assert web.get(f"{GLOBAL}/earliest", headers=token(web)).status_code == 200
    clock.advance(1)
    assert web.get(f"{GLOBAL}/earliest", headers=token(web)).status_code == 404  # everything aged out
    assert len(old) == 3


def test_local_journal_is_scoped_to_the_install_portal_and_global_holds_all():
    _, web, _ = make_app()
    auth = token(web)
    subscribe(web, auth, actions=["CREATE"])
    ids = [contact(web, email=f"l{i}@example.com") for i in range(3)]
    assert [e["objectId"] for e in events(web, auth, GLOBAL)] == ids
    assert [e["objectId"] for e in events(web, auth, LOCAL, query=f"?installPortalId={PORTAL}")] == ids
    assert [e["objectId"] for e in events(web, auth, LOCAL)] == ids  # the app's own install by default
    assert events(web, auth, LOCAL, query="?installPortalId=999") == []
    assert web.get(f"{LOCAL}/earliest?installPortalId=999", headers=auth).status_code == 404
    offset = web.get(f"{GLOBAL}/earliest", headers=auth).get_json()["currentOffset"]
    assert web.get(f"{LOCAL}/offset/{offset}/next?installPortalId=999", headers=auth).status_code == 404
    assert web.get(f"{LOCAL}/offset/{offset}/next?installPortalId={PORTAL}", headers=auth).status_code == 200
    assert web.get(f"{LOCAL}/earliest?installPortalId=abc", headers=auth).status_code == 400
    read = web.post(f"{LOCAL}/batch/read?installPortalId={PORTAL}", headers=auth, json={"inputs": [offset]})
    assert read.status_code == 200 and [r["currentOffset"] for r in read.get_json()["results"]] == [offset]


def test_subscriptions_upsert_get_delete_and_validate():
    _, web, _ = make_app()
    auth = token(web)
    first = subscribe(web, auth, actions=["CREATE"])
    again = subscribe(web, auth, actions=["CREATE", "DELETE"])
    assert again["id"] == first["id"] and again["actions"] == ["CREATE", "DELETE"]
    assert again["createdAt"] == first["createdAt"] and again["appId"] == first["appId"]
    assert web.get(f"{SUBS}/{first['id']}", headers=auth).get_json()["actions"] == ["CREATE", "DELETE"]
    missing = web.post(SUBS, headers=auth, json={"subscriptionType": "OBJECT", "objectTypeId": "0-1"})
    assert missing.status_code == 400 and "properties" in missing.get_json()["message"]
    bad = web.post(SUBS, headers=auth, json={"subscriptionType": "OBJECT", "objectTypeId": "0-1", "portalId": PORTAL,
                                             "actions": ["EXPLODE"], "properties": [], "objectIds": []})
    assert bad.status_code == 400 and bad.get_json()["context"] == {"actions": ["EXPLODE"]}
    unknown = web.post(SUBS, headers=auth, json={"subscriptionType": "NOPE"})
    assert unknown.status_code == 400
    assert web.delete(f"{SUBS}/{first['id']}", headers=auth).status_code == 204
    assert web.get(f"{SUBS}/{first['id']}", headers=auth).status_code == 404
    assert web.get(f"{SUBS}/-1", headers=auth).status_code == 404
    for malformed in ("abc", "1.5", "99999999999999999999"):  # the path ids are int64
        assert web.get(f"{SUBS}/{malformed}", headers=auth).status_code == 400
        assert web.delete(f"{SUBS}/portals/{malformed}", headers=auth).status_code == 400
    subscribe(web, auth)
    assert web.delete(f"{SUBS}/portals/{PORTAL}", headers=auth).status_code == 204
    assert web.get(SUBS, headers=auth).get_json() == {"results": []}


def test_snapshots_journal_current_values_and_report_status():
    _, web, _ = make_app()
    auth = token(web)
    cid = contact(web, email="s@example.com", firstname="Sam")
    answer = web.post("/webhooks-journal/snapshots/2026-03/crm", headers=auth, json={"snapshotRequests": [
        {"objectId": cid, "objectTypeId": "0-1", "portalId": PORTAL, "properties": ["email", "firstname"]},
        {"objectId": 424242, "objectTypeId": "0-1", "portalId": PORTAL, "properties": ["email"]}]})
    assert answer.status_code == 200
    ok, failed = answer.get_json()["snapshotResponses"]
    assert ok["objectId"] == cid and ok["objectTypeId"] == "0-1"
    status = web.get(f"{GLOBAL}/status/{ok['snapshotStatusId']}", headers=auth).get_json()
    assert status["status"] == "SUCCESS" and status["id"] == ok["snapshotStatusId"]
    bad = web.get(f"{LOCAL}/status/{failed['snapshotStatusId']}", headers=auth).get_json()
    assert bad["status"] == "FAILED" and bad["errorCode"] == "VALIDATION_ERROR"
    [snapshot] = events(web, auth)
    assert snapshot["action"] == "SNAPSHOT"
    assert snapshot["properties"] == {"email": "s@example.com", "firstname": "Sam"}
    assert web.get(f"{GLOBAL}/status/0b7c2a8e-5f0e-4a43-9d1c-2c9d5f1e0a11", headers=auth).status_code == 404
    assert web.get(f"{GLOBAL}/status/unknown", headers=auth).status_code == 400  # not a UUID


def test_file_urls_expire_and_cannot_be_forged():
    _, web, clock = make_app()
    auth = token(web)
    subscribe(web, auth, actions=["CREATE"])
    contact(web, email="f@example.com")
    fetched = web.get(f"{GLOBAL}/earliest", headers=auth).get_json()
    parts = urlsplit(fetched["url"])
    assert web.get(f"{parts.path}?{parts.query}").status_code == 200
    forged = web.get(f"{parts.path}?{parts.query[:-4]}beef")
    assert forged.status_code == 403 and b"AccessDenied" in forged.data
    clock.advance(301)
    expired = web.get(f"{parts.path}?{parts.query}")
    assert expired.status_code == 403 and b"Request has expired" in expired.data


def test_v3_push_webhooks_keep_working_beside_the_journal():
    posts = []

    def receiver(url, body, headers, timeout):
        posts.extend(json.loads(body))
        return 200

    _, web, _ = make_app(webhook_transport=receiver)
    assert web.post("/__admin/webhooks/settings", json={"targetUrl": "http://receiver.test/hook"}).status_code == 200
    auth = token(web)
    subscribe(web, auth, actions=["CREATE"])
    cid = contact(web, email="both@example.com")
    web.post("/__admin/webhooks/deliver")
    assert {(e["subscriptionType"], e["objectId"]) for e in posts} >= {("contact.creation", cid)}
    assert [e["objectId"] for e in events(web, auth)] == [cid]


def test_reset_through_admin_clears_the_journal_and_keeps_listening():
    _, web, _ = make_app()
    auth = token(web)
    subscribe(web, auth, actions=["CREATE"])
    contact(web, email="r@example.com")
    assert web.post("/__admin/reset").status_code in (200, 204)
    auth = token(web)
    assert web.get(SUBS, headers=auth).get_json() == {"results": []}
    subscribe(web, auth, actions=["ASSOCIATION_ADDED"])
    cid = contact(web, email="r2@example.com")
    company = web.post("/crm/v3/objects/companies", json={"properties": {"name": "A"}}, headers=PAT).get_json()["id"]
    web.put(f"/crm/v4/objects/contacts/{cid}/associations/default/companies/{company}", headers=PAT)
    assert [e["action"] for e in events(web, auth)] == ["ASSOCIATION_ADDED"]


def test_every_journal_route_is_described_and_answers_match_the_description():
    import jsonschema_rs

    app, web, _ = make_app()
    document = web.get("/openapi.json").get_json()
    described = {(path, method.upper()) for path, ops in document["paths"].items() for method in ops}
    served = {(str(rule.rule).replace("<", "{").replace(">", "}"), method) for rule in app.url_map.iter_rules()
              if str(rule.rule).startswith(("/webhooks-journal", "/oauth/")) for method in rule.methods
              if method not in ("HEAD", "OPTIONS")}
    described = {(p.replace("{subscriptionId}", "{subscription_id}").replace("{filterId}", "{filter_id}")
                  .replace("{portalId}", "{portal_id}").replace("{statusId}", "{status_id}"), m)
                 for p, m in described}
    assert served and served <= described

    def check(name: str, body: object) -> None:
        root = {"$ref": f"#/components/schemas/{name}", "components": document["components"]}
        assert list(jsonschema_rs.validator_for(root).iter_errors(body)) == []

    auth = token(web)
    sub = subscribe(web, auth, actions=["CREATE"])
    check("JournalSubscription", sub)
    check("JournalSubscriptionList", web.get(SUBS, headers=auth).get_json())
    cid = contact(web, email="d@example.com")
    check("JournalFetchBatch", web.get(f"{GLOBAL}/batch/earliest/3", headers=auth).get_json())
    fetched = web.get(f"{GLOBAL}/earliest", headers=auth).get_json()
    check("JournalFetch", fetched)
    check("JournalEvent", event_of(web, fetched))
    check("JournalFetchBatch", web.post(f"{GLOBAL}/batch/read", headers=auth, json={"inputs": ["gone"]}).get_json())
    snap = web.post("/webhooks-journal/snapshots/2026-03/crm", headers=auth, json={"snapshotRequests": [
        {"objectId": cid, "objectTypeId": "0-1", "portalId": PORTAL, "properties": ["email"]}]}).get_json()
    check("JournalSnapshots", snap)
    check("JournalSnapshotStatus", web.get(f"{GLOBAL}/status/{snap['snapshotResponses'][0]['snapshotStatusId']}",
                                           headers=auth).get_json())
    check("Error", web.get(f"{SUBS}/12345", headers=auth).get_json())


def test_entries_older_than_the_retention_are_dropped_by_writes_alone():
    from mocks.hubspot.journal import PURGE_EVERY
    from mocks.hubspot.objecttypes import OBJECT_TYPES

    app, web, clock = make_app()
    subscribe(web, token(web), actions=["CREATE"])
    store, journal = app.extensions["store"], app.extensions["webhooks_journal"]
    for i in range(PURGE_EVERY):
        store.create(OBJECT_TYPES["contacts"], {"email": f"old{i}@example.com"})
    clock.advance(4 * 86400)
    for i in range(PURGE_EVERY):
        store.create(OBJECT_TYPES["contacts"], {"email": f"new{i}@example.com"})
    assert journal.dump()["entries"] == PURGE_EVERY  # no read happened: the writes swept the old ones
