"""products.json with variants, options and images (deprecated on REST since 2024-04; the gate adds
``X-Shopify-API-Deprecated-Reason``). REST neither returns nor writes more than 100 variants."""

from __future__ import annotations

from flask import Blueprint

from mocks.shopify.errors import invalid
from mocks.shopify.listing import COMMON_FILTERS, apply_common
from mocks.shopify.records import Product
from mocks.shopify.routes import common as c
from mocks.shopify.versions import REST_VARIANT_LIMIT

PRODUCT_FILTERS = COMMON_FILTERS + ("status", "vendor", "product_type", "handle", "title")


def _filter(records: list, filters: dict[str, str]) -> list:
    records = apply_common(records, filters)
    for key in ("status", "vendor", "product_type", "title"):
        if key in filters:
            wanted = {v.strip() for v in filters[key].split(",")} if key == "status" else {filters[key]}
            records = [p for p in records if getattr(p, key) in wanted]
    if "handle" in filters:
        handles = {h.strip() for h in filters["handle"].split(",")}
        records = [p for p in records if p.handle in handles]
    return records


def _render(product: Product) -> dict:
    """The REST shape: at most the first 100 variants (a product made through GraphQL may have more)."""
    data = c.shop().product_json(product)
    if len(data.get("variants") or []) > REST_VARIANT_LIMIT:
        data["variants"] = data["variants"][:REST_VARIANT_LIMIT]
    return data


def _capped(body: dict) -> dict:
    """422 for a write of more than 100 variants, as Shopify's REST products endpoint answers."""
    variants = body.get("variants")
    if isinstance(variants, list) and len(variants) > REST_VARIANT_LIMIT:
        raise invalid("base", "Exceeded maximum number of variants allowed")
    return body


def products_blueprint() -> Blueprint:
    bp = c.blueprint("products")

    @c.route(bp, "/products.json", ["GET"])
    def list_products():  # noqa: ANN202
        q = c.query(PRODUCT_FILTERS)
        return c.listing("products", _filter(list(c.shop().products.values()), q.filters), q, _render)

    @c.route(bp, "/products/count.json", ["GET"])
    def count_products():  # noqa: ANN202
        return c.count(len(_filter(list(c.shop().products.values()), c.count_filters(PRODUCT_FILTERS))))

    @c.route(bp, "/products/<int:product_id>.json", ["GET"])
    def get_product(product_id: int):  # noqa: ANN202
        return c.one("product", _render(c.shop().product(product_id)))

    @c.route(bp, "/products.json", ["POST"])
    def create_product():  # noqa: ANN202
        return c.one("product", _render(c.shop().create_product(_capped(c.body("product")))), 201)

    @c.route(bp, "/products/<int:product_id>.json", ["PUT"])
    def update_product(product_id: int):  # noqa: ANN202
        c.shop().product(product_id)
        product = c.shop().update_product(product_id, _capped(c.body("product")))
        return c.one("product", _render(product))

    @c.route(bp, "/products/<int:product_id>.json", ["DELETE"])
    def delete_product(product_id: int):  # noqa: ANN202
        c.shop().delete_product(product_id)
        return c.empty()

    return bp
