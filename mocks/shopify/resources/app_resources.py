"""What an app installs on a shop: webhook subscriptions, script tags; and the shop's event log."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING
from urllib.parse import urlparse

from mocks.shopify import parse
from mocks.shopify.atomic import all_or_nothing
from mocks.shopify.errors import invalid, not_found
from mocks.shopify.records import Event, ScriptTag, Webhook
from mocks.shopify.webhook_address import address_errors

if TYPE_CHECKING:
    from mocks.shopify.store import ShopStore

TOPICS = (
    "app/uninstalled", "bulk_operations/finish", "carts/create", "carts/update", "checkouts/create", "checkouts/delete", "checkouts/update",
    "companies/create", "companies/delete", "companies/update", "company_contacts/create",
    "company_contacts/delete", "company_contacts/update", "company_locations/create", "company_locations/delete",
    "company_locations/update", "customers/create", "customers/delete", "customers/disable", "customers/enable", "customers/update",
    "customers/data_request", "customers/redact", "orders/cancelled", "orders/create", "orders/delete",
    "orders/edited", "orders/fulfilled", "orders/paid", "orders/partially_fulfilled", "orders/updated",
    "products/create", "products/delete", "products/update", "shop/redact", "shop/update",
)
# The read scope a subscription to a topic needs, by the topic's resource (any one of them will do;
# Shopify's topic list names ``read_orders`` for checkouts and carts, the mock also takes its
# ``read_checkouts``). Topics of other resources (``app/uninstalled``, ``shop/update`` ...) need none.
TOPIC_SCOPES = {"companies": ("read_customers", "read_companies"),
                "company_contacts": ("read_customers", "read_companies"),
                "company_locations": ("read_customers", "read_companies"), "customers": ("read_customers",), "orders": ("read_orders",), "products": ("read_products",),
                "checkouts": ("read_orders", "read_checkouts"), "carts": ("read_orders", "read_checkouts")}
# The read scope that shows an event, by its subject.
EVENT_SCOPES = {"Product": "read_products", "Order": "read_orders"}
DISPLAY_SCOPES = ("online_store", "order_status", "all")
EVENT_PATHS = {"Product": "products", "Order": "orders"}
EVENT_TEXT = {"create": "was created", "update": "was updated", "destroy": "was deleted",
              "placed": "was placed", "cancelled": "was cancelled", "closed": "was closed",
              "re_opened": "was re-opened"}


Allows = Callable[[str], bool]


def topic_allowed(topic: str, allows: Allows | None) -> bool:
    """Whether a token with these scopes (``None``: every scope) may subscribe to ``topic``."""
    needed = TOPIC_SCOPES.get(topic.split("/", 1)[0], ())
    return allows is None or not needed or any(allows(scope) for scope in needed)


def event_visible(event: Event, allows: Allows | None) -> bool:
    """Whether a token with these scopes may read ``event`` (it needs the read scope of the subject)."""
    scope = EVENT_SCOPES.get(event.subject_type)
    return allows is None or scope is None or allows(scope)


def _url(value: str | None) -> bool:
    parsed = urlparse(value or "")
    return parsed.scheme in ("http", "https") and bool(parsed.netloc)


class AppResourcesMixin:
    # -- webhooks ---------------------------------------------------------------------------------
    def webhook(self: ShopStore, webhook_id: int) -> Webhook:
        if webhook_id not in self.webhooks:
            raise not_found()
        return self.webhooks[webhook_id]

    def check_webhook_topic(self: ShopStore, topic: str | None, allows: Allows | None = None) -> None:
        """Shopify's 422 for a topic that does not exist or that the token's scopes cannot read (the error
        lists the topics this token may subscribe to); shared by every API that subscribes."""
        allowed = [t for t in TOPICS if topic_allowed(t, allows)]
        if topic not in allowed:
            raise invalid("topic", f"Invalid topic specified. Topics allowed: {', '.join(allowed)}")

    def _check_webhook(self: ShopStore, topic: str | None, address: str | None, own_id: int | None,
                       allows: Allows | None = None) -> None:
        self.check_webhook_topic(topic, allows)
        self.check_webhook_address(address)
        if any(w.topic == topic and w.address == address and w.id != own_id for w in self.webhooks.values()):
            raise invalid("address", "for this topic has already been taken")

    def check_webhook_address(self: ShopStore, address: str | None) -> None:
        """Shopify's 422 for an address it does not deliver to (HTTPS only; ``http://`` only to loopback
        in the mock): the one rule REST and GraphQL subscriptions share."""
        errors = address_errors(address)
        if errors:
            raise invalid("address", *errors)

    def _webhook_options(self: ShopStore, hook: Webhook, body: dict) -> None:
        fmt = body.get("format", hook.format) or "json"
        if fmt != "json":
            raise invalid("format", "is not included in the list")  # the mock only delivers JSON
        fields = parse.strings(body, "fields")
        if fields is not None:
            hook.fields = fields
        namespaces = parse.strings(body, "metafield_namespaces")
        if namespaces is not None:
            hook.metafield_namespaces = namespaces

    def create_webhook(self: ShopStore, body: dict, api_version: str, allows: Allows | None = None,
                       pcd_level: int = 2) -> Webhook:
        """``allows`` tells the token's scopes (``None``: every scope); ``pcd_level`` the subscribing app's
        protected-customer-data level, which its deliveries follow (REST and GraphQL alike)."""
        topic, address = parse.text(body, "topic"), parse.text(body, "address")
        self._check_webhook(topic, address, None, allows)
        now = self.now()
        hook = Webhook(self.ids.next("webhook"), str(address), str(topic), now, now, api_version)
        self._webhook_options(hook, body)
        self.webhooks[hook.id] = hook
        if pcd_level != 2:
            self.subscription_pcd[hook.id] = pcd_level
        return hook

    @all_or_nothing("webhook")
    def update_webhook(self: ShopStore, webhook_id: int, body: dict, allows: Allows | None = None) -> Webhook:
        hook = self.webhook(webhook_id)
        topic = parse.text(body, "topic") or hook.topic
        address = parse.text(body, "address") or hook.address
        self._check_webhook(topic, address, hook.id, allows)
        self._webhook_options(hook, body)
        hook.topic, hook.address, hook.updated_at = topic, address, self.now()
        return hook

    def delete_webhook(self: ShopStore, webhook_id: int) -> None:
        self.webhook(webhook_id)
        del self.webhooks[webhook_id]
        self.subscription_pcd.pop(webhook_id, None)

    def subscriptions(self: ShopStore, topic: str) -> list[Webhook]:
        return [w for w in self.webhooks.values() if w.topic == topic]

    # -- script tags ------------------------------------------------------------------------------
    def script_tag(self: ShopStore, tag_id: int) -> ScriptTag:
        if tag_id not in self.script_tags:
            raise not_found()
        return self.script_tags[tag_id]

    def _apply_script_tag(self: ShopStore, tag: ScriptTag, body: dict) -> None:
        if "src" in body:
            src = parse.text(body, "src")
            if not src:
                raise invalid("src", "can't be blank")
            if not _url(src):
                raise invalid("src", "is invalid")
            tag.src = src
        if "event" in body and body["event"] != "onload":
            raise invalid("event", "is not included in the list")
        if "display_scope" in body and body["display_scope"] is not None:
            if body["display_scope"] not in DISPLAY_SCOPES:
                raise invalid("display_scope", "is not included in the list")
            tag.display_scope = body["display_scope"]
        tag.cache = parse.flag(body, "cache", tag.cache)

    def create_script_tag(self: ShopStore, body: dict) -> ScriptTag:
        if not parse.text(body, "src"):
            raise invalid("src", "can't be blank")
        now = self.now()
        tag = ScriptTag(self.ids.next("script_tag"), "", now, now)
        self._apply_script_tag(tag, body)
        self.script_tags[tag.id] = tag
        return tag

    @all_or_nothing("script_tag")
    def update_script_tag(self: ShopStore, tag_id: int, body: dict) -> ScriptTag:
        tag = self.script_tag(tag_id)
        self._apply_script_tag(tag, body)
        tag.updated_at = self.now()
        return tag

    def delete_script_tag(self: ShopStore, tag_id: int) -> None:
        self.script_tag(tag_id)
        del self.script_tags[tag_id]

    # -- events -----------------------------------------------------------------------------------
    def record_event(self: ShopStore, subject_type: str, subject_id: int, verb: str, title: str) -> Event:
        path = f"/admin/{EVENT_PATHS.get(subject_type, subject_type.lower() + 's')}/{subject_id}"
        text = f"{subject_type} {EVENT_TEXT.get(verb, verb)}: {title}."
        event = Event(self.ids.next("event"), subject_id, subject_type, verb, self.now(),
                      message=f'{subject_type} {EVENT_TEXT.get(verb, verb)}: <a href="https://'
                              f'{self.info.domain}{path}">{title}</a>.', description=text, path=path,
                      arguments=[title])
        self.events[event.id] = event
        return event

    def event(self: ShopStore, event_id: int) -> Event:
        if event_id not in self.events:
            raise not_found()
        return self.events[event_id]

    def filter_events(self: ShopStore, events: list[Event], filters: dict[str, str]) -> list[Event]:
        """``filter`` (subject types, comma-separated) and ``verb``."""
        kinds = {k.strip().lower() for k in filters.get("filter", "").split(",") if k.strip()}
        verb = filters.get("verb")
        return [e for e in events if (not kinds or e.subject_type.lower() in kinds) and (not verb or e.verb == verb)]

    # -- uninstall --------------------------------------------------------------------------------
    def uninstall(self: ShopStore) -> None:
        """``app/uninstalled`` goes out (with the shop), then the app's webhooks and script tags go."""
        self.emit("app/uninstalled", self.shop_json())
        self.script_tags.clear()
        self.webhooks.clear()
