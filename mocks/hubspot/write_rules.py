"""The portal's write-validation rules, enforced on 2026-09+ writes only (HubSpot's changelog of 2026-08-11:
admin-configured required properties, conditionally required properties and required associations give a
400 ``VALIDATION_ERROR`` on date-versioned 2026-09 paths; legacy and 2026-03 paths are not checked).

The exact error body for these rules is not published; the mock uses HubSpot's usual error shape with one
``errors[]`` entry per broken rule (codes ``REQUIRED_PROPERTY`` and ``REQUIRED_ASSOCIATION``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mocks.hubspot import errors
from mocks.hubspot.errors import ApiError
from mocks.hubspot.objecttypes import ObjectType, resolve


@dataclass
class Conditional:
    """When ``property`` equals ``equals`` (the stored string), ``require`` must all be set."""

    property: str
    equals: str
    require: list[str]

    def to_dict(self) -> dict:
        return {"property": self.property, "equals": self.equals, "require": list(self.require)}


@dataclass
class TypeRules:
    required: list[str] = field(default_factory=list)
    conditional: list[Conditional] = field(default_factory=list)
    required_associations: list[str] = field(default_factory=list)   # object type names, e.g. "contacts"

    def to_dict(self) -> dict:
        return {"requiredProperties": list(self.required),
                "conditionallyRequired": [c.to_dict() for c in self.conditional],
                "requiredAssociations": list(self.required_associations)}


def _names(raw: object, field_name: str) -> list[str]:
    if raw is None:
        return []
    if not isinstance(raw, list) or not all(isinstance(x, str) and x for x in raw):
        raise errors.invalid_type(field_name, "a list of names")
    return list(raw)


class WriteRules:
    """Rules per object type; ``problem`` answers the 400 a write breaking them gets (or ``None``)."""

    def __init__(self) -> None:
        self.by_type: dict[str, TypeRules] = {}

    def reset(self) -> None:
        self.by_type = {}

    def configure(self, body: object) -> dict:
        """Replace the rules from ``{"<objectType>": {requiredProperties, conditionallyRequired,
        requiredAssociations}}`` (validated whole before anything changes)."""
        if not isinstance(body, dict):
            raise errors.invalid_type("rules", "an object keyed by object type")
        parsed: dict[str, TypeRules] = {}
        for segment, raw in body.items():
            t = resolve(str(segment))
            if t is None:
                raise errors.validation(f"Unknown object type {segment}", context={"objectType": [str(segment)]})
            if not isinstance(raw, dict):
                raise errors.invalid_type(f"{segment}", "an object")
            conditional = []
            for item in raw.get("conditionallyRequired") or []:
                if not isinstance(item, dict) or not isinstance(item.get("property"), str) \
                        or not isinstance(item.get("equals"), str):
                    raise errors.invalid_type("conditionallyRequired[]", "{property, equals, require}")
                conditional.append(Conditional(item["property"], item["equals"],
                                               _names(item.get("require"), "conditionallyRequired[].require")))
            associations = []
            for name in _names(raw.get("requiredAssociations"), "requiredAssociations"):
                to = resolve(name)
                if to is None:
                    raise errors.validation(f"Unknown object type {name}", context={"objectType": [name]})
                associations.append(to.name)
            parsed[t.name] = TypeRules(_names(raw.get("requiredProperties"), "requiredProperties"), conditional,
                                       associations)
        self.by_type = parsed
        return self.dump()

    def dump(self) -> dict:
        return {name: rules.to_dict() for name, rules in self.by_type.items()}

    def problem(self, t: ObjectType, values: dict[str, str], existing: object | None,
                linked_types: set[str] | None) -> ApiError | None:
        """The error for a write of ``values`` (``existing``: the record updated, or ``None`` on create;
        ``linked_types``: object types the create associates with, ``None`` on update)."""
        rules = self.by_type.get(t.name)
        if rules is None:
            return None
        current = dict(getattr(existing, "properties", {}) or {})
        current.update(values)

        def filled(name: str) -> bool:
            return bool(current.get(name))

        details = []
        for name in rules.required:
            if not filled(name) and (existing is None or name in values):
                details.append(("REQUIRED_PROPERTY", name, f"Property {name} is required"))
        for rule in rules.conditional:
            if current.get(rule.property) == rule.equals:
                for name in rule.require:
                    if not filled(name):
                        details.append(("REQUIRED_PROPERTY", name, f"Property {name} is required when "
                                                                   f"{rule.property} is {rule.equals}"))
        if existing is None and linked_types is not None:
            for to in rules.required_associations:
                if to not in linked_types:
                    details.append(("REQUIRED_ASSOCIATION", to, f"An association to {to} is required"))
        if not details:
            return None
        return errors.validation(
            f"The write breaks the portal's {t.singular} validation rules: "
            + "; ".join(message for _, _, message in details),
            subCategory="crm.objects.WRITE_VALIDATION_FAILED",
            errors=[{"message": message, "code": code, "context": {
                "propertyName" if code == "REQUIRED_PROPERTY" else "objectType": [name]}}
                for code, name, message in details])
