"""``Product`` and ``ProductVariant``; the product and variant queries."""

from __future__ import annotations

from typing import Any

from mocks.shopify.graphql.connections import list_connection, page_args, sorted_connection
from mocks.shopify.graphql.context import Context, ctx
from mocks.shopify.graphql.ids import gid, legacy_id
from mocks.shopify.graphql.scalars import date_time, money, tag_list, uint
from mocks.shopify.graphql.search import parse_search
from mocks.shopify.records import Product, Variant

SEARCH_FIELDS: dict[str, Any] = {
    "id": lambda p: p.id, "title": lambda p: p.title, "handle": lambda p: p.handle,
    "vendor": lambda p: p.vendor, "product_type": lambda p: p.product_type, "status": lambda p: p.status,
    "tag": lambda p: tag_list(p.tags), "created_at": lambda p: p.created_at, "updated_at": lambda p: p.updated_at,
    "published_at": lambda p: p.published_at, "sku": lambda p: [v.sku for v in p.variants],
    "barcode": lambda p: [v.barcode for v in p.variants],
}
SORTS: dict[str, Any] = {
    "ID": lambda p: p.id, "TITLE": lambda p: (p.title.lower(), p.id),
    "CREATED_AT": lambda p: (int(p.created_at.timestamp()), p.id),
    "UPDATED_AT": lambda p: (int(p.updated_at.timestamp()), p.id),
    "VENDOR": lambda p: ((p.vendor or "").lower(), p.id), "PRODUCT_TYPE": lambda p: (p.product_type.lower(), p.id),
    "INVENTORY_TOTAL": lambda p: (sum(v.inventory_quantity for v in p.variants), p.id),
}
VARIANT_SEARCH: dict[str, Any] = {
    "id": lambda pv: pv[1].id, "sku": lambda pv: pv[1].sku, "barcode": lambda pv: pv[1].barcode,
    "title": lambda pv: pv[1].title, "product_id": lambda pv: pv[0].id,
    "created_at": lambda pv: pv[1].created_at, "updated_at": lambda pv: pv[1].updated_at,
}


def variant_node(context: Context, product: Product, variant: Variant) -> dict:
    options = [o for o in sorted(product.options, key=lambda o: o.position)]
    chosen = [variant.option1, variant.option2, variant.option3]
    return {
        "__typename": "ProductVariant", "id": gid("ProductVariant", variant.id),
        "legacyResourceId": uint(variant.id), "title": variant.title,
        "displayName": f"{product.title} - {variant.title}", "sku": variant.sku, "barcode": variant.barcode,
        "price": money(variant.price), "compareAtPrice": money(variant.compare_at_price),
        "position": variant.position, "taxable": variant.taxable, "inventoryQuantity": variant.inventory_quantity,
        "createdAt": date_time(variant.created_at), "updatedAt": date_time(variant.updated_at),
        "product": lambda info: product_node(ctx(info), product),
        "selectedOptions": [{"name": o.name, "value": chosen[i]} for i, o in enumerate(options[:3])
                            if chosen[i] is not None],
    }


def product_node(context: Context, product: Product) -> dict:
    variants = sorted(product.variants, key=lambda v: v.position)
    return {
        "__typename": "Product", "id": gid("Product", product.id), "legacyResourceId": uint(product.id),
        "title": product.title, "handle": product.handle, "status": product.status.upper(),
        "vendor": product.vendor or "", "productType": product.product_type, "tags": tag_list(product.tags),
        "descriptionHtml": product.body_html or "", "createdAt": date_time(product.created_at),
        "updatedAt": date_time(product.updated_at), "publishedAt": date_time(product.published_at),
        "variants": lambda info, **args: list_connection(
            variants, page_args(args, ctx(info).bulk), lambda v: variant_node(context, product, v)),
        "totalInventory": sum(v.inventory_quantity for v in product.variants),
        "hasOnlyDefaultVariant": len(variants) == 1 and variants[0].title == "Default Title",
        "featuredMedia": media_node(min(product.images, key=lambda i: i.position)) if product.images else None,
    }


def media_node(image: Any) -> dict:
    """A product image as ``MediaImage`` (the product's first image is its featured media)."""
    picture = {"id": gid("ImageSource", image.id), "url": image.src, "altText": image.alt,
               "width": image.width or None, "height": image.height or None}
    return {"__typename": "MediaImage", "id": gid("MediaImage", image.id), "alt": image.alt,
            "mediaContentType": "IMAGE", "status": "READY", "image": picture,
            "preview": {"image": picture, "status": "READY"},
            "createdAt": date_time(image.created_at), "updatedAt": date_time(image.updated_at)}


def resolve_product(_root: Any, info: Any, id: str) -> dict | None:  # noqa: A002
    context = ctx(info)
    context.require("read_products", "product")
    product_id = legacy_id(id, "Product")
    product = context.shop.products.get(product_id) if product_id else None
    return product_node(context, product) if product else None


def resolve_products(_root: Any, info: Any, **args: Any) -> dict:
    context = ctx(info)
    context.require("read_products", "products")
    pa = page_args(args, context.bulk)
    search = parse_search(args.get("query"), SEARCH_FIELDS, lambda p: [p.title, p.vendor, p.product_type])
    sort = args.get("sortKey") if args.get("sortKey") in SORTS else "ID"
    records = [p for p in context.shop.products.values() if search.test(p)]
    return sorted_connection(records, SORTS[sort], pa, sort, lambda p: product_node(context, p))


def resolve_variant(_root: Any, info: Any, id: str) -> dict | None:  # noqa: A002
    context = ctx(info)
    context.require("read_products", "productVariant")
    variant_id = legacy_id(id, "ProductVariant")
    found = context.shop.find_variant(variant_id) if variant_id else None
    return variant_node(context, *found) if found else None


def resolve_variants(_root: Any, info: Any, **args: Any) -> dict:
    context = ctx(info)
    context.require("read_products", "productVariants")
    pa = page_args(args, context.bulk)
    search = parse_search(args.get("query"), VARIANT_SEARCH, lambda pv: [pv[1].title, pv[1].sku])
    pairs = [(p, v) for p in context.shop.products.values() for v in p.variants if search.test((p, v))]
    return sorted_connection(pairs, lambda pv: pv[1].id, pa, "ID", lambda pv: variant_node(context, *pv))
