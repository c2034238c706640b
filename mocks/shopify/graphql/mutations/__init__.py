"""Root mutation resolvers: GraphQL input mapped onto the same store methods REST calls."""
