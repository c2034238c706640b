"""A stateful emulator of HubSpot's CRM API (v3 objects, v4 associations, pipelines, properties, webhooks)."""

from mocks.hubspot.app import DEFAULT_TOKEN, HubSpotConfig, create_app

__all__ = ["DEFAULT_TOKEN", "HubSpotConfig", "create_app"]
