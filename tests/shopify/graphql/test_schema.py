"""The served schema is pinned: the SDL the endpoint introspects to equals the committed snapshot, so any
change to types, fields, arguments or enum values is deliberate (regenerate with
``python -m tests.shopify.graphql.test_schema`` and review the diff)."""

from __future__ import annotations

from pathlib import Path

from graphql import build_client_schema, get_introspection_query, print_schema

from tests.shopify.graphql.conftest import local

SNAPSHOT = Path(__file__).with_name("admin-schema.snapshot.graphql")


def introspected_sdl() -> str:
    body = local().data(get_introspection_query(descriptions=True))
    return print_schema(build_client_schema(body)) + "\n"


def test_introspected_schema_matches_snapshot():
    assert introspected_sdl() == SNAPSHOT.read_text(encoding="utf-8")


def test_snapshot_keeps_the_2026_customer_fields():
    text = SNAPSHOT.read_text(encoding="utf-8")
    for line in ("defaultEmailAddress: CustomerEmailAddress", "defaultPhoneNumber: CustomerPhoneNumber",
                 'email: String @deprecated(reason: "Use `defaultEmailAddress.emailAddress` instead.")',
                 "numberOfOrders: UnsignedInt64!", "legacyResourceId: UnsignedInt64!"):
        assert line in text


def test_snapshot_keeps_the_b2b_company_api():
    text = SNAPSHOT.read_text(encoding="utf-8")
    for line in ("companyCreate(input: CompanyCreateInput!): CompanyCreatePayload",
                 "companyUpdate(companyId: ID!, input: CompanyInput!): CompanyUpdatePayload",
                 "companies(first: Int, after: String, last: Int, before: String, reverse: Boolean = false, "
                 "sortKey: CompanySortKeys = ID, query: String): CompanyConnection!",
                 "type BusinessCustomerUserError implements DisplayableError {",
                 "  companyContactProfiles: [CompanyContact!]!", "  customerSince: DateTime!"):
        assert line in text


if __name__ == "__main__":
    SNAPSHOT.write_text(introspected_sdl(), encoding="utf-8")
