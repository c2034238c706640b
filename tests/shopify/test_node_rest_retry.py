"""``@shopify/shopify-api``'s REST client, with its own 429 retry, gets its answers from a rate-limited mock.

The library (13.1.0, the newest that runs on Node 20) reads ``Retry-After`` with ``parseInt`` as
milliseconds (Shopify/shopify-app-js#3364): Shopify's ``2.0`` makes it wait 2 ms, not 2 s. So the mock has a
one-call bucket that leaks a call every 5 ms, on a clock that moves 3 ms with each answer and stands still
otherwise (a 429 is an answer too): every call after the first is throttled once and its retry let through,
however fast or loaded the machine is (on the wall clock a loaded machine's calls came too slowly to be
throttled at all). The REST client reaches the mock with ``hostScheme: 'http'`` and a session whose shop is
the mock's ``host:port`` (the shop domain is only validated in OAuth flows; a custom-store-app session built by hand is taken as given).
"""

from __future__ import annotations

import pytest

from mocks.core import Clock, serve
from mocks.shopify import DEFAULT_TOKEN, ShopifyConfig, create_app
from tests.nodejs import node_project, run_node

from .conftest import Receiver

PACKAGE = "@shopify/shopify-api@13.1.0"
CALLS = 30

SCRIPT = r"""
import '@shopify/shopify-api/adapters/node';
import {shopifyApi, Session, LogSeverity} from '@shopify/shopify-api';

const retries = [];
const shopify = shopifyApi({
  apiSecretKey: 'shpss_harness_secret', apiKey: 'harness', adminApiAccessToken: process.env.TOKEN,
  isCustomStoreApp: true, apiVersion: '2026-01', hostName: 'localhost', hostScheme: 'http',
  isEmbeddedApp: false, future: {},
  logger: {level: LogSeverity.Debug, httpRequests: true, timestamps: false,
           log: async (severity, message) => { if (message.includes('Retrying HTTP request')) retries.push(message); }},
});
const session = new Session({id: 'offline_mock', shop: process.env.SHOP, state: '', isOnline: false,
                             accessToken: process.env.TOKEN});
const client = new shopify.clients.Rest({session});
const names = [];
const limits = [];
for (let i = 0; i < Number(process.env.CALLS); i++) {
  const response = await client.get({path: 'shop', tries: 4});
  names.push(response.body.shop.myshopify_domain);
  limits.push(response.headers['X-Shopify-Shop-Api-Call-Limit']);
}
console.log(JSON.stringify({names, limits, retries: retries.length}));
"""


@pytest.fixture()
def throttled_mock():
    clock = Clock.simulated()
    config = ShopifyConfig(clock=clock, rate_limit=True, bucket_size=1, leak_rate=200.0,
                           webhook_transport=Receiver(), auto_deliver=False)
    app = create_app(config)

    @app.after_request
    def _tick(response):  # noqa: ANN001, ANN202 - the mock's time moves with the calls, not the wall
        clock.advance(0.003)
        return response
    handle = serve(app)
    yield handle.url, app
    handle.shutdown()


def test_official_node_rest_client_retries_429_and_gets_every_answer(throttled_mock):
    project = node_project(PACKAGE)
    url, app = throttled_mock
    result = run_node(project, SCRIPT, {"SHOP": url.removeprefix("http://"), "TOKEN": DEFAULT_TOKEN,
                                        "CALLS": str(CALLS)}, timeout=60)
    assert result["names"] == ["harness-shop.myshopify.com"] * CALLS  # every call got its answer
    assert result["retries"] == CALLS - 1  # ... each after the first once, after the mock said 429
    assert {limit[0] for limit in result["limits"]} <= {"0/1", "1/1"}  # the one-call bucket, on each answer
    throttled = [e for e in app.extensions["mock"].journal.entries() if e.status == 429]
    assert len(throttled) == result["retries"], result
    assert len(app.extensions["mock"].journal.entries()) == CALLS + result["retries"]
