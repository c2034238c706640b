"""A lean executor for validated operations (queries and mutations) over the resolvers' plain mappings.

graphql-core's executor is general (async, incremental delivery, middleware) and costs most of a
request's time; the mock's objects are plain dicts whose values are already serialised, so a query can be
completed by a direct walk of the selection. :func:`execute_query` does that walk and gives up (returns
``None``) whenever anything needs graphql-core's full behaviour: directives, introspection, a variable
or argument problem, a resolver raising (Shopify's error shape, paths and null propagation come from
graphql-core), or a null in a non-null position. Queries have no side effects, so running graphql-core
afterwards is safe. Mutations have side effects, so :func:`execute_mutation` runs each root field's
resolver exactly once and records its outcome (value or error); when it gives up, graphql-core answers
with the recorded outcomes replayed (``Context.replay``) for the fields already run and runs the rest.
``tests/shopify/graphql/test_fast.py`` checks both executors give the same answers and the same store.
"""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    NameNode,
    OperationDefinitionNode,
    SelectionSetNode,
    is_abstract_type,
    is_leaf_type,
)
from graphql.execution.values import get_argument_values

from mocks.shopify.graphql.coerce import argument_values, variable_plan
from mocks.shopify.graphql.rawjson import RAW, Joined, Text


class _GiveUp(Exception):
    """Something the lean walk does not do: graphql-core answers instead."""


class _Walk:
    def __init__(self, schema: GraphQLSchema, document: DocumentNode, variables: dict, context: Any,
                 encoding: tuple[object, Callable[[Any], str]] | None = None, cache: dict | None = None) -> None:
        self.schema, self.variables = schema, variables
        # With ``encoding`` (a key naming the JSON settings, and the dumps function): kept records answer
        # as their JSON text (see rawjson.py); ``marked`` holds the ids of the dicts that contain some.
        self.encoding = encoding
        self.marked: set[int] = set()
        self.info = SimpleNamespace(context=context)
        self.fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
        # What the walk learns about the document (keys are ids of its nodes, of the field-node lists its
        # plans hold, and of the schema's types): kept in ``cache`` across requests while the document
        # is cached (it holds the nodes, so their ids stay theirs), else for this request.
        cache = {} if cache is None else cache
        self.cache = cache
        self._collected: dict[tuple, dict[str, list[FieldNode]]] = cache.setdefault("collected", {})
        self._plans: dict[tuple, list[tuple]] = cache.setdefault("plans", {})
        self._costs: dict[Any, int] = cache.setdefault("costs", {})  # per type: its own cost, and its kind
        self._categories: dict[Any, str] = cache.setdefault("categories", {})
        # (id of a field-node list held by a plan, type) -> (selection sets, key in a record's memo)
        self._selections: dict[tuple, tuple] = cache.setdefault("selections", {})
        self.cost = 0  # the actual cost, counted as objects complete (see cost.py: same rules)

    def collect(self, runtime: GraphQLObjectType, selection_sets: tuple[SelectionSetNode, ...]
                ) -> dict[str, list[FieldNode]]:
        key = (runtime.name, tuple(id(s) for s in selection_sets))
        found = self._collected.get(key)
        if found is None:
            found = {}
            for selection_set in selection_sets:
                self._collect(runtime, selection_set, found, set())
            self._collected[key] = found
        return found

    def _applies(self, runtime: GraphQLObjectType, condition: Any) -> bool:
        if condition is None:
            return True
        kind = self.schema.get_type(condition.name.value)
        if kind is None:
            return False
        return kind is runtime or (is_abstract_type(kind) and self.schema.is_sub_type(kind, runtime))  # type: ignore[arg-type]

    def _collect(self, runtime: GraphQLObjectType, selection_set: SelectionSetNode,
                 into: dict[str, list[FieldNode]], spread: set[str]) -> None:
        for selection in selection_set.selections:
            if selection.directives:
                raise _GiveUp
            if isinstance(selection, FieldNode):
                into.setdefault(selection.alias.value if selection.alias else selection.name.value, []).append(selection)
            elif isinstance(selection, InlineFragmentNode):
                if self._applies(runtime, selection.type_condition):
                    self._collect(runtime, selection.selection_set, into, spread)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = self.fragments.get(name)
                if name in spread or fragment is None or fragment.directives:
                    raise _GiveUp
                if self._applies(runtime, fragment.type_condition):
                    self._collect(runtime, fragment.selection_set, into, spread | {name})

    def plan(self, runtime: GraphQLObjectType, nodes: list[FieldNode]) -> list[tuple]:
        """Per response key: (key, field name, definition or None for ``__typename``, its nodes)."""
        sets = tuple(n.selection_set for n in nodes if n.selection_set)
        key = (runtime.name, tuple(id(s) for s in sets))
        found = self._plans.get(key)
        if found is None:
            found = []
            for response_key, field_nodes in self.collect(runtime, sets).items():
                name = field_nodes[0].name.value
                if name == "__typename":
                    found.append((response_key, name, None, field_nodes))
                elif name.startswith("__"):
                    raise _GiveUp
                else:
                    found.append((response_key, name, runtime.fields[name], field_nodes))
            self._plans[key] = found
        return found

    def selection(self, runtime: GraphQLObjectType, nodes: list[FieldNode]) -> tuple[tuple, tuple]:
        """The selection sets of ``nodes`` on ``runtime`` and their key in a record's ``__memo__``."""
        found = self._selections.get((id(nodes), runtime))
        if found is None:  # the field nodes' lists live as long as the walk's plans
            sets = tuple(n.selection_set for n in nodes if n.selection_set)
            found = self._selections[(id(nodes), runtime)] = (sets, (runtime.name, tuple(id(s) for s in sets)))
        return found

    def texts(self, runtime: GraphQLObjectType, nodes: list[FieldNode], value: list, non_null: bool) -> list:
        """A list of records of one object type: those kept with their JSON text for this selection are
        taken as they are (the hot path of a page), the others completed by :meth:`object`."""
        sets, memo_key = self.selection(runtime, nodes)
        key = self.encoding[0] if self.encoding is not None else None
        own = self._costs.get(runtime)
        if own is None:
            own = self._costs[runtime] = _object_cost(runtime)
        items: list = []
        for item in value:
            if item is None:
                if non_null:
                    raise _GiveUp
                items.append(None)
                continue
            if key is not None and type(item) is dict:
                memo = item.get("__memo__")
                hit = memo.get(memo_key) if memo is not None else None
                if hit is not None and hit[0] == sets:
                    text = hit[3].get(key)
                    if text is not None:
                        self.cost += own + hit[2]
                        items.append(text)
                        continue
            items.append(self.object(runtime, nodes, item))
        return items

    def object(self, runtime: GraphQLObjectType, nodes: list[FieldNode], value: Any, root: bool = False) -> dict:
        if not root:
            cost = self._costs.get(runtime)
            if cost is None:
                cost = self._costs[runtime] = _object_cost(runtime)
            self.cost += cost
        memo = value.get("__memo__") if type(value) is dict else None
        if memo is not None:  # a record's mapping kept until the record changes: its selections too
            sets, memo_key = self.selection(runtime, nodes)
            hit = memo.get(memo_key)
            if hit is not None and hit[0] == sets:  # the same nodes (ids are only unique while alive)
                self.cost += hit[2]
                if self.encoding is None:
                    return hit[1]
                key, dumps = self.encoding
                text = hit[3].get(key)
                if text is None:
                    text = hit[3][key] = Text(hit[1], dumps(hit[1]))
                return text  # type: ignore[return-value]
        start_cost, pure, raw_inside = self.cost, True, False
        result: dict[str, Any] = {}
        for key, name, definition, field_nodes in self.plan(runtime, nodes):
            if definition is None:
                result[key] = runtime.name
                continue
            if root:
                raw = definition.resolve(None, self.info, **argument_values(self.cache, definition, field_nodes[0],
                                                                            self.variables))
            else:
                raw = value.get(name) if isinstance(value, dict) else None
                if callable(raw):
                    pure = False  # reads other records, or depends on arguments: not memoised
                    raw = raw(self.info, **(get_argument_values(definition, field_nodes[0], self.variables)
                                            if definition.args else {}))
            kind = definition.type
            if raw is not None and type(raw) in _PLAIN and _leaf(kind):
                result[key] = raw  # the common case: a serialised scalar or enum value
            else:
                completed = result[key] = self.complete(kind, field_nodes, raw)
                if self.encoding is not None and (type(completed) in RAW or id(completed) in self.marked):
                    raw_inside = True
        if raw_inside:
            self.marked.add(id(result))
        elif memo is not None and pure and len(memo) < 64:
            memo[memo_key] = (sets, result, self.cost - start_cost, {})
        return result

    def complete(self, kind: Any, nodes: list[FieldNode], value: Any) -> Any:
        if isinstance(kind, GraphQLNonNull):
            completed = self.complete(kind.of_type, nodes, value)
            if completed is None:
                raise _GiveUp
            return completed
        if value is None:
            return None
        if isinstance(kind, GraphQLList):
            if not isinstance(value, list | tuple):
                raise _GiveUp
            item_kind = kind.of_type
            non_null = isinstance(item_kind, GraphQLNonNull)
            inner = item_kind.of_type if non_null else item_kind
            if isinstance(inner, GraphQLObjectType):  # the common list: records
                items = self.texts(inner, nodes, value, non_null)
            else:
                items = [self.complete(item_kind, nodes, item) for item in value]
            if self.encoding is not None and items:
                if all(type(item) is Text for item in items):
                    return Joined(items)
                if any(type(item) in RAW or id(item) in self.marked for item in items):
                    self.marked.add(id(items))
            return items
        category = self._categories.get(kind)
        if category is None:
            category = self._categories[kind] = _category(kind)
        if category is _LEAF:
            if isinstance(value, dict | list):
                raise _GiveUp
            return value
        runtime = kind
        if category is _ABSTRACT:
            runtime = self.schema.get_type(value.get("__typename", "")) if isinstance(value, dict) else None
            if not isinstance(runtime, GraphQLObjectType):
                raise _GiveUp
        return self.object(runtime, nodes, value)


_PLAIN = (str, int, float, bool)


def _leaf(kind: Any) -> bool:
    """A (possibly non-null) scalar or enum type."""
    return is_leaf_type(kind.of_type if isinstance(kind, GraphQLNonNull) else kind)


_LEAF, _ABSTRACT, _OBJECT = "leaf", "abstract", "object"


def _category(kind: Any) -> str:
    """A named output type's kind."""
    return _LEAF if is_leaf_type(kind) else _ABSTRACT if is_abstract_type(kind) else _OBJECT


def _object_cost(kind: GraphQLObjectType) -> int:
    """An object 1; a connection 2 (its nodes count themselves); edges and page info 0."""
    name = kind.name
    if name.endswith("Connection") and "pageInfo" in kind.fields:
        return 2
    if name == "PageInfo" or (name.endswith("Edge") and "cursor" in kind.fields):
        return 0
    return 1


def execute_query(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode,
                  variables: dict | None, context: Any, costs: list | None = None,
                  encoding: tuple[object, Callable[[Any], str]] | None = None,
                  marked: set[int] | None = None, cache: dict | None = None) -> dict | None:
    """The ``data`` of a validated query operation, or ``None`` when graphql-core must answer; the actual
    cost is appended to ``costs`` when given. With ``encoding`` and ``marked``, kept records come back as
    their JSON text (write the body with :func:`rawjson.encode` and ``marked``). ``cache``: the walk's
    notes on this document, kept by the caller as long as it keeps the document."""
    if operation.directives:
        return None
    cache = {} if cache is None else cache
    coerced = variable_plan(cache, schema, operation).coerce(variables or {})
    if isinstance(coerced, list):  # invalid variables: graphql-core reports them
        return None
    walk = _Walk(schema, document, coerced, context, encoding if marked is not None else None, cache)
    try:
        root = FieldNode(name=NameNode(value="query"), selection_set=operation.selection_set)
        data = walk.object(schema.query_type, [root], None, root=True)
        if costs is not None:
            costs.append(walk.cost)
        if marked is not None:
            marked.update(walk.marked)
        return data
    except _GiveUp:
        return None
    except Exception:  # noqa: BLE001 — a resolver's error: graphql-core gives Shopify's error shape
        return None


def execute_mutation(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode,
                     variables: dict | None, context: Any, replay: dict[str, tuple[bool, Any]],
                     cache: dict | None = None) -> dict | None:
    """The ``data`` of a validated mutation operation, root fields run serially, or ``None`` when
    graphql-core must answer: then ``replay`` holds, per response key, ``(True, value)`` or
    ``(False, error)`` for every root field already run, which graphql-core must replay, not rerun."""
    if operation.directives or schema.mutation_type is None:
        return None
    cache = {} if cache is None else cache
    coerced = variable_plan(cache, schema, operation).coerce(variables or {})
    if isinstance(coerced, list):  # invalid variables: graphql-core reports them (nothing ran)
        return None
    walk = _Walk(schema, document, coerced, context, None, cache)
    runtime = schema.mutation_type
    try:
        root = FieldNode(name=NameNode(value="mutation"), selection_set=operation.selection_set)
        plan = walk.plan(runtime, [root])
    except _GiveUp:
        return None
    data: dict[str, Any] = {}
    for key, _name, definition, field_nodes in plan:
        if definition is None:
            data[key] = runtime.name
            continue
        if key in replay:  # the same response key twice was merged by the plan; never reached
            return None
        try:
            args = argument_values(cache, definition, field_nodes[0], coerced)
        except Exception:  # noqa: BLE001 — graphql-core reports the argument (nothing of this field ran)
            return None
        try:
            raw = definition.resolve(None, walk.info, **args)
        except Exception as error:  # noqa: BLE001 — graphql-core shapes it, from the replay
            replay[key] = (False, error)
            return None
        replay[key] = (True, raw)
        try:
            data[key] = walk.complete(definition.type, field_nodes, raw)
        except Exception:  # noqa: BLE001 — _GiveUp or a completion problem: graphql-core completes it
            return None
    return data
