"""The connector's Shopify side through the GraphQL Admin API: query texts, node -> record shapes, and
the source the engine reads through (docs/connector-shopify-graphql.md), and the initial import
through bulk operations (docs/connector-bulk-import.md)."""
