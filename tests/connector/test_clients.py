"""Clients against a tiny local Flask stub: retries (429 + Retry-After, 5xx, dropped connections),
pacing before the limit, cursor paging, batching, clear errors. All waiting goes through ``sleep``."""

from __future__ import annotations

import random

import pytest
import requests
from flask import Flask, jsonify, request

from connector.clients.http import RetryPolicy
from connector.clients.hubspot import HubSpotClient, hubspot_pacer, is_write
from connector.clients.shopify import ShopifyClient, next_link, parse_call_limit
from connector.errors import HubSpotError, ShopifyError
from mocks.core.server import serve


class Script:
    """Responses to play in order per path; records every request."""

    def __init__(self) -> None:
        self.plan: dict[str, list] = {}
        self.seen: list[tuple[str, str, dict, object]] = []

    def app(self) -> Flask:
        app = Flask("stub")

        @app.route("/<path:path>", methods=["GET", "POST", "PUT", "DELETE", "PATCH"])
        def any_path(path: str):
            self.seen.append((request.method, "/" + path, request.args.to_dict(flat=False),
                              request.get_json(silent=True)))
            queue = self.plan.get("/" + path) or []
            status, body, headers = queue.pop(0) if len(queue) > 1 else (queue[0] if queue else (200, {}, {}))
            return jsonify(body), status, headers

        return app


@pytest.fixture()
def stub():
    script = Script()
    with serve(script.app()) as handle:
        script.url = handle.url
        yield script


def sleeps():
    log: list[float] = []
    return log, log.append


def test_429_honours_retry_after(stub):
    stub.plan["/crm/objects/2026-09/contacts/batch/upsert"] = [
        (429, {"status": "error", "errorType": "RATE_LIMIT"}, {"Retry-After": "2.5"}),
        (200, {"status": "COMPLETE", "results": [{"id": "1", "properties": {"email": "a@b.c"}}]}, {})]
    log, sleep = sleeps()
    client = HubSpotClient(stub.url, "t", sleep=sleep)
    out = client.upsert("contacts", "email", [("a@b.c", {"firstname": "A"})])
    assert out["a@b.c"]["id"] == "1"
    assert log == [2.5]
    assert client.stats.retries["429"] == 1 and client.calls == 2


def test_5xx_backs_off_exponentially_with_jitter(stub):
    stub.plan["/admin/api/2024-10/customers.json"] = [(502, {}, {}), (503, {}, {}), (200, {"customers": []}, {})]
    log, sleep = sleeps()
    client = ShopifyClient(stub.url, "t", sleep=sleep, rng=random.Random(1),
                           policy=RetryPolicy(base_delay=1.0, max_delay=60, jitter=0.25))
    assert list(client.paginate("customers")) == []
    assert len(log) == 2 and 1.0 <= log[0] <= 1.25 and 2.0 <= log[1] <= 2.5
    assert client.stats.retries["5xx"] == 2


def test_backoff_is_capped():
    policy = RetryPolicy(base_delay=1, max_delay=5, jitter=0)
    assert [policy.backoff(n, random.Random(0)) for n in (1, 2, 3, 4, 5)] == [1, 2, 4, 5, 5]


class DroppingSession(requests.Session):
    """Drops the connection on the first ``drops`` calls (as a network fault would)."""

    def __init__(self, drops: int, exc: type[Exception] = requests.ConnectionError) -> None:
        super().__init__()
        self.drops, self.exc = drops, exc

    def request(self, *args, **kwargs):
        if self.drops:
            self.drops -= 1
            raise self.exc("connection reset by peer")
        return super().request(*args, **kwargs)


def test_dropped_connection_and_timeout_are_retried(stub):
    stub.plan["/crm/pipelines/2026-09/deals"] = [(200, {"results": [{"id": "p"}]}, {})]
    log, sleep = sleeps()
    client = HubSpotClient(stub.url, "t", sleep=sleep, session=DroppingSession(1))
    assert client.pipelines("deals") == [{"id": "p"}]
    assert client.stats.retries["connection"] == 1 and len(log) == 1
    client = HubSpotClient(stub.url, "t", sleep=sleep, session=DroppingSession(1, requests.ReadTimeout))
    assert client.pipelines("deals") == [{"id": "p"}]
    assert client.stats.retries["timeout"] == 1


def test_gives_up_with_an_error_naming_the_call(stub):
    stub.plan["/crm/objects/2026-09/contacts/batch/upsert"] = [(503, {"message": "down"}, {})]
    log, sleep = sleeps()
    client = HubSpotClient(stub.url, "t", sleep=sleep, policy=RetryPolicy(max_attempts=3))
    with pytest.raises(HubSpotError) as err:
        client.upsert("contacts", "email", [("a@b.c", {})])
    assert str(err.value).startswith("POST /crm/objects/2026-09/contacts/batch/upsert -> 503:")
    assert len(log) == 2 and client.calls == 3


def test_4xx_is_not_retried(stub):
    stub.plan["/crm/objects/2026-09/contacts/batch/upsert"] = [
        (400, {"status": "error", "message": "Property \"x\" does not exist", "category": "VALIDATION_ERROR"}, {})]
    log, sleep = sleeps()
    client = HubSpotClient(stub.url, "t", sleep=sleep)
    with pytest.raises(HubSpotError, match=r'batch/upsert -> 400: Property "x" does not exist'):
        client.upsert("contacts", "email", [("a@b.c", {})])
    assert log == [] and client.calls == 1
    stub.plan["/admin/api/2024-10/orders.json"] = [(404, {"errors": "Not Found"}, {})]
    with pytest.raises(ShopifyError, match="GET /admin/api/2024-10/orders.json -> 404: Not Found"):
        ShopifyClient(stub.url, "t", sleep=sleep).get("orders")


def test_shopify_paces_before_the_bucket_is_full(stub):
    stub.plan["/admin/api/2024-10/products.json"] = [(200, {"products": []}, {"X-Shopify-Shop-Api-Call-Limit": "39/40"}),
                                                    (200, {"products": []}, {"X-Shopify-Shop-Api-Call-Limit": "10/40"})]
    log, sleep = sleeps()
    client = ShopifyClient(stub.url, "t", sleep=sleep)
    client.get("products")
    assert len(log) == 1 and log[0] > 0 and client.stats.paced == 1
    client.get("products")
    assert len(log) == 1
    assert parse_call_limit("32/40") == (32, 40) and parse_call_limit(None) == (0, 0)


def test_hubspot_paces_on_remaining():
    pace = hubspot_pacer()
    response = requests.Response()
    response.headers.update({"X-HubSpot-RateLimit-Remaining": "0",
                             "X-HubSpot-RateLimit-Interval-Milliseconds": "10000", "X-HubSpot-RateLimit-Max": "100"})
    assert pace(response) == 10.0
    response.headers["X-HubSpot-RateLimit-Remaining"] = "3"
    assert 0 < pace(response) < 1
    response.headers["X-HubSpot-RateLimit-Remaining"] = "50"
    assert pace(response) == 0


def test_shopify_cursor_paging_sends_only_limit_and_page_info(stub):
    url = stub.url + "/admin/api/2024-10/customers.json?limit=250&page_info=abc"
    stub.plan["/admin/api/2024-10/customers.json"] = [
        (200, {"customers": [{"id": 1}]}, {"Link": f'<{url}>; rel="next"'}),
        (200, {"customers": [{"id": 2}]}, {})]
    client = ShopifyClient(stub.url, "t", sleep=lambda s: None)
    assert [c["id"] for c in client.paginate("customers", {"updated_at_min": "2024-01-01"})] == [1, 2]
    first, second = stub.seen[-2][2], stub.seen[-1][2]
    assert first == {"updated_at_min": ["2024-01-01"], "limit": ["250"]}
    assert second == {"limit": ["250"], "page_info": ["abc"]}
    assert next_link('<a>; rel="previous", <b>; rel="next"') == "b"


def test_hubspot_batches_of_100_and_search_paging(stub):
    stub.plan["/crm/objects/2026-09/products/batch/upsert"] = [(200, {"results": []}, {})]
    client = HubSpotClient(stub.url, "t", sleep=lambda s: None)
    client.upsert("products", "k", [(str(i), {}) for i in range(250)])
    sizes = [len(body["inputs"]) for m, p, _, body in stub.seen if p.endswith("batch/upsert")]
    assert sizes == [100, 100, 50]
    stub.plan["/crm/objects/2026-09/deals/search"] = [
        (200, {"total": 2, "results": [{"id": "1"}], "paging": {"next": {"after": "1"}}}, {}),
        (200, {"total": 2, "results": [{"id": "2"}]}, {})]
    assert [d["id"] for d in client.search("deals")] == ["1", "2"]
    assert stub.seen[-1][3]["after"] == "1"


def test_write_classification_and_counting(stub):
    assert is_write("POST", "/crm/objects/2026-09/deals/batch/upsert")
    assert not is_write("POST", "/crm/objects/2026-09/deals/search")
    assert not is_write("POST", "/crm/objects/2026-09/deals/batch/read")
    assert not is_write("GET", "/crm/pipelines/2026-09/deals")
    client = HubSpotClient(stub.url, "t", sleep=lambda s: None)
    seen = []
    client.after_write = lambda method, path: seen.append(path)
    client.archive("deals", ["1"])
    client.pipelines("deals")
    assert client.writes == 1 and seen == ["/crm/objects/2026-09/deals/batch/archive"]
