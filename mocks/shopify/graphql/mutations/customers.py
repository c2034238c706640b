"""``customerCreate``, ``customerUpdate``, ``customerDelete`` and ``customerSet``."""

from __future__ import annotations

from typing import Any

from mocks.shopify.errors import ShopifyError
from mocks.shopify.graphql.context import ctx
from mocks.shopify.graphql.ids import gid, legacy_id
from mocks.shopify.graphql.mutations.inputs import customer_body, user_errors
from mocks.shopify.graphql.objects.customers import customer_node
from mocks.shopify.graphql.objects.shop import shop_node

NOT_FOUND = "Customer does not exist"


def customer_create(_root: Any, info: Any, input: dict) -> dict:  # noqa: A002
    context = ctx(info)
    context.require("write_customers", "customerCreate")
    try:
        customer = context.shop.create_customer(customer_body(input))
    except ShopifyError as error:
        return {"customer": None, "userErrors": user_errors(error)}
    return {"customer": customer_node(context, customer), "userErrors": []}


def customer_update(_root: Any, info: Any, input: dict) -> dict:  # noqa: A002
    context = ctx(info)
    context.require("write_customers", "customerUpdate")
    customer_id = legacy_id(input.get("id"), "Customer")
    if customer_id is None or customer_id not in context.shop.customers:
        return {"customer": None, "userErrors": [{"field": ["id"], "message": NOT_FOUND}]}
    try:
        customer = context.shop.update_customer(customer_id, customer_body(input))
    except ShopifyError as error:
        return {"customer": None, "userErrors": user_errors(error)}
    return {"customer": customer_node(context, customer), "userErrors": []}


def customer_delete(_root: Any, info: Any, input: dict) -> dict:  # noqa: A002
    context = ctx(info)
    context.require("write_customers", "customerDelete")
    customer_id = legacy_id(input.get("id"), "Customer")
    result: dict[str, Any] = {"deletedCustomerId": None, "shop": shop_node(context), "userErrors": []}
    if customer_id is None or customer_id not in context.shop.customers:
        result["userErrors"] = [{"field": ["id"], "message": "Customer can't be found"}]
        return result
    try:
        context.shop.delete_customer(customer_id)
    except ShopifyError as error:
        result["userErrors"] = user_errors(error)
        return result
    result["deletedCustomerId"] = gid("Customer", customer_id)
    return result


def _set_error(field: list[str] | None, message: str, code: str) -> dict:
    return {"customer": None, "userErrors": [{"field": field, "message": message, "code": code}]}


def customer_set(_root: Any, info: Any, input: dict, identifier: dict | None = None) -> dict:  # noqa: A002
    """Create, or update the customer the identifier names (by id, email or phone); the given list
    fields (addresses, tags) replace the current ones."""
    context = ctx(info)
    context.require("write_customers", "customerSet")
    shop = context.shop
    existing = None
    if identifier:
        given = [k for k in ("id", "email", "phone", "customId") if identifier.get(k) is not None]
        if len(given) != 1:
            return _set_error(["identifier"], "Exactly one identifier must be provided.", "INVALID")
        key = given[0]
        if key == "customId":
            return _set_error(["identifier", "customId"],
                              "Custom id identifiers need metafield definitions, which the mock does not have.",
                              "NOT_FOUND")
        if key == "id":
            customer_id = legacy_id(identifier["id"], "Customer")
            existing = shop.customers.get(customer_id) if customer_id else None
            if existing is None:
                return _set_error(["identifier", "id"], NOT_FOUND, "NOT_FOUND")
        elif key == "email":
            if input.get("email") is not None and str(input["email"]).lower() != str(identifier["email"]).lower():
                return _set_error(["input", "email"], "The input email must match the identifier email.",
                                  "INPUT_MISMATCH")
            existing = shop.find_customer_by_email(identifier["email"])
            input = {**input, "email": identifier["email"]}  # noqa: A001
        else:
            if input.get("phone") is not None and input["phone"] != identifier["phone"]:
                return _set_error(["input", "phone"], "The input phone must match the identifier phone.",
                                  "INPUT_MISMATCH")
            from mocks.shopify.values import normalize_phone
            try:
                phone = normalize_phone(identifier["phone"])
            except ValueError:
                return _set_error(["identifier", "phone"], "Phone is invalid", "INVALID")
            existing = shop.find_customer_by_phone(phone) if phone else None
            input = {**input, "phone": identifier["phone"]}  # noqa: A001
    body = customer_body(input)
    try:
        if existing is None:
            customer = shop.create_customer(body)
        else:
            customer = shop.update_customer(existing.id, body, replace_addresses=True)
    except ShopifyError as error:
        return {"customer": None, "userErrors": user_errors(error, ["input"], with_code=True)}
    return {"customer": customer_node(context, customer), "userErrors": []}
