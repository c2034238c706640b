"""Steps that drive the harness: the connector, webhook delivery, time, faults and crashes."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import uuid
from typing import Any

from mocks.core.clock import format_iso
from mocks.harness import AdminError
from scenarios.durations import parse_duration
from scenarios.errors import Mark, ScenarioError, StepFailed
from scenarios.model import LoadContext, Step, StepKind
from scenarios.world import World

OBJECTS = ("contacts", "companies", "products", "orders", "carts")


def connector(world: World) -> Any:
    """The running connector; a crashed one must be restarted first."""
    if world.crashed:
        raise StepFailed("the connector crashed; add a `restart connector` step before using it again")
    return world.session.connector


def connect(world: World, step: Step) -> None:
    connector(world).setup()


def disconnect(world: World, step: Step) -> None:
    connector(world).disconnect(world.store(step))


def sync(world: World, step: Step) -> None:
    world.last_summary = connector(world).sync()


def run_timers(world: World, step: Step) -> None:
    connector(world).tick()


def deliver_webhooks(world: World, step: Step) -> None:
    if not world.session.admin_enabled or not getattr(connector(world), "receives_webhooks", True):
        # a sandbox cannot reach us, and a connector without a receiver has nowhere to take them:
        # the incremental pass stands in
        world.last_summary = connector(world).sync()
        return
    sides = ("shopify", "hubspot") if step.arg is None else (str(step.arg),)
    world.note(f"{world.session.deliver_webhooks(sides)} webhook(s) delivered")


def _parse_advance(step: Step, ctx: LoadContext) -> float:
    try:
        return parse_duration(step.arg)
    except ValueError as error:
        raise ScenarioError(step.mark, str(error)) from None


def advance(world: World, step: Step) -> None:
    world.session.clock.advance(step.spec)
    world.session.time_moved()


def _parse_at(step: Step, ctx: LoadContext) -> str:
    from mocks.core.clock import parse_iso
    try:
        parse_iso(str(step.arg))
    except ValueError:
        raise ScenarioError(step.mark, f"at: an ISO 8601 time, got {step.arg!r}") from None
    return str(step.arg)


def at(world: World, step: Step) -> None:
    from mocks.core.clock import parse_iso
    moment = parse_iso(step.spec)
    if moment < world.session.clock.now():
        raise StepFailed(f"at {step.spec}: the clock is already at {format_iso(world.session.clock.now())}; "
                         "time only moves forward")
    world.session.clock.set(moment)
    world.session.time_moved()


def _parse_fault(step: Step, ctx: LoadContext) -> tuple[str, dict]:
    raw = step.arg
    mark: Mark = step.mark
    if not isinstance(raw, dict) or raw.get("mock") not in ("shopify", "hubspot"):
        raise ScenarioError(mark, "fault: {mock: shopify|hubspot, method, path, status, times, …} or "
                                  "{mock: shopify, webhook: 'orders/*', action: duplicate|drop|delay|reorder}")
    rule = {k: v for k, v in raw.items() if k != "mock"}
    if "webhook" in rule:
        rule["target"], rule["topic"] = "webhook", rule.pop("webhook")
    rule.setdefault("action", "respond" if "status" in rule else None)
    if rule["action"] is None:
        raise ScenarioError(mark, "fault: say what happens: a status (e.g. 429) or an action")
    return raw["mock"], rule


def fault(world: World, step: Step) -> None:
    side, rule = step.spec
    try:
        world.session.admin(side).faults.add(world.resolve(rule))
    except AdminError as error:
        raise StepFailed(f"{side} refused the fault rule: {error.message}") from None


def clear_faults(world: World, step: Step) -> None:
    for side in ("shopify", "hubspot"):
        world.session.admin(side).faults.clear()


def clear_journals(world: World, step: Step) -> None:
    """Forget the requests so far, so a later journal expectation counts only what follows."""
    for side in ("shopify", "hubspot"):
        world.session.admin(side).clear_requests()


def crash_connector(world: World, step: Step) -> None:
    if step.arg is None:   # crash now: the connector (and an external receiver) is killed
        world.session.stop_connector()
        world.crashed, world.crash_armed = True, False
        return
    arg = step.arg
    if isinstance(arg, dict) and "after_shopify_writes" in arg:  # two-way sync: a write to Shopify
        arm = getattr(connector(world), "arm_shopify_crash", None)
        if not callable(arm):
            raise StepFailed("this connector cannot crash after a Shopify write (reference connector only)")
        arm(int(arg["after_shopify_writes"]))
        world.crash_armed = True
        return
    writes = arg.get("after_hubspot_writes") if isinstance(arg, dict) else arg
    connector(world).arm_crash(after_hubspot_writes=int(writes))
    world.crash_armed = True


def restart_connector(world: World, step: Step) -> None:
    world.session.restart_connector()
    world.crashed = world.crash_armed = False


def _switch(on: bool):  # noqa: ANN202
    def run(world: World, step: Step) -> None:
        names = step.arg if isinstance(step.arg, list) else [step.arg]
        store = world.store(step)
        for name in names:
            if name not in OBJECTS:
                raise StepFailed(f"no object sync called {name!r}; use {', '.join(OBJECTS)}")
            world.session.set_object_sync(store, name, on)
        world.session.restart_connector()  # settings are read when the connector starts
        world.crashed = world.crash_armed = False
    return run


def send_webhook(world: World, step: Step) -> None:
    """POST a Shopify webhook straight to the connector's receiver (signed, or with a forged HMAC)."""
    spec = world.resolve(step.arg)
    store = world.store(step)
    payload = dict(world.record(spec["record"]).data) if "record" in spec else {}
    payload.update(spec.get("payload") or {})
    raw = json.dumps(payload).encode()
    secret = world.session.endpoints.shopify_secret.encode()
    signature = base64.b64encode(hmac.new(secret, raw, hashlib.sha256).digest()).decode()
    if spec.get("signature", "valid") != "valid":
        signature = base64.b64encode(hmac.new(b"not-the-secret", raw, hashlib.sha256).digest()).decode()
    connector(world)
    headers = {"Content-Type": "application/json", "X-Shopify-Topic": spec["topic"],
               "X-Shopify-Hmac-Sha256": signature, "X-Shopify-Shop-Domain": f"{store}.myshopify.com",
               "X-Shopify-API-Version": "2024-10", "X-Shopify-Webhook-Id": str(uuid.uuid4()),
               "X-Shopify-Event-Id": str(uuid.uuid4()),
               "X-Shopify-Triggered-At": format_iso(world.session.clock.now())}
    import requests
    url = _subscribed_address(world, store, spec["topic"])
    response = requests.post(url, data=raw, headers=headers, timeout=30)
    wanted = step.options.get("expect status")
    if wanted is not None and response.status_code != int(wanted):
        raise StepFailed(f"the receiver answered {response.status_code}, expected {wanted}: {response.text[:200]}")


def _subscribed_address(world: World, store: str, topic: str) -> str:
    """Where the connector asked Shopify to send ``topic`` (any of its addresses if not that one);
    the harness receiver's conventional path when it subscribed nothing."""
    response = world.session.shopify(store).raw("GET", "/webhooks.json")
    hooks = response.json().get("webhooks", []) if response.status_code == 200 else []
    exact = [h["address"] for h in hooks if h.get("topic") == topic and h.get("address", "").startswith("http")]
    other = [h["address"] for h in hooks if h.get("address", "").startswith("http")]
    return (exact or other or [f"{world.session.endpoints.receiver_url}/webhooks/shopify/{store}"])[0]


STEPS = (
    StepKind("connect", connect, arg="none", help="set the connector up: pipeline, properties, webhooks (S1, S3)"),
    StepKind("disconnect", disconnect, arg="none", options=frozenset({"store"}),
             help="disconnect a store: its tracking script (and webhooks) are removed (S3)"),
    StepKind("sync", sync, arg="none", help="a connector run: setup if needed, import or incremental pass, timers"),
    StepKind("run timers", run_timers, arg="none", help="only the connector's due timers (D4, D6)"),
    StepKind("deliver webhooks", deliver_webhooks, arg="optional", sandbox="run",
             help="send every due webhook of both mocks (or `deliver webhooks: shopify`); on a sandbox, a sync"),
    StepKind("advance", advance, parse=_parse_advance, sandbox="scenario", help="advance: 24h | 23h59m | 90s | 2d"),
    StepKind("at", at, parse=_parse_at, sandbox="scenario", help="at: ISO time (forward only)"),
    StepKind("fault", fault, parse=_parse_fault, sandbox="scenario",
             help="a fault rule on one mock: {mock, method, path, status, headers, times} or a webhook fault"),
    StepKind("clear faults", clear_faults, arg="none", sandbox="skip"),
    StepKind("clear journals", clear_journals, arg="none", sandbox="skip",
             help="forget the requests so far (journal expectations then count from here)"),
    StepKind("crash connector", crash_connector, arg="optional", sandbox="scenario",
             help="crash connector: {after_hubspot_writes: N} (or after_shopify_writes: N, two-way sync) — dies "
                  "right after the Nth write; "
                  "alone: killed now (a serve: receiver by SIGKILL)"),
    StepKind("restart connector", restart_connector, arg="none", help="a new connector on the same state"),
    StepKind("turn off sync", _switch(False), options=frozenset({"store"}),
             help="turn off sync: contacts | [orders, carts] (S5)"),
    StepKind("turn on sync", _switch(True), options=frozenset({"store"}), help="turn on sync: orders"),
    StepKind("send webhook", send_webhook, options=frozenset({"store", "expect status"}), sandbox="scenario",
             refs=("record:",),
             help="send webhook: {topic, record: <ref>, payload: {...}, signature: valid|wrong}, expect status: 401"),
)
