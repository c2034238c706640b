"""The demo stores' product catalogues: fixed titles and options, prices jittered by the seed.

Hand-written rather than Faker text so the dashboard reads like a real shop. Store B is a French
shop: its values stay in French, accents included (S4: nothing is translated).
"""

from __future__ import annotations

# (title, vendor, product_type, option name, option values, base price, tags)
CATALOGUE_A: tuple[tuple[str, str, str, str, tuple[str, ...], str, str], ...] = (
    ("Merino Wool Beanie", "Northwind Knits", "Hats", "Color", ("Charcoal", "Forest", "Rust"), "28.00", "wool, winter"),
    ("Trail Running Shoes", "Ridgeback", "Footwear", "Size", ("8", "9", "10", "11"), "129.00", "running, trail"),
    ("Insulated Water Bottle", "Kettle & Co", "Accessories", "Size", ("500 ml", "750 ml"), "32.00", "hydration"),
    ("Packable Rain Jacket", "Ridgeback", "Outerwear", "Size", ("S", "M", "L", "XL"), "149.00", "rain, travel"),
    ("Organic Cotton Tee", "Northwind Knits", "Tops", "Size", ("S", "M", "L"), "35.00", "organic, basics"),
    ("Canvas Weekender Bag", "Harbour Goods", "Bags", "Color", ("Sand", "Navy"), "118.00", "travel"),
    ("Wool Hiking Socks", "Northwind Knits", "Socks", "Size", ("M", "L"), "19.00", "hiking, wool"),
    ("Titanium Camp Mug", "Kettle & Co", "Camp Kitchen", "Title", ("Default Title",), "42.00", "camping"),
    ("Headlamp 400", "Lumen Works", "Lighting", "Title", ("Default Title",), "54.00", "camping, night"),
    ("Down Sleeping Bag", "Ridgeback", "Sleep", "Length", ("Regular", "Long"), "329.00", "camping, winter"),
    ("Trekking Poles (pair)", "Ridgeback", "Hiking Gear", "Title", ("Default Title",), "89.00", "hiking"),
    ("Fleece Quarter Zip", "Northwind Knits", "Tops", "Size", ("S", "M", "L", "XL"), "79.00", "layering"),
    ("Gift Card", "Harbour Goods", "Gift Cards", "Denomination", ("25", "50", "100"), "25.00", "gift"),
    ("Trail Map Set", "Harbour Goods", "Books", "Title", ("Default Title",), "24.00", "maps"),
)

CATALOGUE_B: tuple[tuple[str, str, str, str, tuple[str, ...], str, str], ...] = (
    ("Bonnet en laine mérinos", "Tricots du Nord", "Chapeaux", "Couleur", ("Anthracite", "Forêt"), "26.00", "laine, hiver"),
    ("Chaussures de trail", "Crête", "Chaussures", "Pointure", ("41", "42", "43"), "119.00", "course"),
    ("Gourde isotherme", "Bouilloire & Cie", "Accessoires", "Contenance", ("500 ml", "750 ml"), "29.00", "hydratation"),
    ("Veste de pluie légère", "Crête", "Vestes", "Taille", ("S", "M", "L"), "139.00", "pluie, voyage"),
    ("Chaussettes de randonnée", "Tricots du Nord", "Chaussettes", "Taille", ("M", "L"), "17.00", "randonnée"),
)

# Shopify order sources and the referring site / landing page a visit came from (C7).
ORDER_SOURCES: tuple[tuple[str, str | None, str], ...] = (
    ("web", "https://www.google.com/", "/products/trail-running-shoes"),
    ("web", "https://www.facebook.com/", "/collections/outerwear?utm_source=facebook&utm_medium=social"),
    ("web", "https://mail.example.com/", "/?utm_source=newsletter&utm_medium=email"),
    ("web", None, "/"),
    ("pos", None, "/"),
    ("iphone", None, "/"),
    ("shopify_draft_order", None, "/admin/draft_orders"),
)
