"""``python -m mocks.shopify --port P [--host H] [--token T] [--rate-limit on|off] [--now ISO]``."""

from __future__ import annotations

import sys

from mocks.core.server import base_arguments, clock_from_arguments, run_forever
from mocks.shopify.app import create_app
from mocks.shopify.config import DEFAULT_CLIENT_ID, DEFAULT_SECRET, DEFAULT_SHOP, ShopifyConfig, TokenGrant


def main(argv: list[str] | None = None) -> None:
    parser = base_arguments("python -m mocks.shopify", "A stateful mock of the Shopify Admin REST API (2026-xx).")
    parser.add_argument("--shop", default=DEFAULT_SHOP, help=f"shop the --token values open (default {DEFAULT_SHOP})")
    parser.add_argument("--secret", default=DEFAULT_SECRET,
                        help="app client secret: signs webhooks, authenticates /admin/oauth/access_token")
    parser.add_argument("--client-id", default=DEFAULT_CLIENT_ID, help=f"app client id (default {DEFAULT_CLIENT_ID})")
    args = parser.parse_args(argv)
    config = ShopifyConfig(admin=not args.no_admin, api_secret=args.secret, client_id=args.client_id)
    if args.token:
        config.tokens = [TokenGrant(token, args.shop) for token in args.token]
    if args.rate_limit is not None:
        config.rate_limit = args.rate_limit == "on"
    config.clock = clock_from_arguments(parser, args)
    run_forever(create_app(config), args.host, args.port)


if __name__ == "__main__":
    main(sys.argv[1:])
