"""HubSpot -> Shopify half of data-sync (O7-O10): detect HubSpot changes, map them, resolve
conflicts, write through the GraphQL Admin API, and keep echoes from coming back."""
