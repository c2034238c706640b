"""``Customer`` and the ``customer``/``customers`` queries."""

from __future__ import annotations

from typing import Any

from mocks.shopify.graphql.connections import (
    id_ordered_connection,
    list_connection,
    page_args,
    sorted_connection,
)
from mocks.shopify.graphql.context import Context, ctx
from mocks.shopify.graphql.ids import gid, legacy_id
from mocks.shopify.graphql.objects.addresses import address_node
from mocks.shopify.graphql.redact import redact
from mocks.shopify.graphql.scalars import date_time, money_v2, tag_list, uint
from mocks.shopify.graphql.search import parse_search
from mocks.shopify.records import Customer

CONSENT_STATE = {"subscribed": "SUBSCRIBED", "not_subscribed": "NOT_SUBSCRIBED", "pending": "PENDING",
                 "unsubscribed": "UNSUBSCRIBED", "invalid": "INVALID", "redacted": "NOT_SUBSCRIBED"}
OPT_IN = {"single_opt_in": "SINGLE_OPT_IN", "confirmed_opt_in": "CONFIRMED_OPT_IN", "unknown": "UNKNOWN"}
SEARCH_FIELDS: dict[str, Any] = {
    "id": lambda c: c.id, "email": lambda c: c.email, "phone": lambda c: c.phone,
    "first_name": lambda c: c.first_name, "last_name": lambda c: c.last_name,
    "created_at": lambda c: c.created_at, "updated_at": lambda c: c.updated_at,
    "state": lambda c: c.state, "tag": lambda c: tag_list(c.tags), "tag_not": lambda c: tag_list(c.tags),
    "orders_count": lambda c: c.orders_count, "amount_spent": lambda c: c.total_spent,
    "total_spent": lambda c: c.total_spent, "country": lambda c: [a.fields.get("country") for a in c.addresses],
    "accepts_marketing": lambda c: (c.email_marketing_consent or {}).get("state") == "subscribed",
    "customer_date": lambda c: c.created_at,
}
# Sort keys the mock orders by; others (LOCATION, RELEVANCE) fall back to ID (see docs/shopify-mock.md).
SORTS: dict[str, Any] = {
    "CREATED_AT": lambda c: (int(c.created_at.timestamp()), c.id),
    "UPDATED_AT": lambda c: (int(c.updated_at.timestamp()), c.id),
    "NAME": lambda c: (" ".join(p for p in (c.first_name, c.last_name) if p).lower(), c.id),
}


def _default_text(customer: Customer) -> list[object]:
    return [customer.email, customer.phone, customer.first_name, customer.last_name]


def display_name(customer: Customer) -> str:
    name = " ".join(p for p in (customer.first_name, customer.last_name) if p)
    return name or customer.email or customer.phone or ""


def customer_node(context: Context, customer: Customer, pcd: int | None = None) -> dict:
    """The customer's mapping, kept until the customer changes (the store drops it, as it drops the REST
    text cache); the fast executor memoises completed selections in it (``__memo__``). ``pcd``: the
    context's level when the caller already has it (a page reads it once)."""
    shop = context.shop
    if context.bulk:  # an export reads every customer once: keeping them all would only cost memory
        return _customer_node(context, customer)
    guard = (context.pcd if pcd is None else pcd, shop.currency, customer.updated_at, customer.orders_count, customer.total_spent,
             customer.last_order_id)
    cached = shop.customer_graphql_cache.get(customer.id)
    if cached is not None and cached[0] == guard:
        return cached[1]
    node = _customer_node(context, customer)
    node["__memo__"] = {}
    shop.customer_graphql_cache[customer.id] = (guard, node)
    return node


def _customer_node(context: Context, customer: Customer) -> dict:
    shop, pcd = context.shop, context.pcd
    email_consent = customer.email_marketing_consent or {}
    sms_consent = customer.sms_marketing_consent or {}
    default = customer.default_address

    def orders(info: Any, **args: Any) -> dict:
        from mocks.shopify.graphql.objects.orders import orders_connection
        return orders_connection(ctx(info), shop.customer_orders(customer.id), args)

    def last_order(info: Any) -> dict | None:
        from mocks.shopify.graphql.objects.orders import order_node
        order = shop.orders.get(customer.last_order_id) if customer.last_order_id else None
        return order_node(ctx(info), order) if order is not None else None

    def company_contacts(info: Any) -> list[dict]:
        from mocks.shopify.graphql.objects.companies import contact_node
        profiles = shop.company_contacts_by_customer.get(customer.id, {})
        return [contact_node(ctx(info), profiles[i]) for i in sorted(profiles)]

    addresses = [address_node(a.fields, a.id, pcd) for a in customer.addresses]
    node = {
        "__typename": "Customer", "id": gid("Customer", customer.id), "legacyResourceId": uint(customer.id),
        "firstName": customer.first_name, "lastName": customer.last_name, "displayName": display_name(customer),
        "email": customer.email, "phone": customer.phone,
        "defaultEmailAddress": {
            "emailAddress": customer.email,
            "marketingState": CONSENT_STATE.get(email_consent.get("state"), "NOT_SUBSCRIBED"),
            "marketingOptInLevel": OPT_IN.get(email_consent.get("opt_in_level")),
            "marketingUpdatedAt": date_time(email_consent.get("consent_updated_at")),
        } if customer.email else None,
        "defaultPhoneNumber": {
            "phoneNumber": customer.phone,
            "marketingState": CONSENT_STATE.get(sms_consent.get("state"), "NOT_SUBSCRIBED"),
            "marketingOptInLevel": OPT_IN.get(sms_consent.get("opt_in_level")),
            "marketingUpdatedAt": date_time(sms_consent.get("consent_updated_at")),
            "marketingCollectedFrom": sms_consent.get("consent_collected_from") or "OTHER",
        } if customer.phone else None,
        "addresses": lambda info, first=None: addresses[:first] if first is not None else addresses,
        "addressesV2": lambda info, **args: list_connection(addresses, page_args(args, ctx(info).bulk),
                                                            lambda a: a),
        "defaultAddress": address_node(default.fields, default.id, pcd) if default else None,
        "numberOfOrders": uint(customer.orders_count), "amountSpent": money_v2(customer.total_spent, shop.currency),
        "tags": tag_list(customer.tags), "note": customer.note, "createdAt": date_time(customer.created_at),
        "updatedAt": date_time(customer.updated_at), "state": customer.state.upper(),
        "verifiedEmail": customer.verified_email, "taxExempt": customer.tax_exempt,
        "lastOrder": last_order, "orders": orders, "canDelete": customer.orders_count == 0,
        "companyContactProfiles": company_contacts,
        "locale": "en", "multipassIdentifier": customer.multipass_identifier,
    }
    return redact("Customer", node, pcd)


def resolve_customer(_root: Any, info: Any, id: str) -> dict | None:  # noqa: A002
    context = ctx(info)
    context.require("read_customers", "customer")
    customer_id = legacy_id(id, "Customer")
    customer = context.shop.customers.get(customer_id) if customer_id else None
    return customer_node(context, customer) if customer else None


def customers_connection(context: Context, args: dict) -> dict:
    shop = context.shop
    pa = page_args(args, context.bulk)
    search = parse_search(args.get("query"), SEARCH_FIELDS, _default_text)
    sort = args.get("sortKey") or "ID"
    pcd = context.pcd
    render = lambda c: customer_node(context, c, pcd)  # noqa: E731
    if sort not in SORTS:
        # the id-ordered index: a page costs the page, not the shop
        return id_ordered_connection(shop.customer_ids, shop.customers.__getitem__,
                                     search.test if args.get("query") else None, pa, render)
    records = [c for c in shop.customers.values() if search.test(c)]
    return sorted_connection(records, SORTS[sort], pa, sort, render)


def resolve_customers(_root: Any, info: Any, **args: Any) -> dict:
    context = ctx(info)
    context.require("read_customers", "customers")
    return customers_connection(context, args)
