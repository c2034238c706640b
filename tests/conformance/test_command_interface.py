"""The cmd:/serve: interface itself: the fixed environment, {now}, the state directory, a failing
program's last lines, and a receiver killed by `crash connector` and started again."""

import shlex
import sys

from scenarios.connectors import parse_connector
from scenarios.connectors.environment import FIXED
from scenarios.loader import load_text
from tests.conformance.support import EXAMPLE, example_profile, run

STEPS = """name: Every step runs the program once
rules: [my-interface-rule]
at: 2024-03-04T09:00:00Z
steps:
  - connect
  - advance: 90m
  - sync
  - run timers
"""


def dumping_program(out_dir) -> str:
    """A 'connector' that writes its environment and {now} to OUT/<n>-<step>.env."""
    script = ("import os, sys, pathlib; out = pathlib.Path(sys.argv[1]); n = len(list(out.glob('*.env'))); "
              "env = {k: v for k, v in os.environ.items() if k.startswith(('SHOPIFY_', 'HUBSPOT_', 'SHOPHUB_'))}; "
              "env['ARG_NOW'] = sys.argv[2]; "
              "(out / f\"{n}-{env['SHOPHUB_STEP']}.env\").write_text(repr(env)); "
              "state = pathlib.Path(env['SHOPHUB_STATE_DIR']) / 'runs'; "
              "state.write_text(state.read_text() + 'x' if state.exists() else 'x')")
    return f"{shlex.quote(sys.executable)} -c {shlex.quote(script)} {shlex.quote(str(out_dir))} {{now}}"


def test_every_step_gets_the_fixed_environment(tmp_path, target):
    outcome = run(load_text(STEPS, "steps.yaml"), target, parse_connector("cmd:" + dumping_program(tmp_path)))
    assert outcome.status == "passed", outcome.describe()
    runs = {path.stem.split("-", 1)[1]: eval(path.read_text()) for path in sorted(tmp_path.glob("*.env"))}  # noqa: S307
    assert list(runs) == ["connect", "sync", "timers"]
    for step, env in runs.items():
        assert set(FIXED) <= set(env), set(FIXED) - set(env)
        assert env["SHOPHUB_STEP"] == step and env["ARG_NOW"] == env["SHOPHUB_NOW"]
        assert env["SHOPIFY_URL"].startswith("http://127.0.0.1:") and "/admin" not in env["SHOPIFY_URL"]
        assert env["HUBSPOT_URL"].startswith("http://127.0.0.1:") and env["SHOPIFY_STORE"] == "harness-shop"
        assert "SHOPHUB_RECEIVER_PORT" not in env   # no serve: given
    assert runs["connect"]["SHOPHUB_NOW"].startswith("2024-03-04T09:00:00")
    assert runs["sync"]["SHOPHUB_NOW"].startswith("2024-03-04T10:30:00")
    dirs = {env["SHOPHUB_STATE_DIR"] for env in runs.values()}
    assert len(dirs) == 1   # kept across the steps of one scenario …
    outcome = run(load_text(STEPS, "steps.yaml"), target, parse_connector("cmd:" + dumping_program(tmp_path)))
    later = {eval(p.read_text())["SHOPHUB_STATE_DIR"] for p in tmp_path.glob("*.env")} - dirs  # noqa: S307
    assert len(later) == 1 and later != dirs   # … and fresh for the next


def test_a_failing_program_fails_the_step_with_its_last_lines(target):
    command = f"{shlex.quote(sys.executable)} -c \"import sys; print('\\n'.join(f'line {{i}}' for i in range(40))); sys.exit(3)\""
    outcome = run(load_text(STEPS, "steps.yaml"), target, parse_connector("cmd:" + command))
    text = outcome.describe()
    assert outcome.status == "failed" and outcome.step.kind == "connect"
    assert "cmd: connect exited with status 3; last output:" in text and "line 39" in text and "line 20" not in text


CRASH = """name: A receiver killed by crash connector takes webhooks again after the restart
rules: [S6]
steps:
  - connect
  - crash connector
  - restart connector
  - create customer: {email: ada@example.com, first_name: Ada}
  - deliver webhooks
  - expect:
      contact ada@example.com: {firstname: Ada}
"""


def test_crash_kills_the_receiver_and_restart_starts_it_again(tmp_path, target):
    pids = tmp_path / "pids"
    program = f"{shlex.quote(sys.executable)} {shlex.quote(str(EXAMPLE))}"
    serve = f"echo $$ >> {shlex.quote(str(pids))}; exec {program}"
    # the example without a sync step: only its receiver can have made the contact
    outcome = run(load_text(CRASH, "crash.yaml"), target, parse_connector([f"cmd:{program}", f"serve:{serve}"]),
                  example_profile())
    assert outcome.status == "passed", outcome.describe()
    assert len(pids.read_text().split()) == 2   # started at connect, again at the restart
