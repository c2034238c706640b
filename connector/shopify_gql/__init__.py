"""The connector's Shopify side through the GraphQL Admin API."""
