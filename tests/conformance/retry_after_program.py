"""A tiny cmd: connector that honours ``Retry-After`` with a real sleep (stdlib only).

Usage: ``retry_after_program.py LOG [BURST]``. On ``SHOPHUB_STEP=sync`` it calls ``GET shop.json``
``BURST`` times (default 1); every 429
is waited out for ``Retry-After`` seconds of real time and retried, at most ``MAX_WAITS`` times in
all, after which it gives up (exit 1) — so a deadlock shows as a quick failure, not a hang. It
appends one JSON line per step to ``LOG``: the step, ``SHOPHUB_NOW``, the
waits it made, and the mocks' clock (``GET /__admin/clock``) before and after its requests.
"""

import json
import os
import sys
import time
import urllib.error
import urllib.request

MAX_WAITS = 5


def get(url: str, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def mocks_now(base: str) -> str:
    return json.loads(get(base + "/__admin/clock", {})[2])["now"]


def main() -> int:
    env = os.environ
    step, base = env["SHOPHUB_STEP"], env["SHOPIFY_URL"]
    record = {"step": step, "now": env["SHOPHUB_NOW"], "waits": []}
    if step == "sync":
        record["clock_before"] = mocks_now(base)
        url = f"{base}/admin/api/{env['SHOPIFY_API_VERSION']}/shop.json"
        headers = {"X-Shopify-Access-Token": env["SHOPIFY_TOKEN"]}
        for _ in range(int(sys.argv[2]) if len(sys.argv) > 2 else 1):
            status, answer, _body = get(url, headers)
            while status == 429:
                if len(record["waits"]) == MAX_WAITS:
                    print(f"still throttled after {MAX_WAITS} waits on Retry-After: giving up")
                    return 1
                wait = float(answer.get("Retry-After", "1"))
                record["waits"].append(wait)
                time.sleep(wait)
                status, answer, _body = get(url, headers)
            if status != 200:
                print(f"shop.json answered {status}")
                return 1
        record["clock_after"] = mocks_now(base)
    with open(sys.argv[1], "a", encoding="utf-8") as log:
        log.write(json.dumps(record) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
