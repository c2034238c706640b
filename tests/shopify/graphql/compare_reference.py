"""Dev-only check (not a test; it reads no reference unless given one): compare the schema the mock serves,
introspected in-process, with a Shopify Admin GraphQL SDL file.

    .venv/bin/python -m tests.shopify.graphql.compare_reference PATH/TO/admin-2026-04.schema.graphql [...]

Reports every served type, field, argument (type and default), enum value and input field that the
reference lacks or defines differently. Served object types may carry fewer fields and interfaces.
"""

from __future__ import annotations

import sys

from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLObjectType,
    build_client_schema,
    build_schema,
    get_introspection_query,
    print_ast,
)
from graphql.utilities import ast_from_value

from tests.shopify.graphql.conftest import local

BUILT_IN = ("String", "Int", "Float", "Boolean", "ID")


def _default(value: object) -> str | None:
    """An argument's or input field's default as GraphQL text (``None``: none)."""
    default = getattr(value, "default", None)
    if default is not None:
        if getattr(default, "literal", None) is not None:
            return print_ast(default.literal)
        node = ast_from_value(default.value, value.type)  # type: ignore[attr-defined]
        return print_ast(node) if node else repr(default.value)
    node = getattr(value, "ast_node", None)
    return print_ast(node.default_value) if node is not None and node.default_value is not None else None


def _fields(name: str, served: object, reference: object) -> list[str]:
    problems = []
    extra = {i.name for i in served.interfaces} - {i.name for i in reference.interfaces}  # type: ignore[attr-defined]
    if extra:
        problems.append(f"{name}: interfaces not in the reference {sorted(extra)}")
    for field_name, field in served.fields.items():  # type: ignore[attr-defined]
        theirs = reference.fields.get(field_name)  # type: ignore[attr-defined]
        if theirs is None:
            problems.append(f"{name}.{field_name}: not in the reference")
            continue
        if str(field.type) != str(theirs.type):
            problems.append(f"{name}.{field_name}: {field.type} != {theirs.type}")
        if bool(field.deprecation_reason) != bool(theirs.deprecation_reason):
            problems.append(f"{name}.{field_name}: deprecation differs")
        if set(field.args) != set(theirs.args):
            problems.append(f"{name}.{field_name}: arguments {sorted(field.args)} != {sorted(theirs.args)}")
        for arg_name, arg in field.args.items():
            other = theirs.args.get(arg_name)
            if other is not None and (str(arg.type), _default(arg)) != (str(other.type), _default(other)):
                problems.append(f"{name}.{field_name}({arg_name}): {arg.type} = {_default(arg)} != "
                                f"{other.type} = {_default(other)}")
    return problems


def compare(path: str) -> list[str]:
    served = build_client_schema(local().data(get_introspection_query()))
    with open(path, encoding="utf-8") as file:
        reference = build_schema(file.read(), assume_valid=True)
    problems: list[str] = []
    for name, kind in served.type_map.items():
        if name.startswith("__") or name in BUILT_IN:
            continue
        theirs = reference.type_map.get(name)
        if theirs is None or type(theirs) is not type(kind):
            problems.append(f"{name}: not in the reference (or another kind of type)")
        elif isinstance(kind, GraphQLObjectType | GraphQLInterfaceType):
            problems += _fields(name, kind, theirs)
        elif isinstance(kind, GraphQLEnumType):
            if set(kind.values) != set(theirs.values):  # type: ignore[attr-defined]
                problems.append(f"{name}: enum values differ {sorted(set(kind.values) ^ set(theirs.values))}")  # type: ignore[attr-defined]
        elif isinstance(kind, GraphQLInputObjectType):
            if set(kind.fields) != set(theirs.fields):  # type: ignore[attr-defined]
                problems.append(f"{name}: input fields differ {sorted(set(kind.fields) ^ set(theirs.fields))}")  # type: ignore[attr-defined]
            for field_name, field in kind.fields.items():
                other = theirs.fields.get(field_name)  # type: ignore[attr-defined]
                if other is not None and (str(field.type), _default(field)) != (str(other.type), _default(other)):
                    problems.append(f"{name}.{field_name}: {field.type} = {_default(field)} != "
                                    f"{other.type} = {_default(other)}")
    return problems


if __name__ == "__main__":
    for reference_path in sys.argv[1:]:
        found = compare(reference_path)
        print(f"{reference_path}: {len(found)} differences")
        for problem in found:
            print(f"  - {problem}")
