"""The CRM object types the mock serves, their path aliases and HubSpot-defined association types."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ObjectType:
    """One CRM object type: the plural name is the canonical key everywhere in the mock."""

    name: str             # plural, as in the v3 path (contacts, line_items)
    singular: str         # contact, line_item
    type_id: str          # 0-1
    label: str            # CONTACT: used in batch error messages
    scope: str            # crm.objects.<scope>.read|write
    created_props: tuple[str, ...]
    modified_props: tuple[str, ...]
    default_props: tuple[str, ...]
    query_props: tuple[str, ...]
    pipeline_prop: str | None = None
    stage_prop: str | None = None

    @property
    def association_key(self) -> str:
        # Real GET ?associations=line_items answers under "line items" (two independent captures).
        return "line items" if self.name == "line_items" else self.name


OBJECT_TYPES: dict[str, ObjectType] = {t.name: t for t in (
    ObjectType("contacts", "contact", "0-1", "CONTACT", "contacts", ("createdate",), ("lastmodifieddate",),
               ("createdate", "email", "firstname", "hs_object_id", "lastmodifieddate", "lastname"),
               ("firstname", "lastname", "email", "phone", "hs_additional_emails", "fax", "mobilephone",
                "company")),
    ObjectType("companies", "company", "0-2", "COMPANY", "companies", ("createdate",), ("hs_lastmodifieddate",),
               ("name", "domain", "createdate", "hs_lastmodifieddate", "hs_object_id"),
               ("name", "domain", "phone", "website")),
    ObjectType("deals", "deal", "0-3", "DEAL", "deals", ("createdate",), ("hs_lastmodifieddate",),
               ("dealname", "amount", "closedate", "pipeline", "dealstage", "createdate", "hs_lastmodifieddate",
                "hs_object_id"),
               ("dealname", "pipeline", "dealstage", "description", "dealtype"), "pipeline", "dealstage"),
    ObjectType("products", "product", "0-7", "PRODUCT", "products", ("createdate",), ("hs_lastmodifieddate",),
               ("name", "description", "price", "createdate", "hs_lastmodifieddate", "hs_object_id"),
               ("name", "description", "price", "hs_sku")),
    ObjectType("line_items", "line_item", "0-8", "LINE_ITEM", "line_items", ("createdate",),
               ("hs_lastmodifieddate",),
               ("quantity", "amount", "price", "createdate", "hs_lastmodifieddate", "hs_object_id"),
               ("name", "description", "hs_sku")),
    ObjectType("orders", "order", "0-123", "ORDER", "orders", ("createdate", "hs_createdate"),
               ("hs_lastmodifieddate",),
               ("hs_createdate", "hs_lastmodifieddate", "hs_object_id"),
               ("hs_order_name", "hs_external_order_id"), "hs_pipeline", "hs_pipeline_stage"),
    ObjectType("carts", "cart", "0-142", "CART", "carts", ("createdate", "hs_createdate"),
               ("hs_lastmodifieddate",),
               ("hs_createdate", "hs_lastmodifieddate", "hs_object_id"),
               ("hs_cart_name", "hs_external_cart_id")),
)}

_ALIASES: dict[str, str] = {}
for _t in OBJECT_TYPES.values():
    for _alias in (_t.name, _t.singular, _t.type_id, _t.label):
        _ALIASES[_alias.lower()] = _t.name
_ALIASES["line items"] = "line_items"
_ALIASES["lineitem"] = _ALIASES["lineitems"] = "line_items"

# Pipelines exist for these (tickets have pipelines but no object routes here).
PIPELINE_OBJECTS = {"deals": "deals", "deal": "deals", "0-3": "deals", "orders": "orders", "order": "orders",
                    "0-123": "orders", "tickets": "tickets", "ticket": "tickets", "0-5": "tickets"}


def resolve(segment: str) -> ObjectType | None:
    """The object type named by a path segment: plural, singular or type id (case-insensitive)."""
    name = _ALIASES.get(segment.lower())
    return OBJECT_TYPES[name] if name else None


# HUBSPOT_DEFINED association types: (from, to, typeId, reverse typeId, name suffix).
# Pairs with a "primary" and an "unlabeled" variant list the unlabeled (default) one first.
_DEFINED: list[tuple[str, str, int, int, str]] = [
    ("deals", "contacts", 3, 4, ""),
    ("deals", "line_items", 19, 20, ""),
    ("contacts", "companies", 279, 280, "_unlabeled"),
    ("contacts", "companies", 1, 2, ""),
    ("deals", "companies", 341, 342, "_unlabeled"),
    ("deals", "companies", 5, 6, ""),
    ("contacts", "orders", 508, 507, ""),
    ("deals", "orders", 511, 512, ""),
    ("line_items", "orders", 514, 513, ""),
    ("contacts", "carts", 587, 586, ""),
    ("line_items", "carts", 591, 590, ""),
    ("orders", "carts", 593, 592, ""),
    ("deals", "carts", 1346, 1347, ""),
    ("companies", "orders", 935, 934, "_unlabeled"),
    ("orders", "companies", 509, 510, ""),
]


@dataclass(frozen=True)
class AssociationDefinition:
    """One direction of an association type."""

    from_type: str
    to_type: str
    type_id: int
    inverse_id: int
    category: str          # HUBSPOT_DEFINED | USER_DEFINED
    label: str | None
    name: str              # v3 name, e.g. deal_to_contact
    default: bool          # the pair's unlabeled default type

    def spec(self) -> dict:
        return {"category": self.category, "typeId": self.type_id, "label": self.label}


def defined_associations() -> list[AssociationDefinition]:
    """Every HubSpot-defined association type, both directions, each with its own id."""
    seen_pairs: set[tuple[str, str]] = set()
    out = []
    for src, dst, fwd, rev, suffix in _DEFINED:
        default = (src, dst) not in seen_pairs
        seen_pairs.add((src, dst))
        a, b = OBJECT_TYPES[src].singular, OBJECT_TYPES[dst].singular
        label = None if default else "Primary"
        out.append(AssociationDefinition(src, dst, fwd, rev, "HUBSPOT_DEFINED", label, f"{a}_to_{b}{suffix}",
                                         default))
        out.append(AssociationDefinition(dst, src, rev, fwd, "HUBSPOT_DEFINED", label, f"{b}_to_{a}{suffix}",
                                         default))
    return out
