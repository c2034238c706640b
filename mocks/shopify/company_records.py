"""B2B records (Shopify's ``Company``, ``CompanyContact``, ``CompanyLocation``, ``CompanyAddress``) as plain
dataclasses; their ``to_dict`` give the REST-style JSON of the ``companies/*``, ``company_contacts/*`` and
``company_locations/*`` webhooks, with the keys (and key order) of Shopify's documented sample payloads."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from mocks.shopify.values import COUNTRIES, PROVINCES, fmt_time

# A company address's stored keys (the ``CompanyAddressInput`` fields, snake_case).
COMPANY_ADDRESS_KEYS = ("address1", "address2", "city", "zip", "recipient", "first_name", "last_name", "phone",
                        "zone_code", "country_code")


@dataclass
class CompanyAddress:
    id: int
    fields: dict
    created_at: datetime
    updated_at: datetime


    def to_dict(self, company_id: int, zone: object = UTC) -> dict:
        f = self.fields
        code, zone_code = f.get("country_code"), f.get("zone_code")
        return {
            "address1": f.get("address1"), "city": f.get("city"),
            "province": PROVINCES.get(code or "", {}).get(zone_code or "", zone_code) if zone_code else None,
            "country": COUNTRIES.get(code or "", code), "zip": f.get("zip"), "recipient": f.get("recipient"),
            "first_name": f.get("first_name"), "last_name": f.get("last_name"), "address2": f.get("address2"),
            "phone": f.get("phone"), "zone_code": zone_code, "country_code": code,
            "created_at": fmt_time(self.created_at, zone), "updated_at": fmt_time(self.updated_at, zone),
            "admin_graphql_api_id": f"gid://shopify/CompanyAddress/{self.id}",
            "company_admin_graphql_api_id": f"gid://shopify/Company/{company_id}",
        }


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

    def to_dict(self, company: Company, zone: object = UTC) -> dict:
        """The ``company_locations/*`` webhook payload."""
        return {
            "name": self.name, "external_id": self.external_id, "phone": self.phone, "locale": self.locale,
            "created_at": fmt_time(self.created_at, zone), "updated_at": fmt_time(self.updated_at, zone),
            "note": self.note, "buyer_experience_configuration": None,
            "admin_graphql_api_id": f"gid://shopify/CompanyLocation/{self.id}",
            "tax_exemptions": list(self.tax_exemptions),
            "tax_settings": {"tax_registration_id": self.tax_registration_id, "tax_exempt": self.tax_exempt,
                             "tax_exemptions": list(self.tax_exemptions)},
            "company": company.to_dict(zone),
            "billing_address": self.billing_address.to_dict(company.id, zone) if self.billing_address else None,
            "shipping_address": self.shipping_address.to_dict(company.id, zone) if self.shipping_address else None,
            "tax_registration": {"tax_id": self.tax_registration_id} if self.tax_registration_id else None,
        }


@dataclass
class CompanyContact:
    id: int
    company_id: int
    customer_id: int
    created_at: datetime
    updated_at: datetime
    title: str | None = None
    locale: str | None = None

    def to_dict(self, company: Company, zone: object = UTC) -> dict:
        """The ``company_contacts/*`` webhook payload."""
        return {
            "customer_admin_graphql_api_id": f"gid://shopify/Customer/{self.customer_id}", "title": self.title,
            "locale": self.locale, "created_at": fmt_time(self.created_at, zone),
            "updated_at": fmt_time(self.updated_at, zone),
            "admin_graphql_api_id": f"gid://shopify/CompanyContact/{self.id}", "company": company.to_dict(zone),
        }


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
