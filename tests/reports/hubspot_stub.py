"""A tiny HubSpot stand-in for the reports' read path (shapes of the public API, nothing more):
deal pipelines, deal search (EQ/GT filters, one sort, offset paging, a result cap -> 400),
v4 deal->contact batch association read and contact batch read. Bearer token required."""

from __future__ import annotations

from flask import Flask, jsonify, request

TOKEN = "pat-stub-token"


def create_stub(pipelines: list[dict], deals: list[dict], contacts: list[dict],
                deal_contacts: dict[str, list[str]], cap: int = 10_000) -> Flask:
    """Serve fixed records; ``cap`` plays HubSpot's 10,000-result search limit."""
    app = Flask("hubspot-stub")
    contacts_by_id = {c["id"]: c for c in contacts}

    @app.before_request
    def auth():
        if request.headers.get("Authorization") != f"Bearer {TOKEN}":
            return jsonify(status="error", category="INVALID_AUTHENTICATION", message="bad token"), 401
        return None

    def pick(record: dict, properties: list[str]) -> dict:
        props = record["properties"]
        return {"id": record["id"], "properties": {p: props.get(p) for p in properties}, "archived": False}

    def matches(record: dict, flt: dict) -> bool:
        value = record["id"] if flt["propertyName"] == "hs_object_id" else record["properties"].get(flt["propertyName"])
        if flt["operator"] == "EQ":
            return str(value) == str(flt["value"])
        if flt["operator"] == "GT":
            return int(value) > int(flt["value"])
        raise AssertionError(f"stub: operator {flt['operator']}")

    @app.get("/crm/pipelines/2026-09/deals")
    def get_pipelines():
        return jsonify(results=pipelines)

    @app.post("/crm/objects/2026-09/deals/search")
    def search():
        body = request.get_json()
        groups = body.get("filterGroups") or [{"filters": []}]
        found = [d for d in deals if any(all(matches(d, f) for f in g["filters"]) for g in groups)]
        if body.get("sorts"):
            assert body["sorts"] == [{"propertyName": "hs_object_id", "direction": "ASCENDING"}]
            found.sort(key=lambda d: int(d["id"]))
        start, limit = int(body.get("after") or 0), min(int(body.get("limit") or 10), 200)
        if start >= cap:
            return jsonify(status="error", category="VALIDATION_ERROR", message="over the result cap"), 400
        page = found[start:min(start + limit, cap)]
        answer = {"total": len(found), "results": [pick(d, body.get("properties") or []) for d in page]}
        if start + len(page) < len(found):  # past the cap, the next page is refused
            answer["paging"] = {"next": {"after": str(start + len(page))}}
        return jsonify(answer)

    @app.post("/crm/associations/2026-09/deals/contacts/batch/read")
    def associations():
        ids = [i["id"] for i in request.get_json()["inputs"]]
        results = [{"from": {"id": i}, "to": [{"toObjectId": int(c), "associationTypes": [
            {"category": "HUBSPOT_DEFINED", "typeId": 3, "label": None}]} for c in deal_contacts[i]]}
            for i in ids if deal_contacts.get(i)]
        return jsonify(status="COMPLETE", results=results)

    @app.post("/crm/objects/2026-09/contacts/batch/read")
    def read_contacts():
        body = request.get_json()
        ids = [i["id"] for i in body["inputs"]]
        results = [pick(contacts_by_id[i], body.get("properties") or []) for i in ids if i in contacts_by_id]
        return jsonify(status="COMPLETE", results=results)

    return app
