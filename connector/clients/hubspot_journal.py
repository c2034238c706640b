"""HubSpot's Webhooks Journal (2026-03): subscriptions and offset reads, with a client-credentials token.

The journal is HubSpot's pull model for webhooks: a subscription (here: contact deletions) makes HubSpot
append an entry per event; a reader pages through the entries by offset (``batch/{offset}/next/{count}``)
and fetches each entry's data from the pre-signed ``url`` the read answers (no token: a token on a signed
file URL is refused by the file store). Journal calls need an app's client-credentials token with the
``developer.webhooks_journal.*`` scopes; a private-app token is refused (403).

Token: a client-credentials token for :data:`SCOPES` from a token source (connector/credentials.py
``journal_source``: an ``OAuthToken`` kept in the state file), renewed before it expires and once on a
401 like every other token of the connector — not a grant per pass.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable

import requests

from connector.clients.auth import hubspot_auth
from connector.clients.http import ApiClient, HttpCore, RetryPolicy, TokenSource
from connector.clients.hubspot_paths import journal, journal_subscriptions
from connector.errors import HubSpotError

SCOPES = ("developer.webhooks_journal.read", "developer.webhooks_journal.subscriptions.write",
          "crm.objects.contacts.read")
PAGE = 100  # entries per batch read


class HubSpotJournal(ApiClient):
    """Journal calls over one session (``calls`` counts them, token grant included)."""

    def __init__(self, base_url: str, auth: TokenSource, *, sleep: Callable[[float], None] = time.sleep,
                 timeout: float = 30, session: requests.Session | None = None, rng: random.Random | None = None,
                 policy: RetryPolicy | None = None) -> None:
        self.http = HttpCore(base_url, {"Accept": "application/json"}, error_cls=HubSpotError, sleep=sleep,
                             timeout=timeout, session=session, rng=rng, policy=policy, auth=hubspot_auth("", auth))
        # entry files are fetched without the token (pre-signed URLs)
        self.files = HttpCore(base_url, {"Accept": "application/json"}, error_cls=HubSpotError, sleep=sleep,
                              timeout=timeout, rng=rng, policy=policy)

    def subscribe_contact_deletions(self, portal_id: int) -> str:
        """Create (or find: HubSpot upserts by type + object type + portal) the contact-deletion subscription."""
        body = {"subscriptionType": "OBJECT", "objectTypeId": "0-1", "portalId": portal_id,
                "actions": ["DELETE"], "objectIds": [], "properties": []}
        answer = self.http.send("POST", journal_subscriptions(), json=body).json()
        return str(answer.get("id"))

    def read(self, offset: str | None, count: int = PAGE) -> list[dict]:
        """Up to ``count`` entries after ``offset`` (from the earliest without one): ``[{url, currentOffset}]``.
        An empty journal is ``[]``; an offset HubSpot no longer has is a 404 HubSpotError."""
        where = journal("batch", "earliest", str(count)) if offset is None else \
            journal("batch", offset, "next", str(count))
        response = self.http.send("GET", where, route=journal("batch", "{offset}", "next", "{count}")
                                  if offset else None)
        return self.records(response, "results")

    def entry(self, url: str) -> dict:
        """One entry's data from its pre-signed URL."""
        body = self.files.send("GET", url, route="journal file").json()
        return body if isinstance(body, dict) else {}

