"""The REST Admin API as a ShopifySource (``--shopify-api rest``): list endpoints with ``updated_at_min``,
``events.json?verb=destroy`` for missed deletions, ``shop.json``, ``webhooks.json``, ``script_tags.json``."""

from __future__ import annotations

from collections.abc import Iterator

from connector.clients.shopify import ShopifyClient
from connector.errors import ApiError

LIST_PARAMS = {"orders": {"status": "any"}}
EVENT_FILTER = {"order": "Order", "product": "Product"}


class RestSource(ShopifyClient):
    """REST implementation of connector.shopify_source.ShopifySource (the ShopifyClient calls stay)."""

    def iter_all(self, resource: str) -> Iterator[dict]:
        return self.paginate(resource, dict(LIST_PARAMS.get(resource, {})))

    def iter_updated(self, resource: str, since: str | None) -> Iterator[dict]:
        params = dict(LIST_PARAMS.get(resource, {}))
        if since:
            params["updated_at_min"] = since
        return self.paginate(resource, params)

    def products_by_ids(self, ids: list[str]) -> list[dict]:
        out: list[dict] = []
        for start in range(0, len(ids), 250):
            out += self.get("products", {"ids": ",".join(ids[start:start + 250]), "limit": 250}).get("products", [])
        return out

    def current(self, resource: str, ident: str) -> dict | None:
        try:
            record = self.get(f"{resource}/{ident}").get(resource[:-1])
        except ApiError as exc:
            if exc.status == 404:
                return None
            raise
        return record if isinstance(record, dict) else None

    def deletions(self, subject: str, since: str | None) -> Iterator[dict]:
        params = {"filter": EVENT_FILTER[subject], "verb": "destroy"}
        if since:
            params["created_at_min"] = since
        for event in self.paginate("events", params):
            yield {"id": str(event.get("subject_id")), "created_at": event.get("created_at")}

    def shop(self) -> dict:
        shop = self.get("shop").get("shop")
        if not isinstance(shop, dict) or shop.get("id") is None:
            return {}
        return {"id": str(shop.get("id")), "domain": str(shop.get("myshopify_domain") or shop.get("domain") or ""),
                "timezone": shop.get("iana_timezone")}

    def webhooks(self, address: str) -> list[dict]:
        return [{"id": str(w.get("id")), "topic": w.get("topic"), "address": w.get("address")}
                for w in self.paginate("webhooks", {}) if w.get("address") == address]

    def create_webhook(self, topic: str, address: str) -> None:
        self.request("POST", "webhooks", json={"webhook": {"topic": topic, "address": address, "format": "json"}})

    def delete_webhook(self, ident: str) -> None:
        self.request("DELETE", f"webhooks/{ident}")

    def script_tags(self, src: str) -> list[dict]:
        return [{"id": str(t.get("id")), "src": t.get("src")}
                for t in self.get("script_tags", {"src": src}).get("script_tags", []) if t.get("src") == src]

    def create_script_tag(self, src: str) -> None:
        self.request("POST", "script_tags", json={"script_tag": {"event": "onload", "src": src}})

    def delete_script_tag(self, ident: str) -> None:
        self.request("DELETE", f"script_tags/{ident}")
