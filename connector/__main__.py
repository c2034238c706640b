"""Command line: ``python -m connector sync|serve|status`` (+ ``report``/``workflows`` if installed).

Bad configuration prints one line on stderr and exits 2 (never a traceback)."""

from __future__ import annotations

import argparse
import json
import logging
import sqlite3
import sys
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING

import requests

from connector.checks import check_bind, check_interval, check_now, check_port
from connector.clients.hubspot_paths import VERSIONS
from connector.clock import ClockLike, FixedClock, SystemClock
from connector.config import MODES, from_args, require_receiver_secrets
from connector.errors import ApiError, ConfigError
from connector.reporting.cli import register as register_reports
from connector.shopify_source import API_CHOICES
from connector.state import describe

if TYPE_CHECKING:
    from connector.sync import Connector


def _connection_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--shopify", help="Shopify store base URL (env SHOPIFY_URL)")
    parser.add_argument("--shopify-token", help="Admin API access token (env SHOPIFY_TOKEN)")
    parser.add_argument("--shopify-api", choices=API_CHOICES,
                        help="read Shopify through graphql (default) or rest (env SHOPIFY_API)")
    parser.add_argument("--shopify-api-version", help="Admin API version (default 2026-10; env SHOPIFY_API_VERSION)")
    parser.add_argument("--hubspot", help="HubSpot API base URL (env HUBSPOT_URL)")
    parser.add_argument("--hubspot-token", help="private-app token (env HUBSPOT_TOKEN)")
    parser.add_argument("--hubspot-api-version", choices=VERSIONS,
                        help="HubSpot API version: 2026-09 (default), 2026-03, or v3 for the legacy v3/v4 paths "
                             "(env HUBSPOT_API_VERSION)")
    parser.add_argument("--state", help="state file (default .shophub/state.db; env SHOPHUB_STATE)")
    parser.add_argument("--mode", choices=MODES, help="ecommerce-deals (default) or data-sync")
    parser.add_argument("--store-id", help="the store's id in HubSpot (default harness-shop)")
    parser.add_argument("--shopify-client-id", help="Shopify app client id: OAuth instead of --shopify-token "
                        "(env SHOPIFY_CLIENT_ID)")
    parser.add_argument("--shopify-client-secret", help="Shopify app client secret (env SHOPIFY_CLIENT_SECRET)")
    parser.add_argument("--shopify-refresh-token", help="expiring offline token's refresh token; without it, "
                        "client credentials (env SHOPIFY_REFRESH_TOKEN)")
    parser.add_argument("--hubspot-client-id", help="HubSpot app client id: OAuth instead of --hubspot-token; "
                        "with the secret, contact deletions from the Webhooks Journal too (env HUBSPOT_CLIENT_ID)")
    parser.add_argument("--hubspot-refresh-token", help="HubSpot OAuth refresh token; without it, client "
                        "credentials (env HUBSPOT_REFRESH_TOKEN)")
    parser.add_argument("--hubspot-scopes", help="client-credentials scopes, space-separated (env HUBSPOT_SCOPES)")
    parser.add_argument("--webhook-secret", help="Shopify app secret for webhook HMACs; required by serve "
                        "(env SHOPIFY_WEBHOOK_SECRET; default: the Shopify client secret)")
    parser.add_argument("--hubspot-secret", help="HubSpot app client secret: webhook signatures (required by "
                        "serve) and OAuth (env HUBSPOT_CLIENT_SECRET)")
    parser.add_argument("--webhook-base-url", help="public URL of `serve`; subscribes Shopify webhooks")
    parser.add_argument("--mappings", help="data-sync field mappings and conflict policies (JSON/YAML; "
                                           "env SHOPHUB_MAPPINGS; docs/two-way-sync.md)")
    parser.add_argument("--now", help="run with a fixed clock at this ISO time (timers in separate runs)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    parser.add_argument("--paged-import", action="store_true",
                        help="initial import by paging only (default: bulk operations above 250 records)")
    parser.add_argument("-v", "--verbose", action="store_true", help="log every sync action")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m connector", description="Shopify -> HubSpot connector")
    sub = parser.add_subparsers(dest="command", required=True)
    _connection_args(sub.add_parser("sync", help="setup if needed, import or incremental pass, due timers"))
    serve = sub.add_parser("serve", help="webhook receiver + periodic incremental pass")
    _connection_args(serve)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8080)
    serve.add_argument("--interval", type=float, default=300.0, help="seconds between incremental passes")
    _connection_args(sub.add_parser("status", help="what the state file knows"))
    register_reports(sub)
    from connector.cli_step import register as register_step  # the harness's cmd:/serve: interface
    register_step(sub)
    return parser


def _clock(args: argparse.Namespace) -> ClockLike:
    return FixedClock(check_now("--now", args.now)) if getattr(args, "now", None) else SystemClock()


def run(argv: Sequence[str] | None = None) -> int:
    """Run one command; the exit status follows one rule (docs/connector.md, "Exit codes"):
    0 everything applied, 1 anything not applied (a refused record, a pass that gave up, a failed call),
    2 configuration (flags, environment, the state file). Errors are one line on stderr, never a traceback."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command not in ("sync", "serve", "status"):
        return int(args.func(args) or 0) if hasattr(args, "func") else 2
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, stream=sys.stderr,
                        format="%(message)s")
    try:
        return _command(args)
    except ConfigError as exc:
        return _fail(f"configuration error: {exc}", 2)
    except sqlite3.Error as exc:
        return _fail(f"configuration error: state file {getattr(args, 'state', None) or 'in use'}: "
                     f"{describe(exc)}", 2)
    except (requests.exceptions.InvalidURL, requests.exceptions.InvalidHeader,
            requests.exceptions.MissingSchema, UnicodeError) as exc:
        return _fail(f"configuration error: {type(exc).__name__}: {_one_line(exc)}", 2)
    except ApiError as exc:
        return _fail(_one_line(exc), 1)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - the last net: one line, exit 1, never a traceback
        logging.getLogger("connector").debug("unexpected error", exc_info=True)
        return _fail(f"failed: {type(exc).__name__}: {_one_line(exc)} (run with -v for details)", 1)


def _one_line(exc: BaseException, limit: int = 500) -> str:
    text = " ".join(str(exc).split())
    return text if len(text) <= limit else text[:limit] + "..."


def _fail(message: str, status: int) -> int:
    print(f"connector: {message}", file=sys.stderr)
    return status


def _command(args: argparse.Namespace) -> int:
    from connector.sync import Connector

    config = from_args(args)
    clock = _clock(args)
    if args.command == "serve":
        require_receiver_secrets(config)  # fail closed: the receiver verifies every delivery
        check_port("--port", args.port)
        check_interval("--interval", args.interval)
        check_bind("--host", args.host, args.port)
    connector = Connector(config, clock=clock)
    try:
        if args.command == "status":
            print(json.dumps(connector.status(), indent=2))
            return 0
        if args.command == "sync":
            summary = connector.sync()
            print(json.dumps(summary.to_dict(), indent=2) if args.json else summary.text())
            return 1 if summary.errors else 0
        return _serve(connector, args)
    finally:
        connector.close()


def _serve(connector: Connector, args: argparse.Namespace) -> int:
    """The receiver on a background server; incremental passes every ``--interval`` seconds."""
    from werkzeug.serving import make_server

    try:
        server = make_server(args.host, args.port, connector.receiver_app(), threaded=True)
    except (OSError, OverflowError, ValueError) as exc:
        raise ConfigError(f"cannot listen on {args.host}:{args.port}: {exc}") from None
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    own_url = f"http://{args.host}:{server.server_port}"
    print(f"listening on {own_url}", flush=True)
    if not connector.config.webhook_base_url:  # subscribe Shopify's webhooks to this receiver
        connector.config.webhook_base_url = own_url
    connector.setup()  # idempotent; (re)subscribes the webhooks to the address in use now
    stop = threading.Event()
    try:
        while not stop.is_set():
            try:
                print(connector.sync().text(), flush=True)
            except ApiError as exc:
                print(f"connector: pass failed: {exc}", file=sys.stderr, flush=True)
            except ConfigError:
                raise
            except Exception as exc:  # noqa: BLE001 - the receiver keeps serving; the next pass retries
                print(f"connector: pass failed: {type(exc).__name__}: {_one_line(exc)}", file=sys.stderr,
                      flush=True)
            stop.wait(args.interval)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
    return 0


def main() -> None:
    sys.exit(run())


if __name__ == "__main__":
    main()
