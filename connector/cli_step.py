"""``python -m connector step``: one step of the harness's ``cmd:``/``serve:`` interface.

Reads the fixed environment (docs/conformance.md): ``SHOPHUB_STEP`` is ``connect`` (setup),
``sync`` (setup if needed, import or incremental pass, due timers), ``timers`` (only due timers) or
``serve`` (the webhook receiver on ``SHOPHUB_RECEIVER_PORT``, nothing else). ``SHOPHUB_NOW`` is the
clock of a step; ``serve`` reads the time from ``SHOPHUB_NOW_FILE`` (which the harness rewrites when
it moves time), else the system clock (under faketime, the simulated time). State
is ``$SHOPHUB_STATE_DIR/state.db``; with ``SHOPHUB_RECEIVER_PORT`` set, ``connect`` subscribes
Shopify's webhooks to ``http://127.0.0.1:$SHOPHUB_RECEIVER_PORT``.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping
from pathlib import Path

STEPS = ("connect", "sync", "timers", "serve")


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("step", help="one harness step from SHOPHUB_STEP (connect|sync|timers|serve) "
                                         "and the SHOPIFY_*/HUBSPOT_*/SHOPHUB_* environment")
    parser.set_defaults(func=run_step)


def config_from_env(env: Mapping[str, str]):  # noqa: ANN201 - a ConnectorConfig
    from connector.clients.hubspot_paths import DEFAULT_VERSION
    from connector.config import ConnectorConfig, StoreConfig
    state_dir = Path(env["SHOPHUB_STATE_DIR"])
    state_dir.mkdir(parents=True, exist_ok=True)
    port = env.get("SHOPHUB_RECEIVER_PORT", "")
    # a static token, or an OAuth client (connector-auth.md); none defaulted: validate() names what is missing
    store = StoreConfig(store_id=env["SHOPIFY_STORE"], shopify_url=env["SHOPIFY_URL"].rstrip("/"),
                        shopify_token=env.get("SHOPIFY_TOKEN", ""),
                        webhook_secret=env.get("SHOPIFY_WEBHOOK_SECRET", "") or env.get("SHOPIFY_CLIENT_SECRET", ""),
                        api_version=env.get("SHOPIFY_API_VERSION") or "2026-10",
                        shopify_api=env.get("SHOPIFY_API") or "graphql",
                        shopify_client_id=env.get("SHOPIFY_CLIENT_ID", ""),
                        shopify_client_secret=env.get("SHOPIFY_CLIENT_SECRET", ""),
                        shopify_refresh_token=env.get("SHOPIFY_REFRESH_TOKEN", ""))
    return ConnectorConfig(hubspot_url=env["HUBSPOT_URL"].rstrip("/"), hubspot_token=env.get("HUBSPOT_TOKEN", ""),
                           stores=[store], mode=env.get("SHOPHUB_MODE", "ecommerce-deals"),
                           state_path=str(state_dir / "state.db"),
                           hubspot_client_secret=env.get("HUBSPOT_CLIENT_SECRET", ""),
                           hubspot_api_version=env.get("HUBSPOT_API_VERSION") or DEFAULT_VERSION,
                           webhook_base_url=f"http://127.0.0.1:{port}" if port else "",
                           hubspot_client_id=env.get("HUBSPOT_CLIENT_ID", ""),
                           hubspot_refresh_token=env.get("HUBSPOT_REFRESH_TOKEN", ""),
                           hubspot_scopes=env.get("HUBSPOT_SCOPES", ""))


class FileClock:
    """The time written in a file (ISO, one line), read at every ``now()``."""

    def __init__(self, path: str) -> None:
        self.path = Path(path)

    def now(self):  # noqa: ANN201 - a datetime
        from connector.clock import parse_iso
        return parse_iso(self.path.read_text(encoding="ascii").strip())


def _clock(step: str, env: Mapping[str, str]):  # noqa: ANN202
    from connector.clock import FixedClock, SystemClock
    if step == "serve":
        return FileClock(env["SHOPHUB_NOW_FILE"]) if env.get("SHOPHUB_NOW_FILE") else SystemClock()
    return FixedClock(env["SHOPHUB_NOW"]) if env.get("SHOPHUB_NOW") else SystemClock()


def run_step(args: argparse.Namespace, env: Mapping[str, str] | None = None) -> int:  # noqa: ARG001
    from connector.errors import ApiError, ConfigError
    from connector.sync import Connector

    env = os.environ if env is None else env
    step = env.get("SHOPHUB_STEP", "")
    if step not in STEPS:
        print(f"connector: SHOPHUB_STEP must be one of {', '.join(STEPS)}, not {step!r}", file=sys.stderr)
        return 2
    try:
        config = config_from_env(env)
        clock = _clock(step, env)
    except (KeyError, ConfigError, ValueError) as exc:
        print(f"connector: configuration error: {exc}", file=sys.stderr)
        return 2
    connector = Connector(config, clock=clock)
    try:
        if step == "serve":
            from werkzeug.serving import make_server
            server = make_server("127.0.0.1", int(env["SHOPHUB_RECEIVER_PORT"]), connector.receiver_app(),
                                 threaded=True)
            print(f"listening on http://127.0.0.1:{server.server_port}", flush=True)
            server.serve_forever()
            return 0
        if step == "connect":
            connector.setup()
        elif step == "timers":
            print(f"{connector.tick()} timer(s) done")
        else:
            print(connector.sync().text())
        return 0
    except ApiError as exc:
        print(f"connector: {exc}", file=sys.stderr)
        return 1
    except ConfigError as exc:  # e.g. serve without its signing secrets (the receiver fails closed)
        print(f"connector: configuration error: {exc}", file=sys.stderr)
        return 2
    finally:
        connector.close()
