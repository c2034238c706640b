"""Stateful emulators of the Shopify Admin REST API and the HubSpot CRM API."""
