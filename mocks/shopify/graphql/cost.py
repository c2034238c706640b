"""Query cost as Shopify documents it, computed from the document before it runs (requested) and from
the response after (actual): scalars and enums 0, objects 1, connections 2 plus their page size times
the cost of one node, each root mutation field 10.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLSchema,
    GraphQLUnionType,
    InlineFragmentNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    get_named_type,
    get_nullable_type,
    is_leaf_type,
    is_list_type,
    value_from_ast_untyped,
)

MUTATION_COST = 10
CONNECTION_COST = 2


def _int_arg(node: FieldNode, name: str, variables: Mapping[str, Any]) -> int | None:
    for argument in node.arguments or ():
        if argument.name.value == name:
            value = value_from_ast_untyped(argument.value, variables)
            return value if isinstance(value, int) else None
    return None


def _list_len(node: FieldNode, name: str, variables: Mapping[str, Any]) -> int | None:
    for argument in node.arguments or ():
        if argument.name.value == name:
            value = value_from_ast_untyped(argument.value, variables)
            return len(value) if isinstance(value, list) else None
    return None


class CostModel:
    """Costs of one operation of a parsed document under one schema."""

    def __init__(self, schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode,
                 variables: Mapping[str, Any] | None) -> None:
        self.schema, self.operation, self.variables = schema, operation, dict(variables or {})
        self.fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}

    # -- walking selections ------------------------------------------------------------------------
    def _fields(self, selection_set: SelectionSetNode | None, parent: Any, seen: frozenset = frozenset()
                ) -> list[tuple[FieldNode, Any]]:
        """The fields selected on ``parent`` (fragments on other types included with their own type)."""
        out: list[tuple[FieldNode, Any]] = []
        for selection in (selection_set.selections if selection_set else ()):
            if isinstance(selection, FieldNode):
                out.append((selection, parent))
            elif isinstance(selection, InlineFragmentNode):
                kind = self.schema.get_type(selection.type_condition.name.value) if selection.type_condition else parent
                out.extend(self._fields(selection.selection_set, kind or parent, seen))
            elif isinstance(selection, FragmentSpreadNode) and selection.name.value not in seen:
                fragment = self.fragments.get(selection.name.value)
                if fragment is not None:
                    kind = self.schema.get_type(fragment.type_condition.name.value) or parent
                    out.extend(self._fields(fragment.selection_set, kind, seen | {selection.name.value}))
        return out

    @staticmethod
    def _field_type(parent: Any, name: str) -> Any:
        if isinstance(parent, GraphQLObjectType | GraphQLInterfaceType) and name in parent.fields:
            return parent.fields[name].type
        return None

    def _children(self, node: FieldNode, named: Any, data: Any = None, actual: bool = False) -> int:
        """The cost of a selection below an object of type ``named`` (for one object)."""
        total_by_type: dict[str, int] = {}
        for child, owner in self._fields(node.selection_set, named):
            owner_name = getattr(owner, "name", "")
            value = data.get(child.alias.value if child.alias else child.name.value) if isinstance(data, dict) else None
            if actual and isinstance(data, dict) and (child.alias.value if child.alias else child.name.value) not in data:
                continue  # a fragment on another type: not in this object's response
            total_by_type[owner_name] = total_by_type.get(owner_name, 0) + self._field(child, owner, value, actual)
        if not total_by_type:
            return 0
        own = total_by_type.pop(getattr(named, "name", ""), 0)
        return own + (max(total_by_type.values()) if total_by_type else 0)

    def _field(self, node: FieldNode, parent: Any, value: Any = None, actual: bool = False) -> int:
        name = node.name.value
        if name.startswith("__"):
            return 0
        field_type = self._field_type(parent, name)
        if field_type is None:
            return 0
        named = get_named_type(field_type)
        if is_leaf_type(named):
            return 0
        if named.name.endswith("Connection") and isinstance(named, GraphQLObjectType) and "pageInfo" in named.fields:
            return CONNECTION_COST + self._connection(node, named, value, actual)
        if actual:
            items = [v for v in value if v is not None] if isinstance(value, list) else ([value] if value is not None else [])
            return sum(1 + self._children(node, named, item, True) for item in items)
        size = 1
        if is_list_type(get_nullable_type(field_type)):
            size = _int_arg(node, "first", self.variables) or _list_len(node, "ids", self.variables) or 1
        return size * (1 + self._children(node, named))

    def _connection(self, node: FieldNode, named: GraphQLObjectType, value: Any, actual: bool) -> int:
        """Page size times the cost of one node, over ``edges { node }`` and ``nodes``."""
        size = (_int_arg(node, "first", self.variables) or _int_arg(node, "last", self.variables) or 0)
        total = 0
        for child, _owner in self._fields(node.selection_set, named):
            child_name, key = child.name.value, (child.alias.value if child.alias else child.name.value)
            child_value = value.get(key) if isinstance(value, dict) else None
            if child_name == "nodes":
                node_type = get_named_type(named.fields["nodes"].type)
                items = child_value if isinstance(child_value, list) else []
                total += sum(1 + self._children(child, node_type, item, True) for item in items) if actual \
                    else size * (1 + self._children(child, node_type))
            elif child_name == "edges":
                edge_type = get_named_type(named.fields["edges"].type)
                for edge_child, _ in self._fields(child.selection_set, edge_type):
                    if edge_child.name.value != "node":
                        continue
                    node_type = get_named_type(edge_type.fields["node"].type)
                    edge_key = edge_child.alias.value if edge_child.alias else "node"
                    if actual:
                        edges = child_value if isinstance(child_value, list) else []
                        total += sum(1 + self._children(edge_child, node_type, (e or {}).get(edge_key), True)
                                     for e in edges if isinstance(e, dict) and e.get(edge_key) is not None)
                    else:
                        total += size * (1 + self._children(edge_child, node_type))
        return total

    # -- public ----------------------------------------------------------------------------------------
    def root_type(self) -> Any:
        if self.operation.operation == OperationType.MUTATION:
            return self.schema.mutation_type
        return self.schema.query_type

    def requested(self) -> int:
        root = self.root_type()
        if self.operation.operation == OperationType.MUTATION:
            return sum(MUTATION_COST for field, _ in self._fields(self.operation.selection_set, root)
                       if not field.name.value.startswith("__"))
        return sum(self._field(f, owner) for f, owner in self._fields(self.operation.selection_set, root))

    def actual(self, data: Mapping[str, Any] | None) -> int:
        root = self.root_type()
        if self.operation.operation == OperationType.MUTATION:
            return self.requested()
        if not data:
            return 0
        return sum(self._field(f, owner, data.get(f.alias.value if f.alias else f.name.value), True)
                   for f, owner in self._fields(self.operation.selection_set, root))


def is_abstract(kind: Any) -> bool:
    return isinstance(kind, GraphQLInterfaceType | GraphQLUnionType)
