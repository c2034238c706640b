"""The GraphQL Admin API documents the connector sends (2026-10; every field exists in 2026-04 too).

Page sizes keep each query's requested cost under Shopify's 1000-point single-query limit: a
connection costs its ``first`` times what one node costs, so the nested ``lineItems`` and ``variants``
pages are small and an order with more lines is completed by :data:`ORDER_LINES`.
"""

from __future__ import annotations

ADDRESS = "address1 address2 city province provinceCode zip country countryCodeV2 company firstName lastName phone"

CUSTOMER = f"""
id createdAt updatedAt firstName lastName note tags taxExempt verifiedEmail numberOfOrders state
defaultEmailAddress {{ emailAddress marketingState }}
defaultPhoneNumber {{ phoneNumber }}
defaultAddress {{ {ADDRESS} }}
"""

# the person behind an order or checkout: what buyer_of() and the deal/order mappings read
BUYER = "id firstName lastName defaultEmailAddress { emailAddress marketingState }"

MONEY = "shopMoney { amount currencyCode }"
LINE_PAGE = 10
LINE = f"""
id title name quantity sku variantTitle vendor
originalUnitPriceSet {{ {MONEY} }}
product {{ id }}
variant {{ id price }}
"""

ORDER_FIELDS = f"""
id name number email phone createdAt updatedAt processedAt cancelledAt cancelReason closedAt
currencyCode note tags sourceName displayFinancialStatus displayFulfillmentStatus customerAcceptsMarketing
taxesIncluded totalWeight
customerJourneySummary {{ lastVisit {{ landingPage referrerUrl }} }}
totalPriceSet {{ {MONEY} }} subtotalPriceSet {{ {MONEY} }} totalTaxSet {{ {MONEY} }}
totalDiscountsSet {{ {MONEY} }}
customer {{ {BUYER} }}
billingAddress {{ {ADDRESS} }}
shippingAddress {{ {ADDRESS} }}
fulfillments(first: 5) {{ id status createdAt updatedAt }}
"""
ORDER = ORDER_FIELDS + f"lineItems(first: {LINE_PAGE}) {{ pageInfo {{ hasNextPage endCursor }} nodes {{ {LINE} }} }}\n"

PRODUCT_FIELDS = """
id title handle vendor productType tags status descriptionHtml createdAt updatedAt publishedAt
featuredMedia { preview { image { url } } }
"""
VARIANT = "id title sku price"
PRODUCT = PRODUCT_FIELDS + f"variants(first: 1) {{ nodes {{ {VARIANT} }} }}\n"

CHECKOUT_LINE = f"id title variantTitle sku quantity originalUnitPriceSet {{ {MONEY} }} product {{ id }} variant {{ id }}"
CHECKOUT_FIELDS = f"""
id name note createdAt updatedAt completedAt abandonedCheckoutUrl taxesIncluded
totalPriceSet {{ {MONEY} }} subtotalPriceSet {{ {MONEY} }}
customer {{ {BUYER} }}
billingAddress {{ {ADDRESS} }}
shippingAddress {{ {ADDRESS} }}
"""
CHECKOUT = CHECKOUT_FIELDS + (f"lineItems(first: {LINE_PAGE}) {{ pageInfo {{ hasNextPage endCursor }}\n"
                              f"  nodes {{ {CHECKOUT_LINE} }} }}\n")

# resource -> (root field, node selection, page size, sort key for full and incremental reads)
RESOURCES: dict[str, tuple[str, str, int, str]] = {
    "customers": ("customers", CUSTOMER, 100, "ID"),
    "products": ("products", PRODUCT, 100, "ID"),
    "orders": ("orders", ORDER, 10, "ID"),
    "checkouts": ("abandonedCheckouts", CHECKOUT, 10, "ID"),
}


def page_query(resource: str) -> str:
    """One page of a resource, optionally filtered by a search ``query`` (e.g. ``updated_at:>=…``)."""
    root, selection, _, _ = RESOURCES[resource]
    return (f"query Page($first: Int!, $after: String, $query: String, $sortKey: {sort_type(resource)}) {{\n"
            f"  {root}(first: $first, after: $after, query: $query, sortKey: $sortKey) {{\n"
            f"    pageInfo {{ hasNextPage endCursor }}\n    nodes {{ {selection} }}\n  }}\n}}")


def sort_type(resource: str) -> str:
    return {"customers": "CustomerSortKeys", "products": "ProductSortKeys", "orders": "OrderSortKeys",
            "checkouts": "AbandonedCheckoutSortKeys"}[resource]


def nodes_query(resource: str) -> str:
    """Records by id (``nodes``), with the same selection as a page."""
    typename = {"customers": "Customer", "products": "Product", "orders": "Order"}[resource]
    return (f"query Nodes($ids: [ID!]!) {{\n  nodes(ids: $ids) {{ __typename ... on {typename} "
            f"{{ {RESOURCES[resource][1]} }} }}\n}}")


ORDER_LINES = f"""
query OrderLines($id: ID!, $after: String) {{
  order(id: $id) {{ lineItems(first: 100, after: $after) {{ pageInfo {{ hasNextPage endCursor }} nodes {{ {LINE} }} }} }}
}}
"""

CHECKOUT_LINES = f"""
query CheckoutLines($query: String!, $after: String) {{
  abandonedCheckouts(first: 1, query: $query) {{ nodes {{ lineItems(first: 100, after: $after) {{
    pageInfo {{ hasNextPage endCursor }}
    nodes {{ {CHECKOUT_LINE} }}
  }} }} }}
}}
"""

SHOP = "query Shop { shop { id name myshopifyDomain email currencyCode ianaTimezone } }"

# Deletions a webhook may have missed: the shop's event log (``events``). ``deletionEvents`` is
# deprecated in favour of ``events`` and covers only products and collections; ``events`` with
# ``action:destroy`` also names deleted orders.
EVENTS = """
query Deletions($first: Int!, $after: String, $query: String) {
  events(first: $first, after: $after, query: $query, sortKey: CREATED_AT) {
    pageInfo { hasNextPage endCursor }
    nodes { id action createdAt ... on BasicEvent { subjectId subjectType } }
  }
}
"""

WEBHOOKS = """
query Webhooks($first: Int!, $after: String, $uri: String) {
  webhookSubscriptions(first: $first, after: $after, uri: $uri) {
    pageInfo { hasNextPage endCursor }
    nodes { id topic uri format }
  }
}
"""

WEBHOOK_CREATE = """
mutation WebhookCreate($topic: WebhookSubscriptionTopic!, $webhookSubscription: WebhookSubscriptionInput!) {
  webhookSubscriptionCreate(topic: $topic, webhookSubscription: $webhookSubscription) {
    webhookSubscription { id topic uri }
    userErrors { field message }
  }
}
"""

WEBHOOK_DELETE = """
mutation WebhookDelete($id: ID!) {
  webhookSubscriptionDelete(id: $id) { deletedWebhookSubscriptionId userErrors { field message } }
}
"""

SCRIPT_TAGS = """
query ScriptTags($src: URL) { scriptTags(first: 50, src: $src) { nodes { id src } } }
"""

SCRIPT_TAG_CREATE = """
mutation ScriptTagCreate($input: ScriptTagInput!) {
  scriptTagCreate(input: $input) { scriptTag { id src } userErrors { field message } }
}
"""

SCRIPT_TAG_DELETE = """
mutation ScriptTagDelete($id: ID!) { scriptTagDelete(id: $id) { deletedScriptTagId userErrors { field message } } }
"""

ALL = {"page_customers": page_query("customers"), "page_products": page_query("products"),
       "page_orders": page_query("orders"), "page_checkouts": page_query("checkouts"),
       "nodes_customers": nodes_query("customers"), "nodes_products": nodes_query("products"),
       "nodes_orders": nodes_query("orders"), "order_lines": ORDER_LINES, "checkout_lines": CHECKOUT_LINES,
       "shop": SHOP, "events": EVENTS, "webhooks": WEBHOOKS, "webhook_create": WEBHOOK_CREATE,
       "webhook_delete": WEBHOOK_DELETE, "script_tags": SCRIPT_TAGS, "script_tag_create": SCRIPT_TAG_CREATE,
       "script_tag_delete": SCRIPT_TAG_DELETE}
"""Every document, by name (the dev-time SDL check and the mock-validation test walk this)."""
