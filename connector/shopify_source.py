"""What the engine reads from and writes to Shopify, as one small interface both APIs implement:
``connector/shopify_gql/source.py`` (GraphQL Admin, the default) and ``connector/shopify_rest.py``
(REST, the option). Engine code never builds API parameters; it asks a source.

Records come back in the REST/webhook shape (connector/shopify_gql/shapes.py explains why).
``iter_all`` is the initial import's seam: the bulk-operation import replaces it above a size threshold.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from connector.clients.http import CallStats, HttpCore

RESOURCES = ("products", "customers", "checkouts", "orders")
API_CHOICES = ("graphql", "rest")
DELETION_SUBJECTS = ("order", "product")


class ShopifySource(Protocol):
    """One store's Shopify, as the engine needs it."""

    http: HttpCore

    @property
    def calls(self) -> int: ...

    @property
    def stats(self) -> CallStats: ...

    def iter_all(self, resource: str) -> Iterator[dict]:
        """Every record of ``resource`` (one of RESOURCES; orders of any status), each exactly once."""

    def iter_updated(self, resource: str, since: str | None) -> Iterator[dict]:
        """Records updated at or after ``since`` (ISO 8601; None: all)."""

    def products_by_ids(self, ids: list[str]) -> list[dict]:
        """The products with these ids (missing ones left out)."""

    def current(self, resource: str, ident: str) -> dict | None:
        """The record as Shopify has it now; None when it is gone (customers, products, orders)."""

    def deletions(self, subject: str, since: str | None) -> Iterator[dict]:
        """``{"id", "created_at"}`` of each ``subject`` (order/product) deleted at or after ``since``."""

    def shop(self) -> dict:
        """``{"id", "domain", "timezone"}`` of the shop (id as REST's numeric id, as text)."""

    def webhooks(self, address: str) -> list[dict]:
        """``{"id", "topic", "address"}`` of the subscriptions pointing at ``address`` (REST topic names)."""

    def create_webhook(self, topic: str, address: str) -> None: ...

    def delete_webhook(self, ident: str) -> None: ...

    def script_tags(self, src: str) -> list[dict]:
        """``{"id", "src"}`` of the script tags loading ``src``."""

    def create_script_tag(self, src: str) -> None: ...

    def delete_script_tag(self, ident: str) -> None: ...


def make_source(api: str, base_url: str, token: str, api_version: str, **kwargs: object) -> ShopifySource:
    """The source for ``api`` (``graphql`` or ``rest``); ``kwargs`` go to the HTTP client."""
    if api == "rest":
        from connector.shopify_rest import RestSource
        return RestSource(base_url, token, api_version=api_version, **kwargs)  # type: ignore[arg-type]
    from connector.shopify_gql.source import GraphQLSource
    return GraphQLSource(base_url, token, api_version=api_version, **kwargs)  # type: ignore[arg-type]
