"""Shopify's error bodies, raised by the store and the handlers and rendered by one error handler."""

from __future__ import annotations

from typing import Any

UNAUTHORIZED = "[API] Invalid API key or access token (unrecognized login or wrong password)"
THROTTLED = "Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service."
PAGING_DOC = "See https://shopify.dev/api/usage/pagination-rest for more information."


class ShopifyError(Exception):
    """An HTTP error with Shopify's JSON body (``{"errors": ...}``) and optional extra headers."""

    def __init__(self, status: int, errors: Any, headers: dict[str, str] | None = None) -> None:
        super().__init__(f"{status}: {errors}")
        self.status, self.errors, self.headers = status, errors, dict(headers or {})

    def body(self) -> dict:
        return {"errors": self.errors}


def not_found() -> ShopifyError:
    return ShopifyError(404, "Not Found")


def invalid(field: str, *messages: str) -> ShopifyError:
    """422 with the field-list shape pyactiveresource turns into ``obj.errors``."""
    return ShopifyError(422, {field: list(messages)})


def invalid_many(errors: dict[str, list[str]]) -> ShopifyError:
    return ShopifyError(422, errors)


def missing_root(root: str) -> ShopifyError:
    """400 for a body that is not JSON or lacks the singular root key."""
    return ShopifyError(400, {root: "Required parameter missing or invalid"})


def bad_param(param: str, message: str) -> ShopifyError:
    return ShopifyError(400, {param: message})


def forbidden(scope: str) -> ShopifyError:
    return ShopifyError(403, f"[API] This action requires merchant approval for {scope} scope.")
