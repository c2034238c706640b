"""Who made a CRM write, as HubSpot reports it on webhook and journal events (``changeSource``, ``sourceId``).

A write through the API with an app's token (a static private-app token or an OAuth access token) is the
app's: ``changeSource: "INTEGRATION"`` and ``sourceId`` the app id as a string (real deliveries captured
by third parties show exactly this pair for writes made by an app). ``HubSpotConfig.token_apps`` names
another app for a token, so a test can tell two integrations apart. Edits a user makes in HubSpot's own
UI (``changeSource: "CRM_UI"``, ``sourceId: "userId:<id>"``) come from the admin routes that stand in for
the UI (``/__admin/ui/objects/...``, :mod:`mocks.hubspot.admin_routes`).
"""

from __future__ import annotations

from flask import Flask, g, request

from mocks.core.context import ADMIN_PREFIX
from mocks.hubspot.auth import bearer_token
from mocks.hubspot.config import HubSpotConfig
from mocks.hubspot.store import HubSpotStore

INTEGRATION = "INTEGRATION"
CRM_UI = "CRM_UI"


def app_of(config: HubSpotConfig, token: str) -> int:
    """The id of the app a token belongs to (the configured app unless ``token_apps`` says otherwise)."""
    return config.token_apps.get(token, config.app_id)


def ui_user(user_id: object) -> str:
    """The ``sourceId`` of a HubSpot user's edit."""
    return f"userId:{user_id}"


def install(app: Flask, store: HubSpotStore, config: HubSpotConfig) -> None:
    """Attribute each authenticated API request's writes to the token's app (for the request's duration)."""

    @app.before_request
    def _attribute():  # noqa: ANN202 - Flask hook
        token = bearer_token()
        if token is None or request.path.startswith(ADMIN_PREFIX):
            return None
        g.change_source = (store.attribute(INTEGRATION, str(app_of(config, token))),)
        return None

    @app.teardown_request
    def _release(_error: BaseException | None) -> None:
        attributed = g.pop("change_source", None)
        if attributed is not None:
            store.restore_writer(attributed[0])
