"""``productCreate``, ``productUpdate``, ``productDelete`` and ``productSet`` (synchronous)."""

from __future__ import annotations

from typing import Any

from mocks.shopify.errors import ShopifyError
from mocks.shopify.graphql.context import ctx
from mocks.shopify.graphql.ids import gid, legacy_id
from mocks.shopify.graphql.mutations.inputs import product_body, user_errors
from mocks.shopify.graphql.objects.products import product_node
from mocks.shopify.graphql.objects.shop import shop_node

NOT_FOUND = "Product does not exist"
DEFAULT_TITLE = "Default Title"  # the option value of a product's default variant


def product_create(_root: Any, info: Any, product: dict | None = None, media: list | None = None) -> dict:
    context = ctx(info)
    context.require("write_products", "productCreate")
    result: dict[str, Any] = {"product": None, "shop": shop_node(context), "userErrors": []}
    body = product_body(product or {})
    body.pop("variants", None)  # productCreate makes one default variant; variants come from other mutations
    try:
        record = context.shop.create_product(body)
    except ShopifyError as error:
        result["userErrors"] = user_errors(error)
        return result
    result["product"] = product_node(context, record)
    return result


def product_update(_root: Any, info: Any, product: dict | None = None, media: list | None = None,
                   identifier: dict | None = None) -> dict:
    context = ctx(info)
    context.require("write_products", "productUpdate")
    raw = product or {}
    product_id = legacy_id(raw.get("id") or (identifier or {}).get("id"), "Product")
    if product_id is None or product_id not in context.shop.products:
        return {"product": None, "userErrors": [{"field": ["id"], "message": NOT_FOUND}]}
    body = product_body(raw)
    body.pop("variants", None)
    try:
        record = context.shop.update_product(product_id, body)
    except ShopifyError as error:
        return {"product": None, "userErrors": user_errors(error)}
    return {"product": product_node(context, record), "userErrors": []}


def product_delete(_root: Any, info: Any, input: dict, synchronous: bool | None = None) -> dict:  # noqa: A002
    context = ctx(info)
    context.require("write_products", "productDelete")
    product_id = legacy_id(input.get("id"), "Product")
    result: dict[str, Any] = {"deletedProductId": None, "productDeleteOperation": None,
                              "shop": shop_node(context), "userErrors": []}
    if product_id is None or product_id not in context.shop.products:
        result["userErrors"] = [{"field": ["id"], "message": NOT_FOUND}]
        return result
    context.shop.delete_product(product_id)
    result["deletedProductId"] = gid("Product", product_id)
    return result


def product_set(_root: Any, info: Any, input: dict, synchronous: bool | None = True,  # noqa: A002
                identifier: dict | None = None) -> dict:
    """Create or replace a product: the given variants and options replace the current ones."""
    context = ctx(info)
    context.require("write_products", "productSet")
    shop = context.shop
    existing_id = None
    if identifier and identifier.get("id"):
        existing_id = legacy_id(identifier["id"], "Product")
        if existing_id is None or existing_id not in shop.products:
            return {"product": None, "productSetOperation": None, "userErrors": [
                {"field": ["identifier", "id"], "message": NOT_FOUND, "code": "PRODUCT_DOES_NOT_EXIST"}]}
    elif identifier and identifier.get("handle"):
        existing_id = shop.products_by_handle.get(identifier["handle"])
    elif identifier and identifier.get("customId"):
        return {"product": None, "productSetOperation": None, "userErrors": [
            {"field": ["identifier", "customId"], "code": "NOT_FOUND",
             "message": "Custom id identifiers need metafield definitions, which the mock does not have."}]}
    body = product_body(input)
    if existing_id is not None and body.get("variants"):
        body["variants"] = keep_variant_ids(body["variants"], shop.products[existing_id].variants)
    if existing_id is None and identifier and identifier.get("handle") and "handle" not in body:
        body["handle"] = identifier["handle"]
    try:
        record = shop.create_product(body) if existing_id is None else shop.update_product(existing_id, body)
    except ShopifyError as error:
        return {"product": None, "productSetOperation": None,
                "userErrors": user_errors(error, ["input"], with_code=True, default_code="INVALID_INPUT")}
    node = product_node(context, record)
    operation = None
    if synchronous is False:  # the mock finishes at once; the operation reports COMPLETE
        operation = {"id": gid("ProductSetOperation", record.id), "product": node, "status": "COMPLETE",
                     "userErrors": []}
    return {"product": node if synchronous is not False else None, "productSetOperation": operation,
            "userErrors": []}


def keep_variant_ids(wanted: list[dict], current: list[Any]) -> list[dict]:
    """``productSet`` variants given without an ``id`` update the current variant with the same option
    values (an option-value combination names one variant of a product) instead of replacing it, so its id
    stays; each current variant is matched at most once. Variants given with an ``id`` are left as given."""
    taken = {v["id"] for v in wanted if v.get("id")}
    by_values = {(v.option1, v.option2, v.option3): v.id for v in current if v.id not in taken}
    kept = []
    for variant in wanted:
        if not variant.get("id"):
            values = (variant.get("option1"), variant.get("option2"), variant.get("option3"))
            if values == (None, None, None):  # no option values: the product's only (default) variant
                values = (DEFAULT_TITLE, None, None)
            found = by_values.pop(values, None)
            if found is not None:
                variant = {**variant, "id": found}
        kept.append(variant)
    return kept
