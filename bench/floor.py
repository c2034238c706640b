"""``python -m bench.floor``: where the CPU of the two batch rows goes, in-process, and the least it can be.

For HubSpot's ``batch/upsert`` (100 contacts by email) and Shopify's 100 aliased ``customerSet`` in one
GraphQL request, measured through the Flask test client in this process (``time.process_time``, best of
several rounds, so other work on the machine weighs little): the endpoint, the bench's same-size bare
route given the same request, and the parts of the work no implementation can skip — parsing the body,
encoding an answer of the same size with the encoder the mock uses, and the store writes themselves
(HubSpot: ``batch_upsert`` and rendering the records; Shopify: 100 ``update_customer`` calls, the store
method REST's ``PUT customers/{id}.json`` runs too: validation, indexes, the all-or-nothing copy, the
``customers/update`` event). *floor* is their sum; *extra* is the endpoint minus the bare route. The bench's
ratio to a same-size bare route is about ``S / (S + extra)``, S being the bare route's own time per request
on the real server (``1 / req/s`` of the same-size bare row), so the best ratio any implementation could
reach is about ``S / (S + floor)``.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable

from bench.mockproc import BARE_PATH, HUBSPOT_TOKEN, SHOPIFY_GRAPHQL, SHOPIFY_TOKEN, add_bare_route, build_app
from bench.throughput import BATCH, GRAPHQL_BATCH, UPSERT_POOL, _upsert_bodies


def cpu_ms(run: Callable[[int], object], n: int, rounds: int = 5) -> float:
    """Best-of-``rounds`` CPU milliseconds per call of ``run(i)``."""
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        for i in range(n):
            run(i)
        best = min(best, (time.process_time() - start) / n * 1000)
    return best


def _post(client, path: str, bodies: list[bytes], headers: dict) -> Callable[[int], object]:  # noqa: ANN001
    return lambda i: client.post(path, data=bodies[i % len(bodies)], headers=headers)


def hubspot(n: int = 200, dated: bool = False) -> dict:
    from mocks.core.fastjson import encode_compact, loads
    from mocks.hubspot.objecttypes import resolve
    from mocks.hubspot.render import render_written_many

    app = build_app("hubspot")
    add_bare_route(app)
    client, store, contacts = app.test_client(), app.extensions["store"], resolve("contacts")
    headers = {"Authorization": f"Bearer {HUBSPOT_TOKEN}", "Content-Type": "application/json"}
    path = "/crm/objects/2026-09/contacts/batch/upsert" if dated else "/crm/v3/objects/contacts/batch/upsert"
    bodies = _upsert_bodies()
    for body in bodies:  # every email exists: the measured requests are updates, as in the bench's steady state
        client.post(path, data=body, headers=headers)
    answer = client.post(path, data=bodies[0], headers=headers)
    endpoint = cpu_ms(_post(client, path, bodies, headers), n)
    bare = cpu_ms(_post(client, f"{BARE_PATH}?bytes={len(answer.data)}", bodies, headers), n)
    parsed = [json.loads(body)["inputs"] for body in bodies]
    parse = cpu_ms(lambda i: loads(bodies[i % len(bodies)]), n)  # the mock's parser (json.loads' values)
    data = answer.get_json()
    encode = cpu_ms(lambda i: encode_compact(data), n)
    write = cpu_ms(lambda i: render_written_many(store, contacts, [r for r, _ in store.batch_upsert(
        contacts, [dict(item) for item in parsed[i % len(parsed)]])[0]]), n)
    return _row("HubSpot POST 2026-09 batch/upsert (100)" if dated else "HubSpot POST batch/upsert (100)",
                endpoint, bare, parse, encode, write, len(answer.data))


def _graphql_bodies(count: int = 40) -> list[bytes]:
    bodies = []
    for i in range(count):
        first = (i * BATCH) % UPSERT_POOL
        variables: dict[str, object] = {}
        for k in range(BATCH):
            variables[f"in{k}"] = {"firstName": f"U{i}"}
            variables[f"id{k}"] = {"email": f"gqlupsert{(first + k) % UPSERT_POOL}@bench.example"}
        bodies.append(json.dumps({"query": GRAPHQL_BATCH, "variables": variables}).encode())
    return bodies


def shopify(n: int = 40) -> dict:
    app = build_app("shopify")
    add_bare_route(app)
    client = app.test_client()
    headers = {"X-Shopify-Access-Token": SHOPIFY_TOKEN, "Content-Type": "application/json"}
    bodies = _graphql_bodies()
    for body in bodies[:UPSERT_POOL // BATCH]:  # create every customer once: the measured requests update
        client.post(SHOPIFY_GRAPHQL, data=body, headers=headers)
    answer = client.post(SHOPIFY_GRAPHQL, data=bodies[0], headers=headers)
    endpoint = cpu_ms(_post(client, SHOPIFY_GRAPHQL, bodies, headers), n)
    bare = cpu_ms(_post(client, f"{BARE_PATH}?bytes={len(answer.data)}", bodies, headers), n)
    store = app.extensions["store"]
    shop = store.shops[store.grant(SHOPIFY_TOKEN).shop]  # the shop the bench's token names
    parse = cpu_ms(lambda i: json.loads(bodies[i % len(bodies)]), n)
    data = answer.get_json()
    encode = cpu_ms(lambda i: json.dumps(data, separators=(",", ":")), n)
    emails = [f"gqlupsert{k}@bench.example" for k in range(UPSERT_POOL)]

    def write(i: int) -> None:
        with shop.lock:
            for k in range(BATCH):
                customer = shop.find_customer_by_email(emails[(i * BATCH + k) % UPSERT_POOL])
                shop.update_customer(customer.id, {"first_name": f"F{i}"}, replace_addresses=True)

    return _row(f"Shopify GraphQL {BATCH} x customerSet (one request)", endpoint, bare, parse, encode,
                cpu_ms(write, n), len(answer.data))


def _row(name: str, endpoint: float, bare: float, parse: float, encode: float, write: float, size: int) -> dict:
    floor = parse + encode + write
    return {"endpoint": name, "answer_bytes": size, "endpoint_ms": round(endpoint, 3), "bare_ms": round(bare, 3),
            "extra_ms": round(endpoint - bare, 3), "parse_ms": round(parse, 3), "encode_ms": round(encode, 3),
            "store_ms": round(write, 3), "floor_ms": round(floor, 3)}


def main() -> None:
    rows = [hubspot(), hubspot(dated=True), shopify()]
    print("| row | endpoint ms | bare ms | extra ms | parse | encode | store work | floor ms |")
    print("|-----|-------------|---------|----------|-------|--------|------------|----------|")
    for r in rows:
        print(f"| {r['endpoint']} | {r['endpoint_ms']} | {r['bare_ms']} | {r['extra_ms']} | {r['parse_ms']} | "
              f"{r['encode_ms']} | {r['store_ms']} | {r['floor_ms']} |")
    print("ratio to a same-size bare route ~ S / (S + extra); best possible ~ S / (S + floor); "
          "S = the bare route's time per request on the real server (1 / its req/s)")


if __name__ == "__main__":
    main()
