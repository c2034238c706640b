"""B2B company contacts: customers acting for a company (a new customer, or an existing one assigned), the
company's main contact, and what a contact's changes do to its customer's kept GraphQL mappings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mocks.shopify.company_records import Company, CompanyContact
from mocks.shopify.errors import ShopifyError
from mocks.shopify.resources.companies import BusinessError, as_business_errors, is_blank

if TYPE_CHECKING:
    from mocks.shopify.records import Customer
    from mocks.shopify.store import ShopStore


class CompanyContactsMixin:
    def _check_contact_input(self: ShopStore, fields: dict, own_customer_id: int | None) -> list[tuple]:
        errors: list[tuple] = []
        email = fields.get("email")
        if not is_blank(email):
            other = self.find_customer_by_email(str(email))
            if other is not None and other.id != own_customer_id:
                errors.append((["email"], "Email address has already been taken", "TAKEN"))
        named = ("email", "phone", "first_name", "last_name")
        if own_customer_id is None and all(is_blank(fields.get(k)) for k in named):
            errors.append((None, "Customer must have a name, phone number or email address", "INVALID"))
        return errors

    def _contact_customer(self: ShopStore, fields: dict, path: list[str]) -> Customer:
        """A new customer for a contact (``customers/create`` fires); its errors as B2B errors under ``path``."""
        body = {k: fields[k] for k in ("email", "phone", "first_name", "last_name") if fields.get(k) is not None}
        try:
            return self.create_customer(body)
        except ShopifyError as error:
            raise BusinessError(as_business_errors(error, path)) from None

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
                raise BusinessError(as_business_errors(error, ["input"])) from None
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
