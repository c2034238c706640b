"""GraphQL helpers: the mock in-process (Flask test client, simulated clock) for fast tests, and
``gql(mock, ...)`` for the port-0 server the parent conftest starts."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
import requests

from mocks.core import Clock
from mocks.shopify import DEFAULT_TOKEN, ShopifyConfig, create_app

VERSION = "2026-10"
START = "2026-12-01T10:00:00Z"


def gql(mock, query: str, variables: dict | None = None, token: str | None = None) -> requests.Response:
    return requests.post(f"{mock.url}/admin/api/{VERSION}/graphql.json", json={"query": query, "variables": variables},
                         headers=mock.headers(token), timeout=30)


@dataclass
class Local:
    """A mock app driven through Flask's test client."""

    app: object
    clock: Clock
    token: str = DEFAULT_TOKEN

    @property
    def store(self):  # noqa: ANN201
        return self.app.extensions["store"]  # type: ignore[attr-defined]

    @property
    def shop(self):  # noqa: ANN201
        return self.store.shop("harness-shop")

    def post(self, query: str, variables: dict | None = None, token: str | None = None):  # noqa: ANN201
        return self.app.test_client().post(  # type: ignore[attr-defined]
            f"/admin/api/{VERSION}/graphql.json", json={"query": query, "variables": variables},
            headers={"X-Shopify-Access-Token": token or self.token})

    def run(self, query: str, variables: dict | None = None, token: str | None = None) -> dict:
        response = self.post(query, variables, token)
        assert response.status_code == 200, response.get_data(as_text=True)
        return response.get_json()

    def data(self, query: str, variables: dict | None = None, token: str | None = None) -> dict:
        body = self.run(query, variables, token)
        assert "errors" not in body, body["errors"]
        return body["data"]


def local(**overrides) -> Local:
    clock = Clock.simulated(START)
    config = ShopifyConfig(**{"clock": clock, "auto_deliver": False, "webhook_transport": lambda *a: 200,
                              **overrides})
    return Local(create_app(config), clock)


@pytest.fixture()
def shop() -> Local:
    return local()
