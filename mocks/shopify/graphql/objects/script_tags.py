"""``ScriptTag``: the ``scriptTag``/``scriptTags`` queries and ``scriptTagCreate``/``scriptTagDelete``,
over the same store methods as REST ``script_tags.json``."""

from __future__ import annotations

from typing import Any

from mocks.shopify.errors import ShopifyError
from mocks.shopify.graphql.connections import page_args, sorted_connection
from mocks.shopify.graphql.context import ctx
from mocks.shopify.graphql.ids import gid, legacy_id
from mocks.shopify.graphql.mutations.inputs import user_errors
from mocks.shopify.graphql.scalars import date_time, uint
from mocks.shopify.graphql.search import parse_search
from mocks.shopify.records import ScriptTag

NOT_FOUND = "Script tag does not exist"
SEARCH: dict[str, Any] = {"id": lambda t: t.id, "src": lambda t: t.src, "created_at": lambda t: t.created_at,
                          "updated_at": lambda t: t.updated_at}


def script_tag_node(tag: ScriptTag) -> dict:
    return {"__typename": "ScriptTag", "id": gid("ScriptTag", tag.id), "legacyResourceId": uint(tag.id),
            "src": tag.src, "cache": tag.cache, "displayScope": tag.display_scope.upper(),
            "createdAt": date_time(tag.created_at), "updatedAt": date_time(tag.updated_at)}


def resolve_script_tag(_root: Any, info: Any, id: str) -> dict | None:  # noqa: A002
    context = ctx(info)
    context.require("read_script_tags", "scriptTag")
    tag_id = legacy_id(id, "ScriptTag")
    tag = context.shop.script_tags.get(tag_id) if tag_id else None
    return script_tag_node(tag) if tag else None


def resolve_script_tags(_root: Any, info: Any, **args: Any) -> dict:
    context = ctx(info)
    context.require("read_script_tags", "scriptTags")
    search = parse_search(args.get("query"), SEARCH)
    tags = [t for t in context.shop.script_tags.values()
            if search.test(t) and args.get("src") in (None, t.src)]
    return sorted_connection(tags, lambda t: t.id, page_args(args, context.bulk), "ID", script_tag_node)


def script_tag_create(_root: Any, info: Any, input: dict) -> dict:  # noqa: A002
    context = ctx(info)
    context.require("write_script_tags", "scriptTagCreate")
    if input.get("displayScope") == "ORDER_STATUS":
        return {"scriptTag": None, "userErrors": [{"field": ["input", "displayScope"],
                                                   "message": "Display scope is not included in the list"}]}
    body: dict[str, Any] = {"src": input.get("src"), "event": "onload", "cache": bool(input.get("cache"))}
    if input.get("displayScope"):
        body["display_scope"] = str(input["displayScope"]).lower()
    try:
        tag = context.shop.create_script_tag(body)
    except ShopifyError as error:
        return {"scriptTag": None, "userErrors": user_errors(error, ["input"])}
    return {"scriptTag": script_tag_node(tag), "userErrors": []}


def script_tag_delete(_root: Any, info: Any, id: str) -> dict:  # noqa: A002
    context = ctx(info)
    context.require("write_script_tags", "scriptTagDelete")
    tag_id = legacy_id(id, "ScriptTag")
    if tag_id is None or tag_id not in context.shop.script_tags:
        return {"deletedScriptTagId": None, "userErrors": [{"field": ["id"], "message": NOT_FOUND}]}
    context.shop.delete_script_tag(tag_id)
    return {"deletedScriptTagId": gid("ScriptTag", tag_id), "userErrors": []}
