"""B2B company locations: branches of a company with billing and shipping addresses."""

from __future__ import annotations

import bisect
from datetime import datetime
from typing import TYPE_CHECKING

from mocks.shopify.company_records import COMPANY_ADDRESS_KEYS, Company, CompanyAddress, CompanyLocation
from mocks.shopify.resources.companies import BusinessError, is_blank

if TYPE_CHECKING:
    from mocks.shopify.store import ShopStore


class CompanyLocationsMixin:
    @staticmethod
    def _check_address(raw: dict | None, name: str) -> list[tuple]:
        if raw is None:
            return []
        errors: list[tuple] = []
        if is_blank(raw.get("address1")):
            errors.append(([name, "address1"], "Address1 can't be blank", "BLANK"))
        if is_blank(raw.get("country_code")):
            errors.append(([name, "countryCode"], "Country code can't be blank", "BLANK"))
        return errors

    def _check_location(self: ShopStore, fields: dict, creating: bool) -> list[tuple]:
        errors: list[tuple] = []
        if "name" in fields and is_blank(fields["name"]) and not creating:
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
            name=str(name).strip() if not is_blank(name) else company.name, created_at=now, updated_at=now,
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
