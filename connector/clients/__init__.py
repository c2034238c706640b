"""HTTP clients for the Shopify Admin REST API and the HubSpot CRM API."""
