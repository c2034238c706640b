"""Webhook subscriptions and bulk operations."""

from __future__ import annotations

from typing import Any

from mocks.shopify.errors import ShopifyError
from mocks.shopify.graphql.context import ctx
from mocks.shopify.graphql.ids import gid, legacy_id
from mocks.shopify.graphql.mutations.inputs import user_errors
from mocks.shopify.graphql.objects.shop import topic_name, webhook_node

NOT_FOUND = "Webhook subscription does not exist"


def _webhook_body(raw: dict) -> dict:
    body: dict[str, Any] = {}
    if raw.get("uri") is not None:
        body["address"] = raw["uri"]
    if raw.get("format"):
        body["format"] = str(raw["format"]).lower()
    if raw.get("includeFields") is not None:
        body["fields"] = list(raw["includeFields"])
    if raw.get("metafieldNamespaces") is not None:
        body["metafield_namespaces"] = list(raw["metafieldNamespaces"])
    return body


def webhook_create(_root: Any, info: Any, topic: str, webhookSubscription: dict) -> dict:  # noqa: N803
    context = ctx(info)
    body = {**_webhook_body(webhookSubscription), "topic": topic_name(topic)}
    try:
        hook = context.shop.create_webhook(body, context.api_version, context.grant.allows, context.grant.pcd_level)
    except ShopifyError as error:
        return {"webhookSubscription": None, "userErrors": user_errors(error, ["webhookSubscription"])}
    return {"webhookSubscription": webhook_node(context, hook), "userErrors": []}


def webhook_update(_root: Any, info: Any, id: str, webhookSubscription: dict) -> dict:  # noqa: A002, N803
    context = ctx(info)
    hook_id = legacy_id(id, "WebhookSubscription")
    if hook_id is None or hook_id not in context.shop.webhooks:
        return {"webhookSubscription": None, "userErrors": [{"field": ["id"], "message": NOT_FOUND}]}
    try:
        hook = context.shop.update_webhook(hook_id, _webhook_body(webhookSubscription), context.grant.allows)
    except ShopifyError as error:
        return {"webhookSubscription": None, "userErrors": user_errors(error, ["webhookSubscription"])}
    return {"webhookSubscription": webhook_node(context, hook), "userErrors": []}


def webhook_delete(_root: Any, info: Any, id: str) -> dict:  # noqa: A002
    context = ctx(info)
    hook_id = legacy_id(id, "WebhookSubscription")
    if hook_id is None or hook_id not in context.shop.webhooks:
        return {"deletedWebhookSubscriptionId": None, "userErrors": [{"field": ["id"], "message": NOT_FOUND}]}
    context.shop.delete_webhook(hook_id)
    return {"deletedWebhookSubscriptionId": gid("WebhookSubscription", hook_id), "userErrors": []}


def bulk_run_query(_root: Any, info: Any, query: str, groupObjects: bool) -> dict:  # noqa: N803
    context = ctx(info)
    op, errors = context.bulk_ops.start(context, query)
    return {"bulkOperation": op.node() if op else None, "userErrors": errors}


def bulk_cancel(_root: Any, info: Any, id: str) -> dict:  # noqa: A002
    context = ctx(info)
    op_id = legacy_id(id, "BulkOperation")
    op, errors = context.bulk_ops.cancel(op_id or -1, context.shop.name)
    return {"bulkOperation": op.node() if op else None, "userErrors": errors}
