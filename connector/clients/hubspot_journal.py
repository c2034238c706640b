"""HubSpot's Webhooks Journal (2026-03): subscriptions and offset reads, with a client-credentials token.

The journal is HubSpot's pull model for webhooks: a subscription (here: contact deletions) makes HubSpot
append an entry per event; a reader pages through the entries by offset (``batch/{offset}/next/{count}``)
and fetches each entry's data from the pre-signed ``url`` the read answers (no token: a token on a signed
file URL is refused by the file store). Journal calls need an app's client-credentials token with the
``developer.webhooks_journal.*`` scopes; a private-app token is refused (403).

Token: one client-credentials grant per :meth:`HubSpotJournal.connect` (the connector calls it once per
pass). Renewal before expiry and on a 401 belongs to the shared token source of connector/clients/http.py
(httpauth's work, issue #13); until then a grant per pass keeps every pass inside the token's 30 minutes.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import Any

import requests

from connector.clients.http import ApiClient, HttpCore, RetryPolicy
from connector.clients.hubspot_paths import TOKEN_PATH, journal, journal_subscriptions
from connector.errors import HubSpotError

SCOPES = ("developer.webhooks_journal.read", "developer.webhooks_journal.subscriptions.write",
          "crm.objects.contacts.read")
PAGE = 100  # entries per batch read


class HubSpotJournal(ApiClient):
    """Journal calls over one session (``calls`` counts them, token grant included)."""

    def __init__(self, base_url: str, client_id: str, client_secret: str, *,
                 sleep: Callable[[float], None] = time.sleep, timeout: float = 30,
                 session: requests.Session | None = None, rng: random.Random | None = None,
                 policy: RetryPolicy | None = None) -> None:
        self.client_id, self.client_secret = client_id, client_secret
        self.http = HttpCore(base_url, {"Accept": "application/json"}, error_cls=HubSpotError, sleep=sleep,
                             timeout=timeout, session=session, rng=rng, policy=policy)
        # entry files are fetched without the token (pre-signed URLs)
        self.files = HttpCore(base_url, {"Accept": "application/json"}, error_cls=HubSpotError, sleep=sleep,
                              timeout=timeout, rng=rng, policy=policy)

    def connect(self) -> None:
        """A client-credentials token for the journal scopes (``POST /oauth/v1/token``, form-encoded)."""
        form = {"grant_type": "client_credentials", "client_id": self.client_id,
                "client_secret": self.client_secret, "scope": " ".join(SCOPES)}
        self.http.stats.calls += 1
        self.http.stats.by_route[f"POST {TOKEN_PATH}"] += 1
        try:
            response = self.http.session.post(self.http.base_url + TOKEN_PATH, data=form, timeout=self.http.timeout)
        except requests.RequestException as exc:
            raise HubSpotError("POST", TOKEN_PATH, None, f"token request failed ({type(exc).__name__})") from None
        body = _json(response)
        token = body.get("access_token") if isinstance(body, dict) else None
        if response.status_code != 200 or not isinstance(token, str) or not token:
            detail = body.get("message") or body.get("status") if isinstance(body, dict) else str(body)[:200]
            raise HubSpotError("POST", TOKEN_PATH, response.status_code, f"no journal token: {detail}", body)
        self.http.session.headers["Authorization"] = f"Bearer {token}"

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


def _json(response: requests.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return response.text
