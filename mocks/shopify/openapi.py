"""A hand-written OpenAPI 3.1 description of every real operation the mock implements.

Response schemas list the keys the mock always returns (``required``) with their types; extra keys
are allowed, as Shopify adds fields over time. Links chain create -> get -> delete for customers,
products and orders.
"""

from __future__ import annotations

from typing import Any

from mocks.shopify.config import API_VERSION

PREFIX = f"/admin/api/{API_VERSION}"
NUL_STR = {"type": ["string", "null"]}
NUL_INT = {"type": ["integer", "null"]}
STR, INT, BOOL = {"type": "string"}, {"type": "integer"}, {"type": "boolean"}
MONEY = {"type": "string", "pattern": r"^-?\d+\.\d{2}$"}
TIME = {"type": "string", "format": "date-time"}
NUL_TIME = {"type": ["string", "null"], "format": "date-time"}
STR_LIST = {"type": "array", "items": STR}


def obj(props: dict[str, Any], nullable: bool = False) -> dict:
    schema: dict[str, Any] = {"type": ["object", "null"] if nullable else "object", "properties": props,
                              "required": list(props), "additionalProperties": True}
    return schema


def ref(name: str, nullable: bool = False) -> dict:
    return {"oneOf": [{"$ref": f"#/components/schemas/{name}"}, {"type": "null"}]} if nullable \
        else {"$ref": f"#/components/schemas/{name}"}


def array(schema: dict) -> dict:
    return {"type": "array", "items": schema}


ADDRESS = obj({"id": INT, "customer_id": INT, "first_name": NUL_STR, "last_name": NUL_STR, "company": NUL_STR,
               "address1": NUL_STR, "address2": NUL_STR, "city": NUL_STR, "province": NUL_STR,
               "country": NUL_STR, "zip": NUL_STR, "phone": NUL_STR, "name": NUL_STR, "province_code": NUL_STR,
               "country_code": NUL_STR, "country_name": NUL_STR, "default": BOOL})
ORDER_ADDRESS = {"type": ["object", "null"], "additionalProperties": True}
CONSENT = {"type": ["object", "null"], "properties": {"state": STR, "opt_in_level": NUL_STR,
                                                      "consent_updated_at": NUL_TIME}}
CUSTOMER = obj({"id": INT, "email": NUL_STR, "created_at": TIME, "updated_at": TIME, "first_name": NUL_STR,
                "last_name": NUL_STR, "orders_count": INT, "state": {"enum": ["disabled", "invited", "enabled",
                                                                              "declined"]},
                "total_spent": MONEY, "last_order_id": NUL_INT, "note": NUL_STR, "verified_email": BOOL,
                "tax_exempt": BOOL, "tags": STR, "last_order_name": NUL_STR, "currency": STR, "phone": NUL_STR,
                "addresses": array(ref("Address")), "email_marketing_consent": CONSENT,
                "sms_marketing_consent": CONSENT, "admin_graphql_api_id": STR,
                "default_address": ref("Address", nullable=True)})
VARIANT = obj({"id": INT, "product_id": INT, "title": STR, "price": MONEY, "sku": NUL_STR, "position": INT,
               "inventory_policy": STR, "compare_at_price": {"type": ["string", "null"]}, "option1": NUL_STR,
               "option2": NUL_STR, "option3": NUL_STR, "created_at": TIME, "updated_at": TIME, "taxable": BOOL,
               "grams": INT, "inventory_item_id": INT, "inventory_quantity": INT, "requires_shipping": BOOL,
               "admin_graphql_api_id": STR})
IMAGE = obj({"id": INT, "product_id": INT, "position": INT, "src": STR, "alt": NUL_STR,
             "variant_ids": array(INT), "admin_graphql_api_id": STR})
PRODUCT = obj({"id": INT, "title": STR, "body_html": NUL_STR, "vendor": NUL_STR, "product_type": STR,
               "created_at": TIME, "handle": STR, "updated_at": TIME, "published_at": NUL_TIME,
               "template_suffix": NUL_STR, "published_scope": STR, "tags": STR,
               "status": {"enum": ["active", "draft", "archived"]}, "admin_graphql_api_id": STR,
               "variants": array(ref("Variant")),
               "options": array(obj({"id": INT, "product_id": INT, "name": STR, "position": INT,
                                     "values": STR_LIST})),
               "images": array(ref("Image")), "image": ref("Image", nullable=True)})
MONEY_SET = obj({"shop_money": obj({"amount": MONEY, "currency_code": STR}),
                 "presentment_money": obj({"amount": MONEY, "currency_code": STR})})
LINE_ITEM = obj({"id": INT, "title": STR, "name": STR, "price": MONEY, "price_set": ref("MoneySet"),
                 "quantity": INT, "variant_id": NUL_INT, "product_id": NUL_INT, "sku": NUL_STR,
                 "fulfillable_quantity": INT, "fulfillment_status": NUL_STR, "variant_title": NUL_STR,
                 "admin_graphql_api_id": STR})
FULFILLMENT = obj({"id": INT, "order_id": INT, "name": STR, "status": STR, "created_at": TIME,
                   "updated_at": TIME, "tracking_number": NUL_STR, "line_items": array(ref("LineItem"))})
ORDER = obj({"id": INT, "admin_graphql_api_id": STR, "name": STR, "number": INT, "order_number": INT,
             "email": NUL_STR, "phone": NUL_STR, "created_at": TIME, "updated_at": TIME, "processed_at": TIME,
             "cancelled_at": NUL_TIME, "cancel_reason": NUL_STR, "closed_at": NUL_TIME, "currency": STR,
             "financial_status": {"enum": ["pending", "authorized", "partially_paid", "paid", "partially_refunded",
                                           "refunded", "voided"]},
             "fulfillment_status": {"enum": [None, "fulfilled", "partial", "restocked"]},
             "subtotal_price": MONEY, "total_price": MONEY, "total_tax": MONEY, "total_discounts": MONEY,
             "total_line_items_price": MONEY, "total_price_set": ref("MoneySet"), "tags": STR, "note": NUL_STR,
             "checkout_token": NUL_STR, "cart_token": NUL_STR, "source_name": STR, "token": STR,
             "customer": {"oneOf": [{"type": "null"}, {"type": "object", "required": ["id"]}]},
             "line_items": array(ref("LineItem")), "fulfillments": array(ref("Fulfillment")),
             "shipping_lines": array({"type": "object"}), "tax_lines": array({"type": "object"}),
             "billing_address": ORDER_ADDRESS, "shipping_address": ORDER_ADDRESS})
CHECKOUT = obj({"id": INT, "token": STR, "cart_token": STR, "email": NUL_STR, "phone": NUL_STR, "created_at": TIME,
                "updated_at": TIME, "completed_at": NUL_TIME, "closed_at": NUL_TIME, "currency": STR,
                "name": STR, "abandoned_checkout_url": STR, "total_price": MONEY, "subtotal_price": MONEY,
                "line_items": array(obj({"variant_id": INT, "product_id": INT, "title": STR, "quantity": INT,
                                         "price": MONEY, "line_price": MONEY})),
                "customer": {"type": ["object", "null"]}})
WEBHOOK = obj({"id": INT, "address": STR, "topic": STR, "created_at": TIME, "updated_at": TIME,
               "format": STR, "fields": STR_LIST, "metafield_namespaces": STR_LIST, "api_version": STR,
               "private_metafield_namespaces": STR_LIST})
SCRIPT_TAG = obj({"id": INT, "src": STR, "event": STR, "created_at": TIME, "updated_at": TIME,
                  "display_scope": STR, "cache": BOOL})
EVENT = obj({"id": INT, "subject_id": INT, "created_at": TIME, "subject_type": STR, "verb": STR,
             "arguments": {"type": "array"}, "body": {"type": "null"}, "message": STR, "author": STR,
             "description": STR, "path": STR})
SHOP = obj({"id": INT, "name": STR, "email": STR, "domain": STR, "myshopify_domain": STR, "currency": STR,
            "iana_timezone": STR, "created_at": TIME, "plan_name": STR})
ERRORS = {"type": "object", "required": ["errors"], "properties": {"errors": {
    "oneOf": [STR, {"type": "object", "additionalProperties": {"oneOf": [STR, STR_LIST]}}, STR_LIST]}}}

SCHEMAS = {"Address": ADDRESS, "Customer": CUSTOMER, "Variant": VARIANT, "Image": IMAGE, "Product": PRODUCT,
           "MoneySet": MONEY_SET, "LineItem": LINE_ITEM, "Fulfillment": FULFILLMENT, "Order": ORDER,
           "Checkout": CHECKOUT, "Webhook": WEBHOOK, "ScriptTag": SCRIPT_TAG, "Event": EVENT, "Shop": SHOP,
           "Errors": ERRORS}

# Request bodies: the singular root key around the writable fields (additional fields are accepted).
# Tags and webhook fields are taken as a comma-separated string or as a list of strings.
LIST_OR_TEXT = {"type": ["string", "array"], "items": STR}
WRITE = {
    "Customer": {"email": STR, "first_name": STR, "last_name": STR, "phone": STR, "note": STR, "tags": LIST_OR_TEXT,
                 "verified_email": BOOL, "addresses": array({"type": "object"})},
    "Product": {"title": {"type": "string", "minLength": 1}, "body_html": STR, "vendor": STR, "product_type": STR,
                "tags": LIST_OR_TEXT, "status": {"enum": ["active", "draft", "archived"]},
                "variants": array(obj({"price": STR, "option1": STR, "sku": STR}))},
    "Order": {"email": STR, "line_items": array({"type": "object", "properties": {
        "variant_id": INT, "title": STR, "price": STR, "quantity": {"type": "integer", "minimum": 1}}}),
        "financial_status": STR, "currency": STR, "note": STR, "tags": LIST_OR_TEXT},
    "Webhook": {"topic": STR, "address": STR, "format": {"enum": ["json"]}, "fields": LIST_OR_TEXT},
    "ScriptTag": {"event": {"enum": ["onload"]}, "src": STR, "display_scope": STR},
}

LIST_PARAMS = ("limit", "since_id", "created_at_min", "created_at_max", "updated_at_min", "updated_at_max",
               "ids", "fields", "page_info")
BLANK = {"type": "string", "maxLength": 0}  # a blank filter counts as absent, as in Shopify's Rails params
PARAM_SCHEMAS = {"limit": {"type": "integer", "minimum": 1, "maximum": 250}, "since_id": {"anyOf": [INT, BLANK]},
                 **{name: {"anyOf": [TIME, BLANK]}
                    for name in ("created_at_min", "created_at_max", "updated_at_min", "updated_at_max")},
                 "status": STR, "financial_status": STR, "fulfillment_status": STR, "query": STR,
                 "topic": STR, "address": STR, "src": STR, "filter": STR, "verb": STR, "order": STR,
                 "ids": STR, "fields": STR, "page_info": STR, "reason": STR}
ERROR_CODES = {"400": "Bad request (unparsable JSON, missing root key, bad paging parameters)",
               "401": "Missing or invalid access token", "403": "The token lacks the scope",
               "404": "Not Found", "406": "Not Acceptable", "415": "Unsupported Media Type",
               "422": "Validation failed", "429": "Throttled (leaky bucket, Retry-After)"}


def _param(name: str, where: str = "query") -> dict:
    return {"name": name, "in": where, "required": where == "path",
            "schema": INT if where == "path" and name != "token" else PARAM_SCHEMAS.get(name, STR)}


def _responses(status: str, root: str | None, schema: dict | None, codes: tuple[str, ...]) -> dict:
    content = {"application/json": {"schema": obj({root: schema}) if root and schema is not None
                                    else {"type": "object"}}}
    out: dict[str, Any] = {status: {"description": "OK" if status == "200" else "Created", "content": content,
                                    "headers": {"X-Shopify-Shop-Api-Call-Limit": {
                                        "schema": {"type": "string", "pattern": r"^\d+/\d+$"}}}}}
    for code in ("401", "429") + codes:
        out[code] = {"description": ERROR_CODES[code],
                     "content": {"application/json": {"schema": ref("Errors")}}}
    return out


def partial(name: str) -> dict:
    """The record as ``fields=`` returns it: only the named keys (none for unknown names), same types."""
    whole = SCHEMAS[name]
    return {"type": "object", "properties": whole["properties"], "additionalProperties": True}


def _fields_aware(schema: dict | None) -> dict | None:
    """Where an operation takes ``fields``, a record may be whole or restricted to the requested keys."""
    if schema is None:
        return None
    if schema.get("type") == "array":
        return array(_fields_aware(schema["items"]))
    name = schema.get("$ref", "").rsplit("/", 1)[-1]
    if name in SCHEMAS:
        return {"anyOf": [schema, ref(f"{name}Fields")]}
    return schema


def _op(op_id: str, summary: str, status: str, root: str | None, schema: dict | None, *,
        params: tuple = (), path_params: tuple = (), body: str | None = None, body_root: str | None = None,
        codes: tuple[str, ...] = (), links: dict | None = None, required_body: bool = True) -> dict:
    if "fields" in params:
        schema = _fields_aware(schema)
    op: dict[str, Any] = {"operationId": op_id, "summary": summary,
                          "parameters": [_param(p, "path") for p in path_params] + [_param(p) for p in params],
                          "responses": _responses(status, root, schema, codes)}
    if body:
        inner = {"type": "object", "properties": WRITE[body], "additionalProperties": True}
        op["requestBody"] = {"required": required_body, "content": {"application/json": {"schema": {
            "type": "object", "required": [body_root], "properties": {body_root: inner}}}}}
    if links:
        op["responses"][status]["links"] = links
    return op


def _crud(plural: str, singular: str, name: str, list_params: tuple, create_codes: tuple = ("400", "422"),
          links: bool = False, id_name: str | None = None) -> dict[str, dict]:
    """List, count, get, create, update and delete of one resource."""
    id_name = id_name or f"{singular}_id"
    cap = name
    link = {}
    if links:
        link = {f"Get{cap}": {"operationId": f"get{cap}", "parameters": {id_name: f"$response.body#/{singular}/id"}},
                f"Delete{cap}": {"operationId": f"delete{cap}",
                                 "parameters": {id_name: f"$response.body#/{singular}/id"}}}
    one = ref(name)
    return {
        f"{PREFIX}/{plural}.json": {
            "get": _op(f"list{cap}s", f"List {plural}", "200", plural, array(one), params=list_params,
                       codes=("400", "403")),
            "post": _op(f"create{cap}", f"Create a {singular}", "201", singular, one, body=name,
                        body_root=singular, codes=create_codes + ("403", "415"), links=link or None),
        },
        f"{PREFIX}/{plural}/count.json": {
            "get": _op(f"count{cap}s", f"Count {plural}", "200", "count", INT,
                       params=tuple(p for p in list_params if p not in ("limit", "fields", "page_info")),
                       codes=("400", "403")),
        },
        f"{PREFIX}/{plural}/{{{id_name}}}.json": {
            "get": _op(f"get{cap}", f"Get one {singular}", "200", singular, one, path_params=(id_name,),
                       params=("fields",), codes=("403", "404")),
            "put": _op(f"update{cap}", f"Update a {singular}", "200", singular, one, path_params=(id_name,),
                       body=name, body_root=singular, codes=("400", "403", "404", "415", "422")),
            "delete": _op(f"delete{cap}", f"Delete a {singular}", "200", None, None, path_params=(id_name,),
                          codes=("403", "404", "422")),
        },
    }


def build_spec(server_url: str = "") -> dict:
    """The OpenAPI document; ``server_url`` is the mock's own base URL."""
    common = LIST_PARAMS
    order_params = common + ("status", "financial_status", "fulfillment_status", "order")
    paths: dict[str, dict] = {
        f"{PREFIX}/shop.json": {"get": _op("getShop", "The shop of the token", "200", "shop", ref("Shop"))},
    }
    paths.update(_crud("customers", "customer", "Customer", common + ("order",), links=True))
    paths[f"{PREFIX}/customers/search.json"] = {"get": _op(
        "searchCustomers", "Search customers (email:, first_name:, tag:, * wildcard, free text)", "200",
        "customers", array(ref("Customer")), params=("query", "limit", "fields", "page_info"),
        codes=("400", "403"))}
    paths[f"{PREFIX}/customers/{{customer_id}}/orders.json"] = {"get": _op(
        "listCustomerOrders", "A customer's orders", "200", "orders", array(ref("Order")),
        path_params=("customer_id",), params=order_params, codes=("400", "403", "404"))}
    paths.update(_crud("products", "product", "Product", common + ("status", "vendor", "order"), links=True))
    paths.update(_crud("orders", "order", "Order", order_params, links=True))
    for action, summary in (("cancel", "Cancel an order"), ("close", "Close an order"), ("open", "Re-open an order")):
        paths[f"{PREFIX}/orders/{{order_id}}/{action}.json"] = {"post": _op(
            f"{action}Order", summary, "200", "order", ref("Order"), path_params=("order_id",),
            params=("reason",) if action == "cancel" else (), codes=("403", "404", "422"))}
    paths[f"{PREFIX}/orders/{{order_id}}/fulfillments.json"] = {
        "get": _op("listFulfillments", "An order's fulfillments", "200", "fulfillments", array(ref("Fulfillment")),
                   path_params=("order_id",), params=("limit", "fields", "page_info"), codes=("400", "403", "404")),
        "post": _op("createFulfillment", "Fulfil line items (all remaining when none are named)", "201",
                    "fulfillment", ref("Fulfillment"), path_params=("order_id",), codes=("400", "403", "404", "422")),
    }
    paths[f"{PREFIX}/orders/{{order_id}}/fulfillments/count.json"] = {"get": _op(
        "countFulfillments", "Count an order's fulfillments", "200", "count", INT, path_params=("order_id",),
        codes=("403", "404"))}
    paths[f"{PREFIX}/orders/{{order_id}}/fulfillments/{{fulfillment_id}}.json"] = {"get": _op(
        "getFulfillment", "Get one fulfillment", "200", "fulfillment", ref("Fulfillment"),
        path_params=("order_id", "fulfillment_id"), codes=("403", "404"))}
    for plural, id_name in (("products", "product_id"), ("orders", "order_id")):
        paths[f"{PREFIX}/{plural}/{{{id_name}}}/events.json"] = {"get": _op(
            f"list{plural.title()[:-1]}Events", f"Events of one {plural[:-1]}", "200", "events",
            array(ref("Event")), path_params=(id_name,), params=("limit", "fields", "page_info", "verb"),
            codes=("400", "404"))}
    checkout_params = common + ("status",)
    paths[f"{PREFIX}/checkouts.json"] = {
        "get": _op("listCheckouts", "Abandoned checkouts", "200", "checkouts", array(ref("Checkout")),
                   params=checkout_params, codes=("400", "403")),
    }
    paths[f"{PREFIX}/checkouts/count.json"] = {"get": _op(
        "countCheckouts", "Count abandoned checkouts", "200", "count", INT,
        params=tuple(p for p in checkout_params if p not in ("limit", "fields", "page_info")), codes=("400", "403"))}
    paths.update(_crud("webhooks", "webhook", "Webhook", common + ("topic", "address")))
    paths.update(_crud("script_tags", "script_tag", "ScriptTag", common + ("src",)))
    paths[f"{PREFIX}/events.json"] = {"get": _op("listEvents", "Events (filter=Product|Order, verb=destroy)",
                                                 "200", "events", array(ref("Event")),
                                                 params=common + ("filter", "verb"), codes=("400",))}
    paths[f"{PREFIX}/events/count.json"] = {"get": _op("countEvents", "Count events", "200", "count", INT,
                                                       params=("filter", "verb", "created_at_min"), codes=("400",))}
    paths[f"{PREFIX}/events/{{event_id}}.json"] = {"get": _op("getEvent", "Get an event", "200", "event",
                                                              ref("Event"), path_params=("event_id",),
                                                              codes=("404",))}
    graphql = _op("graphql", "GraphQL Admin API (errors in the body with 200; see docs/shopify-mock.md)", "200",
                  None, None, codes=("400", "403", "415"))
    graphql["requestBody"] = {"required": True, "content": {"application/json": {"schema": {
        "type": "object", "required": ["query"],
        "properties": {"query": {"type": "string"}, "variables": {"type": ["object", "string", "null"]},
                       "operationName": {"type": ["string", "null"]}}}}}}
    paths[f"{PREFIX}/graphql.json"] = {"post": graphql}
    return {
        "openapi": "3.1.0",
        "info": {"title": "Shopify Admin REST API (mock)", "version": API_VERSION,
                 "description": f"The subset of the Shopify Admin REST API {API_VERSION} that the harness mock serves."},
        "servers": [{"url": server_url or "/"}],
        "security": [{"AccessToken": []}],
        "paths": paths,
        "components": {"schemas": {**SCHEMAS, **{f"{name}Fields": partial(name) for name in SCHEMAS
                                                 if name != "Errors"}}, "securitySchemes": {
            "AccessToken": {"type": "apiKey", "in": "header", "name": "X-Shopify-Access-Token"}}},
    }
