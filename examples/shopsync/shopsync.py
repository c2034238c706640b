#!/usr/bin/env python3
"""shopsync: a small Shopify -> HubSpot connector written apart from the harness (plain HTTP, requests).

It shows what "your connector" looks like to the conformance suite: one program for every step of
the harness's cmd:/serve: interface, told the step in SHOPHUB_STEP (connect | sync | timers | serve)
and everything else in the fixed environment (SHOPIFY_URL, SHOPIFY_TOKEN, SHOPIFY_STORE,
SHOPIFY_WEBHOOK_SECRET, HUBSPOT_URL, HUBSPOT_TOKEN, SHOPHUB_NOW, SHOPHUB_STATE_DIR,
SHOPHUB_RECEIVER_PORT). It keeps its data under its own HubSpot names — a "Shop Sync" deal pipeline
with stages Pending, Abandoned, Completed, Paid, Shipped, Cancelled and shopsync_* properties —
which profile.yaml maps to the names the scenarios use.

For the harness's own tests it can carry bugs (SHOPSYNC_BUG, comma-separated): case-sensitive-email,
recreate-deleted-contact, abandon-at-23h, resurrect-deleted-order. SHOPSYNC_CLOCK=system makes it
ignore SHOPHUB_NOW and read only the system clock (as a connector that never heard of the harness).
"""

from __future__ import annotations

import base64
import fcntl
import hashlib
import hmac
import json
import os
import sys
import time
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import requests

ENV = os.environ
BUGS = set(filter(None, ENV.get("SHOPSYNC_BUG", "").split(",")))
API_VERSION = "2026-10"
STORE = ENV["SHOPIFY_STORE"]
SHOPIFY = f"{ENV['SHOPIFY_URL'].rstrip('/')}/admin/api/{API_VERSION}"
HUBSPOT = ENV["HUBSPOT_URL"].rstrip("/")
STATE_DIR = Path(ENV["SHOPHUB_STATE_DIR"])
PIPELINE = "Shop Sync"
STAGES = ("Pending", "Abandoned", "Completed", "Paid", "Shipped", "Cancelled")
DEAL_PROPERTIES = ("shopsync_store", "shopsync_order_number", "shopsync_checkout_token", "shopsync_cart_url",
                   "shopsync_managed")
CONTACT_PROPERTIES = ("shopsync_note",)
TOPICS = ("customers/create", "customers/update", "orders/create", "orders/updated", "orders/delete",
          "checkouts/create", "checkouts/update", "products/create", "products/update")
ABANDON_AFTER = timedelta(hours=23 if "abandon-at-23h" in BUGS else 24)
http = requests.Session()


def now() -> datetime:
    if ENV.get("SHOPSYNC_CLOCK") != "system" and ENV.get("SHOPHUB_NOW"):
        return parse_time(ENV["SHOPHUB_NOW"])
    return datetime.now(UTC)


def parse_time(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(UTC)


# --- HTTP ------------------------------------------------------------------------------------------
def shopify(method: str, path: str, **kw) -> requests.Response:
    return http.request(method, SHOPIFY + path, headers={"X-Shopify-Access-Token": ENV["SHOPIFY_TOKEN"]},
                        timeout=30, **kw)


def shopify_all(path: str, key: str) -> list[dict]:
    items, url = [], f"{SHOPIFY}{path}"
    while url:
        r = http.get(url, headers={"X-Shopify-Access-Token": ENV["SHOPIFY_TOKEN"]}, timeout=30)
        r.raise_for_status()
        items += r.json()[key]
        url = r.links.get("next", {}).get("url")
    return items


def hubspot(method: str, path: str, **kw) -> requests.Response:
    for _ in range(5):
        r = http.request(method, HUBSPOT + path, headers={"Authorization": f"Bearer {ENV['HUBSPOT_TOKEN']}"},
                         timeout=30, **kw)
        if r.status_code != 429:
            return r
        time.sleep(min(float(r.headers.get("Retry-After") or 1), 2.0))
    return r


def ok(r: requests.Response) -> dict:
    if r.status_code >= 300:
        raise RuntimeError(f"{r.request.method} {r.url}: {r.status_code} {r.text[:300]}")
    return r.json() if r.content else {}


def search(object_type: str, groups: list[list[tuple[str, str]]], props: list[str]) -> list[dict]:
    body = {"filterGroups": [{"filters": [{"propertyName": p, "operator": "EQ", "value": v} for p, v in g]}
                             for g in groups], "properties": props, "limit": 100}
    return ok(hubspot("POST", f"/crm/v3/objects/{object_type}/search", json=body))["results"]


def associate(from_type: str, from_id: str, to_type: str, to_id: str) -> None:
    ok(hubspot("PUT", f"/crm/v4/objects/{from_type}/{from_id}/associations/default/{to_type}/{to_id}"))


# --- state: one JSON file, one writer at a time (the receiver and a step may overlap) ----------------
class State(dict):
    path = STATE_DIR / "shopsync.json"

    def save(self) -> None:
        temporary = self.path.with_suffix(".tmp")
        temporary.write_text(json.dumps(self))
        temporary.replace(self.path)


@contextmanager
def state():
    STATE_DIR.mkdir(parents=True, exist_ok=True)
    with open(STATE_DIR / "shopsync.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        st = State(json.loads(State.path.read_text()) if State.path.exists() else {})
        for key in ("contacts", "tombstones", "deals", "lines", "products", "checkouts", "deleted", "seen", "updated"):
            st.setdefault(key, {})
        yield st
        st.save()


# --- setup -----------------------------------------------------------------------------------------
def connect(st: State) -> None:
    for object_type, names in (("deals", DEAL_PROPERTIES), ("contacts", CONTACT_PROPERTIES)):
        have = {p["name"] for p in ok(hubspot("GET", f"/crm/v3/properties/{object_type}"))["results"]}
        for name in names:
            if name not in have:
                ok(hubspot("POST", f"/crm/v3/properties/{object_type}", json={
                    "name": name, "label": name.replace("_", " "), "type": "string", "fieldType": "text",
                    "groupName": "dealinformation" if object_type == "deals" else "contactinformation"}))
    pipelines = ok(hubspot("GET", "/crm/v3/pipelines/deals"))["results"]
    pipeline = next((p for p in pipelines if p["label"] == PIPELINE), None)
    if pipeline is None:
        stages = [{"label": label, "displayOrder": i,
                   "metadata": {"probability": "0.0" if label in ("Abandoned", "Cancelled") else
                                "0.5" if label == "Pending" else "1.0"}} for i, label in enumerate(STAGES)]
        pipeline = ok(hubspot("POST", "/crm/v3/pipelines/deals",
                              json={"label": PIPELINE, "displayOrder": 9, "stages": stages}))
    st["pipeline"] = pipeline["id"]
    st["stages"] = {s["label"]: s["id"] for s in pipeline["stages"]}
    port = ENV.get("SHOPHUB_RECEIVER_PORT")
    if port:
        address = f"http://127.0.0.1:{port}/shopify"
        have = {w["topic"] for w in ok(shopify("GET", "/webhooks.json"))["webhooks"] if w["address"] == address}
        for topic in TOPICS:
            if topic not in have:
                ok(shopify("POST", "/webhooks.json", json={"webhook": {"topic": topic, "address": address,
                                                                       "format": "json"}}))
    st.save()


# --- contacts ---------------------------------------------------------------------------------------
def email_key(email: str) -> str:
    return email if "case-sensitive-email" in BUGS else email.strip().lower()


def upsert_contact(st: State, email: str | None, props: dict, customer_id: object = None) -> str | None:
    """Dedup by email; never write an empty value; a contact deleted in HubSpot stays deleted."""
    if not email or not email.strip() or (customer_id is not None and str(customer_id) in st["tombstones"]):
        return None
    key, props = email_key(email), {k: v for k, v in props.items() if v not in (None, "")}
    known = st["contacts"].get(key)
    if known:
        r = hubspot("PATCH", f"/crm/v3/objects/contacts/{known}", json={"properties": props})
        if r.status_code == 200:
            return known
        del st["contacts"][key]
        if r.status_code == 404 and customer_id is not None and "recreate-deleted-contact" not in BUGS:
            st["tombstones"][str(customer_id)] = known
            st.save()
            return None
    found = [c for c in search("contacts", [[("email", email.strip())]], ["email"])
             if email_key(c["properties"].get("email") or "") == key]
    if found:
        contact_id = found[0]["id"]
        ok(hubspot("PATCH", f"/crm/v3/objects/contacts/{contact_id}", json={"properties": props}))
    else:
        r = hubspot("POST", "/crm/v3/objects/contacts", json={"properties": {**props, "email": email.strip()}})
        if r.status_code == 409:
            return None
        contact_id = ok(r)["id"]
    st["contacts"][key] = contact_id
    st.save()
    return contact_id


def sync_customer(st: State, customer: dict) -> None:
    seen = st["updated"].get(str(customer["id"]))
    if seen and customer.get("updated_at") and parse_time(customer["updated_at"]) < parse_time(seen):
        return   # an older webhook than one already applied
    st["updated"][str(customer["id"])] = customer.get("updated_at") or seen
    upsert_contact(st, customer.get("email"), {"firstname": customer.get("first_name"),
                                               "lastname": customer.get("last_name"), "phone": customer.get("phone"),
                                               "shopsync_note": customer.get("note")}, customer["id"])


# --- products, deals, line items ---------------------------------------------------------------------
def upsert_product(st: State, product: dict) -> str:
    variants = product.get("variants") or [{}]
    props = {"name": product["title"], "price": variants[0].get("price"), "description": product.get("body_html")}
    props = {k: v for k, v in props.items() if v not in (None, "")}
    product_id = st["products"].get(str(product["id"]))
    if product_id:
        ok(hubspot("PATCH", f"/crm/v3/objects/products/{product_id}", json={"properties": props}))
        return product_id
    found = search("products", [[("name", product["title"])]], ["name"])
    product_id = found[0]["id"] if found else ok(hubspot("POST", "/crm/v3/objects/products",
                                                         json={"properties": props}))["id"]
    st["products"][str(product["id"])] = product_id
    st.save()
    return product_id


def product_for(st: State, shopify_id: object) -> str | None:
    if str(shopify_id) in st["products"]:
        return st["products"][str(shopify_id)]
    r = shopify("GET", f"/products/{shopify_id}.json")
    return upsert_product(st, r.json()["product"]) if r.status_code == 200 else None


def upsert_deal(st: State, keys: list[str], props: dict, email: str | None, lines: list[dict]) -> str:
    deal_id = next((st["deals"][k] for k in keys if k in st["deals"]), None)
    props = {**props, "shopsync_store": STORE, "shopsync_managed": "true", "pipeline": st["pipeline"]}
    props = {k: v for k, v in props.items() if v not in (None, "")}
    if deal_id is None:   # after a crash the deal may exist without being in the state
        groups = [[("shopsync_store", STORE), (name, props[name])]
                  for name in ("shopsync_order_number", "shopsync_checkout_token") if props.get(name)]
        found = search("deals", groups, ["shopsync_store"]) if groups else []
        deal_id = found[0]["id"] if found else None
    if deal_id is None:
        deal_id = ok(hubspot("POST", "/crm/v3/objects/deals", json={"properties": props}))["id"]
    else:
        ok(hubspot("PATCH", f"/crm/v3/objects/deals/{deal_id}", json={"properties": props}))
    for key in keys:
        st["deals"][key] = deal_id
    st.save()
    contact_id = upsert_contact(st, email, {})
    if contact_id:
        associate("deals", deal_id, "contacts", contact_id)
    replace_lines(st, deal_id, lines)
    return deal_id


def replace_lines(st: State, deal_id: str, lines: list[dict]) -> None:
    wanted = [{"product": line.get("product_id"), "name": line.get("title"), "quantity": line.get("quantity"),
               "price": line.get("price")} for line in lines]
    signature = json.dumps(wanted, sort_keys=True)
    if st["lines"].get(deal_id) == signature:
        return
    old = ok(hubspot("GET", f"/crm/v4/objects/deals/{deal_id}/associations/line_items")).get("results", [])
    if old:
        ok(hubspot("POST", "/crm/v3/objects/line_items/batch/archive",
                   json={"inputs": [{"id": str(a["toObjectId"])} for a in old]}))
    for line in wanted:
        props = {"name": line["name"], "quantity": str(line["quantity"]), "price": str(line["price"])}
        product_id = product_for(st, line["product"]) if line["product"] else None
        if product_id:
            props["hs_product_id"] = product_id
        item = ok(hubspot("POST", "/crm/v3/objects/line_items", json={"properties": props}))
        associate("line_items", item["id"], "deals", deal_id)
    st["lines"][deal_id] = signature
    st.save()


def order_stage(order: dict) -> str:
    if order.get("cancelled_at") or order.get("financial_status") in ("refunded", "voided"):
        return "Cancelled"
    if order.get("fulfillment_status") == "fulfilled":
        return "Shipped"
    return "Paid" if order.get("financial_status") in ("paid", "partially_paid", "partially_refunded") else "Completed"


def sync_order(st: State, order: dict) -> None:
    if str(order["id"]) in st["deleted"] and "resurrect-deleted-order" not in BUGS:
        return
    token = order.get("checkout_token")
    keys = [f"order:{order['id']}"] + ([f"checkout:{token}"] if token else [])
    st["checkouts"].pop(token or "", None)   # completed: no abandonment timer
    upsert_deal(st, keys, {"dealname": f"Order {order.get('name')}", "amount": order.get("total_price"),
                           "dealstage": st["stages"][order_stage(order)],
                           "shopsync_order_number": str(order.get("order_number")),
                           "shopsync_checkout_token": token}, order.get("email"), order.get("line_items") or [])


def delete_order(st: State, order_id: object) -> None:
    st["deleted"][str(order_id)] = True
    deal_id = st["deals"].pop(f"order:{order_id}", None)
    if deal_id:
        ok(hubspot("DELETE", f"/crm/v3/objects/deals/{deal_id}"))
        for key in [k for k, v in st["deals"].items() if v == deal_id]:
            del st["deals"][key]
    st.save()


def sync_checkout(st: State, checkout: dict) -> None:
    token = checkout["token"]
    if checkout.get("completed_at") or f"order:{checkout.get('order_id')}" in st["deals"]:
        return
    stage = "Abandoned" if st["checkouts"].get(token, {}).get("abandoned") else "Pending"
    st["checkouts"].setdefault(token, {"created_at": checkout["created_at"]})
    upsert_deal(st, [f"checkout:{token}"], {"dealname": f"Checkout {token[:8]}", "amount": checkout.get("total_price"),
                                            "dealstage": st["stages"][stage], "shopsync_checkout_token": token,
                                            "shopsync_cart_url": checkout.get("abandoned_checkout_url")},
                checkout.get("email"), checkout.get("line_items") or [])


def run_timers(st: State) -> None:
    """A checkout not completed 24 hours after it was created is abandoned."""
    for token, entry in st["checkouts"].items():
        if not entry.get("abandoned") and now() - parse_time(entry["created_at"]) >= ABANDON_AFTER:
            deal_id = st["deals"].get(f"checkout:{token}")
            if deal_id:
                ok(hubspot("PATCH", f"/crm/v3/objects/deals/{deal_id}",
                           json={"properties": {"dealstage": st["stages"]["Abandoned"]}}))
            entry["abandoned"] = True
            st.save()


def sync(st: State) -> None:
    if "pipeline" not in st:
        connect(st)
    for product in shopify_all("/products.json?limit=250", "products"):
        upsert_product(st, product)
    for customer in shopify_all("/customers.json?limit=250", "customers"):
        sync_customer(st, customer)
    for order in shopify_all("/orders.json?status=any&limit=250", "orders"):
        sync_order(st, order)
    for checkout in shopify_all("/checkouts.json?limit=250", "checkouts"):
        sync_checkout(st, checkout)
    run_timers(st)


# --- the webhook receiver ---------------------------------------------------------------------------
def handle_shopify(topic: str, payload: dict) -> None:
    with state() as st:
        if "pipeline" not in st:
            connect(st)
        if topic.startswith("customers/") and topic != "customers/delete":
            sync_customer(st, payload)
        elif topic == "orders/delete":
            delete_order(st, payload["id"])
        elif topic.startswith("orders/"):
            r = shopify("GET", f"/orders/{payload['id']}.json")   # the order as it is now, if it still exists
            if r.status_code == 200:
                sync_order(st, r.json()["order"])
            elif "resurrect-deleted-order" in BUGS:
                sync_order(st, payload)
        elif topic.startswith("checkouts/"):
            sync_checkout(st, payload)
        elif topic.startswith("products/"):
            upsert_product(st, payload)


class Receiver(BaseHTTPRequestHandler):
    def do_POST(self) -> None:  # noqa: N802 - the http.server hook
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self.path.startswith("/shopify"):
            digest = base64.b64encode(hmac.new(ENV["SHOPIFY_WEBHOOK_SECRET"].encode(), body, hashlib.sha256).digest())
            if not hmac.compare_digest(digest, (self.headers.get("X-Shopify-Hmac-Sha256") or "").encode()):
                return self.answer(401, "invalid signature")
            webhook_id = self.headers.get("X-Shopify-Webhook-Id") or ""
            with state() as st:
                duplicate = webhook_id in st["seen"]
            if not duplicate:
                try:
                    handle_shopify(self.headers.get("X-Shopify-Topic") or "", json.loads(body or b"{}"))
                except Exception as error:  # noqa: BLE001 - Shopify retries a webhook that failed
                    print(f"shopsync: webhook failed: {error}", file=sys.stderr, flush=True)
                    return self.answer(500, "failed")
                with state() as st:
                    st["seen"][webhook_id] = True
        self.answer(200, "ok")   # HubSpot's webhooks (/webhooks/hubspot) are not needed: a 404 on PATCH says it

    def answer(self, status: int, text: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        self.wfile.write(text.encode())

    def log_message(self, *args: object) -> None:
        pass


def main() -> int:
    step = ENV.get("SHOPHUB_STEP", "sync")
    if step == "serve":
        server = ThreadingHTTPServer(("127.0.0.1", int(ENV["SHOPHUB_RECEIVER_PORT"])), Receiver)
        print(f"shopsync: receiving on port {server.server_port}", flush=True)
        server.serve_forever()
        return 0
    with state() as st:
        {"connect": connect, "sync": sync, "timers": run_timers}[step](st)
    print(f"shopsync: {step} done")
    return 0


if __name__ == "__main__":
    sys.exit(main())
