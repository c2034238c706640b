"""shop.json, webhooks.json, script_tags.json and events.json."""

from __future__ import annotations

from flask import Blueprint, g

from mocks.shopify.errors import not_found
from mocks.shopify.listing import COMMON_FILTERS, apply_common
from mocks.shopify.resources.app_resources import event_visible
from mocks.shopify.routes import common as c

WEBHOOK_FILTERS = COMMON_FILTERS + ("topic", "address")
SCRIPT_TAG_FILTERS = COMMON_FILTERS + ("src",)
EVENT_FILTERS = COMMON_FILTERS + ("filter", "verb")


def _match(records: list, filters: dict[str, str], keys: tuple[str, ...]) -> list:
    records = apply_common(records, filters)
    for key in keys:
        if key in filters:
            records = [r for r in records if getattr(r, key) == filters[key]]
    return records


def app_blueprint() -> Blueprint:
    bp = c.blueprint("app")

    @c.route(bp, "/shop.json", ["GET"])
    def shop():  # noqa: ANN202
        return c.one("shop", c.shop().shop_json())

    # -- webhooks ---------------------------------------------------------------------------------
    def webhooks(filters: dict[str, str]) -> list:
        return _match(list(c.shop().webhooks.values()), filters, ("topic", "address"))

    @c.route(bp, "/webhooks.json", ["GET"])
    def list_webhooks():  # noqa: ANN202
        q = c.query(WEBHOOK_FILTERS)
        return c.listing("webhooks", webhooks(q.filters), q, lambda w: w.to_dict(c.shop().zone))

    @c.route(bp, "/webhooks/count.json", ["GET"])
    def count_webhooks():  # noqa: ANN202
        return c.count(len(webhooks(c.count_filters(WEBHOOK_FILTERS))))

    @c.route(bp, "/webhooks/<int:webhook_id>.json", ["GET"])
    def get_webhook(webhook_id: int):  # noqa: ANN202
        return c.one("webhook", c.shop().webhook(webhook_id).to_dict(c.shop().zone))

    @c.route(bp, "/webhooks.json", ["POST"])
    def create_webhook():  # noqa: ANN202
        hook = c.shop().create_webhook(c.body("webhook"), c.api_version(), g.grant.allows, g.grant.pcd_level)
        return c.one("webhook", hook.to_dict(c.shop().zone), 201)

    @c.route(bp, "/webhooks/<int:webhook_id>.json", ["PUT"])
    def update_webhook(webhook_id: int):  # noqa: ANN202
        c.shop().webhook(webhook_id)
        hook = c.shop().update_webhook(webhook_id, c.body("webhook"), g.grant.allows)
        return c.one("webhook", hook.to_dict(c.shop().zone))

    @c.route(bp, "/webhooks/<int:webhook_id>.json", ["DELETE"])
    def delete_webhook(webhook_id: int):  # noqa: ANN202
        c.shop().delete_webhook(webhook_id)
        return c.empty()

    # -- script tags ------------------------------------------------------------------------------
    def script_tags(filters: dict[str, str]) -> list:
        return _match(list(c.shop().script_tags.values()), filters, ("src",))

    @c.route(bp, "/script_tags.json", ["GET"])
    def list_script_tags():  # noqa: ANN202
        q = c.query(SCRIPT_TAG_FILTERS)
        return c.listing("script_tags", script_tags(q.filters), q, lambda s: s.to_dict(c.shop().zone))

    @c.route(bp, "/script_tags/count.json", ["GET"])
    def count_script_tags():  # noqa: ANN202
        return c.count(len(script_tags(c.count_filters(SCRIPT_TAG_FILTERS))))

    @c.route(bp, "/script_tags/<int:script_tag_id>.json", ["GET"])
    def get_script_tag(script_tag_id: int):  # noqa: ANN202
        return c.one("script_tag", c.shop().script_tag(script_tag_id).to_dict(c.shop().zone))

    @c.route(bp, "/script_tags.json", ["POST"])
    def create_script_tag():  # noqa: ANN202
        return c.one("script_tag", c.shop().create_script_tag(c.body("script_tag")).to_dict(c.shop().zone), 201)

    @c.route(bp, "/script_tags/<int:script_tag_id>.json", ["PUT"])
    def update_script_tag(script_tag_id: int):  # noqa: ANN202
        c.shop().script_tag(script_tag_id)
        tag = c.shop().update_script_tag(script_tag_id, c.body("script_tag"))
        return c.one("script_tag", tag.to_dict(c.shop().zone))

    @c.route(bp, "/script_tags/<int:script_tag_id>.json", ["DELETE"])
    def delete_script_tag(script_tag_id: int):  # noqa: ANN202
        c.shop().delete_script_tag(script_tag_id)
        return c.empty()

    # -- events -----------------------------------------------------------------------------------
    def events(filters: dict[str, str], subject: tuple[str, int] | None = None) -> list:
        shop = c.shop()
        records = [e for e in shop.events.values() if event_visible(e, g.grant.allows)]
        if subject is not None:
            records = [e for e in records if e.subject_type == subject[0] and e.subject_id == subject[1]]
        return shop.filter_events(apply_common(records, filters), filters)

    @c.route(bp, "/events.json", ["GET"])
    def list_events():  # noqa: ANN202
        q = c.query(EVENT_FILTERS)
        return c.listing("events", events(q.filters), q, lambda e: e.to_dict(c.shop().zone))

    @c.route(bp, "/events/count.json", ["GET"])
    def count_events():  # noqa: ANN202
        return c.count(len(events(c.count_filters(EVENT_FILTERS))))

    @c.route(bp, "/events/<int:event_id>.json", ["GET"])
    def get_event(event_id: int):  # noqa: ANN202
        event = c.shop().event(event_id)
        if not event_visible(event, g.grant.allows):  # an event of a subject this token cannot read
            raise not_found()
        return c.one("event", event.to_dict(c.shop().zone))

    def subject_events(kind: str, subject_id: int):  # noqa: ANN202
        q = c.query(EVENT_FILTERS)
        return c.listing("events", events(q.filters, (kind, subject_id)), q, lambda e: e.to_dict(c.shop().zone))

    @c.route(bp, "/products/<int:product_id>/events.json", ["GET"])
    def product_events(product_id: int):  # noqa: ANN202
        return subject_events("Product", product_id)

    @c.route(bp, "/orders/<int:order_id>/events.json", ["GET"])
    def order_events(order_id: int):  # noqa: ANN202
        return subject_events("Order", order_id)

    return bp
