"""B2B ``Company``, ``CompanyContact``, ``CompanyLocation``, ``CompanyAddress`` and their queries
(``companies``, ``company``, ``companiesCount``, ``companyContact``, ``companyLocation``, ``companyLocations``)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from mocks.shopify.company_records import Company, CompanyAddress, CompanyContact, CompanyLocation
from mocks.shopify.graphql.connections import connection, cursor_for, page_args, sorted_connection
from mocks.shopify.graphql.context import Context, ctx
from mocks.shopify.graphql.ids import gid, legacy_id
from mocks.shopify.graphql.scalars import date_time, money_v2
from mocks.shopify.graphql.search import parse_search
from mocks.shopify.values import COUNTRIES, PROVINCES

# The ``query:`` fields Shopify documents for ``companies`` (metafields, ordering and active-customer
# counts are not kept by the mock: a term on them matches everything, as an unknown field does).
COMPANY_SEARCH: dict[str, Any] = {
    "id": lambda c: c.id, "name": lambda c: c.name, "external_id": lambda c: c.external_id,
    "created_at": lambda c: c.created_at, "updated_at": lambda c: c.updated_at,
    "since_date": lambda c: c.customer_since,
}
COMPANY_SORTS: dict[str, Any] = {
    "CREATED_AT": lambda c: (int(c.created_at.timestamp()), c.id),
    "UPDATED_AT": lambda c: (int(c.updated_at.timestamp()), c.id),
    "SINCE_DATE": lambda c: (int(c.customer_since.timestamp()), c.id),
    "NAME": lambda c: (c.name.lower(), c.id),
    # B2B orders are not modelled: every company has 0 orders and 0 spent, so these order by id.
    "ORDER_COUNT": lambda c: (0, c.id), "TOTAL_SPENT": lambda c: (0, c.id),
}
LOCATION_SEARCH: dict[str, Any] = {
    "id": lambda loc: loc.id, "name": lambda loc: loc.name, "external_id": lambda loc: loc.external_id,
    "company_id": lambda loc: loc.company_id, "created_at": lambda loc: loc.created_at,
    "updated_at": lambda loc: loc.updated_at,
}
LOCATION_SORTS: dict[str, Any] = {
    "CREATED_AT": lambda loc: (int(loc.created_at.timestamp()), loc.id),
    "UPDATED_AT": lambda loc: (int(loc.updated_at.timestamp()), loc.id),
    "NAME": lambda loc: (loc.name.lower(), loc.id),
    "COMPANY_ID": lambda loc: (loc.company_id, loc.id),
}


def count(value: int) -> dict:
    return {"count": value, "precision": "EXACT"}


def _zone_name(country: str | None, zone: str | None) -> str | None:
    return PROVINCES.get(country or "", {}).get(zone or "", zone) if zone else None


def address_node(address: CompanyAddress | None, company: Company) -> dict | None:
    if address is None:
        return None
    f = address.fields
    country = COUNTRIES.get(f.get("country_code") or "", f.get("country_code"))
    province = _zone_name(f.get("country_code"), f.get("zone_code"))

    def formatted(info: Any, withName: bool = False, withCompanyName: bool = True) -> list[str]:  # noqa: N803
        name = " ".join(p for p in (f.get("first_name"), f.get("last_name")) if p) or f.get("recipient")
        area = " ".join(p for p in (f.get("city"), f.get("zone_code"), f.get("zip")) if p)
        lines = [name if withName else None, company.name if withCompanyName else None,
                 f.get("address1"), f.get("address2"), area, country]
        return [line for line in lines if line]

    return {
        "__typename": "CompanyAddress", "id": gid("CompanyAddress", address.id),
        "address1": f.get("address1") or "", "address2": f.get("address2"), "city": f.get("city"),
        "companyName": company.name, "country": country, "countryCode": f.get("country_code"),
        "createdAt": date_time(address.created_at), "updatedAt": date_time(address.updated_at),
        "firstName": f.get("first_name"), "lastName": f.get("last_name"), "phone": f.get("phone"),
        "province": province, "recipient": f.get("recipient"), "zip": f.get("zip"), "zoneCode": f.get("zone_code"),
        "formattedAddress": formatted,
        "formattedArea": ", ".join(p for p in (f.get("city"), province, country) if p) or None,
    }


def contact_node(context: Context, contact: CompanyContact) -> dict:
    shop = context.shop

    def customer(info: Any) -> dict | None:
        from mocks.shopify.graphql.objects.customers import customer_node
        record = shop.customers.get(contact.customer_id)
        return customer_node(ctx(info), record) if record is not None else None

    def company(info: Any) -> dict:
        return company_node(ctx(info), shop.companies[contact.company_id])

    return {
        "__typename": "CompanyContact", "id": gid("CompanyContact", contact.id), "company": company,
        "customer": customer, "createdAt": date_time(contact.created_at), "updatedAt": date_time(contact.updated_at),
        "isMainContact": shop.companies[contact.company_id].main_contact_id == contact.id,
        "locale": contact.locale, "title": contact.title,
    }


def location_node(context: Context, location: CompanyLocation) -> dict:
    shop = context.shop
    company = shop.companies[location.company_id]
    zero = money_v2(Decimal("0.00"), shop.currency)
    return {
        "__typename": "CompanyLocation", "id": gid("CompanyLocation", location.id),
        "company": lambda info: company_node(ctx(info), company),
        "billingAddress": address_node(location.billing_address, company),
        "shippingAddress": address_node(location.shipping_address, company),
        "createdAt": date_time(location.created_at), "updatedAt": date_time(location.updated_at),
        "currency": shop.currency, "defaultCursor": cursor_for("ID", location.id),
        "externalId": location.external_id, "hasTimelineComment": False, "locale": location.locale,
        "name": location.name, "note": location.note, "phone": location.phone,
        "orderCount": 0, "ordersCount": count(0), "totalSpent": zero,
        "taxExemptions": list(location.tax_exemptions), "taxRegistrationId": location.tax_registration_id,
        "taxSettings": {"taxExempt": location.tax_exempt, "taxExemptions": list(location.tax_exemptions),
                        "taxRegistrationId": location.tax_registration_id},
    }


def _contacts(context: Context, company: Company, args: dict) -> dict:
    shop = context.shop
    def customer(c: CompanyContact) -> Any:
        return shop.customers.get(c.customer_id) or _NONE

    # The fields Shopify documents for a company's ``contacts(query:)`` that the mock keeps (roles, statuses
    # and location names are not modelled: terms on them match everything).
    search = parse_search(args.get("query"), {
        "email": lambda c: customer(c).email, "id": lambda c: c.id, "company_id": lambda c: c.company_id,
        "name": lambda c: " ".join(p for p in (customer(c).first_name, customer(c).last_name) if p),
        "created_at": lambda c: c.created_at, "updated_at": lambda c: c.updated_at,
    }, lambda c: [customer(c).email, customer(c).first_name, customer(c).last_name])
    kept = [c for c in shop.company_contacts_of(company) if search.test(c)]
    return connection([c.id for c in kept], kept.__getitem__, page_args(args, context.bulk), "ID",
                      lambda c: contact_node(context, c))


def _locations(context: Context, records: list[CompanyLocation], args: dict) -> dict:
    search = parse_search(args.get("query"), LOCATION_SEARCH, lambda loc: [loc.name])
    kept = [loc for loc in records if search.test(loc)]
    pa = page_args(args, context.bulk)
    render = lambda loc: location_node(context, loc)  # noqa: E731
    sort = args.get("sortKey") or "ID"
    if sort not in LOCATION_SORTS:
        return connection([loc.id for loc in kept], kept.__getitem__, pa, "ID", render)
    return sorted_connection(kept, LOCATION_SORTS[sort], pa, sort, render)


class _NoCustomer:
    email = first_name = last_name = None


_NONE = _NoCustomer()


def company_node(context: Context, company: Company) -> dict:
    shop = context.shop
    main = shop.company_contacts.get(company.main_contact_id) if company.main_contact_id else None
    return {
        "__typename": "Company", "id": gid("Company", company.id), "name": company.name, "note": company.note,
        "externalId": company.external_id, "createdAt": date_time(company.created_at),
        "updatedAt": date_time(company.updated_at), "customerSince": date_time(company.customer_since),
        "defaultCursor": cursor_for("ID", company.id), "hasTimelineComment": False,
        "contactCount": len(company.contact_ids), "contactsCount": count(len(company.contact_ids)),
        "locationsCount": count(len(company.location_ids)), "ordersCount": count(0),
        "totalSpent": money_v2(Decimal("0.00"), shop.currency),
        "mainContact": (lambda info: contact_node(ctx(info), main)) if main is not None else None,
        "contacts": lambda info, **args: _contacts(ctx(info), company, args),
        "locations": lambda info, **args: _locations(ctx(info), shop.company_locations_of(company), args),
    }


def _by_id(context: Context, value: str, kind: str, records: dict) -> Any:
    context.require("read_customers", kind[0].lower() + kind[1:], "read_companies")
    record_id = legacy_id(value, kind)
    return records.get(record_id) if record_id is not None else None


def resolve_company(_root: Any, info: Any, id: str) -> dict | None:  # noqa: A002
    context = ctx(info)
    company = _by_id(context, id, "Company", context.shop.companies)
    return company_node(context, company) if company is not None else None


def resolve_company_contact(_root: Any, info: Any, id: str) -> dict | None:  # noqa: A002
    context = ctx(info)
    contact = _by_id(context, id, "CompanyContact", context.shop.company_contacts)
    return contact_node(context, contact) if contact is not None else None


def resolve_company_location(_root: Any, info: Any, id: str) -> dict | None:  # noqa: A002
    context = ctx(info)
    location = _by_id(context, id, "CompanyLocation", context.shop.company_locations)
    return location_node(context, location) if location is not None else None


def companies_connection(context: Context, args: dict) -> dict:
    shop = context.shop
    pa = page_args(args, context.bulk)
    render = lambda c: company_node(context, c)  # noqa: E731
    sort = args.get("sortKey") or "ID"
    if not args.get("query") and sort not in COMPANY_SORTS:  # the id-ordered index: a page costs the page
        keys = shop.company_ids
        return connection(keys, lambda i: shop.companies[keys[i]], pa, "ID", render)
    search = parse_search(args.get("query"), COMPANY_SEARCH, lambda c: [c.name, c.external_id])
    kept = [shop.companies[i] for i in shop.company_ids if search.test(shop.companies[i])]
    if sort not in COMPANY_SORTS:
        return connection([c.id for c in kept], kept.__getitem__, pa, "ID", render)
    return sorted_connection(kept, COMPANY_SORTS[sort], pa, sort, render)


def resolve_companies(_root: Any, info: Any, **args: Any) -> dict:
    context = ctx(info)
    context.require("read_customers", "companies", "read_companies")
    return companies_connection(context, args)


def resolve_companies_count(_root: Any, info: Any, limit: int | None = 10000) -> dict:
    context = ctx(info)
    context.require("read_customers", "companiesCount", "read_companies")
    total = len(context.shop.companies)
    if limit is not None and total > limit:
        return {"count": limit, "precision": "AT_LEAST"}
    return count(total)


def resolve_company_locations(_root: Any, info: Any, **args: Any) -> dict:
    context = ctx(info)
    context.require("read_customers", "companyLocations", "read_companies")
    shop = context.shop
    return _locations(context, [shop.company_locations[i] for i in shop.company_location_ids], args)
