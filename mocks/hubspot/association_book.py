"""Association types (HubSpot-defined and user labels) and the associations between records.

State only, no Flask. Every association is stored in both directions, each with its own type id.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Callable

from mocks.hubspot.errors import ApiError, validation
from mocks.hubspot.objecttypes import OBJECT_TYPES, AssociationDefinition, defined_associations

USER_LABEL_FIRST_ID = 100_001  # far above HubSpot-defined ids


class AssociationBook:
    """``links[(from_type, from_id, to_type)][to_id] -> {type ids}``, kept symmetric."""

    def __init__(self) -> None:
        self.definitions: dict[int, AssociationDefinition] = {}
        self.by_pair: dict[tuple[str, str], list[AssociationDefinition]] = defaultdict(list)
        for definition in defined_associations():
            self._define(definition)
        self._ids = itertools.count(USER_LABEL_FIRST_ID)
        self.links: dict[tuple[str, int, str], dict[int, set[int]]] = defaultdict(dict)
        # Optional ``listener(action, from_type, from_id, to_type, to_id)`` told when a pair becomes
        # associated (ASSOCIATION_ADDED) or stops being (ASSOCIATION_REMOVED); the Webhooks Journal sets it.
        self.listener: Callable[[str, str, int, str, int], None] | None = None

    def _define(self, definition: AssociationDefinition) -> None:
        self.definitions[definition.type_id] = definition
        self.by_pair[(definition.from_type, definition.to_type)].append(definition)

    # -- definitions --------------------------------------------------------------------------------------
    def pair_definitions(self, from_type: str, to_type: str) -> list[AssociationDefinition]:
        return list(self.by_pair.get((from_type, to_type), []))

    def default_definition(self, from_type: str, to_type: str) -> AssociationDefinition:
        for definition in self.by_pair.get((from_type, to_type), []):
            if definition.default:
                return definition
        raise validation(f"There is no default association type between {OBJECT_TYPES[from_type].singular} "
                         f"and {OBJECT_TYPES[to_type].singular}",
                         subCategory="crm.associations.INVALID_OBJECT_TYPE_PAIR")

    def definition(self, from_type: str, to_type: str, type_id: object,
                   category: str | None = None) -> AssociationDefinition:
        """The definition ``type_id`` between the pair, or a 400 naming the bad id."""
        try:
            definition = self.definitions.get(int(str(type_id)))
        except ValueError:
            definition = None
        if definition is None or (definition.from_type, definition.to_type) != (from_type, to_type) or (
                category and category != definition.category):
            raise validation(f"{type_id} is not a valid association type id between "
                             f"{OBJECT_TYPES[from_type].singular} and {OBJECT_TYPES[to_type].singular}",
                             subCategory="crm.associations.INVALID_ASSOCIATION_TYPE",
                             context={"associationTypeId": [str(type_id)]})
        return definition

    def definition_by_id(self, type_id: object) -> AssociationDefinition | None:
        try:
            return self.definitions.get(int(str(type_id)))
        except ValueError:
            return None

    def create_label(self, from_type: str, to_type: str, label: str, name: str,
                     inverse_label: str | None) -> list[AssociationDefinition]:
        if any(d.label == label for d in self.by_pair.get((from_type, to_type), [])):
            raise ApiError(409, "CONFLICT", f"An association label named {label} already exists")
        forward_id, inverse_id = next(self._ids), next(self._ids)
        forward = AssociationDefinition(from_type, to_type, forward_id, inverse_id, "USER_DEFINED", label,
                                        name, False)
        inverse = AssociationDefinition(to_type, from_type, inverse_id, forward_id, "USER_DEFINED",
                                        inverse_label or label, f"{name}_inverse" if inverse_label else name,
                                        False)
        self._define(forward)
        if from_type != to_type or inverse_label:
            self._define(inverse)
        return [forward] + ([inverse] if inverse_label else [])

    def update_label(self, from_type: str, to_type: str, type_id: object, label: str,
                     inverse_label: str | None) -> None:
        definition = self.definition(from_type, to_type, type_id, "USER_DEFINED")
        self._replace(definition, label)
        if inverse_label and definition.inverse_id in self.definitions:
            self._replace(self.definitions[definition.inverse_id], inverse_label)

    def _replace(self, definition: AssociationDefinition, label: str) -> None:
        new = AssociationDefinition(definition.from_type, definition.to_type, definition.type_id,
                                    definition.inverse_id, definition.category, label, definition.name, False)
        pair = self.by_pair[(definition.from_type, definition.to_type)]
        pair[pair.index(definition)] = new
        self.definitions[definition.type_id] = new

    def delete_label(self, from_type: str, to_type: str, type_id: object) -> None:
        definition = self.definition(from_type, to_type, type_id, "USER_DEFINED")
        for tid in (definition.type_id, definition.inverse_id):
            gone = self.definitions.pop(tid, None)
            if gone is not None:
                self.by_pair[(gone.from_type, gone.to_type)].remove(gone)
                for key, targets in self.links.items():
                    if key[0] == gone.from_type and key[2] == gone.to_type:
                        for types in targets.values():
                            types.discard(tid)

    # -- links --------------------------------------------------------------------------------------------
    def add(self, from_type: str, from_id: int, to_type: str, to_id: int,
            definitions: list[AssociationDefinition]) -> set[int]:
        """Link the pair with these types (plus the pair's default type); returns the forward type ids."""
        chosen = list(definitions)
        default = self.default_definition(from_type, to_type)
        if default not in chosen:
            chosen.append(default)
        is_new = not self.links.get((from_type, from_id, to_type), {}).get(to_id)
        forward = self.links[(from_type, from_id, to_type)].setdefault(to_id, set())
        backward = self.links[(to_type, to_id, from_type)].setdefault(from_id, set())
        for definition in chosen:
            forward.add(definition.type_id)
            backward.add(definition.inverse_id)
        if is_new and self.listener is not None:
            self.listener("ASSOCIATION_ADDED", from_type, from_id, to_type, to_id)
        return forward

    def targets(self, from_type: str, from_id: int, to_type: str) -> dict[int, set[int]]:
        return self.links.get((from_type, from_id, to_type), {})

    def remove_pair(self, from_type: str, from_id: int, to_type: str, to_id: int) -> bool:
        found = self.links.get((from_type, from_id, to_type), {}).pop(to_id, None) is not None
        self.links.get((to_type, to_id, from_type), {}).pop(from_id, None)
        if found and self.listener is not None:
            self.listener("ASSOCIATION_REMOVED", from_type, from_id, to_type, to_id)
        return found

    def remove_types(self, from_type: str, from_id: int, to_type: str, to_id: int,
                     definitions: list[AssociationDefinition]) -> None:
        """Remove these labels; removing the default (unlabeled) type removes the whole pair."""
        if any(d.default for d in definitions):
            self.remove_pair(from_type, from_id, to_type, to_id)
            return
        forward = self.links.get((from_type, from_id, to_type), {}).get(to_id)
        backward = self.links.get((to_type, to_id, from_type), {}).get(from_id)
        for definition in definitions:
            if forward is not None:
                forward.discard(definition.type_id)
            if backward is not None:
                backward.discard(definition.inverse_id)

    def remove_record(self, object_type: str, object_id: int) -> None:
        """Forget every association of an archived record, in both directions."""
        for to_type in OBJECT_TYPES:
            targets = self.links.pop((object_type, object_id, to_type), None)
            for to_id in (targets or {}):
                self.links.get((to_type, to_id, object_type), {}).pop(object_id, None)
                if self.listener is not None:
                    self.listener("ASSOCIATION_REMOVED", object_type, object_id, to_type, to_id)

    def type_entries(self, type_ids: set[int]) -> list[dict]:
        """v4 ``associationTypes`` for a set of ids (sorted: labels first, like HubSpot)."""
        defs = [self.definitions[t] for t in type_ids if t in self.definitions]
        defs.sort(key=lambda d: (d.default, d.type_id))
        return [d.spec() for d in defs]

    def dump(self) -> list[dict]:
        out = []
        for (from_type, from_id, to_type), targets in self.links.items():
            for to_id, types in targets.items():
                if types:
                    out.append({"fromType": from_type, "fromId": str(from_id), "toType": to_type,
                                "toId": str(to_id), "typeIds": sorted(types)})
        return out
