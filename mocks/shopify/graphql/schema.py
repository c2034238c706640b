"""The served schema: ``admin.graphql`` with the resolvers of every root field attached."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from importlib import resources
from typing import Any

from graphql import GraphQLSchema, build_schema

SDL_FILE = "admin.graphql"


def sdl_text() -> str:
    return resources.files("mocks.shopify.graphql").joinpath(SDL_FILE).read_text(encoding="utf-8")


def build(queries: Mapping[str, Callable[..., Any]], mutations: Mapping[str, Callable[..., Any]]) -> GraphQLSchema:
    """A fresh schema whose root fields resolve through ``queries`` and ``mutations``;
    every other field reads the mapping the parent resolver returned."""
    schema = build_schema(sdl_text())
    for fields, resolvers in ((schema.query_type.fields, queries), (schema.mutation_type.fields, mutations)):
        missing = set(fields) - set(resolvers)
        if missing:
            raise ValueError(f"no resolver for {sorted(missing)}")
        for name, resolver in resolvers.items():
            fields[name].resolve = resolver
    return schema
