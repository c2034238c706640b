"""The Shopify mock's GraphQL Admin API: one more transport over the same store as REST.

``admin.graphql`` is the served subset of Shopify's schema; :mod:`.executor` parses, validates, costs
and runs documents against the resolvers in :mod:`.resolvers` and :mod:`.mutations`.
"""
