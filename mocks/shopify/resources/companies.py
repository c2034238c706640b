"""B2B companies: the rules for companies (their contacts are in ``company_contacts.py``, their locations in
``company_locations.py``). Only GraphQL serves them (Shopify has no REST resource).

Errors are :class:`BusinessError` (field path relative to the input object, message, Shopify's
``BusinessCustomerErrorCode``); the GraphQL layer prefixes the path with the argument's name.
Rules the public docs do not state are decisions, listed in docs/shopify-mock.md (B2B section).
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from mocks.shopify.company_records import Company, CompanyContact, CompanyLocation
from mocks.shopify.errors import ShopifyError

if TYPE_CHECKING:
    from mocks.shopify.store import ShopStore

NAME_LIMIT = 255


class BusinessError(Exception):
    """One or more B2B validation failures: ``[(field path, message, code)]``."""

    def __init__(self, errors: list[tuple[list[str] | None, str, str]]) -> None:
        super().__init__("; ".join(message for _, message, _ in errors))
        self.errors = errors


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


class CompaniesMixin:
    # -- lookups -----------------------------------------------------------------------------------
    def find_company_by_external_id(self: ShopStore, external_id: str) -> Company | None:
        return self.companies_by_external_id.get(external_id)

    def company_contacts_of(self: ShopStore, company: Company) -> list[CompanyContact]:
        return [self.company_contacts[i] for i in company.contact_ids]

    def company_locations_of(self: ShopStore, company: Company) -> list[CompanyLocation]:
        return [self.company_locations[i] for i in company.location_ids]

    def company_json(self: ShopStore, company: Company) -> dict:
        return company.to_dict(self.zone)

    # -- validation (pure checks; nothing is changed before all of them pass) -----------------------
    def _check_company(self: ShopStore, fields: dict, own: Company | None) -> list[tuple]:
        errors: list[tuple] = []
        if "name" in fields or own is None:
            name = fields.get("name")
            if is_blank(name):
                errors.append((["name"], "Name can't be blank", "BLANK"))
            elif len(str(name)) > NAME_LIMIT:
                errors.append((["name"], f"Name is too long (maximum is {NAME_LIMIT} characters)", "TOO_LONG"))
        external_id = fields.get("external_id")
        if not is_blank(external_id):
            other = self.companies_by_external_id.get(external_id)
            if other is not None and other is not own:
                errors.append((["externalId"], "External Id has already been taken", "TAKEN"))
        return errors

    # -- companies ---------------------------------------------------------------------------------
    def create_company(self: ShopStore, fields: dict, contact: dict | None = None,
                       location: dict | None = None) -> Company:
        """A company, with its first contact (a new customer, made the main contact) and first location
        when given; all or nothing. ``fields``: name, note, external_id, customer_since."""
        errors = [(["company", *(f or [])], m, c) for f, m, c in self._check_company(fields, None)]
        if contact is not None:
            errors += [(["companyContact", *(f or [])], m, c) for f, m, c in self._check_contact_input(contact, None)]
        if location is not None:
            errors += [(["companyLocation", *(f or [])], m, c) for f, m, c in self._check_location(location, True)]
        if errors:
            raise BusinessError(errors)
        customer = self._contact_customer(contact, ["companyContact"]) if contact is not None else None
        now = self.now()
        company = Company(id=self.ids.next("company"), name=str(fields["name"]).strip(), created_at=now,
                          updated_at=now, customer_since=fields.get("customer_since") or now,
                          note=fields.get("note"), external_id=fields.get("external_id") or None)
        self.companies[company.id] = company
        self.company_ids.append(company.id)
        if company.external_id:
            self.companies_by_external_id[company.external_id] = company
        added = None
        if customer is not None:
            added = self._add_contact(company, customer.id, contact or {}, emit=False)
            company.main_contact_id = added.id
        placed = self._add_location(company, location, emit=False) if location is not None else None
        self.emit("companies/create", self.company_json(company))
        if added is not None:
            self.emit("company_contacts/create", added.to_dict(company, self.zone))
        if placed is not None:
            self.emit("company_locations/create", placed.to_dict(company, self.zone))
        return company

    def update_company(self: ShopStore, company_id: int, fields: dict) -> Company:
        company = self.company(company_id)
        errors = self._check_company(fields, company)
        if errors:
            raise BusinessError(errors)
        if "name" in fields:
            company.name = str(fields["name"]).strip()
        if "note" in fields:
            company.note = fields["note"]
        if "customer_since" in fields and fields["customer_since"] is not None:
            company.customer_since = fields["customer_since"]
        if "external_id" in fields:
            if company.external_id and self.companies_by_external_id.get(company.external_id) is company:
                del self.companies_by_external_id[company.external_id]
            company.external_id = fields["external_id"] or None
            if company.external_id:
                self.companies_by_external_id[company.external_id] = company
        company.updated_at = self.now()
        self._contacts_changing(company)
        self.emit("companies/update", self.company_json(company))
        return company

    def company(self: ShopStore, company_id: int) -> Company:
        if company_id not in self.companies:
            raise BusinessError([(["id"], "Resource requested does not exist.", "RESOURCE_NOT_FOUND")])
        return self.companies[company_id]

    def delete_company(self: ShopStore, company_id: int) -> None:
        """The company goes with its contacts and locations; the contacts' customers stay."""
        company = self.company(company_id)
        for contact_id in company.contact_ids:
            contact = self.company_contacts.pop(contact_id)
            self._unindex_company_contact(contact)
        for location_id in company.location_ids:
            del self.company_locations[location_id]
            index = bisect.bisect_left(self.company_location_ids, location_id)
            del self.company_location_ids[index]
        del self.companies[company_id]
        del self.company_ids[bisect.bisect_left(self.company_ids, company_id)]
        if company.external_id and self.companies_by_external_id.get(company.external_id) is company:
            del self.companies_by_external_id[company.external_id]
        self.emit("companies/delete", self.company_json(company))


def as_business_errors(error: ShopifyError, path: list[str]) -> list[tuple]:
    """A customer-store error (REST's ``{"field": ["message"]}``) as B2B errors under ``path``."""
    found: list[tuple] = []
    errors = error.errors
    if isinstance(errors, dict):
        for field, messages in errors.items():
            for message in messages if isinstance(messages, list) else [messages]:
                if field == "base":
                    found.append((None, str(message), "INVALID"))
                else:
                    code = "TAKEN" if "taken" in str(message) else "INVALID"
                    found.append(([*path, field], f"{field.replace('_', ' ').capitalize()} {message}", code))
    else:
        found.append((None, str(errors), "INVALID"))
    return found
