"""Products with variants, options and images: default variant, handles, option values."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mocks.shopify import parse
from mocks.shopify.atomic import all_or_nothing
from mocks.shopify.errors import invalid, not_found
from mocks.shopify.records import Image, Product, ProductOption, Variant
from mocks.shopify.values import money, slugify, tags_string

if TYPE_CHECKING:
    from mocks.shopify.store import ShopStore

STATUSES = ("active", "draft", "archived")
INVENTORY_POLICIES = ("deny", "continue")
WEIGHT_UNITS = ("g", "kg", "oz", "lb")


class ProductsMixin:
    def product(self: ShopStore, product_id: int) -> Product:
        if product_id not in self.products:
            raise not_found()
        return self.products[product_id]

    def product_json(self: ShopStore, product: Product) -> dict:
        return product.to_dict(self.zone, self.currency)

    def find_variant(self: ShopStore, variant_id: int) -> tuple[Product, Variant] | None:
        """The stored product holding a variant, through the variant index (checked against the product)."""
        product = self.products.get(self.product_by_variant.get(variant_id))
        if product is None:
            return None
        variant = next((v for v in product.variants if v.id == variant_id), None)
        return (product, variant) if variant is not None else None

    def _handle_taken(self: ShopStore, handle: str, own_id: int | None) -> bool:
        owner = self.products_by_handle.get(handle)
        return owner is not None and owner != own_id

    def _unique_handle(self: ShopStore, wanted: str, own_id: int | None) -> str:
        handle, n = wanted, 1
        while self._handle_taken(handle, own_id):
            handle, n = f"{wanted}-{n}", n + 1
        return handle

    def _set_handle(self: ShopStore, product: Product, handle: str) -> None:
        """Sets the handle and, for a stored product, keeps the handle index in step."""
        if product.id in self.products and self.products_by_handle.get(product.handle) == product.id:
            del self.products_by_handle[product.handle]
        product.handle = handle
        if product.id in self.products:
            self.products_by_handle[handle] = product.id

    def _index_variants(self: ShopStore, product: Product, old: list[Variant]) -> None:
        for variant in old:
            if self.product_by_variant.get(variant.id) == product.id:
                del self.product_by_variant[variant.id]
        for variant in product.variants:
            self.product_by_variant[variant.id] = product.id

    def _variant(self: ShopStore, product: Product, raw: dict, existing: Variant | None, position: int) -> Variant:
        now = self.now()
        variant = existing or Variant(self.ids.next("variant"), product.id, now, now,
                                      inventory_item_id=self.ids.next("inventory_item"))
        variant.position = position
        try:
            if "price" in raw or existing is None:
                variant.price = money(raw.get("price", "0"))
            if "compare_at_price" in raw:
                value = raw["compare_at_price"]
                variant.compare_at_price = None if value in (None, "") else money(value, "compare_at_price")
        except ValueError:
            raise invalid("variants", "price is invalid") from None
        for key in ("option1", "option2", "option3"):
            if key in raw:
                setattr(variant, key, parse.text(raw, key))
        for key in ("sku", "barcode", "inventory_management", "fulfillment_service"):
            if key in raw:
                setattr(variant, key, parse.text(raw, key) if key != "fulfillment_service"
                        else parse.text(raw, key) or "manual")
        if "inventory_policy" in raw:
            if raw["inventory_policy"] not in INVENTORY_POLICIES:
                raise invalid("variants", "inventory_policy is not included in the list")
            variant.inventory_policy = raw["inventory_policy"]
        if "weight_unit" in raw:
            if raw["weight_unit"] not in WEIGHT_UNITS:
                raise invalid("variants", "weight_unit is not included in the list")
            variant.weight_unit = raw["weight_unit"]
        variant.grams = parse.integer(raw, "grams", variant.grams, minimum=0) or 0
        variant.inventory_quantity = parse.integer(raw, "inventory_quantity", variant.inventory_quantity) or 0
        if "weight" in raw:
            try:
                variant.weight = float(raw["weight"] or 0)
            except (TypeError, ValueError):
                raise invalid("variants", "weight is invalid") from None
        variant.taxable = parse.flag(raw, "taxable", variant.taxable)
        variant.requires_shipping = parse.flag(raw, "requires_shipping", variant.requires_shipping)
        if variant.option1 is None:
            variant.option1 = "Default Title"
        variant.title = " / ".join(v for v in (variant.option1, variant.option2, variant.option3) if v)
        variant.updated_at = now
        return variant

    def _apply_variants(self: ShopStore, product: Product, raw_list: list[dict] | None) -> None:
        """Variants with a known id are updated, others added, unlisted ones removed."""
        if raw_list is None:
            if not product.variants:
                product.variants = [self._variant(product, {}, None, 1)]
            return
        by_id = {v.id: v for v in product.variants}
        variants = [self._variant(product, raw, by_id.get(parse.record_id(raw, "variants")), i + 1)
                    for i, raw in enumerate(raw_list)]
        if not variants:
            variants = [self._variant(product, {}, None, 1)]
        seen: set[tuple] = set()
        for variant in variants:
            combo = (variant.option1, variant.option2, variant.option3)
            if combo in seen:
                raise invalid("base", f"The variant '{variant.title}' already exists.")
            seen.add(combo)
        product.variants = variants

    def _apply_options(self: ShopStore, product: Product, raw: list | None) -> None:
        """Names from the request (or the current ones, or "Title"); values always from the variants."""
        names = [o.name for o in product.options]
        if raw is not None:
            names = []
            for item in raw:
                name = item.get("name") if isinstance(item, dict) else item
                if not isinstance(name, str) or not name.strip():
                    raise invalid("options", "name can't be blank")
                names.append(name.strip())
        used = [k for k in ("option1", "option2", "option3") if any(getattr(v, k) for v in product.variants)]
        names = (names + ["Title", "Option2", "Option3"][len(names):])[: max(1, len(used))]
        by_name = {o.name: o for o in product.options}
        options = []
        for position, name in enumerate(names, start=1):
            values: list[str] = []
            for variant in product.variants:
                value = getattr(variant, f"option{position}")
                if value and value not in values:
                    values.append(value)
            option = by_name.get(name) or ProductOption(self.ids.next("option"), product.id, name, position, [])
            option.position, option.values = position, values
            options.append(option)
        product.options = options

    def _apply_images(self: ShopStore, product: Product, raw_list: list[dict] | None) -> None:
        if raw_list is None:
            return
        by_id = {i.id: i for i in product.images}
        now = self.now()
        images = []
        for position, raw in enumerate(raw_list, start=1):
            image = by_id.get(parse.record_id(raw, "images"))
            src = parse.text(raw, "src")
            if image is None:
                if not src and not raw.get("attachment"):
                    raise invalid("images", "src can't be blank")
                image_id = self.ids.next("image")
                src = src or f"https://cdn.shopify.com/s/files/1/{self.info.id}/products/{image_id}.png"
                image = Image(image_id, product.id, position, src, now, now)
            elif src:
                image.src = src
            image.position, image.alt = position, parse.text(raw, "alt", image.alt)
            ids = raw.get("variant_ids")
            if isinstance(ids, list):
                image.variant_ids = [i for i in ids if isinstance(i, int)]
            image.updated_at = now
            images.append(image)
        product.images = images

    def _apply_product_fields(self: ShopStore, product: Product, body: dict) -> None:
        for key in ("body_html", "vendor", "product_type", "template_suffix"):
            if key in body:
                setattr(product, key, parse.text(body, key) or ("" if key == "product_type" else None))
        if "tags" in body:
            if body["tags"] is not None and not isinstance(body["tags"], str | list):
                raise invalid("tags", "is invalid")
            product.tags = tags_string(body["tags"])
        if "published_scope" in body and body["published_scope"] is not None:
            if body["published_scope"] not in ("web", "global"):
                raise invalid("published_scope", "is not included in the list")
            product.published_scope = body["published_scope"]
        if "status" in body and body["status"] is not None:
            if body["status"] not in STATUSES:
                raise invalid("status", "is not included in the list")
            product.status = body["status"]
        if "published" in body:
            product.published_at = (product.published_at or self.now()) if parse.flag(body, "published", True) \
                else None

    def create_product(self: ShopStore, body: dict) -> Product:
        title = (parse.text(body, "title") or "").strip()
        if not title:
            raise invalid("title", "can't be blank")
        now = self.now()
        handle_raw = parse.text(body, "handle")
        product = Product(self.ids.next("product"), title, "", now, now, vendor=self.info.name)
        if handle_raw:
            handle = slugify(handle_raw)
            if self._handle_taken(handle, None):
                raise invalid("handle", "has already been taken")
            product.handle = handle
        else:
            product.handle = self._unique_handle(slugify(title), None)
        self._apply_product_fields(product, body)
        if "published" not in body:
            product.published_at = now if product.status == "active" else None
        self._apply_variants(product, parse.items(body, "variants"))
        self._apply_options(product, body.get("options") if isinstance(body.get("options"), list) else None)
        raw_images = parse.items(body, "images")
        if raw_images is None and isinstance(body.get("image"), dict):
            raw_images = [body["image"]]
        self._apply_images(product, raw_images)
        self.products[product.id] = product
        self.products_by_handle[product.handle] = product.id
        self._index_variants(product, [])
        self.record_event("Product", product.id, "create", title)
        self.emit("products/create", self.product_json(product))
        return product

    def _unindex_product(self: ShopStore, product: Product) -> None:
        if self.products_by_handle.get(product.handle) == product.id:
            del self.products_by_handle[product.handle]
        for variant in product.variants:
            if self.product_by_variant.get(variant.id) == product.id:
                del self.product_by_variant[variant.id]

    def _index_product(self: ShopStore, product: Product) -> None:
        self.products_by_handle[product.handle] = product.id
        self._index_variants(product, [])

    @all_or_nothing("product", unindex="_unindex_product", index="_index_product")
    def update_product(self: ShopStore, product_id: int, body: dict) -> Product:
        product = self.product(product_id)
        if "title" in body:
            title = (parse.text(body, "title") or "").strip()
            if not title:
                raise invalid("title", "can't be blank")
            product.title = title
        if "handle" in body and body["handle"]:
            handle = slugify(str(body["handle"]))
            if self._handle_taken(handle, product.id):
                raise invalid("handle", "has already been taken")
            self._set_handle(product, handle)
        self._apply_product_fields(product, body)
        if "variants" in body:
            old_variants = list(product.variants)
            self._apply_variants(product, parse.items(body, "variants"))
            self._index_variants(product, old_variants)
        options = body.get("options") if isinstance(body.get("options"), list) else None
        self._apply_options(product, options)
        self._apply_images(product, parse.items(body, "images"))
        product.updated_at = self.now()
        self.record_event("Product", product.id, "update", product.title)
        self.emit("products/update", self.product_json(product))
        return product

    def delete_product(self: ShopStore, product_id: int) -> None:
        product = self.product(product_id)
        del self.products[product_id]
        if self.products_by_handle.get(product.handle) == product_id:
            del self.products_by_handle[product.handle]
        for variant in product.variants:
            self.product_by_variant.pop(variant.id, None)
        for order in self.orders_by_product.pop(product_id, {}).values():
            for item in order.line_items:
                if item.product_id == product_id:
                    item.product_exists = False
        self.record_event("Product", product.id, "destroy", product.title)
        self.emit("products/delete", {"id": product.id})
