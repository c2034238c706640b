"""O10 + S1: the HubSpot property a custom mapping names is created by setup when missing; one that
exists with a type the Shopify field cannot hold is a configuration error (named, exit 2)."""

from __future__ import annotations

import logging

from connector import names
from connector.clients.hubspot import HubSpotClient
from connector.errors import ConfigError
from connector.mapping.schema import PropertySpec
from connector.reverse.fields import COMPATIBLE, HUBSPOT_TYPES
from connector.reverse.mapping import FieldMap, Mappings

log = logging.getLogger("connector")
NEW_TYPE = {"text": ("string", "text"), "tags": ("string", "text"), "bool": ("bool", "booleancheckbox"),
            "number": ("number", "number")}


def problem(mapping: FieldMap, definition: dict) -> str | None:
    """Why ``mapping`` cannot work with the HubSpot property ``definition`` (None if it can)."""
    kind = mapping.field.kind
    hs_type = str(definition.get("type") or "")
    if hs_type not in COMPATIBLE[kind]:
        return (f"field mapping {mapping.obj}: HubSpot property {mapping.hubspot} is of type {hs_type}, "
                f"which cannot hold Shopify {mapping.shopify} ({kind})")
    if mapping.to_hubspot and (definition.get("modificationMetadata") or {}).get("readOnlyValue"):
        return f"field mapping {mapping.obj}: HubSpot property {mapping.hubspot} is read-only; use direction <-"
    return None


def ensure_mapped_properties(hubspot: HubSpotClient, mappings: Mappings) -> None:
    """Check every custom mapping's property; create the missing ones in the connector's group."""
    for obj, object_type in HUBSPOT_TYPES.items():
        custom = mappings.custom(obj)
        if not custom:
            continue
        existing = {str(p.get("name")): p for p in hubspot.properties(object_type)}
        create = []
        for mapping in custom:
            definition = existing.get(mapping.hubspot)
            if definition is None:
                hs_type, field_type = NEW_TYPE[mapping.field.kind]
                create.append(PropertySpec(mapping.hubspot, hs_type, field_type).to_create(names.PROPERTY_GROUP))
                continue
            why = problem(mapping, definition)
            if why:
                raise ConfigError(why)
        if create:
            hubspot.request("POST", hubspot.paths.properties(object_type, "batch/create"), json={"inputs": create})
            log.info("[O10] %d mapped properties created on %s: %s", len(create), object_type,
                     ", ".join(c["name"] for c in create))
