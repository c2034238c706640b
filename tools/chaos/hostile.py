"""Hostile extras of the faulty run (issue 15), each of which must change nothing in HubSpot:

- **late deliveries**: a products/update for every product deleted after the import, correctly
  signed and stamped after the delete, delivered once the pass has seen the destroy (a delivery
  Shopify delayed past the delete; the destroy then falls outside every later overlap window);
- **foreign-shop deliveries**: customer renames signed with this store's secret but naming another
  shop in ``X-Shopify-Shop-Domain``;
- **state-file swaps**: the connector started on state files made for another mode, another HubSpot
  portal and another shop under the same store id; each must refuse before writing anything.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from connector.errors import StateFileError
from connector.state import State
from connector.sync import Connector
from connector.webhooks import shopify_hmac
from tools.chaos.shop import ShopOwner
from tools.chaos.world import STORE_ID, WEBHOOK_SECRET, ChaosWorld

SHOP_DOMAIN = f"{STORE_ID}.myshopify.com"


def _deliver(world: ChaosWorld, topic: str, record: dict, event: str, shop: str = SHOP_DOMAIN) -> tuple[int, str]:
    raw = json.dumps(record).encode()
    headers = {"X-Shopify-Topic": topic, "X-Shopify-Hmac-Sha256": shopify_hmac(WEBHOOK_SECRET, raw),
               "X-Shopify-Event-Id": event, "X-Shopify-Shop-Domain": shop}
    return world.crew.connector.handle_shopify_webhook(STORE_ID, headers, raw)


def doomed_products(owner: ShopOwner, product_ids: list[int]) -> list[dict]:
    """The products about to be deleted, as Shopify has them now (read before the delete)."""
    return [owner.call("GET", f"/products/{pid}.json")["product"] for pid in product_ids]


def late_deliveries(world: ChaosWorld, products: list[dict], outcome: Counter) -> None:
    stamp = world.clock.now().strftime("%Y-%m-%dT%H:%M:%S+00:00")
    for product in products:
        late = {**product, "title": f"{product.get('title')} (late)", "updated_at": stamp}
        status, text = _deliver(world, "products/update", late, f"late-{product['id']}")
        outcome["late delivery refused" if "not re-created" in text else f"late delivery {status} {text}"] += 1


def foreign_deliveries(world: ChaosWorld, owner: ShopOwner, customer_ids: list[int], outcome: Counter) -> None:
    for customer_id in customer_ids:
        record = {**owner.call("GET", f"/customers/{customer_id}.json")["customer"], "last_name": "Foreign"}
        status, _ = _deliver(world, "customers/update", record, f"foreign-{customer_id}",
                             shop="other-shop.myshopify.com")
        outcome["foreign delivery refused" if status == 401 else f"foreign delivery {status}"] += 1


def state_swaps(world: ChaosWorld, state_dir: Path, outcome: Counter) -> None:
    made_for = {"another mode": {"mode": "data-sync"}, "another portal": {"hubspot_portal": "99999"},
                "another shop": {f"shop:{STORE_ID}": {"id": "1", "domain": "other-shop.myshopify.com"}}}
    config = world.crew.connector.config
    for label, meta in made_for.items():
        path = state_dir / f"swapped-{label.replace(' ', '-')}.db"
        state = State(str(path))
        for key, value in meta.items():
            state.set_meta(key, value)
        state.close()
        swapped = Connector(type(config)(**{**config.__dict__, "state_path": str(path)}), clock=world.clock,
                            sleep=world.sleep)
        try:
            swapped.sync()
            outcome[f"state swap to {label} accepted"] += 1
        except StateFileError:
            outcome["state swap refused" if swapped.hubspot.writes == 0 else "state swap wrote"] += 1
        finally:
            swapped.close()
