"""``MailingAddress`` from the store's address fields."""

from __future__ import annotations

from mocks.shopify.graphql.ids import gid
from mocks.shopify.graphql.redact import redact


def address_node(fields: dict | None, address_id: int | None, pcd: int) -> dict | None:
    if fields is None:
        return None
    node = {
        "id": gid("MailingAddress", address_id or 0) + ("" if address_id else "?model_name=Address"),
        "address1": fields.get("address1"), "address2": fields.get("address2"), "city": fields.get("city"),
        "company": fields.get("company"), "country": fields.get("country"),
        "countryCodeV2": fields.get("country_code"), "firstName": fields.get("first_name"),
        "lastName": fields.get("last_name"), "name": fields.get("name"), "phone": fields.get("phone"),
        "province": fields.get("province"), "provinceCode": fields.get("province_code"), "zip": fields.get("zip"),
    }
    return redact("MailingAddress", node, pcd)
