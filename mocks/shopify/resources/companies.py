"""B2B companies: the rules for companies, their contacts (customers acting for the company) and
locations (with billing/shipping addresses). Only GraphQL serves them (Shopify has no REST resource).

Errors are :class:`BusinessError` (field path relative to the input object, message, Shopify's
``BusinessCustomerErrorCode``); the GraphQL layer prefixes the path with the argument's name.
Rules the public docs do not state are decisions, listed in docs/shopify-mock.md (B2B section).
"""

from __future__ import annotations

import bisect
from datetime import datetime
from typing import TYPE_CHECKING

from mocks.shopify.company_records import (
    COMPANY_ADDRESS_KEYS,
    Company,
    CompanyAddress,
    CompanyContact,
    CompanyLocation,
)
from mocks.shopify.errors import ShopifyError

if TYPE_CHECKING:
    from mocks.shopify.records import Customer
    from mocks.shopify.store import ShopStore

NAME_LIMIT = 255


class BusinessError(Exception):
    """One or more B2B validation failures: ``[(field path, message, code)]``."""

    def __init__(self, errors: list[tuple[list[str] | None, str, str]]) -> None:
        super().__init__("; ".join(message for _, message, _ in errors))
        self.errors = errors


def _blank(value: object) -> bool:
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
            if _blank(name):
                errors.append((["name"], "Name can't be blank", "BLANK"))
            elif len(str(name)) > NAME_LIMIT:
                errors.append((["name"], f"Name is too long (maximum is {NAME_LIMIT} characters)", "TOO_LONG"))
        external_id = fields.get("external_id")
        if not _blank(external_id):
            other = self.companies_by_external_id.get(external_id)
            if other is not None and other is not own:
                errors.append((["externalId"], "External Id has already been taken", "TAKEN"))
        return errors

    def _check_contact_input(self: ShopStore, fields: dict, own_customer_id: int | None) -> list[tuple]:
        errors: list[tuple] = []
        email = fields.get("email")
        if not _blank(email):
            other = self.find_customer_by_email(str(email))
            if other is not None and other.id != own_customer_id:
                errors.append((["email"], "Email address has already been taken", "TAKEN"))
        if own_customer_id is None and all(_blank(fields.get(k)) for k in ("email", "phone", "first_name",
                                                                           "last_name")):
            errors.append((None, "Customer must have a name, phone number or email address", "INVALID"))
        return errors

    @staticmethod
    def _check_address(raw: dict | None, name: str) -> list[tuple]:
        if raw is None:
            return []
        errors: list[tuple] = []
        if _blank(raw.get("address1")):
            errors.append(([name, "address1"], "Address1 can't be blank", "BLANK"))
        if _blank(raw.get("country_code")):
            errors.append(([name, "countryCode"], "Country code can't be blank", "BLANK"))
        return errors

    def _check_location(self: ShopStore, fields: dict, creating: bool) -> list[tuple]:
        errors: list[tuple] = []
        if "name" in fields and _blank(fields["name"]) and not creating:
            errors.append((["name"], "Name can't be blank", "BLANK"))
        if creating:
            errors += self._check_address(fields.get("shipping_address"), "shippingAddress")
            if not fields.get("billing_same_as_shipping"):
                errors += self._check_address(fields.get("billing_address"), "billingAddress")
            elif fields.get("billing_address") is not None:
                errors.append((["billingAddress"],
                               "Billing address can't be provided when billing same as shipping is true",
                               "INVALID_INPUT"))
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

    # -- contacts ----------------------------------------------------------------------------------
    def _contact_customer(self: ShopStore, fields: dict, path: list[str]) -> Customer:
        """A new customer for a contact (``customers/create`` fires); its errors as B2B errors under ``path``."""
        body = {k: fields[k] for k in ("email", "phone", "first_name", "last_name") if fields.get(k) is not None}
        try:
            return self.create_customer(body)
        except ShopifyError as error:
            raise BusinessError(_store_errors(error, path)) from None

    def _add_contact(self: ShopStore, company: Company, customer_id: int, fields: dict,
                     emit: bool = True) -> CompanyContact:
        now = self.now()
        contact = CompanyContact(id=self.ids.next("company_contact"), company_id=company.id,
                                 customer_id=customer_id, created_at=now, updated_at=now,
                                 title=fields.get("title"), locale=fields.get("locale"))
        self.company_contacts[contact.id] = contact
        company.contact_ids.append(contact.id)
        self.company_contacts_by_customer.setdefault(customer_id, {})[contact.id] = contact
        self._customer_changing(self.customers[customer_id])  # its companyContactProfiles changed
        if emit:
            self.emit("company_contacts/create", contact.to_dict(company, self.zone))
        return contact

    def _contacts_changing(self: ShopStore, company: Company) -> None:
        """A company's fields or main contact change: the GraphQL mappings of its contacts' customers (which
        show them through ``companyContactProfiles``) are dropped, as any change to a customer drops them."""
        for contact_id in company.contact_ids:
            customer = self.customers.get(self.company_contacts[contact_id].customer_id)
            if customer is not None:
                self._customer_changing(customer)

    def _unindex_company_contact(self: ShopStore, contact: CompanyContact) -> None:
        customer = self.customers.get(contact.customer_id)
        if customer is not None:
            self._customer_changing(customer)  # its companyContactProfiles changed
        mine = self.company_contacts_by_customer.get(contact.customer_id, {})
        mine.pop(contact.id, None)
        if not mine:
            self.company_contacts_by_customer.pop(contact.customer_id, None)

    def company_contact(self: ShopStore, contact_id: int) -> CompanyContact:
        if contact_id not in self.company_contacts:
            raise BusinessError([(["companyContactId"], "Resource requested does not exist.", "RESOURCE_NOT_FOUND")])
        return self.company_contacts[contact_id]

    def create_company_contact(self: ShopStore, company_id: int, fields: dict) -> CompanyContact:
        """A new customer from ``fields`` (email, phone, first_name, last_name; title, locale), as a contact."""
        company = self.company(company_id)
        errors = [(["input", *(f or [])], m, c) for f, m, c in self._check_contact_input(fields, None)]
        if errors:
            raise BusinessError(errors)
        customer = self._contact_customer(fields, ["input"])
        return self._add_contact(company, customer.id, fields)

    def assign_customer_as_contact(self: ShopStore, company_id: int, customer_id: int) -> CompanyContact:
        company = self.company(company_id)
        if customer_id not in self.customers:
            raise BusinessError([(["customerId"], "Resource requested does not exist.", "RESOURCE_NOT_FOUND")])
        if any(c.company_id == company.id for c in self.company_contacts_by_customer.get(customer_id, {}).values()):
            raise BusinessError([(["customerId"], "Customer is already a contact of this company", "TAKEN")])
        return self._add_contact(company, customer_id, {})

    def update_company_contact(self: ShopStore, contact_id: int, fields: dict) -> CompanyContact:
        """Title and locale on the contact; names, email and phone on its customer."""
        contact = self.company_contact(contact_id)
        errors = [(["input", *(f or [])], m, c) for f, m, c in self._check_contact_input(fields, contact.customer_id)]
        if errors:
            raise BusinessError(errors)
        body = {k: fields[k] for k in ("email", "phone", "first_name", "last_name") if k in fields}
        if body:
            try:
                self.update_customer(contact.customer_id, body)
            except ShopifyError as error:
                raise BusinessError(_store_errors(error, ["input"])) from None
        for key in ("title", "locale"):
            if key in fields:
                setattr(contact, key, fields[key])
        contact.updated_at = self.now()
        self._customer_changing(self.customers[contact.customer_id])
        self.emit("company_contacts/update", contact.to_dict(self.companies[contact.company_id], self.zone))
        return contact

    def set_main_contact(self: ShopStore, company_id: int, contact_id: int | None) -> Company:
        """Make one of the company's contacts its main contact (``None``: revoke); ``companies/update`` fires."""
        company = self.company(company_id)
        if contact_id is not None and contact_id not in company.contact_ids:
            raise BusinessError([(["companyContactId"], "The company contact does not belong to the company.",
                                  "INVALID_INPUT")])
        if company.main_contact_id != contact_id:
            self._contacts_changing(company)
            company.main_contact_id = contact_id
            company.updated_at = self.now()
            self.emit("companies/update", self.company_json(company))
        return company

    def delete_company_contact(self: ShopStore, contact_id: int) -> None:
        """The contact goes; its customer stays (see docs/shopify-mock.md)."""
        contact = self.company_contact(contact_id)
        self._drop_contact(contact)

    def _drop_contact(self: ShopStore, contact: CompanyContact) -> None:
        company = self.companies[contact.company_id]
        del self.company_contacts[contact.id]
        company.contact_ids.remove(contact.id)
        self._unindex_company_contact(contact)
        self.emit("company_contacts/delete", contact.to_dict(company, self.zone))
        if company.main_contact_id == contact.id:
            self._contacts_changing(company)
            company.main_contact_id = None
            company.updated_at = self.now()
            self.emit("companies/update", self.company_json(company))

    def drop_customer_contacts(self: ShopStore, customer_id: int) -> None:
        """A deleted customer is no longer anyone's contact (called by ``delete_customer``)."""
        for contact in list(self.company_contacts_by_customer.get(customer_id, {}).values()):
            self._drop_contact(contact)

    # -- locations ---------------------------------------------------------------------------------
    def _address(self: ShopStore, raw: dict | None, now: datetime) -> CompanyAddress | None:
        if raw is None:
            return None
        fields = {k: raw.get(k) for k in COMPANY_ADDRESS_KEYS}
        return CompanyAddress(id=self.ids.next("company_address"), fields=fields, created_at=now, updated_at=now)

    def _add_location(self: ShopStore, company: Company, fields: dict, emit: bool = True) -> CompanyLocation:
        now = self.now()
        shipping = self._address(fields.get("shipping_address"), now)
        if fields.get("billing_same_as_shipping") and shipping is not None:
            billing = self._address(dict(shipping.fields), now)
        else:
            billing = self._address(fields.get("billing_address"), now)
        name = fields.get("name")
        location = CompanyLocation(
            id=self.ids.next("company_location"), company_id=company.id,
            name=str(name).strip() if not _blank(name) else company.name, created_at=now, updated_at=now,
            phone=fields.get("phone"), locale=fields.get("locale"), external_id=fields.get("external_id"),
            note=fields.get("note"), billing_address=billing, shipping_address=shipping,
            tax_registration_id=fields.get("tax_registration_id"),
            tax_exemptions=list(fields.get("tax_exemptions") or []), tax_exempt=bool(fields.get("tax_exempt")))
        self.company_locations[location.id] = location
        company.location_ids.append(location.id)
        self.company_location_ids.append(location.id)
        if emit:
            self.emit("company_locations/create", location.to_dict(company, self.zone))
        return location

    def company_location(self: ShopStore, location_id: int) -> CompanyLocation:
        if location_id not in self.company_locations:
            raise BusinessError([(["companyLocationId"], "Resource requested does not exist.", "RESOURCE_NOT_FOUND")])
        return self.company_locations[location_id]

    def create_company_location(self: ShopStore, company_id: int, fields: dict) -> CompanyLocation:
        company = self.company(company_id)
        errors = [(["input", *(f or [])], m, c) for f, m, c in self._check_location(fields, True)]
        if errors:
            raise BusinessError(errors)
        return self._add_location(company, fields)

    def update_company_location(self: ShopStore, location_id: int, fields: dict) -> CompanyLocation:
        location = self.company_location(location_id)
        errors = [(["input", *(f or [])], m, c) for f, m, c in self._check_location(fields, False)]
        if errors:
            raise BusinessError(errors)
        for key in ("name", "phone", "locale", "external_id", "note"):
            if key in fields:
                setattr(location, key, str(fields[key]).strip() if key == "name" else fields[key])
        location.updated_at = self.now()
        self.emit("company_locations/update", location.to_dict(self.companies[location.company_id], self.zone))
        return location

    def delete_company_location(self: ShopStore, location_id: int) -> None:
        location = self.company_location(location_id)
        company = self.companies[location.company_id]
        del self.company_locations[location_id]
        company.location_ids.remove(location_id)
        del self.company_location_ids[bisect.bisect_left(self.company_location_ids, location_id)]
        self.emit("company_locations/delete", location.to_dict(company, self.zone))


def _store_errors(error: ShopifyError, path: list[str]) -> list[tuple]:
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
