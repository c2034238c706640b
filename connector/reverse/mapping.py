"""Field mappings per object with a direction each (O10), and the pure conversions between a
HubSpot property value and a Shopify field value.

A mapping is ``{hubspot: <property>, shopify: <GraphQL field>, direction: "->" | "<-" | "<->"}``:
``->`` Shopify to HubSpot, ``<-`` HubSpot to Shopify, ``<->`` both. The defaults are HubSpot's
data-sync defaults for the two-way fields; a custom list for an object is added to them, and an
entry for a property the defaults already map replaces the default entry.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from connector.errors import ConfigError
from connector.reverse.fields import FIELDS, OBJECTS, ShopifyField

DIRECTIONS = {"->": "->", "<-": "<-", "<->": "<->", "→": "->", "←": "<-", "⇄": "<->", "↔": "<->"}
POLICIES = ("most-recent", "hubspot-wins", "shopify-wins")


@dataclass(frozen=True)
class FieldMap:
    """One mapped field of one object."""

    obj: str
    hubspot: str
    shopify: str
    direction: str = "<->"

    @property
    def field(self) -> ShopifyField:
        return FIELDS[self.obj][self.shopify]

    @property
    def to_hubspot(self) -> bool:
        return self.direction in ("->", "<->")

    @property
    def to_shopify(self) -> bool:
        return self.direction in ("<-", "<->")


DEFAULTS: dict[str, tuple[FieldMap, ...]] = {
    "contacts": (FieldMap("contacts", "email", "email"), FieldMap("contacts", "firstname", "firstName"),
                 FieldMap("contacts", "lastname", "lastName"), FieldMap("contacts", "phone", "phone")),
    "products": (FieldMap("products", "name", "title"), FieldMap("products", "description", "descriptionHtml")),
    "companies": (FieldMap("companies", "name", "name"),),
}


@dataclass(frozen=True)
class Mappings:
    """Every object's field mappings and conflict policy (O9, O10)."""

    fields: dict[str, tuple[FieldMap, ...]]
    policies: dict[str, str]

    def of(self, obj: str) -> tuple[FieldMap, ...]:
        return self.fields.get(obj, ())

    def policy(self, obj: str) -> str:
        return self.policies.get(obj, "most-recent")

    def reverse(self, obj: str) -> tuple[FieldMap, ...]:
        """The mappings HubSpot -> Shopify writes (the match key excluded: it is the identifier)."""
        return tuple(m for m in self.of(obj) if m.to_shopify and not m.field.key)

    def hubspot_only(self, obj: str) -> set[str]:
        """HubSpot properties mapped ``<-`` only: the Shopify -> HubSpot direction never writes them."""
        return {m.hubspot for m in self.of(obj) if not m.to_hubspot}

    def custom(self, obj: str) -> tuple[FieldMap, ...]:
        """Entries that are not a default (setup checks or creates their HubSpot property)."""
        return tuple(m for m in self.of(obj) if m not in DEFAULTS.get(obj, ()))


def build(custom: Mapping[str, Any] | None = None, policies: Mapping[str, Any] | None = None) -> Mappings:
    """Defaults plus ``custom`` (object -> list of mapping dicts); ConfigError names the first problem."""
    fields = {obj: list(DEFAULTS[obj]) for obj in OBJECTS}
    for obj, entries in (custom or {}).items():
        if obj not in OBJECTS:
            raise ConfigError(f"field mapping: unknown object {obj!r} (use {', '.join(OBJECTS)})")
        if not isinstance(entries, list):
            raise ConfigError(f"field mapping {obj}: expected a list of {{hubspot, shopify, direction}}")
        for number, entry in enumerate(entries, 1):
            mapped = _entry(obj, number, entry)
            fields[obj] = [m for m in fields[obj] if m.hubspot != mapped.hubspot and m.shopify != mapped.shopify]
            fields[obj].append(mapped)
    chosen: dict[str, str] = {}
    for obj, policy in (policies or {}).items():
        if obj not in OBJECTS:
            raise ConfigError(f"conflict policy: unknown object {obj!r} (use {', '.join(OBJECTS)})")
        if policy not in POLICIES:
            raise ConfigError(f"conflict policy {obj}: {policy!r} is not one of {', '.join(POLICIES)}")
        chosen[obj] = str(policy)
    return Mappings({obj: tuple(v) for obj, v in fields.items()}, chosen)


def _entry(obj: str, number: int, entry: Any) -> FieldMap:
    where = f"field mapping {obj} #{number}"
    if not isinstance(entry, Mapping):
        raise ConfigError(f"{where}: expected {{hubspot, shopify, direction}}")
    unknown = set(entry) - {"hubspot", "shopify", "direction"}
    if unknown:
        raise ConfigError(f"{where}: unknown key {sorted(unknown)[0]!r}")
    hubspot, shopify = entry.get("hubspot"), entry.get("shopify")
    if not isinstance(hubspot, str) or not hubspot.strip():
        raise ConfigError(f"{where}: 'hubspot' must name a HubSpot property")
    if shopify not in FIELDS[obj]:
        known = ", ".join(FIELDS[obj])
        raise ConfigError(f"{where}: unknown Shopify field {shopify!r} for {obj} (known: {known})")
    direction = DIRECTIONS.get(str(entry.get("direction", "<->")).strip())
    if direction is None:
        raise ConfigError(f"{where}: direction must be ->, <- or <->, not {entry.get('direction')!r}")
    field = FIELDS[obj][shopify]
    if field.key and direction != "<->":
        raise ConfigError(f"{where}: {shopify} is how {obj} are matched; it syncs both ways")
    return FieldMap(obj, hubspot.strip(), shopify, direction)


# --- pure conversions -------------------------------------------------------------------------
def as_hubspot(value: Any) -> str:
    """A value as HubSpot stores it (text): booleans lower-case, lists comma-joined, None empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def shopify_value(field: ShopifyField, text: str) -> Any:
    """A HubSpot property value as the Shopify GraphQL input takes it."""
    if field.kind == "tags":
        return [t.strip() for t in text.split(",") if t.strip()]
    if field.kind == "bool":
        return text.strip().lower() == "true"
    if field.kind == "number":
        return float(text)
    return text


def to_shopify_input(mappings: Iterable[FieldMap], properties: Mapping[str, Any]) -> dict[str, Any]:
    """HubSpot properties -> a Shopify GraphQL input (``CustomerSetInput``, ``ProductSetInput`` …):
    only mapped fields with a value (an empty HubSpot value never blanks Shopify, as C3 the other way)."""
    out: dict[str, Any] = {}
    for m in mappings:
        text = as_hubspot(properties.get(m.hubspot)).strip()
        if text:
            out[m.shopify] = shopify_value(m.field, text)
    return out


def node_values(mappings: Iterable[FieldMap], node: Mapping[str, Any]) -> dict[str, str]:
    """A Shopify GraphQL node's mapped fields, as HubSpot text (to compare with HubSpot's values)."""
    return {m.hubspot: as_hubspot(node.get(m.shopify)).strip() for m in mappings}


def rest_values(mappings: Iterable[FieldMap], record: Mapping[str, Any]) -> dict[str, str]:
    """Custom ``->``/``<->`` mappings read from a REST record (what the Shopify -> HubSpot direction adds
    to the properties it already writes); empty values are left out (C3)."""
    out = {}
    for m in mappings:
        text = as_hubspot(record.get(m.field.rest)).strip()
        if text and m.to_hubspot:
            out[m.hubspot] = text
    return out
