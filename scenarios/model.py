"""A loaded scenario: plain frozen data, with the file position of every step."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from scenarios.errors import Mark

if TYPE_CHECKING:
    from scenarios.world import World

MODES = ("ecommerce-deals", "data-sync")
DEFAULT_STORE = "harness-shop"
DEFAULT_START = "2024-03-04T09:00:00Z"   # a Monday morning, mid-month: reports have a "this month"


@dataclass(frozen=True)
class Step:
    """One step as written: its kind, main argument, options, and where it is."""

    kind: str
    arg: Any
    options: Mapping[str, Any]
    mark: Mark
    number: int
    section: str = "steps"
    spec: Any = None   # what the kind parsed at load time (e.g. the subjects of an expect)

    def title(self) -> str:
        """The step as one line, for progress output and failure messages."""
        text = self.kind
        if self.arg is not None:
            text += f": {_short(self.arg)}"
        for key, value in self.options.items():
            text += f" {key}={_short(value)}"
        return text


def _short(value: Any, limit: int = 80) -> str:
    text = value if isinstance(value, str) else _flow(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _flow(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    return str(value)


@dataclass(frozen=True)
class Scenario:
    """What a scenario file says."""

    name: str
    rules: tuple[str, ...]
    file: str
    mark: Mark
    mode: str = MODES[0]
    stores: tuple[str, ...] = (DEFAULT_STORE,)
    at: str = DEFAULT_START
    tags: tuple[str, ...] = ()   # `portable` (any correct connector) or `reference` (our decided choices)
    given: tuple[Step, ...] = ()
    steps: tuple[Step, ...] = ()

    @property
    def all_steps(self) -> tuple[Step, ...]:
        return self.given + self.steps


@dataclass
class LoadContext:
    """What the loader knows while reading steps in order: the names defined so far."""

    stores: tuple[str, ...]
    mode: str
    names: dict[str, str] = field(default_factory=dict)   # reference name → record kind


Runner = Callable[["World", Step], None]
Parser = Callable[[Step, LoadContext], Any]


@dataclass(frozen=True)
class StepKind:
    """A kind of step: its name as written, what it accepts, and the function that runs it.

    ``arg``: "none", "optional" or "required". ``sandbox``: what a sandbox run does with it —
    "run", "skip" (harmless to leave out: inspection of the mocks) or "scenario" (the scenario
    proves nothing without it, so the whole scenario is skipped). ``defines`` is the record kind
    that ``as:`` names; ``refs`` are the fields holding references as ``path:kind|kind``
    (``@`` is the main argument, ``lines[].product`` a field of each list item).
    """

    name: str
    run: Runner
    arg: str = "required"
    options: frozenset[str] = frozenset()
    sandbox: str = "run"
    given: bool = False
    defines: str | None = None
    refs: tuple[str, ...] = ()
    parse: Parser | None = None
    help: str = ""
