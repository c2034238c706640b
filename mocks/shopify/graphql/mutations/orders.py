"""``orderCreate``, ``orderUpdate``, ``orderCancel``, ``orderClose`` and ``fulfillmentCreate``."""

from __future__ import annotations

import uuid
from typing import Any

from mocks.shopify.errors import ShopifyError
from mocks.shopify.graphql.context import ctx
from mocks.shopify.graphql.ids import gid, legacy_id
from mocks.shopify.graphql.mutations.inputs import address_body, order_body, user_errors
from mocks.shopify.graphql.objects.orders import fulfillment_node, order_node

NOT_FOUND = "Order does not exist"


def order_create(_root: Any, info: Any, order: dict, options: dict | None = None) -> dict:
    context = ctx(info)
    context.require("write_orders", "orderCreate")
    try:
        record = context.shop.create_order(order_body(order))
    except ShopifyError as error:
        return {"order": None, "userErrors": user_errors(error, ["order"], with_code=True)}
    return {"order": order_node(context, record), "userErrors": []}


def order_update(_root: Any, info: Any, input: dict) -> dict:  # noqa: A002
    context = ctx(info)
    context.require("write_orders", "orderUpdate")
    order_id = legacy_id(input.get("id"), "Order")
    if order_id is None or order_id not in context.shop.orders:
        return {"order": None, "userErrors": [{"field": ["id"], "message": NOT_FOUND}]}
    body: dict[str, Any] = {k: input[k] for k in ("email", "phone", "note") if k in input}
    if "tags" in input:
        body["tags"] = list(input["tags"] or [])
    if "shippingAddress" in input:
        body["shipping_address"] = address_body(input["shippingAddress"])
    if input.get("customAttributes") is not None:
        body["note_attributes"] = [{"name": a["key"], "value": a["value"]} for a in input["customAttributes"]]
    try:
        record = context.shop.update_order(order_id, body)
    except ShopifyError as error:
        return {"order": None, "userErrors": user_errors(error)}
    return {"order": order_node(context, record), "userErrors": []}


def order_cancel(_root: Any, info: Any, orderId: str, restock: bool, reason: str,  # noqa: N803
                 refundMethod: dict | None = None, notifyCustomer: bool | None = None,  # noqa: N803
                 staffNote: str | None = None) -> dict:  # noqa: N803
    context = ctx(info)
    context.require("write_orders", "orderCancel")
    order_id = legacy_id(orderId, "Order")
    if order_id is None or order_id not in context.shop.orders:
        error = {"field": ["orderId"], "message": NOT_FOUND}
        return {"job": None, "orderCancelUserErrors": [{**error, "code": "NOT_FOUND"}], "userErrors": [error]}
    body: dict[str, Any] = {"reason": "other" if reason == "STAFF" else reason.lower(), "restock": restock}
    if refundMethod and refundMethod.get("originalPaymentMethodsRefund"):
        body["refund"] = True
    try:
        context.shop.cancel_order(order_id, body)
    except ShopifyError as error:
        errors = user_errors(error)
        return {"job": None, "orderCancelUserErrors": [{**e, "code": "INVALID"} for e in errors],
                "userErrors": errors}
    # Shopify cancels in a background job; the mock's job is done when the mutation returns.
    return {"job": {"id": gid("Job", 0).replace("/0", f"/{uuid.uuid4()}"), "done": True, "query": {}},
            "orderCancelUserErrors": [], "userErrors": []}


def order_close(_root: Any, info: Any, input: dict) -> dict:  # noqa: A002
    context = ctx(info)
    context.require("write_orders", "orderClose")
    order_id = legacy_id(input.get("id"), "Order")
    if order_id is None or order_id not in context.shop.orders:
        return {"order": None, "userErrors": [{"field": ["id"], "message": NOT_FOUND}]}
    return {"order": order_node(context, context.shop.close_order(order_id, True)), "userErrors": []}


def fulfillment_create(_root: Any, info: Any, fulfillment: dict, message: str | None = None) -> dict:
    """Fulfils the given fulfillment order lines (all remaining ones when none are listed)."""
    context = ctx(info)
    context.require("write_orders", "fulfillmentCreate")
    shop = context.shop
    groups = fulfillment.get("lineItemsByFulfillmentOrder") or []
    if not groups:
        return {"fulfillment": None, "userErrors": [
            {"field": ["fulfillment", "lineItemsByFulfillmentOrder"], "message": "Line items by fulfillment order can't be blank"}]}
    tracking = fulfillment.get("trackingInfo") or {}
    created = None
    for index, group in enumerate(groups):
        order_id = legacy_id(group.get("fulfillmentOrderId"), "FulfillmentOrder")
        if order_id is None or order_id not in shop.orders:
            return {"fulfillment": None, "userErrors": [
                {"field": ["fulfillment", "lineItemsByFulfillmentOrder", str(index), "fulfillmentOrderId"],
                 "message": "Fulfillment order does not exist."}]}
        body: dict[str, Any] = {"tracking_company": tracking.get("company"), "tracking_number": tracking.get("number"),
                                "tracking_url": tracking.get("url")}
        lines = group.get("fulfillmentOrderLineItems")
        if lines:
            body["line_items"] = [{"id": legacy_id(li.get("id"), "FulfillmentOrderLineItem"),
                                   "quantity": li.get("quantity")} for li in lines]
        try:
            record = shop.fulfil_order(order_id, body)
        except ShopifyError as error:
            return {"fulfillment": None, "userErrors": user_errors(error, ["fulfillment"])}
        created = fulfillment_node(context, shop.orders[order_id], record)
    return {"fulfillment": created, "userErrors": []}
