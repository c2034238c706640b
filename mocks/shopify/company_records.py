"""B2B records (Shopify's ``Company``, ``CompanyContact``, ``CompanyLocation``, ``CompanyAddress``) as plain
dataclasses; ``Company.to_dict(zone)`` is the REST-style JSON its ``companies/*`` webhooks carry."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from mocks.shopify.values import fmt_time

# A company address's stored keys (the ``CompanyAddressInput`` fields, snake_case).
COMPANY_ADDRESS_KEYS = ("address1", "address2", "city", "zip", "recipient", "first_name", "last_name", "phone",
                        "zone_code", "country_code")


@dataclass
class CompanyAddress:
    id: int
    fields: dict
    created_at: datetime
    updated_at: datetime


@dataclass
class CompanyLocation:
    id: int
    company_id: int
    name: str
    created_at: datetime
    updated_at: datetime
    phone: str | None = None
    locale: str | None = None
    external_id: str | None = None
    note: str | None = None
    billing_address: CompanyAddress | None = None
    shipping_address: CompanyAddress | None = None
    tax_registration_id: str | None = None
    tax_exemptions: list[str] = field(default_factory=list)
    tax_exempt: bool = False


@dataclass
class CompanyContact:
    id: int
    company_id: int
    customer_id: int
    created_at: datetime
    updated_at: datetime
    title: str | None = None
    locale: str | None = None


@dataclass
class Company:
    id: int
    name: str
    created_at: datetime
    updated_at: datetime
    customer_since: datetime
    note: str | None = None
    external_id: str | None = None
    main_contact_id: int | None = None
    contact_ids: list[int] = field(default_factory=list)  # increasing
    location_ids: list[int] = field(default_factory=list)  # increasing

    def to_dict(self, zone: object = UTC) -> dict:
        """The ``companies/create|update|delete`` webhook payload (Shopify's documented sample keys)."""
        return {
            "name": self.name, "note": self.note, "external_id": self.external_id,
            "main_contact_admin_graphql_api_id": (f"gid://shopify/CompanyContact/{self.main_contact_id}"
                                                  if self.main_contact_id else None),
            "created_at": fmt_time(self.created_at, zone), "updated_at": fmt_time(self.updated_at, zone),
            "customer_since": fmt_time(self.customer_since, zone),
            "admin_graphql_api_id": f"gid://shopify/Company/{self.id}",
        }
