"""Exceptions the connector raises."""

from __future__ import annotations


class ConnectorError(Exception):
    """Base class of connector errors."""


class ConfigError(ConnectorError):
    """The configuration is unusable (missing URL, token, bad mode ...)."""


class StateFileError(ConfigError):
    """The state file cannot be used: not a database, truncated, read-only, locked, a directory, or made
    for another shop, portal or mode. Configuration: the CLI prints the one line and exits 2."""


class ConnectorCrashed(ConnectorError):  # noqa: N818 - the name the architecture fixes
    """Raised by an armed crash right after a HubSpot write, before local state records it."""


class ApiError(ConnectorError):
    """An HTTP call failed for good; the message names the call: ``POST /path -> 400: ...``."""

    def __init__(self, method: str, path: str, status: int | None, detail: str, body: object = None) -> None:
        self.method, self.path, self.status, self.detail, self.body = method, path, status, detail, body
        super().__init__(f"{method} {path} -> {status if status is not None else 'no response'}: {detail}")


class ShopifyError(ApiError):
    """A Shopify Admin API call failed."""


class HubSpotError(ApiError):
    """A HubSpot API call failed. ``partial``: a batch answer that wrote some inputs and listed errors for
    the others (207 on v3/2026-03, a 200/201 with ``errors`` from 2026-09)."""

    partial = False
