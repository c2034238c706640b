"""``GET /account-info/v3/details``: the account (portal) the token belongs to.

Connectors read ``portalId`` to tell one HubSpot account from another (the connector records it in its
state file and refuses a state file made against another portal). The fields are those HubSpot
documents for the endpoint; the values are the mock's fixed account settings."""

from __future__ import annotations

from flask import Flask, Response, current_app

from mocks.hubspot.web import respond


def details() -> Response:
    config = current_app.extensions["hubspot_config"]
    return respond({"portalId": config.portal_id, "accountType": "STANDARD", "timeZone": "US/Eastern",
                    "companyCurrency": "USD", "additionalCurrencies": [], "utcOffset": "-05:00",
                    "utcOffsetMilliseconds": -18000000, "uiDomain": "app.hubspot.com",
                    "dataHostingLocation": "na1"})


def register(app: Flask) -> None:
    app.add_url_rule("/account-info/v3/details", "account_details", details, methods=["GET"])
