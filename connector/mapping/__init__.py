"""Pure mapping functions: Shopify records -> HubSpot properties (one module per object). No I/O."""
