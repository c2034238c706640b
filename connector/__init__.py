"""A Shopify -> HubSpot connector that implements HubSpot's own Shopify sync rules."""
