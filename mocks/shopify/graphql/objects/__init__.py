"""How each store record appears as a GraphQL object (pure mapping), and the root queries that read it."""
