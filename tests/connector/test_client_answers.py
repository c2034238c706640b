"""Hostile answers from a server (issue 15): ``Retry-After`` is capped and parsed defensively, and a 2xx
whose body is HTML or JSON of the wrong shape is a clear, retried error, never a traceback."""

from __future__ import annotations

import pytest
import requests
from flask import Flask, Response

from connector.clients.http import MAX_RETRY_AFTER, retry_after_seconds
from connector.clients.hubspot import HubSpotClient
from connector.clients.shopify import ShopifyClient
from connector.errors import HubSpotError, ShopifyError
from mocks.core.server import serve


def answer(headers: dict[str, str]) -> requests.Response:
    response = requests.Response()
    response.status_code = 429
    response.headers.update(headers)
    return response


@pytest.mark.parametrize("value,seconds", [("2.5", 2.5), ("86400", MAX_RETRY_AFTER), ("9" * 12, MAX_RETRY_AFTER), ("1e308", None),
                                           ("-5", None), ("0", 0.0), (" 3 ", 3.0), ("inf", None), ("-inf", None),
                                           ("nan", None), ("Wed, 21 Oct 2026 07:28:00 GMT", None), ("", None),
                                           ("\u0663", None)])
def test_retry_after_is_capped_and_only_a_finite_number_counts(value, seconds):
    got = retry_after_seconds(answer({"Retry-After": value}))
    assert got == seconds


def served(plan: list[tuple[int, str, str, dict]]):
    """A server that plays ``(status, body, content type, headers)`` in order (the last one repeats)."""
    app = Flask("hostile")
    queue = list(plan)

    @app.route("/<path:path>", methods=["GET", "POST"])
    def any_path(path: str) -> Response:
        status, body, kind, headers = queue.pop(0) if len(queue) > 1 else queue[0]
        return Response(body, status=status, mimetype=kind, headers=headers)

    return serve(app)


def test_a_day_long_retry_after_waits_the_cap_not_a_day():
    waits: list[float] = []
    ok = (200, '{"status": "COMPLETE", "results": []}', "application/json", {})
    with served([(429, "{}", "application/json", {"Retry-After": "86400"}), ok]) as handle:
        client = HubSpotClient(handle.url, "t", sleep=waits.append)
        client.batch("contacts", "create", [{"properties": {}}])
    assert waits == [MAX_RETRY_AFTER]


def test_an_infinite_retry_after_falls_back_to_the_backoff():
    waits: list[float] = []
    ok = (200, '{"shop": {"id": 1}}', "application/json", {})
    with served([(503, "{}", "application/json", {"Retry-After": "inf"}), ok]) as handle:
        client = ShopifyClient(handle.url, "t", sleep=waits.append)
        assert client.get("shop") == {"shop": {"id": 1}}
    assert len(waits) == 1 and 0 < waits[0] <= 1.0


@pytest.mark.parametrize("body,kind", [("<html><body>Bad gateway</body></html>", "text/html"),
                                       ("[1, 2, 3]", "application/json"), ('"text"', "application/json"),
                                       ("{not json", "application/json")])
def test_a_2xx_with_a_body_that_is_not_a_json_object_is_a_clear_error(body, kind):
    waits: list[float] = []
    with served([(200, body, kind, {})]) as handle:
        client = ShopifyClient(handle.url, "t", sleep=waits.append)
        with pytest.raises(ShopifyError, match="gave up after 6 attempts: answered 200 with"):
            client.get("customers")
        assert client.stats.retries["bad body"] == 5
    with served([(200, body, kind, {})]) as handle:
        hub = HubSpotClient(handle.url, "t", sleep=waits.append)
        with pytest.raises(HubSpotError, match="answered 200 with"):
            hub.pipelines("deals")


def test_a_bad_2xx_followed_by_a_good_one_is_retried_through():
    waits: list[float] = []
    with served([(200, "<html>captive portal</html>", "text/html", {}),
                 (200, '{"customers": []}', "application/json", {})]) as handle:
        client = ShopifyClient(handle.url, "t", sleep=waits.append)
        assert list(client.paginate("customers")) == []
        assert client.stats.retries["bad body"] == 1


@pytest.mark.parametrize("body", ['{"customers": "none"}', '{"customers": [1, 2]}', '{"customers": {"a": 1}}'])
def test_a_shopify_list_of_the_wrong_shape_is_a_clear_error(body):
    with served([(200, body, "application/json", {})]) as handle:
        client = ShopifyClient(handle.url, "t", sleep=lambda s: None)
        with pytest.raises(ShopifyError, match="wrong shape: 'customers' is not a list of objects"):
            list(client.paginate("customers"))


@pytest.mark.parametrize("body", ['{"results": "none"}', '{"results": [null]}', '{"results": {"id": "1"}}'])
def test_a_hubspot_result_list_of_the_wrong_shape_is_a_clear_error(body):
    with served([(200, body, "application/json", {})]) as handle:
        client = HubSpotClient(handle.url, "t", sleep=lambda s: None)
        with pytest.raises(HubSpotError, match="wrong shape: 'results' is not a list of objects"):
            client.pipelines("deals")
        with pytest.raises(HubSpotError, match="wrong shape"):
            client.batch("contacts", "upsert", [{"id": "a", "properties": {}}])
