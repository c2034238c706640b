"""Reading and writing Shopify records for the HubSpot -> Shopify direction, through the GraphQL
Admin API (``customerSet``, ``productSet``). Nodes come back flattened to the mapping's field names
(``email``, ``phone``, ``firstName`` …) plus ``id`` (a GID) and ``legacyId`` and ``updatedAt``."""

from __future__ import annotations

from typing import Any

from connector.clients.shopify_graphql import ShopifyGraphQL

CUSTOMER = ("id legacyResourceId updatedAt firstName lastName note tags taxExempt "
            "defaultEmailAddress { emailAddress } defaultPhoneNumber { phoneNumber }")
PRODUCT = "id legacyResourceId updatedAt title descriptionHtml vendor productType tags"

CUSTOMER_BY_ID = f"query customerById($id: ID!) {{ customer(id: $id) {{ {CUSTOMER} }} }}"
CUSTOMERS = f"query customersByEmail($q: String!) {{ customers(first: 5, query: $q) {{ nodes {{ {CUSTOMER} }} }} }}"
CUSTOMER_SET = (f"mutation customerSet($input: CustomerSetInput!, $identifier: CustomerSetIdentifiers) {{ "
                f"customerSet(input: $input, identifier: $identifier) {{ customer {{ {CUSTOMER} }} "
                f"userErrors {{ field message code }} }} }}")
PRODUCT_BY_ID = f"query productById($id: ID!) {{ product(id: $id) {{ {PRODUCT} }} }}"
PRODUCTS = f"query productsByTitle($q: String!) {{ products(first: 20, query: $q) {{ nodes {{ {PRODUCT} }} }} }}"
PRODUCT_SET = (f"mutation productSet($input: ProductSetInput!, $identifier: ProductSetIdentifiers) {{ "
               f"productSet(input: $input, identifier: $identifier, synchronous: true) {{ product {{ {PRODUCT} }} "
               f"userErrors {{ field message code }} }} }}")


def gid(kind: str, legacy: str) -> str:
    return f"gid://shopify/{kind}/{legacy}"


def _flat(node: dict | None) -> dict | None:
    """A node with ``email``/``phone`` lifted out of their objects and ``legacyId`` as text."""
    if not isinstance(node, dict):
        return None
    out: dict[str, Any] = dict(node)
    if "defaultEmailAddress" in out:
        out["email"] = (out.pop("defaultEmailAddress") or {}).get("emailAddress")
    if "defaultPhoneNumber" in out:
        out["phone"] = (out.pop("defaultPhoneNumber") or {}).get("phoneNumber")
    out["legacyId"] = str(out.get("legacyResourceId") or str(out.get("id", "")).rsplit("/", 1)[-1])
    return out


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def find_customer(gql: ShopifyGraphQL, legacy_id: str | None, email: str) -> dict | None:
    """The customer with that id (if still there), else the one with that email (C1: trimmed, any case)."""
    if legacy_id:
        found = _flat(gql.execute(CUSTOMER_BY_ID, {"id": gid("Customer", legacy_id)},
                                  operation="customerById").get("customer"))
        if found:
            return found
    nodes = gql.execute(CUSTOMERS, {"q": f"email:{_quoted(email)}"}, operation="customersByEmail")
    for node in (nodes.get("customers") or {}).get("nodes") or []:
        flat = _flat(node)
        if flat and (flat.get("email") or "").strip().lower() == email:
            return flat
    return None


def set_customer(gql: ShopifyGraphQL, legacy_id: str | None, email: str, values: dict) -> dict:
    """``customerSet``: update the customer by id, or create/update by email."""
    identifier = {"id": gid("Customer", legacy_id)} if legacy_id else {"email": email}
    payload = gql.mutate(CUSTOMER_SET, {"input": values, "identifier": identifier}, "customerSet")
    return _flat(payload.get("customer")) or {}


def find_product(gql: ShopifyGraphQL, legacy_id: str | None, name: str) -> dict | None:
    """The product with that id (if still there), else the one whose title is ``name`` (P5: trimmed, any case)."""
    return _find_named(gql, legacy_id, name, ("Product", "product", PRODUCT_BY_ID, "productById"),
                       ("products", PRODUCTS, "productsByTitle", "title"))


def _find_named(gql: ShopifyGraphQL, legacy_id: str | None, name: str, by_id: tuple[str, str, str, str],
                by_name: tuple[str, str, str, str]) -> dict | None:
    """The record with that id if still there, else the first a search by name finds whose name field
    equals ``name`` trimmed, in any case. ``by_id``: (type, root field, query, operation label);
    ``by_name``: (root connection, query, operation label, name field, also its search field)."""
    if legacy_id:
        typename, root, query, label = by_id
        found = _flat(gql.execute(query, {"id": gid(typename, legacy_id)}, operation=label).get(root))
        if found:
            return found
    roots, query, label, field = by_name
    nodes = gql.execute(query, {"q": f"{field}:{_quoted(name)}"}, operation=label)
    for node in (nodes.get(roots) or {}).get("nodes") or []:
        flat = _flat(node)
        if flat and (flat.get(field) or "").strip().lower() == name.strip().lower():
            return flat
    return None


def set_product(gql: ShopifyGraphQL, legacy_id: str | None, values: dict) -> dict:
    """``productSet`` (synchronous): update the product by id, or create it."""
    variables: dict[str, Any] = {"input": values}
    if legacy_id:
        variables["identifier"] = {"id": gid("Product", legacy_id)}
    payload = gql.mutate(PRODUCT_SET, variables, "productSet")
    return _flat(payload.get("product")) or {}


COMPANY = "id updatedAt name note externalId"
COMPANY_BY_ID = f"query companyById($id: ID!) {{ company(id: $id) {{ {COMPANY} }} }}"
COMPANIES = f"query companiesByName($q: String!) {{ companies(first: 20, query: $q) {{ nodes {{ {COMPANY} }} }} }}"
COMPANY_CREATE = (f"mutation companyCreate($input: CompanyCreateInput!) {{ companyCreate(input: $input) {{ "
                  f"company {{ {COMPANY} }} userErrors {{ field message code }} }} }}")
COMPANY_UPDATE = (f"mutation companyUpdate($companyId: ID!, $input: CompanyInput!) {{ "
                  f"companyUpdate(companyId: $companyId, input: $input) {{ company {{ {COMPANY} }} "
                  f"userErrors {{ field message code }} }} }}")


def find_company(gql: ShopifyGraphQL, legacy_id: str | None, name: str) -> dict | None:
    """The B2B company with that id (if still there), else the one named ``name`` (trimmed, any case)."""
    return _find_named(gql, legacy_id, name, ("Company", "company", COMPANY_BY_ID, "companyById"),
                       ("companies", COMPANIES, "companiesByName", "name"))


def set_company(gql: ShopifyGraphQL, legacy_id: str | None, values: dict) -> dict:
    """``companyUpdate`` of the company by id, or ``companyCreate`` (no contact, no location)."""
    if legacy_id:
        payload = gql.mutate(COMPANY_UPDATE, {"companyId": gid("Company", legacy_id), "input": values},
                             "companyUpdate")
    else:
        payload = gql.mutate(COMPANY_CREATE, {"input": {"company": values}}, "companyCreate")
    return _flat(payload.get("company")) or {}
