"""Variable and argument values of a cached document, coerced by plans compiled once per operation.

graphql-core coerces variables generically on every request (a depth check over the value, then a walk that
asks each type what it is); a 100-mutation batch has 200 input objects to coerce. The plans here do the
same coercion for the common case with the types already looked at: input objects made of known fields,
lists, scalars and enums (each leaf still coerced by its own type). Whatever a plan does not cover, or any
value that graphql-core would refuse (a missing or null required value, an unknown field, a leaf its type
refuses, a variable default, a one-of input, nesting near the recursion limit), makes it give up and
graphql-core coerces the request as before, with its own errors: a plan never answers an error itself.
``tests/shopify/graphql/test_coerce.py`` holds the plans to graphql-core's answers.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from graphql import (
    FieldNode,
    GraphQLError,
    GraphQLField,
    GraphQLInputObjectType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLSchema,
    OperationDefinitionNode,
    Undefined,
    VariableNode,
)
from graphql.execution.get_variable_signature import get_variable_signature
from graphql.execution.values import (
    VariableValues,
    VariableValueSource,
    get_argument_values,
    get_variable_values,
)
from graphql.language.parser import MAX_NESTING_DEPTH
from graphql.type.definition import is_leaf_type, is_required_argument, is_required_input_field
from graphql.utilities.coerce_input_value import coerce_default_value

Coercer = Callable[[Any, int], Any]
_SINGLE = (dict, str, int, float, bool)  # JSON values a list type takes as a list of one


class GiveUp(Exception):
    """The plan does not cover this value: graphql-core coerces it."""


def _non_null(inner: Coercer) -> Coercer:
    def coerce(value: Any, depth: int) -> Any:
        if value is None:
            raise GiveUp
        return inner(value, depth)
    return coerce


def _list(item: Coercer) -> Coercer:
    def coerce(value: Any, depth: int) -> Any:
        if value is None:
            return None
        if depth > MAX_NESTING_DEPTH:
            raise GiveUp
        if type(value) is list:
            return [item(entry, depth + 1) for entry in value]
        if type(value) in _SINGLE:
            return [item(value, depth + 1)]
        raise GiveUp
    return coerce


def _leaf(kind: Any) -> Coercer:
    parse = kind.coerce_input_value

    def coerce(value: Any, depth: int) -> Any:
        if value is None:
            return None
        try:
            result = parse(value)
        except Exception:  # noqa: BLE001 — graphql-core reports it
            raise GiveUp from None
        if result is Undefined:
            raise GiveUp
        return result
    return coerce


def _input_object(kind: GraphQLInputObjectType, compiled: dict[str, Coercer]) -> Coercer:
    fields: list[tuple[str, str, Coercer, bool, Any]] = []
    names: frozenset[str] = frozenset()

    def coerce(value: Any, depth: int) -> Any:
        if value is None:
            return None
        if type(value) is not dict or depth > MAX_NESTING_DEPTH:
            raise GiveUp
        for name in value:
            if name not in names:
                raise GiveUp  # an unknown field
        out: dict[str, Any] = {}
        for name, out_name, field_coercer, required, default in fields:
            if name in value:
                out[out_name] = field_coercer(value[name], depth + 1)
            elif required:
                raise GiveUp
            elif default is not Undefined:
                out[out_name] = default
        return kind.out_type(out)

    compiled[kind.name] = coerce  # before the fields: an input type may contain itself
    for name, field in kind.fields.items():
        default = coerce_default_value(field)  # memoised on the field by graphql-core: the very same value
        fields.append((name, field.out_name or name, _compile(field.type, compiled), is_required_input_field(field),
                       default))
    names = frozenset(kind.fields)
    return coerce


def _compile(kind: Any, compiled: dict[str, Coercer]) -> Coercer:
    if isinstance(kind, GraphQLNonNull):
        return _non_null(_compile(kind.of_type, compiled))
    if isinstance(kind, GraphQLList):
        return _list(_compile(kind.of_type, compiled))
    if isinstance(kind, GraphQLInputObjectType):
        if kind.is_one_of:
            raise GiveUp
        found = compiled.get(kind.name)
        return found if found is not None else _input_object(kind, compiled)
    if is_leaf_type(kind):
        return _leaf(kind)
    raise GiveUp


class VariablePlan:
    """How to coerce one operation's variables (``None`` plan: graphql-core always does it)."""

    def __init__(self, schema: GraphQLSchema, operation: OperationDefinitionNode) -> None:
        self.schema, self.operation = schema, operation
        self.entries: list[tuple[str, Any, bool, Coercer]] | None = []
        compiled: dict[str, Coercer] = {}
        try:
            for node in operation.variable_definitions or ():
                signature = get_variable_signature(schema, node)
                if isinstance(signature, GraphQLError) or node.default_value is not None:
                    raise GiveUp
                self.entries.append((signature.name, signature, isinstance(signature.type, GraphQLNonNull),
                                     _compile(signature.type, compiled)))
        except (GiveUp, GraphQLError):
            self.entries = None

    def coerce(self, inputs: dict) -> VariableValues | list[GraphQLError]:
        """What ``get_variable_values`` returns for these inputs."""
        if self.entries is not None:
            try:
                sources: dict[str, VariableValueSource] = {}
                coerced: dict[str, Any] = {}
                for name, signature, required, coerce in self.entries:
                    if name not in inputs:
                        if required:
                            raise GiveUp
                        sources[name] = VariableValueSource(signature)
                        continue
                    value = inputs[name]
                    sources[name] = VariableValueSource(signature, value)
                    coerced[name] = coerce(value, 0)
                return VariableValues(sources, coerced)
            except GiveUp:
                pass
            except RecursionError:
                pass
        return get_variable_values(self.schema, self.operation.variable_definitions or [], inputs)


def variable_plan(cache: dict, schema: GraphQLSchema, operation: OperationDefinitionNode) -> VariablePlan:
    """The operation's plan, kept in ``cache`` (the document's: it holds the operation, so ids stay its)."""
    plans: dict[int, VariablePlan] = cache.setdefault("variable_plans", {})
    plan = plans.get(id(operation))
    if plan is None:
        plan = plans[id(operation)] = VariablePlan(schema, operation)
    return plan


def _argument_plan(definition: GraphQLField, node: FieldNode) -> list[tuple[str, str, bool]] | None:
    """``(out name, variable, non-null)`` per argument when each is given as a bare variable, else None."""
    given = {argument.name.value: argument.value for argument in node.arguments or ()}
    plan = []
    for name, argument in definition.args.items():
        value = given.get(name)
        if not isinstance(value, VariableNode):
            return None  # a literal, or missing (defaults): graphql-core
        plan.append((argument.out_name or name, value.name.value, isinstance(argument.type, GraphQLNonNull)
                     or is_required_argument(argument)))
    return plan


def argument_values(cache: dict, definition: GraphQLField, node: FieldNode, variables: VariableValues) -> dict:
    """What ``get_argument_values(definition, node, variables)`` returns (and raises)."""
    plans: dict[tuple[int, int], Any] = cache.setdefault("argument_plans", {})
    key = (id(definition), id(node))
    plan = plans.get(key, Undefined)
    if plan is Undefined:
        plan = plans[key] = _argument_plan(definition, node)
    if plan is not None:
        coerced, out = variables.coerced, {}
        for out_name, variable, non_null in plan:
            value = coerced.get(variable, Undefined)
            if value is Undefined or (value is None and non_null):
                break  # a missing variable (defaults) or a null for a non-null argument: graphql-core
            out[out_name] = value
        else:
            return out
    return get_argument_values(definition, node, variables)
