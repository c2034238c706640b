"""A stateful emulator of the Shopify Admin REST API (versions 2026-01 to 2027-01 and unstable; older ones fall
forward) that the official ShopifyAPI works against."""

from mocks.shopify.app import create_app
from mocks.shopify.config import (
    DEFAULT_SECRET,
    DEFAULT_SHOP,
    DEFAULT_TOKEN,
    ShopifyConfig,
    TokenGrant,
)

__all__ = ["DEFAULT_SECRET", "DEFAULT_SHOP", "DEFAULT_TOKEN", "ShopifyConfig", "TokenGrant", "create_app"]
