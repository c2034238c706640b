"""S1 (pipelines, property group, properties) and S3 (tracking ScriptTag), plus Shopify webhook
subscriptions. Every step looks before it writes (or takes HubSpot's 409 as "already there"), so
running setup again changes nothing."""

from __future__ import annotations

import logging

from connector import names
from connector.clients.hubspot import HubSpotClient
from connector.engine.context import Schema
from connector.errors import HubSpotError
from connector.mapping.schema import object_properties, types_for_mode
from connector.shopify_source import ShopifySource

log = logging.getLogger("connector")

TOPICS = ("customers/create", "customers/update", "customers/delete", "orders/create", "orders/updated",
          "orders/delete", "orders/cancelled", "orders/fulfilled", "orders/paid", "products/create",
          "products/update", "products/delete", "checkouts/create", "checkouts/update", "checkouts/delete")


def ensure_properties(hubspot: HubSpotClient, mode: str) -> dict[str, dict[str, dict]]:
    """The ``ip__ecomm_bridge`` group and every property the mappings write, per object; returns the
    definitions that existed before, per object type (what setup learns about the portal).

    One read per object type (its properties); the group is created only when a property is missing,
    and a group that exists already (HubSpot's 409) is fine: no separate read of the groups."""
    found: dict[str, dict[str, dict]] = {}
    specs = object_properties()
    for object_type in types_for_mode(mode):
        existing = found[object_type] = {str(p.get("name")): p for p in hubspot.properties(object_type)}
        missing = [s.to_create(names.PROPERTY_GROUP) for s in specs[object_type] if s.name not in existing]
        if not missing:
            continue
        ensure_group(hubspot, object_type)
        hubspot.request("POST", hubspot.paths.properties(object_type, "batch/create"), json={"inputs": missing})
        log.info("[S1] %d properties created on %s", len(missing), object_type)
    return found


def ensure_group(hubspot: HubSpotClient, object_type: str) -> None:
    """The ``ip__ecomm_bridge`` property group of ``object_type``: created, or already there (409)."""
    try:
        hubspot.request("POST", hubspot.paths.property_groups(object_type),
                        json={"name": names.PROPERTY_GROUP, "label": names.PROPERTY_GROUP_LABEL, "displayOrder": -1})
    except HubSpotError as exc:
        if exc.status != 409:
            raise
        return
    log.info("[S1] property group %s created on %s", names.PROPERTY_GROUP, object_type)


def source_writable(contact_properties: dict[str, dict]) -> bool:
    """C6/C7: whether this portal lets an API client set the original source. HubSpot computes it; a portal
    that marks it read-only would refuse every contact write carrying it, so the connector then leaves it to
    HubSpot."""
    for name in (names.SOURCE, names.SOURCE_DATA_1, names.SOURCE_DATA_2):
        meta = (contact_properties.get(name) or {}).get("modificationMetadata") or {}
        if meta.get("readOnlyValue"):
            return False
    return True


def _match_stages(pipeline: dict, wanted: list[tuple[str, str, str]]) -> dict[str, str]:
    """Logical stage id -> the account's stage id (by id, else by label)."""
    stages = pipeline.get("stages") or []
    by_id = {s.get("id"): s for s in stages}
    by_label = {(s.get("label") or "").lower(): s for s in stages}
    out = {}
    for stage_id, label, _ in wanted:
        found = by_id.get(stage_id) or by_label.get(label.lower())
        if found:
            out[stage_id] = found["id"]
    return out


def ensure_deal_pipeline(hubspot: HubSpotClient) -> tuple[str, dict[str, str]]:
    """The Ecommerce pipeline (found by label or by its stage ids, else created)."""
    ids = {s[0] for s in names.ECOMMERCE_STAGES}
    for pipeline in hubspot.pipelines("deals"):
        stage_ids = {s.get("id") for s in pipeline.get("stages") or []}
        if pipeline.get("label") == names.ECOMMERCE_PIPELINE_LABEL or ids <= stage_ids:
            return pipeline["id"], _match_stages(pipeline, names.ECOMMERCE_STAGES)
    body = {"label": names.ECOMMERCE_PIPELINE_LABEL, "displayOrder": 1, "stages": [
        {"stageId": sid, "label": label, "displayOrder": i,
         "metadata": {"probability": prob, "isClosed": "true" if sid in (
             names.STAGE_CANCELLED, names.STAGE_ABANDONED) or prob == "1.0" else "false"}}
        for i, (sid, label, prob) in enumerate(names.ECOMMERCE_STAGES)]}
    pipeline = hubspot.request("POST", hubspot.paths.pipelines("deals"), json=body).json()
    log.info("[S1] Ecommerce pipeline %s created", pipeline.get("id"))
    return pipeline["id"], _match_stages(pipeline, names.ECOMMERCE_STAGES)


def ensure_order_pipeline(hubspot: HubSpotClient, stage_map: dict[str, str | None]) -> tuple[str, dict]:
    """The Order pipeline (HubSpot's default ids; created if the account lacks it). ``stage_map`` is
    status -> configured stage id (None = skipped); ids are resolved against the real pipeline."""
    pipeline = next((p for p in hubspot.pipelines("orders") if p.get("id") == names.ORDER_PIPELINE_ID or
                     p.get("label") == names.ORDER_PIPELINE_LABEL), None)
    if pipeline is None:
        body = {"pipelineId": names.ORDER_PIPELINE_ID, "label": names.ORDER_PIPELINE_LABEL, "displayOrder": 0,
                "stages": [{"stageId": sid, "label": label, "displayOrder": i, "metadata": {"state": state}}
                           for i, (sid, label, state) in enumerate(names.ORDER_STAGES)]}
        pipeline = hubspot.request("POST", hubspot.paths.pipelines("orders"), json=body).json()
        log.info("[S1] Order pipeline %s created", pipeline.get("id"))
    real = _match_stages(pipeline, names.ORDER_STAGES)
    return pipeline["id"], {status: (real.get(sid, sid) if sid else None) for status, sid in stage_map.items()}


def ensure_schema(hubspot: HubSpotClient, mode: str, order_stage_map: dict[str, str | None] | None) -> Schema:
    """S1 for ``mode``; returns what the engine needs to address pipelines and stages."""
    found = ensure_properties(hubspot, mode)
    schema = Schema(source_writable=source_writable(found.get("contacts", {})))
    if not schema.source_writable:
        log.warning("[C6] this portal keeps %s read-only: HubSpot sets the original source itself", names.SOURCE)
    if mode == "data-sync":
        stage_map = dict(names.DEFAULT_ORDER_STAGE_MAP if order_stage_map is None else order_stage_map)
        schema.order_pipeline, schema.order_stages = ensure_order_pipeline(hubspot, stage_map)
    else:
        schema.deal_pipeline, schema.deal_stages = ensure_deal_pipeline(hubspot)
    return schema


def install_tracking(shopify: ShopifySource, src: str) -> bool:
    """S3: the HubSpot tracking code as a ScriptTag (once). True if it was created now."""
    if shopify.script_tags(src):
        return False
    shopify.create_script_tag(src)
    log.info("[S3] tracking code installed: %s", src)
    return True


def remove_tracking(shopify: ShopifySource, src: str) -> int:
    """S3: remove our ScriptTag(s) on disconnect."""
    tags = shopify.script_tags(src)
    for tag in tags:
        shopify.delete_script_tag(tag["id"])
        log.info("[S3] tracking code removed (script tag %s)", tag["id"])
    return len(tags)


def ensure_webhooks(shopify: ShopifySource, address: str) -> int:
    """Shopify webhook subscriptions for every topic the engine handles, pointing at ``address``
    (GraphQL: ``webhookSubscriptionCreate`` with ``uri``)."""
    existing = {w.get("topic") for w in shopify.webhooks(address)}
    created = 0
    for topic in TOPICS:
        if topic not in existing:
            shopify.create_webhook(topic, address)
            created += 1
    if created:
        log.info("[S6] %d webhook subscriptions created -> %s", created, address)
    return created


def remove_webhooks(shopify: ShopifySource, address: str) -> None:
    """Delete our subscriptions (those pointing at ``address``)."""
    for hook in shopify.webhooks(address):
        shopify.delete_webhook(hook["id"])

