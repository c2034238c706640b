"""``python -m connector serve`` as a user runs it: separate processes on a running clock, and a Shopify
change that reaches HubSpot through the webhook receiver alone (S6; the periodic pass is an hour away)."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable

import requests

from mocks.harness import MockPair
from mocks.hubspot.app import DEFAULT_TOKEN as HUBSPOT_TOKEN
from mocks.shopify import DEFAULT_TOKEN as SHOPIFY_TOKEN
from tests.fidelity.process import ROOT, listening_process

API = "/admin/api/2024-10"
DEADLINE_S = 30.0  # a bound, not a measurement: webhooks go out every 0.2 s on the real clock


def wait_for(what: str, probe: Callable[[], object]) -> object:
    """Poll until ``probe`` returns something truthy (asynchronous delivery), failing after the bound."""
    end = time.monotonic() + DEADLINE_S
    while time.monotonic() < end:
        value = probe()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def test_serve_applies_a_shopify_change_through_webhooks(tmp_path):
    shop = requests.Session()
    shop.headers["X-Shopify-Access-Token"] = SHOPIFY_TOKEN
    hub = requests.Session()
    hub.headers["Authorization"] = f"Bearer {HUBSPOT_TOKEN}"
    with MockPair.spawn() as pair:   # `python -m mocks`: both mocks, one running clock
        shopify_url, hubspot_url = pair.shopify_url, pair.hubspot_url
        customer = shop.post(f"{shopify_url}{API}/customers.json", timeout=10,
                             json={"customer": {"email": "live@example.com", "first_name": "Lee"}}).json()["customer"]
        state = str(tmp_path / "state.db")
        args = ["--shopify", shopify_url, "--shopify-token", SHOPIFY_TOKEN, "--hubspot", hubspot_url,
                "--hubspot-token", HUBSPOT_TOKEN, "--state", state,
                "--webhook-secret", pair.credentials.shopify_webhook_secret,  # serve has no default secrets
                "--hubspot-secret", pair.credentials.hubspot_client_secret]
        with listening_process("connector", "serve", "--port", "0", *args, "--interval", "3600"):
            contact_url = f"{hubspot_url}/crm/v3/objects/contacts/live@example.com"
            params = {"idProperty": "email", "properties": "firstname"}

            def firstname() -> str | None:
                answer = hub.get(contact_url, params=params, timeout=10)
                return answer.json()["properties"]["firstname"] if answer.ok else None

            assert wait_for("the initial import", firstname) == "Lee"
            hooks = shop.get(f"{shopify_url}{API}/webhooks.json", timeout=10).json()["webhooks"]
            assert {h["topic"] for h in hooks} >= {"customers/update", "orders/create"}
            assert all(h["address"].endswith("/webhooks/shopify/harness-shop") for h in hooks)
            shop.put(f"{shopify_url}{API}/customers/{customer['id']}.json", timeout=10,
                     json={"customer": {"id": customer["id"], "first_name": "Leona"}}).raise_for_status()
            wait_for("the webhook to reach HubSpot", lambda: firstname() == "Leona")
        status = subprocess.run([sys.executable, "-m", "connector", "status", *args], cwd=ROOT,
                                capture_output=True, text=True, timeout=60)
    assert status.returncode == 0, status.stderr
    assert json.loads(status.stdout)  # the state file knows the store it served
