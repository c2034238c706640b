"""GraphQL errors as Shopify writes them (graphql-ruby's wording for the common validation errors)."""

from __future__ import annotations

import re

from graphql import GraphQLError

RATE_DOC = "https://shopify.dev/api/usage/rate-limits"

_UNDEFINED_FIELD = re.compile(r"^Cannot query field '([^']+)' on type '([^']+)'\.")
_MISSING_ARG = re.compile(r"^Argument '[^'.]+\.([^'(]+)\(([^:]+):\)' of type '[^']+' is required, but it was not provided\.$")
_UNKNOWN_ARG = re.compile(r"^Unknown argument '([^']+)' on field '([^'.]+)\.([^']+)'\.")


def format_error(error: GraphQLError) -> dict:
    """One entry of ``errors``: message, locations, path and extensions, in graphql-ruby's terms where
    Shopify's wording is known."""
    out = error.formatted
    message = error.message
    if match := _UNDEFINED_FIELD.match(message):
        field, type_name = match.groups()
        out["message"] = f"Field '{field}' doesn't exist on type '{type_name}'"
        out["extensions"] = {"code": "undefinedField", "typeName": type_name, "fieldName": field}
    elif match := _MISSING_ARG.match(message):
        field, argument = match.groups()
        out["message"] = f"Field '{field}' is missing required arguments: {argument}"
        out["extensions"] = {"code": "missingRequiredArguments", "className": "Field", "name": field,
                             "arguments": argument}
    elif match := _UNKNOWN_ARG.match(message):
        argument, _type_name, field = match.groups()
        out["message"] = f"Field '{field}' doesn't accept argument '{argument}'"
        out["extensions"] = {"code": "argumentNotAccepted", "name": field, "typeName": "Field",
                             "argumentName": argument}
    if not out.get("locations"):
        out.pop("locations", None)
    if out.get("path") is None:
        out.pop("path", None)
    if not out.get("extensions"):
        out.pop("extensions", None)
    return out


def throttled() -> dict:
    return {"message": "Throttled", "extensions": {"code": "THROTTLED", "documentation": RATE_DOC}}


def max_cost_exceeded(cost: int, limit: int) -> dict:
    return {"message": f"Query cost is {cost}, which exceeds the single query max cost limit ({limit}).\n\n"
                       "See https://shopify.dev/concepts/about-apis/rate-limits for more information on how the\n"
                       "cost of a query is calculated.\n\nTo query larger amounts of data with fewer limits, "
                       "bulk operations should be used instead.\nSee https://shopify.dev/tutorials/"
                       "perform-bulk-operations-with-admin-api for usage details.\n",
            "extensions": {"code": "MAX_COST_EXCEEDED", "cost": cost, "maxCost": limit, "documentation": RATE_DOC}}
