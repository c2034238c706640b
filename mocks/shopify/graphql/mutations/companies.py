"""B2B mutations: ``companyCreate``, ``companyUpdate``, ``companyDelete``, ``companiesDelete``, the contact
ones (``companyContactCreate``, ``companyContactUpdate``, ``companyContactDelete``,
``companyAssignCustomerAsContact``, ``companyAssignMainContact``, ``companyRevokeMainContact``) and the
location ones (``companyLocationCreate``/``Update``/``Delete``).
Inputs are mapped to the store's fields here (pure functions); errors are ``BusinessCustomerUserError``."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from mocks.shopify.graphql.context import Context, ctx
from mocks.shopify.graphql.ids import gid, legacy_id
from mocks.shopify.graphql.objects.companies import company_node, contact_node, location_node
from mocks.shopify.resources.companies import BusinessError
from mocks.shopify.values import parse_time, truncate

NOT_FOUND = "Resource requested does not exist."


def _error(field: list[str] | None, message: str, code: str) -> dict:
    return {"field": field, "message": message, "code": code}


def _errors(error: BusinessError, prefix: list[str]) -> list[dict]:
    return [_error(prefix + field if field is not None else None, message, code)
            for field, message, code in error.errors]


def _not_found(field: str) -> list[dict]:
    return [_error([field], NOT_FOUND, "RESOURCE_NOT_FOUND")]



def _existing(value: str, typename: str, records: Mapping[int, Any]) -> int | None:
    """The legacy id of ``value`` (a ``gid://shopify/<typename>/<id>``) if ``records`` holds it."""
    found = legacy_id(value, typename)
    return found if found is not None and found in records else None


def _payload(key: str, write: Callable[[], Any], render: Callable[[Any], dict]) -> dict:
    """A mutation payload: ``{key: render(write())}``, or the store's BusinessError as ``userErrors``."""
    try:
        record = write()
    except BusinessError as error:
        return {key: None, "userErrors": _errors(error, [])}
    return {key: render(record), "userErrors": []}

def company_fields(raw: dict) -> dict:
    """``CompanyInput`` as the store's fields (only the keys given)."""
    fields: dict[str, Any] = {}
    for key, store in (("name", "name"), ("note", "note"), ("externalId", "external_id")):
        if key in raw:
            fields[store] = raw[key]
    if raw.get("customerSince") is not None:
        fields["customer_since"] = truncate(parse_time(str(raw["customerSince"])))
    return fields


def contact_fields(raw: dict) -> dict:
    """``CompanyContactInput`` as the store's fields."""
    pairs = (("firstName", "first_name"), ("lastName", "last_name"), ("email", "email"), ("phone", "phone"),
             ("title", "title"), ("locale", "locale"))
    return {store: raw[key] for key, store in pairs if key in raw}


def address_fields(raw: dict | None) -> dict | None:
    """``CompanyAddressInput`` as the store's address fields."""
    if raw is None:
        return None
    pairs = (("address1", "address1"), ("address2", "address2"), ("city", "city"), ("zip", "zip"),
             ("recipient", "recipient"), ("firstName", "first_name"), ("lastName", "last_name"),
             ("phone", "phone"), ("zoneCode", "zone_code"), ("countryCode", "country_code"))
    return {store: raw.get(key) for key, store in pairs}


def location_fields(raw: dict) -> dict:
    """``CompanyLocationInput`` / ``CompanyLocationUpdateInput`` as the store's fields."""
    pairs = (("name", "name"), ("phone", "phone"), ("locale", "locale"), ("externalId", "external_id"),
             ("note", "note"), ("billingSameAsShipping", "billing_same_as_shipping"),
             ("taxRegistrationId", "tax_registration_id"), ("taxExemptions", "tax_exemptions"),
             ("taxExempt", "tax_exempt"))
    fields: dict[str, Any] = {store: raw[key] for key, store in pairs if key in raw}
    for key, store in (("billingAddress", "billing_address"), ("shippingAddress", "shipping_address")):
        if key in raw:
            fields[store] = address_fields(raw[key])
    return fields


def _writer(info: Any, field: str) -> Context:
    context = ctx(info)
    context.require("write_customers", field, "write_companies")
    return context


def company_create(_root: Any, info: Any, input: dict) -> dict:  # noqa: A002
    context = _writer(info, "companyCreate")
    try:
        fields = company_fields(input.get("company") or {})
    except ValueError:
        return {"company": None, "userErrors": [_error(["input", "company", "customerSince"], "Customer since is invalid",
                                                       "INVALID")]}
    contact = input.get("companyContact")
    location = input.get("companyLocation")
    try:
        company = context.shop.create_company(fields, contact_fields(contact) if contact is not None else None,
                                              location_fields(location) if location is not None else None)
    except BusinessError as error:
        return {"company": None, "userErrors": _errors(error, ["input"])}
    return {"company": company_node(context, company), "userErrors": []}


def company_update(_root: Any, info: Any, companyId: str, input: dict) -> dict:  # noqa: N803, A002
    context = _writer(info, "companyUpdate")
    company_id = _existing(companyId, "Company", context.shop.companies)
    if company_id is None:
        return {"company": None, "userErrors": _not_found("companyId")}
    if not input:
        return {"company": None, "userErrors": [_error(["input"], "No input provided.", "NO_INPUT")]}
    try:
        company = context.shop.update_company(company_id, company_fields(input))
    except ValueError:
        return {"company": None, "userErrors": [_error(["input", "customerSince"], "Customer since is invalid",
                                                       "INVALID")]}
    except BusinessError as error:
        return {"company": None, "userErrors": _errors(error, ["input"])}
    return {"company": company_node(context, company), "userErrors": []}


def company_delete(_root: Any, info: Any, id: str) -> dict:  # noqa: A002
    context = _writer(info, "companyDelete")
    company_id = _existing(id, "Company", context.shop.companies)
    if company_id is None:
        return {"deletedCompanyId": None, "userErrors": _not_found("id")}
    context.shop.delete_company(company_id)
    return {"deletedCompanyId": gid("Company", company_id), "userErrors": []}


def companies_delete(_root: Any, info: Any, companyIds: list[str]) -> dict:  # noqa: N803
    """Deletes the companies that exist; each id that names none is a ``RESOURCE_NOT_FOUND`` error."""
    context = _writer(info, "companiesDelete")
    deleted: list[str] = []
    errors: list[dict] = []
    for index, value in enumerate(companyIds):
        company_id = legacy_id(value, "Company")
        if company_id is None or company_id not in context.shop.companies:
            errors.append(_error(["companyIds", str(index)], NOT_FOUND, "RESOURCE_NOT_FOUND"))
            continue
        context.shop.delete_company(company_id)
        deleted.append(gid("Company", company_id))
    return {"deletedCompanyIds": deleted, "userErrors": errors}


def company_contact_create(_root: Any, info: Any, companyId: str, input: dict) -> dict:  # noqa: N803, A002
    context = _writer(info, "companyContactCreate")
    company_id = _existing(companyId, "Company", context.shop.companies)
    if company_id is None:
        return {"companyContact": None, "userErrors": _not_found("companyId")}
    return _payload("companyContact", lambda: context.shop.create_company_contact(company_id, contact_fields(input)),
                    lambda contact: contact_node(context, contact))


def company_contact_update(_root: Any, info: Any, companyContactId: str, input: dict) -> dict:  # noqa: N803, A002
    context = _writer(info, "companyContactUpdate")
    contact_id = _existing(companyContactId, "CompanyContact", context.shop.company_contacts)
    if contact_id is None:
        return {"companyContact": None, "userErrors": _not_found("companyContactId")}
    return _payload("companyContact", lambda: context.shop.update_company_contact(contact_id, contact_fields(input)),
                    lambda contact: contact_node(context, contact))


def company_contact_delete(_root: Any, info: Any, companyContactId: str) -> dict:  # noqa: N803
    context = _writer(info, "companyContactDelete")
    contact_id = _existing(companyContactId, "CompanyContact", context.shop.company_contacts)
    if contact_id is None:
        return {"deletedCompanyContactId": None, "userErrors": _not_found("companyContactId")}
    context.shop.delete_company_contact(contact_id)
    return {"deletedCompanyContactId": gid("CompanyContact", contact_id), "userErrors": []}


def company_assign_customer_as_contact(_root: Any, info: Any, companyId: str, customerId: str) -> dict:  # noqa: N803
    context = _writer(info, "companyAssignCustomerAsContact")
    company_id = _existing(companyId, "Company", context.shop.companies)
    if company_id is None:
        return {"companyContact": None, "userErrors": _not_found("companyId")}
    customer_id = _existing(customerId, "Customer", context.shop.customers)
    if customer_id is None:
        return {"companyContact": None, "userErrors": _not_found("customerId")}
    return _payload("companyContact", lambda: context.shop.assign_customer_as_contact(company_id, customer_id),
                    lambda contact: contact_node(context, contact))


def company_location_create(_root: Any, info: Any, companyId: str, input: dict) -> dict:  # noqa: N803, A002
    context = _writer(info, "companyLocationCreate")
    company_id = _existing(companyId, "Company", context.shop.companies)
    if company_id is None:
        return {"companyLocation": None, "userErrors": _not_found("companyId")}
    return _payload("companyLocation", lambda: context.shop.create_company_location(company_id, location_fields(input)),
                    lambda location: location_node(context, location))


def company_location_update(_root: Any, info: Any, companyLocationId: str, input: dict) -> dict:  # noqa: N803, A002
    context = _writer(info, "companyLocationUpdate")
    location_id = _existing(companyLocationId, "CompanyLocation", context.shop.company_locations)
    if location_id is None:
        return {"companyLocation": None, "userErrors": _not_found("companyLocationId")}
    return _payload("companyLocation", lambda: context.shop.update_company_location(location_id, location_fields(input)),
                    lambda location: location_node(context, location))


def company_location_delete(_root: Any, info: Any, companyLocationId: str) -> dict:  # noqa: N803
    context = _writer(info, "companyLocationDelete")
    location_id = _existing(companyLocationId, "CompanyLocation", context.shop.company_locations)
    if location_id is None:
        return {"deletedCompanyLocationId": None, "userErrors": _not_found("companyLocationId")}
    context.shop.delete_company_location(location_id)
    return {"deletedCompanyLocationId": gid("CompanyLocation", location_id), "userErrors": []}


def company_assign_main_contact(_root: Any, info: Any, companyId: str, companyContactId: str) -> dict:  # noqa: N803
    context = _writer(info, "companyAssignMainContact")
    company_id = _existing(companyId, "Company", context.shop.companies)
    if company_id is None:
        return {"company": None, "userErrors": _not_found("companyId")}
    contact_id = _existing(companyContactId, "CompanyContact", context.shop.company_contacts)
    if contact_id is None:
        return {"company": None, "userErrors": _not_found("companyContactId")}
    return _payload("company", lambda: context.shop.set_main_contact(company_id, contact_id),
                    lambda company: company_node(context, company))


def company_revoke_main_contact(_root: Any, info: Any, companyId: str) -> dict:  # noqa: N803
    context = _writer(info, "companyRevokeMainContact")
    company_id = _existing(companyId, "Company", context.shop.companies)
    if company_id is None:
        return {"company": None, "userErrors": _not_found("companyId")}
    return {"company": company_node(context, context.shop.set_main_contact(company_id, None)), "userErrors": []}
