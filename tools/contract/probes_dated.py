"""Probes of HubSpot's date-versioned API (2026-09 by default) and of the Webhooks Journal (2026-03): the
calls the reference connector makes, on a real portal and on a mock, paired by step like ``probes.py``.

Paths come from the connector's own table (connector/clients/hubspot_paths.py), so the probe exercises
exactly what the connector sends; templates name the mock's ``/openapi.json`` operations (``{version}``).
Every record carries the run tag and is deleted at the end (``cleaned``), also when a step fails.
"""

from __future__ import annotations

import requests

from connector.clients.hubspot_paths import (
    DEFAULT_VERSION,
    TOKEN_PATH,
    HubSpotPaths,
    journal,
    journal_subscriptions,
)
from tools.contract.drift import Call
from tools.contract.probes import Api, _id

OBJ = "/crm/objects/{version}/{objectType}"
ASSOC = "/crm/associations/{version}/{objectType}/{toObjectType}"
DEAL_TO_CONTACT = 3  # HubSpot-defined deal -> contact (unlabeled)
# What the journal probe needs besides HUBSPOT_TOKEN: an app's client credentials (client-credentials grant).
JOURNAL_VARIABLES = ("HUBSPOT_CLIENT_ID", "HUBSPOT_CLIENT_SECRET")


def hubspot_dated_probe(api: Api, tag: str, version: str = DEFAULT_VERSION) -> list[Call]:
    """The connector's HubSpot calls on ``version``: batch upsert/read/update, search, a deal with its
    association (batch create and read), pipelines, properties and groups, batch archive, a missing record."""
    paths = HubSpotPaths(version)
    email = f"probe+{tag}@example.com"
    upsert = api.call("batch upsert contacts", "POST", OBJ + "/batch/upsert", paths.object_batch("contacts", "upsert"),
                      {"inputs": [{"id": email, "idProperty": "email",
                                   "properties": {"email": email, "firstname": "Probe", "lastname": tag}}]})
    results = (upsert.body or {}).get("results") if isinstance(upsert.body, dict) else None
    contact_id = str(results[0]["id"]) if results and isinstance(results[0], dict) and results[0].get("id") else None
    if contact_id:
        api.owe_delete(paths.objects("contacts", contact_id), "contact")
        api.call("batch read contacts by email", "POST", OBJ + "/batch/read", paths.object_batch("contacts", "read"),
                 {"inputs": [{"id": email}], "idProperty": "email", "properties": ["email"]})
        api.call("batch update contacts", "POST", OBJ + "/batch/update", paths.object_batch("contacts", "update"),
                 {"inputs": [{"id": contact_id, "properties": {"lastname": f"{tag}-updated"}}]})
    api.call("search contacts", "POST", OBJ + "/search", paths.search("contacts"),
             {"filterGroups": [{"filters": [{"propertyName": "email", "operator": "EQ", "value": email}]}],
              "properties": ["email"], "limit": 10})
    api.call("list contacts", "GET", OBJ, paths.objects("contacts"), params={"limit": 3})
    deal = api.call("create deal", "POST", OBJ, paths.objects("deals"),
                    {"properties": {"dealname": f"Probe deal {tag}", "amount": "12.50"}})
    deal_id = _id(deal, "id")
    if deal_id:
        api.owe_delete(paths.objects("deals", deal_id), "deal")
        if contact_id:
            api.call("associate deals with contacts", "POST", ASSOC + "/batch/create",
                     paths.association_batch("deals", "contacts", "create"),
                     {"inputs": [{"from": {"id": deal_id}, "to": {"id": contact_id}, "types": [
                         {"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": DEAL_TO_CONTACT}]}]})
            api.call("read deal associations", "POST", ASSOC + "/batch/read",
                     paths.association_batch("deals", "contacts", "read"), {"inputs": [{"id": deal_id}]})
    api.call("deal pipelines", "GET", "/crm/pipelines/{version}/{objectType}", paths.pipelines("deals"))
    api.call("contact properties", "GET", "/crm/properties/{version}/{objectType}", paths.properties("contacts"))
    api.call("contact property groups", "GET", "/crm/properties/{version}/{objectType}/groups",
             paths.property_groups("contacts"))
    api.call("batch archive nothing", "POST", OBJ + "/batch/archive", paths.object_batch("products", "archive"),
             {"inputs": [{"id": "1"}]})
    api.call("missing contact", "GET", OBJ + "/{objectId}", paths.objects("contacts", "1"))
    return api.calls


def journal_probe(api: Api, client_id: str, client_secret: str) -> list[Call]:
    """A client-credentials token, the app's journal subscriptions and the earliest journal entries (reads
    only: the probe subscribes to nothing)."""
    response = api.session.post(api.base_url.rstrip("/") + TOKEN_PATH, timeout=60, data={
        "grant_type": "client_credentials", "client_id": client_id, "client_secret": client_secret,
        "scope": "developer.webhooks_journal.read developer.webhooks_journal.subscriptions.read"})
    body = _json(response)
    api.calls.append(Call(api.service, "client-credentials token", "POST", TOKEN_PATH, response.status_code,
                          {**body, "access_token": "(redacted)"} if isinstance(body, dict) and "access_token" in body else body))
    token = body.get("access_token") if isinstance(body, dict) else None
    if not token:
        return api.calls
    api.headers = {**api.headers, "Authorization": f"Bearer {token}"}
    api.call("journal subscriptions", "GET", journal_subscriptions(), journal_subscriptions())
    template = journal("batch", "earliest", "{count}")
    api.call("journal earliest entries", "GET", template, journal("batch", "earliest", "10"))
    return api.calls


def _json(response: requests.Response) -> object:
    try:
        return response.json() if response.content else None
    except ValueError:
        return {"(not JSON)": response.text[:200]}

