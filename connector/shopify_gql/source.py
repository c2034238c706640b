"""The GraphQL Admin API as a ShopifySource (the default): cursor paging (``first``/``after``, sortKey
ID, so every record is read once while records are added), incremental reads by
``updated_at:>='…'`` search queries, ``events`` for missed deletions, ``shop``, webhook subscriptions
through ``webhookSubscriptionCreate``/``Delete`` with ``uri``, the tracking ScriptTag through
``scriptTags``/``scriptTagCreate``/``scriptTagDelete``. Every call goes through ShopifyGraphQL (cost
pacing, THROTTLED waited out); no REST call is made."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from connector.clients.shopify_graphql import ShopifyGraphQL
from connector.shopify_gql import queries, shapes

TYPENAMES = {"customers": "Customer", "products": "Product", "orders": "Order"}
SUBJECT_TYPES = {"order": "ORDER", "product": "PRODUCT"}


def topic_enum(topic: str) -> str:
    """``orders/updated`` -> ``ORDERS_UPDATED``."""
    return topic.upper().replace("/", "_")


def topic_name(value: str) -> str:
    """``ORDERS_UPDATED`` -> ``orders/updated`` (the resource is the first word)."""
    resource, _, verb = str(value).lower().partition("_")
    return f"{resource}/{verb}" if verb else resource


def search_time(since: str) -> str:
    """A search value for a timestamp (quoted: it holds ``:``)."""
    return "'" + since.replace("'", "") + "'"


class GraphQLSource(ShopifyGraphQL):
    """GraphQL implementation of connector.shopify_source.ShopifySource."""

    def __init__(self, base_url: str, token: str, **kwargs: Any) -> None:
        super().__init__(base_url, token, **kwargs)
        self._shop: dict | None = None

    # --- records
    @property
    def zone(self) -> tzinfo | None:
        """The shop's time zone (REST writes timestamps with its offset)."""
        name = self.shop().get("timezone")
        try:
            return ZoneInfo(name) if name else None
        except (ZoneInfoNotFoundError, ValueError):
            return None

    def iter_all(self, resource: str) -> Iterator[dict]:
        return self.iter_updated(resource, None)

    def iter_updated(self, resource: str, since: str | None) -> Iterator[dict]:
        root, _, size, sort = queries.RESOURCES[resource]
        text = queries.page_query(resource)
        variables: dict[str, Any] = {"first": size, "after": None, "sortKey": sort,
                                     "query": f"updated_at:>={search_time(since)}" if since else None}
        zone = self.zone
        while True:
            page = self.execute(text, variables, operation=f"{root} page").get(root) or {}
            for node in page.get("nodes") or []:
                yield self._record(resource, node, zone)
            info = page.get("pageInfo") or {}
            if not info.get("hasNextPage") or not info.get("endCursor"):
                return
            variables["after"] = info["endCursor"]

    def bulk_record(self, resource: str, node: dict) -> dict:
        """One node of a bulk export (its nested connection re-nested whole) as the record a page gives:
        a page reads a product's first variant only, so the bulk node keeps its first one too."""
        if resource == "products":
            variants = (node.get("variants") or {}).get("nodes") or []
            node = {**node, "variants": {"nodes": variants[:1]}}
        return self._record(resource, node, self.zone)

    def _record(self, resource: str, node: dict, zone: tzinfo | None) -> dict:
        if resource in ("orders", "checkouts"):
            lines = self._all_lines(resource, node)
            return shapes.SHAPES[resource](node, zone, lines)
        return shapes.SHAPES[resource](node, zone)

    def _all_lines(self, resource: str, node: dict) -> list[dict] | None:
        """Every line item node when the first page did not hold them all (else None: the page's)."""
        connection = node.get("lineItems") or {}
        info = connection.get("pageInfo") or {}
        if not info.get("hasNextPage"):
            return None
        lines = list(connection.get("nodes") or [])
        after = info.get("endCursor")
        while after:
            if resource == "orders":
                data = self.execute(queries.ORDER_LINES, {"id": node["id"], "after": after}, operation="order lines")
                more = ((data.get("order") or {}).get("lineItems")) or {}
            else:
                query = f"id:{shapes.legacy_id(node['id'])}"
                data = self.execute(queries.CHECKOUT_LINES, {"query": query, "after": after},
                                    operation="checkout lines")
                found = (data.get("abandonedCheckouts") or {}).get("nodes") or [{}]
                more = found[0].get("lineItems") or {}
            lines += more.get("nodes") or []
            page = more.get("pageInfo") or {}
            after = page.get("endCursor") if page.get("hasNextPage") else None
        return lines

    def _nodes(self, resource: str, ids: list[str]) -> list[dict]:
        typename, zone, out = TYPENAMES[resource], self.zone, []
        chunk = queries.RESOURCES[resource][2]  # ids per ``nodes`` query: a page's worth (same cost)
        for start in range(0, len(ids), chunk):
            gids = [f"gid://shopify/{typename}/{i}" for i in ids[start:start + chunk]]
            data = self.execute(queries.nodes_query(resource), {"ids": gids}, operation=f"{resource} nodes")
            out += [self._record(resource, node, zone) for node in data.get("nodes") or []
                    if isinstance(node, dict) and node.get("__typename") == typename]
        return out

    def products_by_ids(self, ids: list[str]) -> list[dict]:
        return self._nodes("products", ids)

    def current(self, resource: str, ident: str) -> dict | None:
        if resource not in TYPENAMES or not str(ident).isdigit():
            return None
        found = self._nodes(resource, [str(ident)])
        return found[0] if found else None

    def deletions(self, subject: str, since: str | None) -> Iterator[dict]:
        terms = [f"action:destroy subject_type:{SUBJECT_TYPES[subject]}"]
        if since:
            terms.append(f"created_at:>={search_time(since)}")
        variables: dict[str, Any] = {"first": 250, "after": None, "query": " ".join(terms)}
        zone = self.zone
        while True:
            page = self.execute(queries.EVENTS, variables, operation="events").get("events") or {}
            for event in page.get("nodes") or []:
                if event.get("action") == "destroy" and event.get("subjectType") == SUBJECT_TYPES[subject]:
                    yield {"id": str(shapes.legacy_id(event.get("subjectId"))),
                           "created_at": shapes.stamp(event.get("createdAt"), zone)}
            info = page.get("pageInfo") or {}
            if not info.get("hasNextPage") or not info.get("endCursor"):
                return
            variables["after"] = info["endCursor"]

    # --- the shop
    def shop(self) -> dict:
        if self._shop is None:
            shop = self.execute(queries.SHOP, operation="shop").get("shop")
            if not isinstance(shop, dict) or shop.get("id") is None:
                return {}
            self._shop = {"id": str(shapes.legacy_id(shop.get("id"))), "domain": str(shop.get("myshopifyDomain") or ""),
                          "timezone": shop.get("ianaTimezone")}
        return self._shop

    # --- webhook subscriptions
    def webhooks(self, address: str) -> list[dict]:
        out: list[dict] = []
        variables: dict[str, Any] = {"first": 100, "after": None, "uri": address}
        while True:
            page = self.execute(queries.WEBHOOKS, variables, operation="webhookSubscriptions").get(
                "webhookSubscriptions") or {}
            out += [{"id": w.get("id"), "topic": topic_name(w.get("topic")), "address": w.get("uri")}
                    for w in page.get("nodes") or [] if w.get("uri") == address]
            info = page.get("pageInfo") or {}
            if not info.get("hasNextPage") or not info.get("endCursor"):
                return out
            variables["after"] = info["endCursor"]

    def create_webhook(self, topic: str, address: str) -> None:
        self.mutate(queries.WEBHOOK_CREATE, {"topic": topic_enum(topic),
                                             "webhookSubscription": {"uri": address, "format": "JSON"}},
                    "webhookSubscriptionCreate")

    def delete_webhook(self, ident: str) -> None:
        gid = ident if str(ident).startswith("gid://") else f"gid://shopify/WebhookSubscription/{ident}"
        self.mutate(queries.WEBHOOK_DELETE, {"id": gid}, "webhookSubscriptionDelete")

    # --- script tags (S3)
    def script_tags(self, src: str) -> list[dict]:
        nodes = (self.execute(queries.SCRIPT_TAGS, {"src": src}, operation="scriptTags").get("scriptTags")
                 or {}).get("nodes") or []
        return [{"id": t.get("id"), "src": t.get("src")} for t in nodes if t.get("src") == src]

    def create_script_tag(self, src: str) -> None:
        self.mutate(queries.SCRIPT_TAG_CREATE, {"input": {"src": src, "displayScope": "ONLINE_STORE"}},
                    "scriptTagCreate")

    def delete_script_tag(self, ident: str) -> None:
        gid = ident if str(ident).startswith("gid://") else f"gid://shopify/ScriptTag/{ident}"
        self.mutate(queries.SCRIPT_TAG_DELETE, {"id": gid}, "scriptTagDelete")

