"""``Shop``, ``WebhookSubscription``, ``DeletionEvent`` and ``BasicEvent``, and their queries."""

from __future__ import annotations

from typing import Any

from mocks.shopify.graphql.connections import page_args, sorted_connection
from mocks.shopify.graphql.context import Context, ctx
from mocks.shopify.graphql.ids import gid, legacy_id
from mocks.shopify.graphql.scalars import date_time, uint
from mocks.shopify.graphql.search import parse_search
from mocks.shopify.records import Webhook
from mocks.shopify.resources.app_resources import TOPICS


def shop_node(context: Context) -> dict:
    info = context.shop.info
    return {"__typename": "Shop", "id": gid("Shop", info.id), "name": info.name.replace("-", " ").title(),
            "email": f"owner@{info.domain}", "contactEmail": f"owner@{info.domain}",
            "myshopifyDomain": info.domain, "currencyCode": info.currency, "ianaTimezone": info.timezone,
            "createdAt": date_time(info.created_at), "updatedAt": date_time(info.created_at),
            "url": f"https://{info.domain}"}


def resolve_shop(_root: Any, info: Any) -> dict:
    return shop_node(ctx(info))


def topic_enum(topic: str) -> str:
    """``customers/create`` -> ``CUSTOMERS_CREATE``."""
    return topic.upper().replace("/", "_")


def topic_name(value: str) -> str:
    """``CUSTOMERS_CREATE`` -> ``customers/create``, ``BULK_OPERATIONS_FINISH`` -> ``bulk_operations/finish``
    (a topic the store does not know keeps the enum's words, and the store refuses it)."""
    for topic in TOPICS:
        if topic_enum(topic) == value:
            return topic
    return value.lower()


def webhook_node(context: Context, hook: Webhook) -> dict:
    return {"__typename": "WebhookSubscription", "id": gid("WebhookSubscription", hook.id),
            "legacyResourceId": uint(hook.id), "topic": topic_enum(hook.topic), "uri": hook.address,
            "format": hook.format.upper(), "includeFields": list(hook.fields),
            "apiVersion": {"handle": hook.api_version, "displayName": hook.api_version, "supported": True},
            "createdAt": date_time(hook.created_at), "updatedAt": date_time(hook.updated_at),
            "filter": None, "name": None}


WEBHOOK_SEARCH: dict[str, Any] = {"id": lambda w: w.id, "topic": lambda w: w.topic,
                                  "created_at": lambda w: w.created_at, "updated_at": lambda w: w.updated_at}
WEBHOOK_SORTS: dict[str, Any] = {"ID": lambda w: w.id,
                                 "CREATED_AT": lambda w: (int(w.created_at.timestamp()), w.id)}


def resolve_webhook(_root: Any, info: Any, id: str) -> dict | None:  # noqa: A002
    context = ctx(info)
    hook_id = legacy_id(id, "WebhookSubscription")
    hook = context.shop.webhooks.get(hook_id) if hook_id else None
    return webhook_node(context, hook) if hook else None


def resolve_webhooks(_root: Any, info: Any, **args: Any) -> dict:
    context = ctx(info)
    pa = page_args(args, context.bulk)
    search = parse_search(args.get("query"), WEBHOOK_SEARCH)
    topics = {topic_name(t) for t in args.get("topics") or []}
    hooks = [w for w in context.shop.webhooks.values() if search.test(w)
             and (not topics or w.topic in topics) and (args.get("uri") in (None, w.address))]
    sort = args.get("sortKey") if args.get("sortKey") in WEBHOOK_SORTS else "ID"
    return sorted_connection(hooks, WEBHOOK_SORTS[sort], pa, sort, lambda w: webhook_node(context, w))


def resolve_deletion_events(_root: Any, info: Any, **args: Any) -> dict:
    """Products deleted (from the shop's event log); the mock has no collections."""
    context = ctx(info)
    pa = page_args(args, context.bulk)
    kinds = set(args.get("subjectTypes") or ["PRODUCT", "COLLECTION"])
    search = parse_search(args.get("query"), {"occurred_at": lambda e: e.created_at, "id": lambda e: e.subject_id})
    events = [e for e in context.shop.events.values() if e.verb == "destroy" and e.subject_type == "Product"
              and "PRODUCT" in kinds and search.test(e)]
    return sorted_connection(
        events, lambda e: (int(e.created_at.timestamp()), e.id), pa, "CREATED_AT",
        lambda e: {"occurredAt": date_time(e.created_at), "subjectId": gid("Product", e.subject_id),
                   "subjectType": "PRODUCT"})


EVENT_SUBJECTS = {"Order": "ORDER", "Product": "PRODUCT", "Customer": "CUSTOMER", "Collection": "COLLECTION",
                  "ProductVariant": "PRODUCT_VARIANT", "DraftOrder": "DRAFT_ORDER", "PriceRule": "PRICE_RULE",
                  "Article": "ARTICLE", "Blog": "BLOG", "Page": "PAGE", "Comment": "COMMENT"}
EVENT_SEARCH: dict[str, Any] = {
    "id": lambda e: e.id, "action": lambda e: e.verb, "created_at": lambda e: e.created_at,
    "subject_type": lambda e: EVENT_SUBJECTS.get(e.subject_type, "UNKNOWN"),
}
EVENT_SORTS: dict[str, Any] = {"ID": lambda e: e.id, "CREATED_AT": lambda e: (int(e.created_at.timestamp()), e.id)}


def event_node(event: Any) -> dict:
    """A shop event as a ``BasicEvent`` (the REST ``events.json`` record: verb -> action)."""
    subject = EVENT_SUBJECTS.get(event.subject_type, "UNKNOWN")
    return {"__typename": "BasicEvent", "id": gid("BasicEvent", event.id), "action": event.verb,
            "appTitle": None if event.author == "Shopify" else event.author, "attributeToApp": False,
            "attributeToUser": False, "createdAt": date_time(event.created_at), "criticalAlert": False,
            "message": event.message, "subjectId": gid(event.subject_type, event.subject_id), "subjectType": subject}


def resolve_events(_root: Any, info: Any, **args: Any) -> dict:
    """The shop's event log (the same records as REST ``events.json``), searchable by ``action``,
    ``subject_type``, ``created_at`` and ``id``."""
    context = ctx(info)
    pa = page_args(args, context.bulk)
    search = parse_search(args.get("query"), EVENT_SEARCH)
    events = [e for e in context.shop.events.values() if search.test(e)]
    sort = args.get("sortKey") if args.get("sortKey") in EVENT_SORTS else "ID"
    return sorted_connection(events, EVENT_SORTS[sort], pa, sort, event_node)
