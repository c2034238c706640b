"""Live latency: ``python -m connector serve`` on the real clock; a Shopify change until HubSpot shows it.

Both mocks run in this process with the real clock (so each delivers its webhooks by itself, the
Shopify mock every 0.2 s) and rate limiting off. The connector runs as a child process in live mode,
subscribed to the Shopify mock's webhooks. One change at a time, after a random pause of up to 0.25 s (so changes do not fall in step with
the outbox's polling): the bench renames a customer
(``PUT customers/{id}.json``) and polls ``GET /crm/v3/objects/contacts/{id}`` every few milliseconds
until the new first name shows; the time from just before the PUT to that answer is one sample.
"""

from __future__ import annotations

import random
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

from bench.child import ROOT
from bench.mockproc import HUBSPOT_TOKEN, SHOPIFY_API, SHOPIFY_TOKEN, bench_pair
from bench.seeding import seed_shop
from bench.stats import latency_summary
from mocks.harness.pair import CREDENTIALS, stop_process

CUSTOMERS = 20
POLL_S = 0.005
CHANGE_TIMEOUT_S = 15.0
READY_TIMEOUT_S = 120.0
MAX_GAP_S = 0.25   # a random pause before each change, so changes do not lock step with the outbox poll
TARGET_P95_MS = 1000.0


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until(predicate: object, timeout_s: float, what: str) -> None:
    deadline = time.perf_counter() + timeout_s
    while time.perf_counter() < deadline:
        if predicate():  # type: ignore[operator]
            return
        time.sleep(0.05)
    raise TimeoutError(f"gave up waiting for {what} after {timeout_s:.0f} s")


def _contact_ids(session: requests.Session, hubspot_url: str, emails: list[str]) -> list[str]:
    ids = []
    for email in emails:
        response = session.get(f"{hubspot_url}/crm/v3/objects/contacts/{email}", params={"idProperty": "email"},
                               timeout=10)
        response.raise_for_status()
        ids.append(response.json()["id"])
    return ids


def _one_change(shopify: requests.Session, hubspot: requests.Session, shopify_url: str, hubspot_url: str,
                customer_id: int, contact_id: str, name: str) -> float | None:
    """Rename one customer; seconds until HubSpot shows it, or ``None`` after the timeout."""
    start = time.perf_counter()
    response = shopify.put(f"{shopify_url}{SHOPIFY_API}/customers/{customer_id}.json",
                           json={"customer": {"id": customer_id, "first_name": name}}, timeout=10)
    response.raise_for_status()
    url = f"{hubspot_url}/crm/v3/objects/contacts/{contact_id}"
    while time.perf_counter() - start < CHANGE_TIMEOUT_S:
        seen = hubspot.get(url, params={"properties": "firstname"}, timeout=10)
        if seen.ok and seen.json()["properties"].get("firstname") == name:
            return time.perf_counter() - start
        time.sleep(POLL_S)
    return None


def _measure(shopify_url: str, hubspot_url: str, customers: list[tuple[int, str]], changes: int,
             budget_s: float) -> tuple[list[float], int]:
    samples: list[float] = []
    missed = 0
    deadline = time.perf_counter() + budget_s
    rng = random.Random(7)
    with requests.Session() as shopify, requests.Session() as hubspot:
        shopify.headers["X-Shopify-Access-Token"] = SHOPIFY_TOKEN
        hubspot.headers["Authorization"] = f"Bearer {HUBSPOT_TOKEN}"
        contact_ids = _contact_ids(hubspot, hubspot_url, [email for _, email in customers])
        for k in range(changes):
            if time.perf_counter() > deadline:
                break
            time.sleep(rng.uniform(0, MAX_GAP_S))
            customer_id, _ = customers[k % len(customers)]
            took = _one_change(shopify, hubspot, shopify_url, hubspot_url, customer_id, contact_ids[k % len(customers)],
                               f"Latency{k}")
            if took is None:
                missed += 1
            else:
                samples.append(took)
    return samples, missed


def bench_latency(changes: int = 200, budget_s: float = 240.0) -> dict:
    """Start mocks and ``connector serve``, wait for the initial import, then time ``changes`` renames."""
    port = _free_port()
    with bench_pair() as pair, tempfile.TemporaryDirectory(prefix="bench-latency-") as tmp:
        shopify_app, hubspot_app = pair.apps
        seed_shop(shopify_app, CUSTOMERS)
        shop = shopify_app.extensions["store"].shop("harness-shop")
        customers = [(c.id, c.email) for c in list(shop.customers.values())[:CUSTOMERS]]
        command = [sys.executable, "-m", "connector", "serve", "--shopify", pair.shopify_url, "--shopify-token",
                   SHOPIFY_TOKEN, "--hubspot", pair.hubspot_url, "--hubspot-token", HUBSPOT_TOKEN,
                   "--state", str(Path(tmp) / "state.db"), "--port", str(port),
                   "--webhook-base-url", f"http://127.0.0.1:{port}", "--interval", "3600",
                   # serve has no default secrets: the mocks' own (the receiver verifies every delivery)
                   "--webhook-secret", CREDENTIALS.shopify_webhook_secret,
                   "--hubspot-secret", CREDENTIALS.hubspot_client_secret]
        log = open(Path(tmp) / "serve.log", "wb")  # noqa: SIM115 - closed in finally
        process = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
        try:
            hub_store = hubspot_app.extensions["store"]
            _wait_until(lambda: process.poll() is not None or (
                shop.webhooks and len(hub_store.records["contacts"]) >= CUSTOMERS), READY_TIMEOUT_S,
                "the initial import and the webhook subscriptions")
            if process.poll() is not None:
                raise RuntimeError(f"connector serve exited {process.returncode}: "
                                   f"{(Path(tmp) / 'serve.log').read_text()[-300:]}")
            time.sleep(1.0)  # let the initial pass finish its last writes
            samples, missed = _measure(pair.shopify_url, pair.hubspot_url, customers, changes, budget_s)
        finally:
            stop_process(process)
            log.close()
    summary = latency_summary(samples)
    notes = [f"{len(samples)} of {changes} changes seen within {CHANGE_TIMEOUT_S:.0f} s each ({missed} missed);"
             f" the Shopify mock's webhook outbox polls every 0.2 s (adds ~0.1 s on average);"
             f" HubSpot documents <= 10 minutes; target p95 < {TARGET_P95_MS:.0f} ms."]
    return {"changes": changes, "seen": len(samples), "missed": missed, "summary": summary,
            "target_p95_ms": TARGET_P95_MS, "notes": notes}
