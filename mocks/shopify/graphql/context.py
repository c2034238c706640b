"""What every resolver gets as ``info.context``: the shop, the token's grant and the request."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from graphql import GraphQLError

from mocks.shopify.graphql.redact import pcd_level

if TYPE_CHECKING:
    from mocks.shopify.config import TokenGrant
    from mocks.shopify.graphql.bulk import BulkOperations
    from mocks.shopify.store import ShopStore

ACCESS_DOC = "https://shopify.dev/api/usage/access-scopes"


@dataclass
class Context:
    shop: ShopStore
    grant: TokenGrant
    api_version: str
    base_url: str
    bulk_ops: BulkOperations
    bulk: bool = False  # running a bulk query: connections are read whole
    # A bulk query's chunk: (cursor, size, holder) for the top-level connection; the resolver puts the
    # next chunk's cursor (or None) in ``holder["next"]``.
    bulk_window: tuple[str | None, int, dict] | None = None
    # Root mutation fields the lean executor already ran (response key -> (ok, value or error)):
    # graphql-core, finishing the request, replays them instead of running them again.
    replay: dict[str, tuple[bool, Any]] | None = None

    @property
    def pcd(self) -> int:
        return pcd_level(self.grant)

    def require(self, scope: str, field: str, *alternatives: str) -> None:
        """Shopify's ``ACCESS_DENIED`` error for a field the token's scopes do not open (``alternatives``:
        other scopes any one of which opens it too, as Shopify's "`a` access scope or `b` access scope")."""
        scopes = (scope, *alternatives)
        if not any(self.grant.allows(s) for s in scopes):
            required = " or ".join(f"`{s}` access scope" for s in scopes) + "."
            raise GraphQLError(
                f"Access denied for {field} field. Required access: {required}",
                extensions={"code": "ACCESS_DENIED", "documentation": ACCESS_DOC, "requiredAccess": required})


def ctx(info: Any) -> Context:
    return info.context
