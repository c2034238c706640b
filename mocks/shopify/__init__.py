"""A stateful emulator of the Shopify Admin REST API (2024-10) that the official ShopifyAPI works against."""

from mocks.shopify.app import create_app
from mocks.shopify.config import (
    DEFAULT_SECRET,
    DEFAULT_SHOP,
    DEFAULT_TOKEN,
    ShopifyConfig,
    TokenGrant,
)

__all__ = ["DEFAULT_SECRET", "DEFAULT_SHOP", "DEFAULT_TOKEN", "ShopifyConfig", "TokenGrant", "create_app"]
