"""``python -m mocks.hubspot --port P [--host H] [--token T]``: serve the HubSpot mock."""

from __future__ import annotations

from mocks.core.server import base_arguments, clock_from_arguments, run_forever
from mocks.hubspot.app import create_app
from mocks.hubspot.auth import TIERS, all_scopes
from mocks.hubspot.config import DEFAULT_TOKEN, HubSpotConfig


def main(argv: list[str] | None = None) -> None:
    parser = base_arguments("python -m mocks.hubspot", "Serve the HubSpot CRM API mock.")
    parser.add_argument("--tier", choices=sorted(TIERS), default="professional", help="rate-limit tier")
    parser.add_argument("--api-addon", action="store_true",
                        help="the API limit increase: 250 per 10 s and 1,000,000 more calls a day")
    parser.add_argument("--client-id", default=None, help="app client id (client-credentials tokens)")
    parser.add_argument("--client-secret", default=None, help="app client secret (webhook signatures, tokens)")
    parser.add_argument("--developer-key", default=None, help="developer API key for /webhooks/v3")
    args = parser.parse_args(argv)
    config = HubSpotConfig(tier=args.tier, api_addon=args.api_addon, admin=not args.no_admin)
    config.tokens = {token: all_scopes() for token in (args.token or [DEFAULT_TOKEN])}
    if args.rate_limit is not None:
        config.rate_limit = args.rate_limit == "on"
    config.clock = clock_from_arguments(parser, args)
    if args.client_id:
        config.client_id = args.client_id
    if args.client_secret:
        config.client_secret = args.client_secret
    if args.developer_key:
        config.developer_key = args.developer_key
    run_forever(create_app(config), args.host, args.port)


if __name__ == "__main__":
    main()
