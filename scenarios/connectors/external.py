"""``cmd:COMMAND`` (+ ``serve:COMMAND``): a connector in any language, as external processes.

``cmd:`` runs once per ``connect``, ``sync`` and ``run timers`` step (``SHOPHUB_STEP`` = ``connect``,
``sync`` or ``timers``) through the shell, with the fixed environment (environment.py); ``{now}``
in the command is replaced by ``SHOPHUB_NOW``. A non-zero exit fails the step with the program's
last output lines. ``serve:`` is started at the first connector step with ``SHOPHUB_STEP=serve``
and ``SHOPHUB_RECEIVER_PORT``; HubSpot's webhooks reach it at ``POST /webhooks/hubspot`` and
Shopify's at the addresses it subscribed. ``crash connector`` kills it (and an armed crash kills
the step's program once the HubSpot mock has journalled that many more writes); ``restart
connector`` starts it again on the same port and state directory.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import threading
import time
from collections import deque
from pathlib import Path
from typing import TYPE_CHECKING

from mocks.core.clock import format_iso
from scenarios.connectors import faketime
from scenarios.connectors.environment import connector_environment
from scenarios.connectors.proxy import ReceiverProxy
from scenarios.errors import StepFailed

if TYPE_CHECKING:
    from scenarios.connectors.spec import ConnectorSpec
    from scenarios.targets.base import Session

STEP_TIMEOUT = 120.0        # seconds one cmd: step may take
RECEIVER_START = 20.0       # seconds serve: has to accept connections
OUTPUT_LINES = 15           # last lines shown when a program fails
POLL = 0.005                # seconds between journal reads while a crash is armed
READS = ("/search", "/batch/read")


class ConnectorCrashed(RuntimeError):
    """The armed crash happened (the runner expects this name)."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _tail(text: str, lines: int = OUTPUT_LINES) -> str:
    return "\n".join(text.rstrip().splitlines()[-lines:])


class CommandConnector:
    """The steps of one scenario, run as processes; state lives in ``state_dir`` between them."""

    def __init__(self, spec: ConnectorSpec, session: Session, state_dir: Path, port: int) -> None:
        self.spec, self.session, self.state_dir, self.port = spec, session, state_dir, port
        self.state_dir.mkdir(parents=True, exist_ok=True)
        self.crash_after: int | None = None
        self.receiver: subprocess.Popen | None = None
        self.receives_webhooks = bool(spec.serve)
        self.step_timeout = STEP_TIMEOUT
        self.lib = faketime.library()
        self.stamp_files = {"step": state_dir.parent / "faketime-step.stamp",      # frozen
                            "serve": state_dir.parent / "faketime-serve.stamp"}    # running on
        self.now_file = state_dir.parent / "now"
        self.time_moved()
        if spec.serve:
            self._start_receiver()

    # --- the steps ---------------------------------------------------------------------------
    def setup(self) -> None:
        self._run("connect")

    def sync(self) -> None:
        self._run("sync")

    def tick(self) -> None:
        self._run("timers")

    def arm_crash(self, after_hubspot_writes: int) -> None:
        self.crash_after = after_hubspot_writes

    def disconnect(self, store: str) -> None:
        raise StepFailed("`disconnect` has no step in the cmd: interface (SHOPHUB_STEP is connect, sync or timers)")

    def time_moved(self) -> None:
        """The harness moved the simulated clock: faked programs follow, and SHOPHUB_NOW_FILE says it."""
        moment = self.session.clock.now()
        temporary = self.now_file.with_suffix(".tmp")
        temporary.write_text(format_iso(moment) + "\n", encoding="ascii")
        temporary.replace(self.now_file)
        if self.lib:
            for kind, path in self.stamp_files.items():
                faketime.write_stamp(path, moment, running=kind == "serve")

    # --- processes ---------------------------------------------------------------------------
    def _env(self, step: str) -> dict[str, str]:
        env = {**os.environ, **connector_environment(self.session, step, str(self.state_dir)),
               "SHOPHUB_NOW_FILE": str(self.now_file)}
        if self.spec.serve:
            env["SHOPHUB_RECEIVER_PORT"] = str(self.port)
        if self.lib:
            self.time_moved()
            stamp = self.stamp_files["serve" if step == "serve" else "step"]
            env.update(faketime.environment(self.lib, stamp, os.environ.get("LD_PRELOAD", "")))
        return env

    def _command(self, command: str, env: dict[str, str]) -> str:
        return command.replace("{now}", env["SHOPHUB_NOW"])

    def _run(self, step: str) -> None:
        """One step's program; the mocks' clock runs meanwhile (see ``Session.external_step``)."""
        with self.session.external_step():
            self._run_program(step)

    def _run_program(self, step: str) -> None:
        env = self._env(step)
        process = subprocess.Popen(self._command(self.spec.command, env), shell=True, env=env,
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                   start_new_session=True)
        output: deque[str] = deque(maxlen=200)
        reader = threading.Thread(target=lambda: output.extend(process.stdout or ()), daemon=True)
        reader.start()
        crashed = self._watch_for_crash(process) if self.crash_after is not None else False
        try:
            code = process.wait(timeout=self.step_timeout)
        except subprocess.TimeoutExpired:
            _kill(process)
            reader.join(5)
            raise StepFailed(f"cmd: {step} took longer than {self.step_timeout:.0f}s and was killed; last output:\n"
                             + _tail("".join(output))) from None
        reader.join(5)
        if crashed:
            self.stop()
            raise ConnectorCrashed(f"killed after {self.crash_after} HubSpot write(s)")
        if code != 0:
            raise StepFailed(f"cmd: {step} exited with status {code}; last output:\n" + _tail("".join(output)))

    def _writes(self) -> int:
        entries = self.session.admin("hubspot").requests()
        return sum(1 for e in entries if e["method"] != "GET" and not e["path"].endswith(READS))

    def _watch_for_crash(self, process: subprocess.Popen) -> bool:
        """Kill the step's program (SIGKILL) once the HubSpot mock journalled N more writes."""
        limit, start = self.crash_after or 0, self._writes()
        while process.poll() is None:
            if self._writes() - start >= limit:
                _kill(process)
                self.crash_after = None
                return True
            time.sleep(POLL)
        return False

    def _start_receiver(self) -> None:
        env = self._env("serve")
        log = (self.state_dir.parent / "receiver.log").open("a", encoding="utf-8")
        self.receiver = subprocess.Popen(self._command(self.spec.serve, env), shell=True, env=env, stdout=log,
                                         stderr=subprocess.STDOUT, start_new_session=True)
        log.close()
        deadline = time.monotonic() + RECEIVER_START
        while time.monotonic() < deadline:
            if self.receiver.poll() is not None:
                raise StepFailed(f"serve: exited with status {self.receiver.returncode} before accepting "
                                 f"connections on port {self.port}; last output:\n{self._receiver_log()}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
            except OSError:
                time.sleep(0.02)
                continue
            if self.session.receiver is not None:
                self.session.receiver.app = ReceiverProxy(f"http://127.0.0.1:{self.port}")
            return
        self.stop()
        raise StepFailed(f"serve: did not accept connections on port {self.port} within {RECEIVER_START:.0f}s; "
                         f"last output:\n{self._receiver_log()}")

    def _receiver_log(self) -> str:
        path = self.state_dir.parent / "receiver.log"
        return _tail(path.read_text(encoding="utf-8", errors="replace")) if path.exists() else ""

    def stop(self) -> None:
        """Kill the receiver (SIGKILL: a crash gives no chance to tidy up)."""
        if self.session.receiver is not None:
            self.session.receiver.app = None
        if self.receiver is not None:
            _kill(self.receiver)
            self.receiver = None

    def close(self) -> None:
        self.stop()


def _kill(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        pass
