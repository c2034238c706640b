"""Records in HubSpot's JSON shapes (SimplePublicObject and friends)."""

from __future__ import annotations

from mocks.hubspot.objecttypes import ObjectType, resolve
from mocks.hubspot.store import HubSpotStore, Record


def property_names(t: ObjectType, requested: list[str] | None) -> list[str]:
    """The properties to return: the default set, or the requested ones plus the always-present basics."""
    if not requested:
        return list(t.default_props)
    basics = [name for name in _basics(t) if name not in requested]
    return list(requested) + basics


def render_written(store: HubSpotStore, t: ObjectType, record: Record) -> dict:
    """``render(store, t, record, list(record.properties))`` (the answer to a write), without building
    and searching the requested-name list: every stored property, then the basics it lacks as ``null``."""
    return render_written_many(store, t, [record])[0]


def render_written_many(store: HubSpotStore, t: ObjectType, records: list[Record],
                        new: list[bool] | None = None) -> list[dict]:
    """:func:`render_written` for each record of a batch (the definitions and basics are looked up once);
    ``new``: an upsert's created-or-updated flag of each record, answered as the record's last key ``new``."""
    definitions = store.properties[t.name]
    defined = definitions.keys()
    basics = [name for name in _basics(t) if name in definitions]
    out = []
    append = out.append
    for position, record in enumerate(records):
        values = record.properties
        if not values:
            data = render(store, t, record, [])
        else:
            if defined >= values.keys():  # the usual case: every stored property is still defined
                props: dict = values.copy()
            else:
                props = {name: value for name, value in values.items() if name in definitions}
            for name in basics:
                if name not in values:
                    props[name] = None
            data = {"id": str(record.id), "properties": props, "createdAt": record.created_at,
                    "updatedAt": record.updated_at, "archived": record.archived}
            if record.archived_at:
                data["archivedAt"] = record.archived_at
        if new is not None:
            data["new"] = new[position]
        append(data)
    return out


def _basics(t: ObjectType) -> tuple[str, ...]:
    """The properties every answer carries (creation and modification dates, the id); fixed per type."""
    return (*t.created_props[-1:], *t.modified_props, "hs_object_id")


def history_entry(value: str, at: str, source: str, source_id: str | None) -> dict:
    """One ``ValueWithTimestamp``: ``sourceId`` when the write had one, ``updatedByUserId`` for a user's edit."""
    entry: dict = {"value": value, "timestamp": at, "sourceType": source}
    if source_id is not None:
        entry["sourceId"] = source_id
        if source_id.startswith("userId:") and source_id[7:].isdigit():
            entry["updatedByUserId"] = int(source_id[7:])
    return entry


def render(store: HubSpotStore, t: ObjectType, record: Record, requested: list[str] | None = None,
           with_history: list[str] | None = None, associations: list[str] | None = None) -> dict:
    """One record: requested-but-empty properties are ``null``; unknown names are ignored like HubSpot does."""
    definitions = store.properties[t.name]
    props = {name: record.properties.get(name) for name in property_names(t, requested) if name in definitions}
    data = {"id": str(record.id), "properties": props, "createdAt": record.created_at,
            "updatedAt": record.updated_at, "archived": record.archived}
    if record.archived_at:
        data["archivedAt"] = record.archived_at
    if with_history:
        data["propertiesWithHistory"] = {
            name: [history_entry(*entry) for entry in reversed(record.entries(name))]
            for name in with_history if name in definitions}
    if associations:
        found = {}
        for segment in associations:
            to = resolve(segment)
            if to is None:
                continue
            results = []
            for to_id, type_ids in store.associations.targets(t.name, record.id, to.name).items():
                for type_id in sorted(type_ids):
                    definition = store.associations.definitions.get(type_id)
                    if definition is not None:
                        results.append({"id": str(to_id), "type": definition.name})
            if results:
                found[to.association_key] = {"results": results}
        if found:
            data["associations"] = found
    return data

