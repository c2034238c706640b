"""The rules of each Shopify resource, as mixins of :class:`mocks.shopify.store.ShopStore`."""
